/**
 * The dark edge of a shaded band on a noisy, skewed scan reads as a line of garbage words at low
 * confidence, which led every cell of the row below it (fresh seed 1307624174, a 200 DPI scan
 * with zebra rows: "SA - ZN Guatemala", "ECA CNB Mexico"; Section II at 90 % of its cells).
 * Synthetic OCR words through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'facility', aliases: ['Facility'] },
    { field: 'country', aliases: ['Country'] },
    { field: 'issued', aliases: ['Issued'], anchor: true, anchorPattern: '^\\d+\\s*/' },
    { field: 'offense', aliases: ['Offense'] },
  ],
});
const X = { facility: 60, country: 220, issued: 330, offense: 450 };
const word = (text: string, x0: number, top: number, confidence = 0.95): Word =>
  ({ text, x0, x1: x0 + 6 * text.length, y0: top, y1: top + 6, size: 7, confidence, source: 'ocr' });
const header = (top: number) => [word('Facility', X.facility, top), word('Country', X.country, top), word('Issued', X.issued, top), word('Offense', X.offense, top)];
const row = (top: number, facility: string, country: string, offense: string) =>
  [word(facility, X.facility, top), word(country, X.country, top), word('1/5/2017', X.issued, top), word(offense, X.offense, top)];
const page = (words: Word[]): PageTokens => ({ page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' });
const cellsOf = (words: Word[]) => extractTables([page(words)], [SPEC]).tables.flatMap((t) => t.rows.map((r) => r.cells));

describe('a line of OCR noise in a row', () => {
  it('adds no text to the cells under it, and sends them to review', () => {
    // Garbage 3.5 pt over the row's line, as close as a wrapped cell's line would be.
    const noise = [word('SA', X.country + 4, 136.5, 0.31), word('ZN', X.country + 20, 136.5, 0.2), word('AIMED', X.offense + 3, 136.5, 0.16), word('ear', X.offense + 40, 136.5, 0.01)];
    const cells = cellsOf([...header(100), ...row(118, 'Cook Jail', 'Mexico', 'Burglary'), ...noise, ...row(140, 'Cook Jail', 'Guatemala', 'Larceny')]);
    expect(cells.map((c) => [c.country?.text, c.offense?.text])).toEqual([['Mexico', 'Burglary'], ['Guatemala', 'Larceny']]);
    const { unreadInkConfidence } = DEFAULT_EXTRACTION_SETTINGS.body;
    expect(cells[1]!.country!.confidence).toBeLessThanOrEqual(unreadInkConfidence);
    expect(cells[1]!.offense!.confidence).toBeLessThanOrEqual(unreadInkConfidence);
    expect(cells[1]!.facility!.confidence).toBeGreaterThan(unreadInkConfidence);
  });

  it('is not a line read poorly whose words the document reads well elsewhere, nor one read fairly well', () => {
    const wrapped = (top: number, confidence: number) => [word('Detention', X.facility, top, confidence), word('Center', X.facility + 60, top, confidence)];
    const poorly = cellsOf([...header(100), ...row(118, 'Cook', 'Mexico', 'Burglary'), ...wrapped(126, 0.2), ...row(140, 'Cook', 'Cuba', 'Larceny'), ...wrapped(148, 0.9)]);
    expect(poorly.map((c) => c.facility?.text)).toEqual(['Cook Detention Center', 'Cook Detention Center']);
    const fairly = cellsOf([...header(100), ...row(118, 'Cook', 'Mexico', 'Burglary'), word('Annex', X.facility, 126, 0.48), word('Qq', X.country, 126, 0.25)]);
    expect(fairly.map((c) => [c.facility?.text, c.country?.text])).toEqual([['Cook Annex', 'Mexico Qq']]);
  });

  it('is not a word misread beyond reading alone in its column (a wrapped cell\'s first line: fresh seed 1307624197)', () => {
    const cells = cellsOf([...header(100), word('Mortoomely', X.facility, 112, 0), ...row(120, 'County Jail', 'Mexico', 'Burglary')]);
    expect(cells[0]!.facility?.text).toBe('Mortoomely County Jail');
  });
});
