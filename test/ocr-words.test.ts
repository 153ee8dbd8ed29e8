import { describe, expect, it } from 'vitest';
import type { Ruling, Word } from '../src/layout/tokens.ts';
import type { OcrPageImage } from '../src/ocr/page-image.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';
import { clippedAtNextWord, splitAtRulings, splitRunTogether, toPageTokens, withoutRulingGlyphs } from '../src/ocr/words.ts';

const word = (text: string, x0: number, x1: number): Word => ({ text, x0, x1, y0: 100, y1: 110, size: 10, confidence: 0.9, source: 'ocr' });
const ruling = (x: number): Ruling => ({ orientation: 'v', x0: x - 0.3, x1: x + 0.3, y0: 50, y1: 300 });

describe('a word box that runs on over the words after it', () => {
  it('ends where the next word of its line begins (fresh seed 257311829: "Declined" over "~~ Criminal")', () => {
    const w = (text: string, x0: number, x1: number): Word => ({ text, x0, x1, y0: 613, y1: 621, size: 9, confidence: 0.9, source: 'ocr' });
    expect(clippedAtNextWord([w('Declined', 339.12, 439.2), w('~~', 388.8, 394.56), w('Criminal', 400.08, 439.2)]).map((x) => [x.text, x.x0, x.x1])).toEqual([
      ['Declined', 339.12, 388.8], ['~~', 388.8, 394.56], ['Criminal', 400.08, 439.2],
    ]);
  });
});

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

describe('words Tesseract read from a border', () => {
  it('drops a word of letters flatter than any text (a row rule read as "DCoTacy"), and keeps a flat dash', () => {
    const scale = 200 / 72;
    const blank = { width: 0, height: 0, data: new Uint8Array() };
    const image: OcrPageImage = { file: 'f.pdf', page: 1, widthPt: 612, heightPt: 792, dpi: 200, dpiAsked: 300, scale, skewDegrees: 0, specks: 0, rulings: [], pixels: blank, undespeckled: blank };
    const px = (pt: number) => pt * scale;
    const tesseractWord = (text: string, x0: number, y0: number, y1: number) => ({ text, confidence: 90, bbox: { x0: px(x0), x1: px(x0 + 30), y0: px(y0), y1: px(y1) } });
    const line = (words: ReturnType<typeof tesseractWord>[]) => ({ bbox: { x0: 0, x1: px(600), y0: px(100), y1: px(110) }, words });
    const blocks = [{ paragraphs: [{ lines: [line([tesseractWord('DCoTacy', 240, 173.5, 174), tesseractWord('-', 300, 105, 105.6), tesseractWord('San', 72, 172.8, 180)])] }] }];
    const tokens = toPageTokens(blocks as never, image, OcrSettingsSchema.parse({}));
    expect(tokens.words.map((w) => w.text)).toEqual(['-', 'San']);
  });
});

describe('words run together across a lost space', () => {
  it('splits where a capital follows three lower-case letters, and keeps names with a short prefix', () => {
    expect(splitRunTogether(word('CountyJail', 300, 350)).map((w) => [w.text, w.x0, w.x1])).toEqual([['County', 300, 330], ['Jail', 330, 350]]);
    expect(splitRunTogether(word('CorrectionalCenterNorth', 0, 230)).map((w) => w.text)).toEqual(['Correctional', 'Center', 'North']);
    expect(splitRunTogether(word('ateCounty', 0, 90)).map((w) => w.text)).toEqual(['ate', 'County']);
    for (const name of ['McHenry', 'DeKalb', 'DuPage', 'LaSalle', 'MacArthur', 'NEW', 'Re-Entry']) expect(splitRunTogether(word(name, 0, 70)).map((w) => w.text)).toEqual([name]);
  });
});
