/**
 * A second look at doubtful OCR cells. Page OCR reads a whole page in sparse-text mode, where a
 * date smudged by the scan can come back as a word ("SHEL") or lose a digit. For columns of a
 * closed form the family declares what a cell looks like (ColumnSpec.recheck: a pattern and the
 * characters it is written with). A cell that does not match the pattern, or was read with low
 * confidence, is cut out of the page image (its column's bounds × its row's band, rulings painted
 * out) and read again as a single line with only those characters allowed. The second reading
 * replaces the first only when it matches the pattern and is the more confident of the two; the
 * first stays on the cell as `firstReading`, and the caller records a finding.
 */
import { z } from 'zod';
import { trimSpecks, type Box, type Ruling } from '../layout/tokens.ts';
import type { CellValue, ExtractedTable } from '../table/extract.ts';
import type { TableLayoutSpec } from '../table/spec.ts';
import type { GrayImage } from './gray.ts';

export const RecheckSettingsSchema = z.object({
  belowConfidence: z.number().min(0).max(1).default(0.9)
    .describe('cells read with less confidence get a second look even when they match their pattern ("2/10/2047")'),
  insetPt: z.number().nonnegative().default(1)
    .describe('the cell is cut this far inside its column bounds, so the edge of a neighbouring cell is not read as a digit'),
  padPt: z.number().nonnegative().default(2)
    .describe('... and this far above and below its row\'s text, so no ascender or descender is cut'),
  disagreementConfidence: z.number().min(0).max(1).default(0.7)
    .describe('most confidence a cell keeps when its second reading replaces a first that read otherwise: it goes to review'),
  marginPx: z.number().int().nonnegative().default(10)
    .describe('white border put around the cut-out cell: Tesseract finds lines poorly when ink touches the image edge'),
  filledColumnShare: z.number().min(0).max(1).default(0.5)
    .describe('an optional column with text in at least this share of a table\'s rows is one the report fills: its empty OCR cells get a second look too'),
  emptyMinConfidence: z.number().min(0).max(1).default(0.5)
    .describe('an empty required cell takes what its second look reads only at this confidence or more: below it, a speck may have been read'),
  paperLevel: z.number().int().min(0).max(255).default(248)
    .describe('pixels of the cut-out at least this light become white: a cell is mostly paper, and Tesseract\'s global threshold on it can fall inside the paper\'s scan noise (250-254), so a clean "17" reads as nothing. Just under that noise, so the light edges of degraded glyphs stay (at 230 a smudged "6" read as "8" more confidently)'),
  paperMargin: z.number().int().min(0).max(255).default(6)
    .describe('... or, when the cell\'s own paper (the median of its pixels) is darker, those at most this much darker than it: on a grey zebra row (242) the white margin put around the cell made Tesseract\'s threshold fall between the margin and the cell, and every date there read as garbage ("2B 20.7")'),
});
export type RecheckSettings = z.infer<typeof RecheckSettingsSchema>;
export const DEFAULT_RECHECK_SETTINGS: RecheckSettings = RecheckSettingsSchema.parse({});

/** One cell to read again: where it is (PDF points, the page's deskewed frame) and what it may contain. */
export interface CellToRecheck {
  /** The spec's name (the table findings name). */
  table: string;
  /** The extracted table the cell is in (ExtractedTable.id): one spec may yield several. */
  tableId: string;
  /** 1-based row index in that table. */
  row: number;
  field: string;
  page: number;
  box: Box;
  pattern: string;
  /** Characters Tesseract may read; empty allows all. */
  charset: string;
  /**
   * A closed-form cell takes one line of the second reading (its value); an empty cell of a
   * required column, which page OCR skipped (a short word alone in a cell), takes all its lines.
   */
  take: 'best-line' | 'all-lines';
}

/** What an empty cell's second reading must hold to fill it: some letter or digit. */
const ANY_TEXT = '[\\p{L}\\p{N}]';
const hasText = (cell: CellValue | undefined) => cell !== undefined && new RegExp(ANY_TEXT, 'u').test(cell.text);

export interface LineReading {
  text: string;
  /** The line's weakest word, 0..1. */
  confidence: number;
}

