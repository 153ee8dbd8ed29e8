/**
 * A speck read as text beside a value ("“a" after "California", "oi®" after a month) is dropped
 * before lines are formed: it is read near zero confidence and far smaller than the line's other
 * words. Synthetic OCR words, through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'counts',
  columns: [{ field: 'place', aliases: ['Place'] }, { field: 'count', aliases: ['Count'], anchor: true }],
});
const word = (text: string, x0: number, x1: number, top: number, confidence = 0.95, height = 8): Word =>
  ({ text, x0, x1, y0: top + 8 - height, y1: top + 8, size: 10, confidence, source: 'ocr' });

function rowsOf(extra: (top: number) => Word[]): { place?: string; count?: string }[] {
  const words = [word('Place', 48, 80, 80), word('Count', 240, 270, 80)];
  for (let i = 0; i < 4; i++) {
    const top = 100 + 16 * i;
    words.push(word('Alameda,', 48, 90, top), word('California', 94, 140, top), word('49', 240, 252, top), ...extra(top));
  }
  const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
  return extractTables([page], [SPEC]).tables[0]!.rows.map((r) => ({
    place: r.cells.place?.text, count: r.cells.count?.text,
  }));
}

describe('a speck read as text', () => {
  it('stays out of the cell it lies in, also when it sits above the line\'s words', () => {
    expect(rowsOf((top) => [word('“a', 150, 156, top, 0.0, 2.2)]).map((r) => [r.place, r.count])).toEqual(Array(4).fill(['Alameda, California', '49']));
    // ".e" 2 pt tall at the top of its line, where no other word's band reaches its centre.
    expect(rowsOf((top) => [{ ...word('.e', 150, 156, top, 0.0, 2), y0: top - 1, y1: top + 1 }]).map((r) => r.place)).toEqual(Array(4).fill('Alameda, California'));
  });

  it('at the scan\'s edge, read with confidence, does not put its row outside the table', () => {
    expect(rowsOf((top) => (top === 116 ? [word('a', 5, 8, top, 0.62)] : [])).map((r) => r.place)).toEqual(Array(4).fill('Alameda, California'));
  });

  it('alone on a line between two rows, makes no row of its own (fresh seed 1154424652)', () => {
    // A "." read at 0.56 in the count column, and a 3 pt "I'D" at 0 beside a "=", each a line of its own.
    const between = (w: Word) => ({ ...w, y0: 110.6, y1: 110.6 + w.y1 - w.y0 });
    const dot = rowsOf((top) => (top === 100 ? [between(word('.', 244, 247, top, 0.56, 2.6))] : []));
    expect(dot.map((r) => [r.place, r.count])).toEqual(Array(4).fill(['Alameda, California', '49']));
    const junk = rowsOf((top) => (top === 100 ? [between(word("I'D", 240, 246, top, 0, 2.9)), between(word('=', 50, 53, top, 0.6, 2.4))] : []));
    expect(junk.map((r) => [r.place, r.count])).toEqual(Array(4).fill(['Alameda, California', '49']));
    // A 2 pt "a" read at 0.72 (fresh seed 1154424645, a 200 DPI sandwich).
    const confident = rowsOf((top) => (top === 100 ? [between(word('a', 50, 53, top, 0.72, 2))] : []));
    expect(confident.map((r) => [r.place, r.count])).toEqual(Array(4).fill(['Alameda, California', '49']));
  });

  it('is not a small word read with confidence, nor a word as tall as the others', () => {
    expect(rowsOf((top) => [word('a', 150, 156, top, 0.6, 4)]).map((r) => r.place)).toEqual(Array(4).fill('Alameda, California a'));
    expect(rowsOf((top) => [word('Ca', 150, 160, top, 0.05, 8)]).map((r) => r.place)).toEqual(Array(4).fill('Alameda, California Ca'));
  });
});

describe('a speck glued to the start of an anchor value', () => {
  // Months start rows; OCR read a speck touching "June" as a quote glued to it.
  const MONTHS = TableLayoutSpecSchema.parse({
    name: 'policies',
    columns: [{ field: 'place', aliases: ['Place'] }, { field: 'enacted', aliases: ['Enacted'], anchor: true, anchorPattern: '^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)' }],
  });
  const rows = (month: string, source: Word['source']) => {
    const words = [word('Place', 48, 80, 80), word('Enacted', 240, 280, 80)];
    ['July', month, 'May'].forEach((m, i) => {
      const top = 100 + 16 * i;
      words.push(word('Arlington', 48, 90, top), word('County', 94, 124, top), word(m, 240, 262, top, 0.57), word('2012', 265, 285, top));
    });
    const page: PageTokens = { page: 1, width: 612, height: 792, words: words.map((w) => ({ ...w, source })), rulings: [], source };
    return extractTables([page], [MONTHS]).tables[0]!.rows.map((r) => r.cells.enacted?.text);
  };

  it('still starts its row (fresh seed 1154424647: two Section III rows read as one)', () => {
    expect(rows('"June', 'ocr')).toEqual(['July 2012', '"June 2012', 'May 2012']);
    expect(rows('*.June', 'ocr')).toEqual(['July 2012', '*.June 2012', 'May 2012']);
  });

  it('is not dropped from a text layer, whose punctuation is printed', () => {
    expect(rows('"June', 'text')).toEqual(['July 2012 "June 2012', 'May 2012']);
  });
});
