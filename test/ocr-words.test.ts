import { describe, expect, it } from 'vitest';
import type { Ruling, Word } from '../src/layout/tokens.ts';
import { splitAtRulings, withoutRulingGlyphs } from '../src/ocr/words.ts';

const word = (text: string, x0: number, x1: number): Word => ({ text, x0, x1, y0: 100, y1: 110, size: 10, confidence: 0.9, source: 'ocr' });
const ruling = (x: number): Ruling => ({ orientation: 'v', x0: x - 0.3, x1: x + 0.3, y0: 50, y1: 300 });

describe('cell borders read as glyphs', () => {
  it('takes a "|", "[" or "]" on a vertical ruling off the word, and its width off the box', () => {
    expect(withoutRulingGlyphs(word('Detainer|', 304, 354), [ruling(352)])).toMatchObject({ text: 'Detainer', x0: 304, x1: 348.44 });
    expect(withoutRulingGlyphs(word('|Notable', 403, 444), [ruling(403)])).toMatchObject({ text: 'Notable', x0: 408.13, x1: 444 });
    expect(withoutRulingGlyphs(word('1/18/2017]', 305, 351), [ruling(350.5)])!.text).toBe('1/18/2017');
    expect(withoutRulingGlyphs(word('|', 300, 302), [ruling(301)])).toBeNull();
  });

  it('keeps the glyph where no ruling is, and letters that only look like one', () => {
    const declined = word('|Declined', 355, 399);
    expect(withoutRulingGlyphs(declined, [ruling(300)])).toBe(declined);
    const illegal = word('lllegal', 301, 330);
    expect(withoutRulingGlyphs(illegal, [ruling(300.5)])).toBe(illegal);
    const horizontal: Ruling = { orientation: 'h', x0: 0, x1: 600, y0: 105, y1: 105.5 };
    const end = word('Detainer|', 304, 354);
    expect(withoutRulingGlyphs(end, [horizontal])).toBe(end);
  });

  it('splits a word run across a border where a ruling passes through it, dropping a border lookalike there', () => {
    // "Montgomery|Montgomery": 21 characters over 105 pt, the "|" (index 10) at x 350-355.
    const [left, right] = splitAtRulings(word('Montgomery|Montgomery', 300, 405), [ruling(352)]);
    expect(left).toMatchObject({ text: 'Montgomery', x0: 300, x1: 350 });
    expect(right).toMatchObject({ text: 'Montgomery', x0: 355, x1: 405 });
    // The border read as a letter: "CalifornialSan", 14 characters over 70 pt, the "l" at x 350-355.
    expect(splitAtRulings(word('CalifornialSan', 300, 370), [ruling(352)]).map((w) => w.text)).toEqual(['California', 'San']);
    // No border read at all: cut at the character boundary nearest the ruling.
    expect(splitAtRulings(word('CaliforniaSan', 300, 365), [ruling(350.5)]).map((w) => w.text)).toEqual(['California', 'San']);
    const kept = word('Montgomery|Montgomery', 300, 405);
    expect(splitAtRulings(kept, [ruling(200)])).toEqual([kept]);
    expect(splitAtRulings(kept, [ruling(302)])).toEqual([kept]);
    expect(splitAtRulings(kept, [])).toEqual([kept]);
  });
});