/** What the second look read in a cell, line by line (specks may read as a line of their own). */
export interface CellReading {
  lines: LineReading[];
}

/** A second reading that replaced a cell's first. */
export interface AppliedRecheck {
  cell: CellToRecheck;
  firstReading: string;
  /** The new text, and the confidence given to the cell. */
  reading: LineReading;
  /** Whether the page OCR had read the same value (among specks). */
  agree: boolean;
}

const matches = (pattern: string, text: string) => new RegExp(pattern, 'u').test(text);

/**
 * The OCR'd cells to read again: those of closed-form columns that do not match their pattern or
 * were read with low confidence, and the empty cells of required columns and of columns filled in
 * most rows (page OCR can skip a short word alone in a cell, such as a state code, which the
 * cut-out cell alone shows plainly).
 */
export function cellsToRecheck(tables: readonly ExtractedTable[], specs: readonly TableLayoutSpec[], settings: RecheckSettings = DEFAULT_RECHECK_SETTINGS): CellToRecheck[] {
  const cells: CellToRecheck[] = [];
  for (const table of tables) {
    const spec = specs.find((s) => s.name === table.spec);
    for (const column of spec?.columns ?? []) {
      const filled = table.rows.filter((r) => hasText(r.cells[column.field])).length;
      if (!column.recheck && !column.required && filled < settings.filledColumnShare * table.rows.length) continue;
      for (const row of table.rows) {
        const bounds = row.columns[column.field];
        const band = row.boxes.find((b) => b.page === row.page)?.box;
        if (row.source !== 'ocr' || !bounds || !band) continue;
        const cell = row.cells[column.field];
        const form = column.recheck
          ? { ...column.recheck, take: 'best-line' as const }
          : { pattern: ANY_TEXT, charset: '', take: 'all-lines' as const };
        const doubtful = column.recheck
          ? !cell || !matches(column.recheck.pattern, cell.text) || cell.confidence < settings.belowConfidence
          : !hasText(cell);
        if (!doubtful) continue;
        cells.push({
          table: table.spec, tableId: table.id, row: row.index, field: column.field, page: row.page,
          box: { x0: bounds.x0 + settings.insetPt, x1: bounds.x1 - settings.insetPt, y0: band.y0 - settings.padPt, y1: band.y1 + settings.padPt },
          ...form,
        });
      }
    }
  }
  return cells;
}

/** The cell's paper: the median of its pixels, since a cell is mostly paper (255 for an empty box). */
function cellPaper(page: GrayImage, x0: number, x1: number, y0: number, y1: number): number {
  const counts = new Uint32Array(256);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) counts[page.data[y * page.width + x]!]!++;
  const half = ((x1 - x0) * (y1 - y0)) / 2;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += counts[v]!;
    if (seen > half) return v;
  }
  return 255;
}

/**
 * The cell's pixels from the page image, with the page's rulings painted white (a cell border
 * read with a digits-only charset becomes a 1), its near-white paper made white, and a white
 * margin around them.
 */
export function cutOutCell(page: GrayImage, scale: number, box: Box, rulings: readonly Ruling[], settings: RecheckSettings = DEFAULT_RECHECK_SETTINGS): GrayImage {
  const x0 = Math.max(0, Math.floor(box.x0 * scale)), x1 = Math.min(page.width, Math.ceil(box.x1 * scale));
  const y0 = Math.max(0, Math.floor(box.y0 * scale)), y1 = Math.min(page.height, Math.ceil(box.y1 * scale));
  const margin = settings.marginPx;
  const width = Math.max(0, x1 - x0) + 2 * margin, height = Math.max(0, y1 - y0) + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  // A cell whose median is darker than mid-grey is no paper with ink on it: its pixels stay.
  const own = cellPaper(page, x0, x1, y0, y1);
  const paper = own > 127 ? Math.min(settings.paperLevel, own - settings.paperMargin) : settings.paperLevel;
  for (let y = y0; y < y1; y++) data.set(page.data.subarray(y * page.width + x0, y * page.width + x1).map((v) => (v >= paper ? 255 : v)), (y - y0 + margin) * width + margin);
  for (const r of rulings) {
    // A ruling's box is its centre line widened by its thickness; one pixel more takes its blur.
    const rx0 = Math.floor(r.x0 * scale) - 1 - x0 + margin, rx1 = Math.ceil(r.x1 * scale) + 1 - x0 + margin;
    const ry0 = Math.floor(r.y0 * scale) - 1 - y0 + margin, ry1 = Math.ceil(r.y1 * scale) + 1 - y0 + margin;
    const left = Math.max(0, rx0), right = Math.min(width, rx1);
    if (left >= right) continue;
    for (let y = Math.max(0, ry0); y < Math.min(height, ry1); y++) data.fill(255, y * width + left, y * width + right);
  }
  return { width, height, data };
}

