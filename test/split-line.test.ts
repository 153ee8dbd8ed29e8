/**
 * One printed line of an OCR'd cell that the page's line grouping split in two (a stretched box
 * beside it pulled some of its words up: "Will … detainers" over "not honor") is one line of the
 * cell again, its words in their order across the page. Two lines of a wrapped cell, which
 * overlap across the page, stay two. Synthetic OCR words through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { groupIntoLines } from '../src/layout/lines.ts';
import { extractTables } from '../src/table/extract.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
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

describe('OCR boxes stretched by noise below or above their word', () => {
  const box = (text: string, x0: number, x1: number, y0: number, y1: number, source: Word['source'] = 'ocr', confidence = 0.9): Word =>
    ({ text, x0, x1, y0, y1, size: 7.4, confidence, source });
  const texts = (words: Word[]) => groupIntoLines(words, DEFAULT_EXTRACTION_SETTINGS.lines).map((l) => l.text);

  it('stay on their line, a speck beside them notwithstanding', () => {
    // "County," stretched down to 137 moves its centre past the line's tolerance.
    const header = [box('*', 62, 64, 126.2, 128.6, 'ocr', 0.7), box('County,', 68, 105, 126.2, 137.3), box('State', 112, 140, 126.2, 132.5),
      box('.', 218, 221, 130.3, 132.5, 'ocr', 0.6), box('Issued', 627, 661, 125.8, 132.5), box('Detainers', 667, 718, 125.5, 132.7)];
    expect(texts(header)).toEqual(['* County, State . Issued Detainers']);
    // A count beside its row, its row's name stretched down.
    expect(texts([box('Marion,', 67, 100, 141.1, 153.1), box('Iowa', 112, 130, 140.9, 153.1), box('87', 765, 775, 140.4, 146.9)])).toEqual(['Marion, Iowa 87']);
  });

  it('but two lines of a cell, overlapping across the page, stay two; and a text layer is grouped by centres only', () => {
    expect(texts([box('Ramsey', 40, 70, 100, 107), box('County', 40, 70, 104, 118)])).toHaveLength(2);
    expect(texts([box('County,', 68, 105, 126.2, 140, 'text', 1), box('State', 112, 140, 126.2, 132.5, 'text', 1)])).toHaveLength(2);
    expect(texts([box('County,', 68, 105, 126.2, 140), box('State', 112, 140, 126.2, 132.5)])).toHaveLength(1);
  });
});
