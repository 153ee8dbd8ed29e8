/**
 * Lines on a page where no table of a kind was found, that read like its rows (its header, repeated
 * on each page, lost there), are reported; other tables' rows and prose are not. Synthetic OCR
 * words, through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'counts',
  columns: [
    { field: 'place', aliases: ['Place'] },
    { field: 'count', aliases: ['Count'], anchor: true, recheck: { pattern: '^\\d{1,3}(,\\d{3})*$', charset: '0123456789,' } },
  ],
});
const word = (text: string, x0: number, top: number): Word => ({ text, x0, x1: x0 + 5 * text.length, y0: top, y1: top + 8, size: 10, confidence: 0.95, source: 'ocr' });
const page = (n: number, words: Word[]): PageTokens => ({ page: n, width: 612, height: 792, words, rulings: [], source: 'ocr' });
const header = [word('Place', 48, 80), word('Count', 240, 80)];
const row = (place: string, count: string, top: number) => [word(place, 48, top), word(count, 240, top)];

describe('rows on a page where their table was not found', () => {
  it('are reported, with their page; a row of another table, whose date falls in the count column, is not', () => {
    const withoutHeader = page(1, [...row('Travis', '23', 100), ...row('Hays', '4/15/2017', 116), ...row('Clark', '17', 132)]);
    const withHeader = page(2, [...header, ...row('Kern', '12', 100), ...row('King', '9', 116)]);
    const { tables, leftOut } = extractTables([withoutHeader, withHeader], [SPEC]);
    expect(tables[0]!.rows.map((r) => r.cells.place?.text)).toEqual(['Kern', 'King']);
    expect(leftOut).toEqual([
      { table: 'counts', page: 1, line: 'Travis 23', where: 'page-without-table' },
      { table: 'counts', page: 1, line: 'Clark 17', where: 'page-without-table' },
    ]);
  });

  it('are not lines of prose, nor anything on a page the table is on', () => {
    // Prose whose words run on across the column bound with word spaces only ("... issued to ICE
    // 23"), and a speck read as a full stop far right of it, which is no column gap.
    const prose: Word[] = [];
    for (const text of ['The', 'week', 'saw', 'detainers', 'issued', 'to', 'ICE'].reverse()) prose.unshift(word(text, (prose[0]?.x0 ?? 240) - 3 - 5 * text.length, 100));
    const noted = TableLayoutSpecSchema.parse({ ...SPEC, columns: [...SPEC.columns, { field: 'note', aliases: ['Note'] }] });
    const tail = [word('23', 240, 100), word('.', 400, 100)];
    const { leftOut } = extractTables([page(1, [...prose, ...tail]), page(2, [...header, word('Note', 320, 80), ...row('Kern', '12', 100)])], [noted]);
    expect(leftOut).toEqual([]);
  });
});
