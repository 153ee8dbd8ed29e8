/**
 * The fuzzer's ranges in one place, with documented defaults. Each seed draws its choices inside
 * these ranges (draw.ts); the ranges themselves come from issue 12 and REPORT-FORMAT.md §4, not
 * from what the engine happens to read well.
 */
import { z } from 'zod';

const range = (min: number, max: number) => z.tuple([z.number(), z.number()]).default([min, max]);

export const FuzzSettingsSchema = z.object({
  /** Section II rows of a small report (the default, 3-8 pages) and of a full-size one. */
  declinedRows: range(8, 40),
  declinedRowsFull: range(47, 206),
  /** Section III rows of a small report; a full-size one prints every jurisdiction. */
  policyRows: range(4, 15),
  /** Table and body text size in points. */
  fontSize: range(6.5, 11),
  /** Body text is never drawn smaller than this (points): prose below it is not a report anyone prints. */
  minBodySize: z.number().default(8),
  /** Smallest table type (points) a report shrinks to when a column's longest word does not fit the page. */
  minTableSize: z.number().default(5),
  /** Side of the page-1 logo in points. */
  logoSize: z.number().default(54),
  /** Page margins in points (a quarter inch to an inch). */
  margin: range(18, 72),
  /** Cell padding in points. */
  cellPadding: range(1, 6),
  /** Extra space under a cell's text in points (paragraph spacing: tall rows), when drawn. */
  paragraphSpacing: range(2, 10),
  /** Scan resolutions per kind; 'mixed' pages and sandwiches are scanned in their own range. */
  scan300Dpi: z.number().default(300),
  degraded200Dpi: z.number().default(200),
  degraded150Dpi: z.number().default(150),
  mixedDpi: range(200, 300),
  /** JPEG quality of a clean scan and of a degraded one. */
  cleanJpegQuality: range(60, 90),
  degradedJpegQuality: range(20, 60),
  /** Skew in degrees (either way) of a clean scan and of a degraded one. */
  cleanSkew: range(0, 0.5),
  degradedSkew: range(0, 2),
  /** Grey noise amplitude (0-255) of a degraded scan. */
  noise: range(8, 40),
  /** Gaussian blur radius in pixels of a degraded scan (0: sharp). */
  blur: range(0, 1.2),
  /** Dark specks per page of a degraded scan. */
  specks: range(0, 1200),
  /** Share of scans (but sandwiches) made one-bit, their fills dithered. */
  bilevelShare: z.number().min(0).max(1).default(0.25),
});

export type FuzzSettings = z.infer<typeof FuzzSettingsSchema>;

export const FUZZ_SETTINGS: FuzzSettings = FuzzSettingsSchema.parse({});

/**
 * The "Done when" figures per scan kind, shared by `npm run fuzz` and test/fuzz-seeds.test.ts.
 * Shares of cells or exact rows (0-1); null: no bar for that section.
 */
export const FuzzThresholdsSchema = z.object({
  bornDigitalExactRows: z.number().default(0.995),
  scan300Cells: z.number().default(0.995),
  degraded200Cells: z.object({ declined: z.number().default(0.98), policy: z.number().default(0.95) }).prefault({}),
  degraded150DeclinedCells: z.number().default(0.95),
  /**
   * Every kind's floor, kinds without a bar of their own (mixed, sandwiches) included: a section
   * read under this share of its cells failed, though its rows were found (fresh seed 155819069,
   * an OCRmyPDF copy whose Section III read 0 % and passed).
   */
  anySectionCells: z.number().default(0.5),
  /** Wrong, confident, unflagged cells allowed anywhere. */
  silentErrors: z.number().int().default(0),
});

export const FUZZ_THRESHOLDS = FuzzThresholdsSchema.parse({});
