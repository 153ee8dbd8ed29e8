/**
 * Words a narrow cell's edge broke across two lines with no hyphen (LibreOffice: "Citizenshi" over
 * "p", "2/18/201" over "7", "Snohomis" over "h County"). The whole document is
 * test/fixtures/fuzz/ seed 2701219493 (fuzz-seeds.test.ts); these pin the rules on their own.
 */
import { describe, expect, it } from 'vitest';
import { groupIntoLines } from '../src/layout/lines.ts';
import { mayBeBrokenWord, readBreak } from '../src/layout/broken-words.ts';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { matchHeaderAt } from '../src/table/header.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { DDOR_LAYOUTS } from '../pipelines/ddor/layout.ts';

const SIZE = 11;
/** A text-layer word of 11 pt type, `glyph` points a character. */
const word = (text: string, x0: number, y0: number, glyph = 6): Word => ({
  text, x0, x1: x0 + glyph * [...text].length, y0, y1: y0 + SIZE, size: SIZE, confidence: 1, source: 'text', space: 2.75,
});
const settings = DEFAULT_EXTRACTION_SETTINGS.brokenWords;

describe('a line break inside a word', () => {
  // A column whose widest text is 48 pt: "Snohomis" fills it, no room for the "h".
  const width = 48;

  it('may be one where the line is one word that fills the column and the next line goes on with it', () => {
    expect(mayBeBrokenWord([word('Snohomis', 10, 100)], word('h', 10, 113), width, settings)).toBe(true);
    expect(mayBeBrokenWord([word('2/18/201', 10, 100)], word('7', 10, 113), width, settings)).toBe(true);
  });

  it('is none where the line leaves room, holds two words, or the next starts a word', () => {
    // Room for a glyph or two beside "Snohomi": the break was at a space.
    expect(mayBeBrokenWord([word('Snohom', 10, 100)], word('h', 10, 113), width, settings)).toBe(false);
    expect(mayBeBrokenWord([word('Marijua', 10, 100, 5), word('-', 48, 100, 5)], word('Possess', 10, 113), width, settings)).toBe(false);
    // A capital starts a word: "Dangerous" over "Drugs", "Dominican" over "Republic".
    expect(mayBeBrokenWord([word('Dangerou', 10, 100)], word('Drugs', 10, 113), width, settings)).toBe(false);
    // A year after a month is a word of its own.
    expect(mayBeBrokenWord([word('February', 10, 100)], word('2015', 10, 113), width, settings)).toBe(false);
    // OCR'd words are measured by their boxes as well, but a text-layer line is not continued by an OCR'd one.
    const ocr = (w: Word): Word => ({ ...w, source: 'ocr', confidence: 0.9 });
    expect(mayBeBrokenWord([ocr(word('Snohomis', 10, 100))], ocr(word('h', 10, 113)), width, settings)).toBe(true);
    expect(mayBeBrokenWord([word('Snohomis', 10, 100)], ocr(word('h', 10, 113)), width, settings)).toBe(false);
  });

  it('is read by the words: joined when printed whole elsewhere or English, spaced when both pieces are words, else doubtful', () => {
    const printed = (...words: string[]) => (key: string) => words.includes(key);
    expect(readBreak('Snohomis', 'h', printed('snohomish,', 'snohomish'))).toBe('joined');
    expect(readBreak('Citizenshi', 'p', printed())).toBe('joined');
    expect(readBreak('Willing', 'to', printed())).toBe('spaced');
    expect(readBreak('New', 'york', printed())).toBe('spaced');
    expect(readBreak('Multnoma', 'h', printed())).toBe('doubtful');
    // Both pieces words, and so is the joined one: the geometry alone says which.
    expect(readBreak('Citizen', 'ship', printed())).toBe('doubtful');
  });
});

describe('a header cell whose word the cell edge broke', () => {
  // LibreOffice's Section II header in 11 pt bold over narrow columns (seed 2701219493).
  const header = [
    word('Detainer', 50, 100), word('Detainer', 150, 100), word('Citizenshi', 262, 100), word('Criminal', 381, 100), word('Facility', 732, 100),
    word('Declined', 50, 113), word('Issued', 150, 113), word('p', 262, 113), word('Activity', 381, 113), word('County', 502, 113), word('State', 604, 113), word('Name', 732, 113),
  ];
  const named = (words: Word[]) => {
    const lines = groupIntoLines(words, DEFAULT_EXTRACTION_SETTINGS.lines);
    return matchHeaderAt(lines, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => [c.field, c.text]);
  };

  it('names its column as the word joined again', () => {
    expect(named(header)).toContainEqual(['citizenship', 'Citizenship']);
  });
});

describe('cells whose words the column edge broke', () => {
  // A two-column table of 10 pt type, 5 pt a glyph: the place column's widest text is 40 pt.
  const w = (text: string, x0: number, y0: number): Word => ({ ...word(text, x0, y0, 5), y1: y0 + 10, size: 10, space: 2.5 });
  const spec = TableLayoutSpecSchema.parse({ name: 'sites', columns: [{ field: 'code', aliases: ['Code'], anchor: true }, { field: 'place', aliases: ['Place'] }] });
  const page: PageTokens = {
    page: 1, width: 612, height: 792, rulings: [], source: 'text', words: [
      w('Snohomish,', 50, 60), w('Washington', 105, 60),
      w('Code', 50, 100), w('Place', 200, 100),
      w('A1', 50, 120), w('Snohomis', 200, 120), w('h', 200, 132), w('County', 208, 132),
      w('A2', 50, 160), w('Overland', 200, 160), w('park', 200, 172),
      w('A3', 50, 200), w('Multnom', 200, 200), w('ah', 200, 212),
    ],
  };
  const places = () => extractTables([page], [spec]).tables[0]!.rows.map((r) => [r.cells.place!.text, r.cells.place!.confidence]);

  it('are joined where the document prints the word whole, and go to review where nothing confirms the reading', () => {
    expect(places()).toEqual([
      ['Snohomish County', 1],
      // Two words, joined into none: kept apart, but the edge may have broken "Overlandpark".
      ['Overland park', DEFAULT_EXTRACTION_SETTINGS.brokenWords.unconfirmedConfidence],
      // Printed nowhere whole, and no English word: joined, as the geometry says, for review.
      ['Multnomah', DEFAULT_EXTRACTION_SETTINGS.brokenWords.unconfirmedConfidence],
    ]);
  });
});
