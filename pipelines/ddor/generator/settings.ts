/**
 * Every knob of the sample generator in one place, with documented defaults. Changing a value here
 * changes the committed samples, so regenerate them (npx tsx samples/generate.ts) and commit both.
 */
import { z } from 'zod';

export const GeneratorSettingsSchema = z.object({
  /** Written as CreationDate/ModDate so PDFs are byte-identical across runs. */
  fixedDate: z.date().default(new Date('2017-04-05T12:00:00Z')),
  /** Line height as a multiple of the font size. */
  leading: z.number().positive().default(1.22),
  /** Space between a table cell's border and its text, in points. */
  cellPadding: z.number().nonnegative().default(3),
  /** A Section II detainer issued this many days or fewer before it was declined counts as "recent". */
  recentIssueMaxDays: z.number().int().positive().default(12),
  /** Share of Section II rows whose detainer is months or years old. */
  oldDetainerShare: z.number().min(0).max(1).default(0.18),
  scan: z.object({
    cleanDpi: z.number().int().min(150).max(300).default(300),
    cleanJpegQuality: z.number().min(0).max(100).default(40),
    degradedDpi: z.number().int().min(150).max(300).default(200),
    degradedJpegQuality: z.number().min(0).max(100).default(20),
    /** Skew of the degraded scan in degrees (a sheet fed slightly crooked). */
    degradedSkewDegrees: z.number().default(1.1),
    /** Gaussian-ish grey noise amplitude (0-255) added to every pixel of the degraded scan. */
    degradedNoise: z.number().min(0).max(255).default(24),
    /** Dark specks per page of the degraded scan (dust on the glass). */
    degradedSpecks: z.number().int().nonnegative().default(900),
    mixedDpi: z.number().int().min(150).max(300).default(250),
    mixedJpegQuality: z.number().min(0).max(100).default(45),
  }).prefault({}),
});

export type GeneratorSettings = z.infer<typeof GeneratorSettingsSchema>;

export const SETTINGS: GeneratorSettings = GeneratorSettingsSchema.parse({});