/** The first of the most confident readings, or null when there is none. */
function mostConfident(readings: readonly LineReading[]): LineReading | null {
  return readings.reduce<LineReading | null>((best, r) => (best && best.confidence >= r.confidence ? best : r), null);
}

/**
 * What the page OCR read that has the cell's form: the whole cell, else its most confident word
 * that matches on its own ("2/16/2017" in "2/16/2017 -", where a speck became a word).
 */
function firstValue(cell: CellValue | undefined, pattern: string): LineReading | null {
  if (!cell) return null;
  if (matches(pattern, cell.text)) return { text: cell.text, confidence: cell.confidence };
  return mostConfident(cell.words.filter((w) => matches(pattern, w.text)).map((w) => ({ text: w.text, confidence: w.confidence })));
}

/**
 * The most confident line of the reading that matches the pattern, if any; a line may match once
 * specks read as punctuation at its ends are dropped (",5").
 */
function bestLine(reading: CellReading | undefined, pattern: string): LineReading | null {
  const candidates = (reading?.lines ?? [])
    .map((l) => (matches(pattern, l.text) ? l : { ...l, text: trimSpecks(l.text) }))
    .filter((l) => matches(pattern, l.text));
  return mostConfident(candidates);
}

/**
 * The lines of the reading that hold text, in order, as one text, when every one was read
 * confidently enough; lines of specks alone are dropped.
 */
function allLines(reading: CellReading | undefined, pattern: string, minConfidence: number): LineReading | null {
  const lines = (reading?.lines ?? []).map((l) => ({ ...l, text: trimSpecks(l.text) })).filter((l) => matches(pattern, l.text));
  const confidence = Math.min(...lines.map((l) => l.confidence));
  return lines.length > 0 && confidence >= minConfidence ? { text: lines.map((l) => l.text).join(' '), confidence } : null;
}

/**
 * Replaces each cell whose second reading has a line that matches its pattern and either agrees
 * with what the page OCR read of that form, or is more confident than it (or the page OCR read
 * nothing of that form). Returns what was replaced.
 */
export function applyRechecks(tables: readonly ExtractedTable[], cells: readonly CellToRecheck[], readings: readonly CellReading[], settings: RecheckSettings = DEFAULT_RECHECK_SETTINGS): AppliedRecheck[] {
  const applied: AppliedRecheck[] = [];
  cells.forEach((cell, i) => {
    const reading = cell.take === 'all-lines' ? allLines(readings[i], cell.pattern, settings.emptyMinConfidence) : bestLine(readings[i], cell.pattern);
    const row = tables.find((t) => t.id === cell.tableId)?.rows.find((r) => r.index === cell.row);
    if (!reading || !row) return;
    const current = row.cells[cell.field];
    const firstReading = current?.text ?? '';
    const first = firstValue(current, cell.pattern);
    if (reading.text === firstReading) return;
    const agree = first !== null && first.text === reading.text;
    // Two independent readings that agree are worth the better of the two; when they disagree
    // the more confident wins, but the cell stays doubtful.
    if (!agree && first !== null && first.confidence >= reading.confidence) return;
    const confidence = agree ? Math.max(first.confidence, reading.confidence) : Math.min(reading.confidence, settings.disagreementConfidence);
    row.cells[cell.field] = {
      lines: [reading.text], text: reading.text, words: current?.words ?? [],
      boxes: [{ page: cell.page, box: cell.box }], confidence, firstReading,
    };
    applied.push({ cell, firstReading, reading: { text: reading.text, confidence }, agree });
  });
  return applied;
}
