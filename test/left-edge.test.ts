/**
 * A column of one repeated value ("Washington County Jail" on every row of a page) has a river of
 * white space at its own word space, as straight as the gap between the columns and wider than
 * it. Where the next column's values start where its header does (left-aligned), that edge bounds
 * it. Synthetic OCR words, through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'facility', aliases: ['Facility'] },
    { field: 'state', aliases: ['State'], anchor: true },
    { field: 'city', aliases: ['City'] },
  ],
});
const word = (text: string, x0: number, x1: number, top: number): Word =>
  ({ text, x0, x1, y0: top, y1: top + 8, size: 10, confidence: 0.95, source: 'ocr' });

describe('a left-aligned column', () => {
  it('is bounded where its values and header start, not at the word space of a repeated value on its left', () => {
    const words = [word('Facility', 48, 88, 80), word('State', 143, 168, 80), word('City', 240, 260, 80)];
    for (let i = 0; i < 6; i++) {
      const top = 100 + 16 * i;
      words.push(word('Washington', 48, 98, top), word('County', 105, 141, top), word('Oregon', 143.5 + (i % 2) * 0.8, 178, top), word('Hillsboro', 240, 280, top));
    }
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const rows = extractTables([page], [SPEC]).tables[0]!.rows;
    expect(rows.map((r) => [r.cells.facility?.text, r.cells.state?.text])).toEqual(Array.from({ length: 6 }, () => ['Washington County', 'Oregon']));
  });
});

describe('a ruled column whose header OCR read nothing in', () => {
  it('keeps its own words, out of the next column, and each row holding some is named in a finding', async () => {
    const { unnamedColumnFindings } = await import('../src/extract-file.ts');
    const spec = TableLayoutSpecSchema.parse({
      name: 'holds',
      columns: [{ field: 'state', aliases: ['State'], anchor: true }, { field: 'facility', aliases: ['Facility'] }, { field: 'offence', aliases: ['Offence'] }],
    });
    // State | (unread) | Facility | Offence, ruled: the unread cell lies between the rulings at 100 and 160.
    const xs = [40, 100, 160, 260, 380];
    const rulings = xs.map((x) => ({ orientation: 'v' as const, x0: x, x1: x + 0.5, y0: 75, y1: 200 }));
    const words = [word('State', 45, 70, 80), word('Facility', 165, 205, 80), word('Offence', 265, 300, 80)];
    for (let i = 0; i < 3; i++) words.push(word('TX', 45, 57, 100 + 16 * i), word('Austin', 105, 135, 100 + 16 * i), word('Travis', 165, 195, 100 + 16 * i), word('Arson', 265, 290, 100 + 16 * i));
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings, source: 'ocr' };
    const extraction = extractTables([page], [spec]);
    expect(extraction.tables[0]!.rows.map((r) => [r.cells.state?.text, r.cells.facility?.text, r.cells.column_2?.text])).toEqual(Array.from({ length: 3 }, () => ['TX', 'Travis', 'Austin']));
    const findings = unnamedColumnFindings({ layouts: [spec] } as never, 'x.pdf', extraction);
    expect(findings.map((f) => [f.code, f.row])).toEqual([['column-unnamed', 1], ['column-unnamed', 2], ['column-unnamed', 3]]);
  });
});
