import { describe, expect, it } from 'vitest';
import type { TextLine } from '../src/layout/lines.ts';
import type { Word } from '../src/layout/tokens.ts';
import { matchHeaderAt, repeatsHeader } from '../src/table/header.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { DDOR_LAYOUTS, SECTION_I_LAYOUT, SECTION_II_LAYOUT } from '../pipelines/ddor/layout.ts';

const cells = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([field, text]) => [field, { text }]));

describe('a repeated header read as a body row', () => {
  it('is known by cells that name their own columns, with OCR misspellings', () => {
    const header = cells({ state: 'State', county: 'County', facility: 'Facility', citizenship: 'Citizenshlp', detainer_issued: 'Detainer Issued', detainer_declined: '|Detainer Declined', activity: 'Notable Criminal Activity' });
    expect(repeatsHeader(header, SECTION_II_LAYOUT, true, DEFAULT_EXTRACTION_SETTINGS)).toBe(true);
    // The band matcher merged two header cells: the rest still name their columns.
    const merged = cells({ state: 'State', county: 'County', facility: 'Facility', citizenship: 'Citizenship Detainer Issued', detainer_declined: 'Detainer Declined', activity: 'Notable Criminal Activity' });
    expect(repeatsHeader(merged, SECTION_II_LAYOUT, true, DEFAULT_EXTRACTION_SETTINGS)).toBe(true);
  });

  it('is not a data row, nor a row with one header-like word', () => {
    const data = cells({ state: 'TX', county: 'Travis County', facility: 'Travis County Jail', citizenship: 'Mexico', detainer_issued: '2/1/2017', detainer_declined: '2/3/2017', activity: 'Burglary' });
    expect(repeatsHeader(data, SECTION_II_LAYOUT, true, DEFAULT_EXTRACTION_SETTINGS)).toBe(false);
    const oneWord = cells({ county_state: 'Travis, Texas', issued_detainers: 'Issued' });
    expect(repeatsHeader(oneWord, SECTION_I_LAYOUT, false, DEFAULT_EXTRACTION_SETTINGS)).toBe(false);
    // Spelling slack is for OCR only.
    const typed = cells({ state: 'State', county: 'Countie', facility: 'Facilty', citizenship: 'Citizenshlp', detainer_issued: 'Detainer Isued', detainer_declined: 'Detainer Declned', activity: 'Notable Criminal Activty' });
    expect(repeatsHeader(typed, SECTION_II_LAYOUT, false, DEFAULT_EXTRACTION_SETTINGS)).toBe(false);
  });
});

describe('OCR\'d headers (words carry no font, so no space width)', () => {
  const word = (text: string, x0: number, x1: number, y0 = 100): Word => ({ text, x0, x1, y0, y1: y0 + 7, size: 7, confidence: 0.95, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: words[0]!.y0, y1: words[0]!.y1, size: 7, words, text: words.map((w) => w.text).join(' ') });
  const named = (lines: TextLine[]) => matchHeaderAt(lines, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => [c.field, c.text]);

  it('names a cell with one word of an alias garbled, when only one column has such an alias', () => {
    // "County," in a shaded cell read as "CL,": "State" in place names the column.
    expect(named([line([word('CL,', 60, 72), word('State', 80, 105), word('Issued', 460, 500), word('Detainers', 506, 566)])]))
      .toEqual([['county_state', 'CL, State'], ['issued_detainers', 'Issued Detainers']]);
    // "Date" in place fits three columns' aliases: no name.
    expect(named([line([word('CL,', 60, 72), word('State', 80, 105), word('Date', 300, 320), word('Xqz', 326, 350)])])).toBeUndefined();
  });

  it('joins neighbouring cells whose words together name a column (a wide monospace space)', () => {
    // "County," and "State" 9 pt apart: more than the 0.6 em cell gap, less than phraseGap.
    expect(named([line([word('County,', 60, 104), word('State', 113, 145), word('Issued', 460, 500), word('Detainers', 506, 566)])]))
      .toEqual([['county_state', 'County, State'], ['issued_detainers', 'Issued Detainers']]);
  });

  it('does not join across a column border', () => {
    const rulings = [{ orientation: 'v' as const, x0: 108, x1: 108.5, y0: 90, y1: 200 }];
    const match = matchHeaderAt([line([word('County,', 60, 104), word('State', 113, 145), word('Issued', 460, 500), word('Detainers', 506, 566)])], 0, DDOR_LAYOUTS, rulings, DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.cells.map((c) => c.text)).not.toContain('County, State');
  });

  it('names a wrapped cell by its first line when OCR lost the rest ("Countryof" over nothing)', () => {
    const header = [word('State', 55, 76), word('County', 84, 113), word('Facility', 250, 282), word('Countryof', 377, 413),
      word('Issued', 451, 473), word('Declined', 524, 553), word('Date', 557, 573), word('Offense', 599, 625)];
    expect(named([line(header)])).toContainEqual(['citizenship', 'Countryof']);
    // Too short a start names nothing by prefix ("Coun" could begin County as well as Country);
    // elimination, which would name it here, is turned off to show it.
    const short = header.map((w) => (w.text === 'Countryof' ? { ...w, text: 'Coun' } : w));
    const noElimination = { ...DEFAULT_EXTRACTION_SETTINGS, header: { ...DEFAULT_EXTRACTION_SETTINGS.header, minNamedForElimination: 99 } };
    expect(matchHeaderAt([line(short)], 0, DDOR_LAYOUTS, [], noElimination)).toBeNull();
  });
});

describe('an OCR\'d header cell garbled beyond any edit allowance', () => {
  const word = (text: string, x0: number, x1: number): Word => ({ text, x0, x1, y0: 100, y1: 107, size: 7, confidence: 0.6, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: 100, y1: 107, size: 7, words, text: words.map((w) => w.text).join(' ') });
  const header = (county: string) => line([word('State', 40, 60), word(county, 90, 100), word('Facility', 150, 180), word('Citizenship', 250, 290),
    word('Issued', 320, 345), word('Declined', 380, 410), word('Offense', 440, 470)]);

  it('is named by elimination when it is the only unnamed cell and the only missing required column', () => {
    const match = matchHeaderAt([header('P=')], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.cells.find((c) => c.text === 'P=')?.field).toBe('county');
  });

  it('does not take a body line just under the header into a cell only elimination names', () => {
    // A facility cell centred in a tall row prints its first line up against the header.
    const bodyLine = { ...line([word('Los', 150, 160), word('Angeles', 162, 180), word('County', 182, 198)]), y0: 109, y1: 116 };
    bodyLine.words.forEach((w) => { w.y0 = 109; w.y1 = 116; });
    const match = matchHeaderAt([header('County'), bodyLine], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.endLine).toBe(1);
    expect(match?.cells.find((c) => c.field === 'facility')?.text).toBe('Facility');
  });

  it('is not, when the same header is a text layer, or too few columns are named otherwise', () => {
    const text = header('P=');
    text.words.forEach((w) => { w.source = 'text'; w.confidence = 1; });
    expect(matchHeaderAt([text], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)).toBeNull();
    const strict = { ...DEFAULT_EXTRACTION_SETTINGS, header: { ...DEFAULT_EXTRACTION_SETTINGS.header, minNamedForElimination: 7 } };
    expect(matchHeaderAt([header('P=')], 0, DDOR_LAYOUTS, [], strict)).toBeNull();
  });
});
