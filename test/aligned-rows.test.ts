/**
 * Unruled rows whose cells are centred vertically (HTML's default, LibreOffice's import of it),
 * evenly padded so that no gap sets one row apart from the next: the first lines of a tall cell
 * print above the row's anchor line, and only the cells' shared centre says which row they are
 * in. Also: a date read at low confidence still starts its row. Synthetic OCR words, through
 * the real extractTables.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TextLine } from '../src/layout/lines.ts';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { alignedRowBounds } from '../src/table/aligned-rows.ts';
import { extractTables } from '../src/table/extract.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'facility', aliases: ['Facility'] },
    { field: 'declined', aliases: ['Declined'], anchor: true, anchorPattern: '^\\d+\\s*/', recheck: { pattern: '^\\d{1,2}/\\d{1,2}/\\d{4}$', charset: '0123456789/' } },
    { field: 'offence', aliases: ['Offence'] },
  ],
});
const X = { facility: 60, declined: 200, offence: 320 };
const PITCH = 9;
const word = (text: string, x0: number, top: number, confidence = 0.95): Word =>
  ({ text, x0, x1: x0 + 5 * text.length, y0: top, y1: top + 6, size: 7, confidence, source: 'ocr' });

/** A cell's lines, centred on `middle` (the top of the row's middle line), one word per line. */
const centred = (lines: readonly string[], x: number, middle: number, confidence?: number) =>
  lines.map((text, i) => word(text, x, middle + (i - (lines.length - 1) / 2) * PITCH, confidence));

interface Row { facility: string[]; declined: string; offence: string[]; dateConfidence?: number }

/** Rows stacked with even padding: each as tall as its tallest cell, one pitch (plus `spacing`) apart. */
function rowWords(rows: readonly Row[], top: number, spacing = 0): Word[] {
  let y = top;
  return rows.flatMap((r) => {
    const height = Math.max(r.facility.length, r.offence.length) * PITCH;
    const middle = y + (height - PITCH) / 2;
    y += height + spacing;
    return [...centred(r.facility, X.facility, middle), word(r.declined, X.declined, middle, r.dateConfidence), ...centred(r.offence, X.offence, middle)];
  });
}

const header = (top: number) => [word('Facility', X.facility, top), word('Declined', X.declined, top), word('Offence', X.offence, top)];
const page = (n: number, words: Word[]): PageTokens => ({ page: n, width: 612, height: 792, words, rulings: [], source: 'ocr' });
const read = (pages: PageTokens[]) =>
  extractTables(pages, [SPEC]).tables[0]!.rows.map((r) => [r.cells.facility?.text ?? '', r.cells.declined?.text ?? '', r.cells.offence?.text ?? '']);

const ROWS: Row[] = [
  { facility: ['Twin', 'Towers', 'Jail'], declined: '4/26/2017', offence: ['Driving'] },
  { facility: ['Suffolk', 'House of', 'Correction'], declined: '4/25/2017', offence: ['Assault', 'Domestic'] },
  { facility: ['Otis', 'Bantum', 'Centre', 'Rikers'], declined: '4/27/2017', offence: ['Carrying', 'Weapon'] },
  { facility: ['Polk Jail'], declined: '4/22/2017', offence: ['Larceny'] },
  { facility: ['Union', 'Prison'], declined: '4/23/2017', offence: ['Arson', 'Second', 'Degree'] },
];
const EXPECTED = [
  ['Twin Towers Jail', '4/26/2017', 'Driving'],
  ['Suffolk House of Correction', '4/25/2017', 'Assault Domestic'],
  ['Otis Bantum Centre Rikers', '4/27/2017', 'Carrying Weapon'],
  ['Polk Jail', '4/22/2017', 'Larceny'],
  ['Union Prison', '4/23/2017', 'Arson Second Degree'],
];

describe('rows of vertically centred cells', () => {
  it('are cut where each row\'s cells share their centre, though the gaps are even', () => {
    expect(read([page(1, [...header(80), ...rowWords(ROWS, 100)])])).toEqual(EXPECTED);
  });

  it('leave the lines above a continued page\'s first row to the row the page break cut', () => {
    // Page 1 ends inside the second row; its last facility line and offence line open page 2.
    const page1 = [...header(80), ...rowWords(ROWS.slice(0, 1), 100),
      ...centred(['Suffolk', 'House of'], X.facility, 127 + PITCH / 2), word('4/25/2017', X.declined, 127 + PITCH / 2), word('Assault', X.offence, 127 + PITCH / 2)];
    const page2 = [...header(80), word('Correction', X.facility, 100), word('Domestic', X.offence, 100), ...rowWords(ROWS.slice(2), 100 + PITCH)];
    expect(read([page(1, page1), page(2, page2)])).toEqual(EXPECTED);
  });

  it('spaced apart further than the table\'s usual gap still continue it, with the date alone on its line', () => {
    // Two-line cells beside a one-line date: the date prints on a line of its own, between them.
    const rows = ROWS.map((r) => ({ ...r, facility: r.facility.length % 2 ? [...r.facility, 'Annex'] : r.facility, offence: r.offence.length % 2 ? [...r.offence, 'Count'] : r.offence }));
    const expected = rows.map((r) => [r.facility.join(' '), r.declined, r.offence.join(' ')]);
    expect(read([page(1, [...header(80), ...rowWords(rows, 100, 20)])])).toEqual(expected);
  });

  it('on a page holding one row keep the alignment the table\'s other pages show', () => {
    // Alone on its page, "Twin Towers Jail" would look top-aligned with "Twin" left to the row
    // before; the four rows of page 1 show the cells are centred.
    const order = [1, 2, 3, 4, 0];
    const pages = [page(1, [...header(80), ...rowWords(order.slice(0, 4).map((i) => ROWS[i]!), 100)]), page(2, [...header(80), ...rowWords([ROWS[0]!], 100)])];
    expect(read(pages)).toEqual(order.map((i) => EXPECTED[i]));
  });

  it('move only the bounds whose rows each align better by the gain asked for, not all of a page\'s at once (fresh seed 2973917914, 200 DPI)', () => {
    // The lines as OCR read them. The gaps bound the first rows right and the last two wrong (a
    // two-item cell's second item left to the row below); the best centred bounds move the last
    // bound right, but the first three wrong, where OCR's jitter makes them a little better aligned.
    const fixture = JSON.parse(readFileSync(new URL('fixtures/aligned-rows-seed-2973917914-p3.json', import.meta.url), 'utf8')) as {
      lines: (TextLine & { words: (Word & { column: number })[] })[]; anchors: number[]; gapBounds: number[]; pageBreaks: { continuable: boolean; lastRowMayContinue: boolean };
    };
    const { bounds } = alignedRowBounds(fixture.lines, fixture.anchors, fixture.gapBounds, fixture.pageBreaks, (w) => (w as Word & { column: number }).column, null, DEFAULT_EXTRACTION_SETTINGS.body.alignedRows);
    expect(fixture.gapBounds).toEqual([6, 11, 16, 19, 22, 33, 44, 52, 58]);
    expect(bounds).toEqual([6, 11, 16, 19, 22, 33, 44, 49, 58]);
  });

  it('start a row at a date read with low confidence, which no speck spells', () => {
    const rows = ROWS.map((r, i) => (i === 3 ? { ...r, dateConfidence: 0.25 } : r));
    expect(read([page(1, [...header(80), ...rowWords(rows, 100)])])).toEqual(EXPECTED);
  });
});
