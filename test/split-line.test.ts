/**
 * One printed line of an OCR'd cell that the page's line grouping split in two (a stretched box
 * beside it pulled some of its words up: "Will … detainers" over "not honor") is one line of the
 * cell again, its words in their order across the page. Two lines of a wrapped cell, which
 * overlap across the page, stay two. Synthetic OCR words through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'policies',
  columns: [{ field: 'place', aliases: ['Place'], anchor: true }, { field: 'criteria', aliases: ['Criteria'] }],
});
const word = (text: string, x0: number, x1: number, top: number): Word =>
  ({ text, x0, x1, y0: top, y1: top + 8, size: 8, confidence: 0.9, source: 'ocr' });

describe('an OCR\'d cell line split by line grouping', () => {
  it('is joined again in reading order; a wrapped line is not', () => {
    const words = [
      word('Place', 40, 70, 80), word('Criteria', 300, 340, 80),
      word('Salem', 40, 70, 100), word('Will', 300, 320, 100), word('detainers', 360, 400, 100),
      word('not', 323, 338, 104), word('honor', 340, 358, 104),
      word('without', 300, 335, 114), word('a', 338, 343, 114), word('warrant', 346, 380, 114),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [row] = extractTables([page], [SPEC]).tables[0]!.rows;
    expect(row!.cells.criteria!.lines).toEqual(['Will not honor detainers', 'without a warrant']);
  });
});
