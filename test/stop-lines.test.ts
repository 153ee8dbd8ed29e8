/**
 * Lines that always end a table (a family's stopPatterns, such as section headings) end it
 * though OCR read a speck before them. Synthetic OCR words, through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'counts',
  columns: [{ field: 'place', aliases: ['Place'] }, { field: 'count', aliases: ['Count'], anchor: true }],
});
const word = (text: string, x0: number, top: number, confidence = 0.95): Word =>
  ({ text, x0, x1: x0 + 6 * text.length, y0: top, y1: top + 6, size: 7, confidence, source: 'ocr' });

describe('a stop line', () => {
  it('ends the table when a speck read as "." stands before it (fresh seed 506119443)', () => {
    const words = [
      word('Place', 60, 80), word('Count', 300, 80), word('Travis', 60, 100), word('90', 300, 100), word('Weber', 60, 115), word('80', 300, 115),
      word('.', 52, 130, 0.9), word('Part', 60, 130), word('Two:', 90, 130), word('Holds', 120, 130), word('by', 156, 130), word('week', 172, 130),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [SPEC], { stopPatterns: [/^Part\s+\w+:/u] });
    expect(result.tables[0]!.rows.map((r) => r.cells.place?.text)).toEqual(['Travis', 'Weber']);
    expect(result.text[0]!.lines.map((l) => l.text)).toEqual(['. Part Two: Holds by week']);
  });

  it('keeps a dash within it, which holds no letter or digit (fresh seed 2009010872)', () => {
    const words = [
      word('Place', 60, 80), word('Count', 300, 80), word('Travis', 60, 100), word('90', 300, 100), word('Weber', 60, 115), word('80', 300, 115),
      word('Part', 60, 130), word('Two', 90, 130), word('-', 112, 130), word('Holds', 120, 130),
      // The heading's second line, which would otherwise read as the last row's wrapped place.
      word('by', 60, 139), word('week', 76, 139),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [SPEC], { stopPatterns: [/^Part\s+\w+\s*[-:]/u] });
    expect(result.tables[0]!.rows.map((r) => r.cells.place?.text)).toEqual(['Travis', 'Weber']);
  });
});
