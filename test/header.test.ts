import { describe, expect, it } from 'vitest';
import type { TextLine } from '../src/layout/lines.ts';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { groupIntoLines } from '../src/layout/lines.ts';
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

  it('splits two columns\' names set close, though together they are an alias with one word off', () => {
    // "Citizenship Issued" is "Date Issued" with one word off, but "Citizenship" names a column:
    // fresh seed 1307624178 lost its whole Section II to that reading.
    const header = [word('State', 56, 78), word('County', 119, 148), word('Facility', 180, 213), word('Citizenship', 250, 313),
      word('Issued', 317, 345), word('Declined', 379, 417), word('Activity', 439, 475), word('Status', 504, 532)];
    expect(named([line(header)])).toEqual(expect.arrayContaining([['citizenship', 'Citizenship'], ['detainer_issued', 'Issued']]));
  });

  it('rejoins a wrapped cell whose lines touched the cells beside them unevenly (fresh seed 1307624180)', () => {
    // Monospace 10 pt: "Declined" ran into "Activity" under "Notable", while "Notable" stood a
    // space apart from "Criminal"; as clustered, two cells named Activity and none Date Declined.
    const at = (y0: number) => (text: string, x0: number, x1: number): Word => ({ text, x0, x1, y0, y1: y0 + 9, size: 10, confidence: 0.95, source: 'ocr' });
    const top = at(88), bottom = at(100);
    const header = named([line([top('Notable', 652, 694), top('Criminal', 705, 757)]),
      line([bottom('Facility', 42, 94), bottom('State', 211, 243), bottom('County', 255, 294), bottom('Citizenship', 366, 438), bottom('Date', 468, 492),
        bottom('Issued', 501, 539), bottom('Date', 563, 589), bottom('Declined', 596, 648), bottom('Activity', 653, 701)])]);
    expect(header).toEqual(expect.arrayContaining([['detainer_declined', 'Date Declined'], ['activity', 'Notable Criminal Activity']]));
  });

  it('joins the words of one ruled cell that OCR set far apart, when the band names no header otherwise (fresh seed 992905811)', () => {
    // A monospace "County," garbled into a short "Sobor" box, three em before "State", inside one grid cell.
    const at = (text: string, x0: number, x1: number, confidence = 0.92): Word => ({ text, x0, x1, y0: 436, y1: 446, size: 8.88, confidence, source: 'ocr' });
    const band = [line([at('Sobor', 41, 67, 0), at('State', 94, 126), at('Detainers', 456, 515), at('Issued', 522, 561)])];
    const rulings = [37, 452, 582].map((x) => ({ orientation: 'v' as const, x0: x, x1: x + 0.5, y0: 430, y1: 470 }));
    expect(matchHeaderAt(band, 0, DDOR_LAYOUTS, rulings, DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => [c.field, c.text]))
      .toEqual([['county_state', 'Sobor State'], ['issued_detainers', 'Detainers Issued']]);
    // Without the rulings nothing says the two words are one cell.
    expect(matchHeaderAt(band, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)).toBeNull();
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
    const noElimination = { ...DEFAULT_EXTRACTION_SETTINGS, header: { ...DEFAULT_EXTRACTION_SETTINGS.header, minNamedForElimination: 99, minNamedForEliminationSmall: 99 } };
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
    const strict = { ...DEFAULT_EXTRACTION_SETTINGS, header: { ...DEFAULT_EXTRACTION_SETTINGS.header, minNamedForElimination: 7, minNamedForEliminationSmall: 7 } };
    expect(matchHeaderAt([header('P=')], 0, DDOR_LAYOUTS, [], strict)).toBeNull();
  });

  it('names the one garbled cell of a four-column header, with all three others named, but not of a two-column one', () => {
    const policies = line([word('Juchdiction', 56, 90), word('Date', 179, 192), word('Enacted', 196, 217), word('Policy', 272, 288),
      word('Criteria', 415, 436), word('for', 439, 447), word('Honoring', 451, 475), word('Detainers', 478, 505)]);
    expect(matchHeaderAt([policies], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => c.field)).toEqual(['jurisdiction', 'date_enacted', 'policy', 'criteria']);
    const small = { ...DEFAULT_EXTRACTION_SETTINGS, header: { ...DEFAULT_EXTRACTION_SETTINGS.header, minNamedForEliminationSmall: 4 } };
    expect(matchHeaderAt([policies], 0, DDOR_LAYOUTS, [], small)).toBeNull();
    // Section I: "County, State" garbled beside "Issued Detainers" stays unnamed.
    const top = line([word('Cownrs,', 40, 70), word('Stuie', 72, 95), word('Issued', 480, 505), word('Detainers', 508, 545)]);
    expect(matchHeaderAt([top], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)).toBeNull();
  });
});

describe('an OCR\'d header that lost a whole cell (a shaded "Offense" read as nothing)', () => {
  const word = (text: string, x0: number, x1: number, y0 = 100): Word => ({ text, x0, x1, y0, y1: y0 + 7, size: 7, confidence: 0.9, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: words[0]!.y0, y1: words[0]!.y1, size: 7, words, text: words.map((w) => w.text).join(' ') });
  // Offense's header cell, 300-340, is missing; State is last.
  const header = line([word('Facility', 40, 70), word('Citizenship', 150, 190), word('County', 220, 245), word('Issued', 360, 385), word('Declined', 420, 450), word('State', 500, 520)]);
  const row = (y: number, offense: string[]) => {
    // The facility wraps wide: "Detention" starts far right of the header cell, one space after "Adult".
    const words = [word('Ramsey', 40, 66, y), word('Adult', 68, 86, y), word('Detention', 89, 122, y), word('Mexico', 150, 175, y), word('Ramsey', 220, 246, y)];
    let x = 300;
    for (const w of offense) { words.push(word(w, x, x + 4 * w.length, y)); x += 4 * w.length + 3; }
    words.push(word('11/25/2017', 360, 398, y), word('11/28/2017', 420, 458, y), word('MN', 500, 510, y));
    return line(words);
  };
  const body = [row(115, ['Burglary']), row(130, ['Dangerous', 'Drugs']), row(145, ['Assault', '-', 'Domestic']), row(160, ['Illegal', 'Entry'])];

  it('gets an empty cell where the body starts a column under no header cell', () => {
    const match = matchHeaderAt([header, ...body], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.endLine).toBe(1);
    expect(match?.cells.map((c) => c.field)).toEqual(['facility', 'citizenship', 'county', 'activity', 'detainer_issued', 'detainer_declined', 'state']);
    expect(match?.cells[3]).toMatchObject({ text: '', x0: 300 });
  });

  it('does not, when the body shows no such column, or it shows two', () => {
    const noOffense = body.map((l) => line(l.words.filter((w) => w.x0 < 300 || w.x0 >= 360)));
    expect(matchHeaderAt([header, ...noOffense], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)).toBeNull();
    // A second column under no header (a page number column at the right edge) leaves it ambiguous.
    const twoColumns = body.map((l) => line([...l.words, word('7', 580, 585, l.y0)]));
    expect(matchHeaderAt([header, ...twoColumns], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)).toBeNull();
  });
});

describe('an OCR\'d four-column header that lost one cell, over tall rows (fresh seed 822832111: "Policy" not read at 200 DPI)', () => {
  const word = (text: string, x0: number, x1: number, y0 = 100): Word => ({ text, x0, x1, y0, y1: y0 + 7, size: 7, confidence: 0.9, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: words[0]!.y0, y1: words[0]!.y1, size: 7, words, text: words.map((w) => w.text).join(' ') });
  // Policy's header cell, 280-330, is missing.
  const header = line([word('Jurisdiction', 40, 85), word('(AOR)', 88, 110), word('Date', 200, 215), word('Enacted', 218, 245), word('Criteria', 440, 470)]);
  // Each row prints its criteria on three lines; the policy, the date and the place on the first.
  const row = (y: number, month: string) => [
    line([word('Marion', 40, 65, y), word('County', 68, 92, y), word(month, 200, 230, y), word('2016', 233, 250, y), word('Sheriff', 280, 305, y), word('Memorandum', 308, 350, y), word('Will', 440, 455, y), word('not', 458, 470, y), word('honor', 473, 495, y)]),
    line([word('Will', 440, 455, y + 10), word('not', 458, 470, y + 10), word('hold', 473, 490, y + 10)]),
    line([word('Willing', 440, 465, y + 20), word('to', 468, 475, y + 20), word('accept', 478, 500, y + 20)]),
  ];
  const body = [...row(115, 'March'), ...row(150, 'May'), ...row(185, 'June')];

  it('gets an empty cell where the rows\' own lines start a column under no header cell', () => {
    const match = matchHeaderAt([header, ...body], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.cells.map((c) => c.field)).toEqual(['jurisdiction', 'date_enacted', 'policy', 'criteria']);
    expect(match?.cells[2]).toMatchObject({ text: '', x0: 280 });
  });
});

describe('an OCR\'d header that lost an optional column at its right end (a shaded "Convicted/Charged")', () => {
  const word = (text: string, x0: number, x1: number, y0 = 100): Word => ({ text, x0, x1, y0, y1: y0 + 7, size: 7, confidence: 0.9, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: words[0]!.y0, y1: words[0]!.y1, size: 7, words, text: words.map((w) => w.text).join(' ') });
  const header = line([word('Facility', 40, 70), word('State', 120, 140), word('County', 160, 185), word('Citizenship', 230, 270),
    word('Issued', 300, 325), word('Declined', 360, 390), word('Offense', 420, 450)]);
  const row = (y: number, offense: string, status: string) => line([word('Ramsey', 40, 66, y), word('MN', 120, 130, y), word('Ramsey', 160, 186, y), word('Mexico', 230, 255, y),
    word('11/25/2017', 300, 338, y), word('11/28/2017', 360, 398, y), word(offense, 420, 420 + 4 * offense.length, y), word(status, 500, 500 + 4 * status.length, y)]);
  const wrapped = (y: number) => line([word('Adult', 40, 60, y), word('Detention', 63, 95, y)]);
  const body = (statuses: string[]) => statuses.flatMap((status, i) => [row(115 + 30 * i, 'Larceny', status), wrapped(130 + 30 * i)]);
  const fields = (lines: TextLine[]) => matchHeaderAt([header, ...lines], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => c.field);

  it('gets a cell for it where the body starts a column past the last header cell, named by its values\' form', () => {
    expect(fields(body(['Convicted', 'Charged', 'Coqvicted', 'Convicted']))).toEqual(['facility', 'state', 'county', 'citizenship', 'detainer_issued', 'detainer_declined', 'activity', 'status']);
  });

  it('gets an unnamed cell when the values have no known form, and none when no column starts there', () => {
    expect(fields(body(['Pending', 'Closed', 'Pending', 'Open']))?.at(-1)).toBeNull();
    const noStatus = body(['Convicted', 'Charged', 'Convicted', 'Charged']).map((l) => line(l.words.filter((w) => w.x0 < 500)));
    expect(fields(noStatus)?.at(-1)).toBe('activity');
  });
});

describe('a body line set up against an OCR\'d header', () => {
  const word = (text: string, x0: number, x1: number, y0: number): Word => ({ text, x0, x1, y0, y1: y0 + 6, size: 6, confidence: 0.93, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: words[0]!.y0, y1: words[0]!.y1, size: 6, words, text: words.map((w) => w.text).join(' ') });
  it('is not taken into the header, where it would make the cell over it name another column', () => {
    const header = [
      line([word('State', 44, 62, 582), word('County', 128, 152, 582), word('Detention', 208, 244, 582), word('Facility', 252, 280, 582), word('Offense', 479, 505, 582)]),
      line([word('Citizenship', 288, 330, 588), word('Issued', 366, 390, 588), word('Declined', 415, 447, 588)]),
    ];
    // The offence cell is centred: its first line, "Convicted - Fraud -", sits just under the header.
    const body = [
      line([word('Convicted', 479, 517, 596), word('-', 519, 522, 596), word('Fraud', 524, 546, 596), word('-', 548, 551, 596)]),
      line([word('Florida', 44, 70, 602), word('Alachua', 127, 155, 602), word('Alachua', 208, 236, 602), word('Laos', 288, 304, 602), word('5/6/2015', 366, 398, 602), word('8/6/2017', 415, 447, 602)]),
      line([word('Impersonating', 479, 530, 608)]),
    ];
    const match = matchHeaderAt([...header, ...body], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.endLine).toBe(2);
    expect(match?.cells.find((c) => c.text === 'Offense')?.field).toBe('activity');
  });
});

describe('OCR\'d header cells named by what is left', () => {
  const word = (text: string, x0: number, x1: number, y0 = 100, y1 = 107): Word => ({ text, x0, x1, y0, y1, size: 7, confidence: 0.9, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: Math.min(...words.map((w) => w.y0)), y1: Math.max(...words.map((w) => w.y1)), size: 7, words, text: words.map((w) => w.text).join(' ') });
  const named = (lines: TextLine[]) => matchHeaderAt(lines, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => [c.field, c.text]);

  it('a cell that fits two columns with one word off names the one no other cell names', () => {
    // "Issued" garbled to "Toa", its box stretched up by a speck: still read after "Detainer".
    const header = [word('State', 40, 60), word('County', 80, 105), word('Facility', 150, 180), word('Citizenship', 250, 290),
      word('Detainer', 320, 350), word('Toa', 352, 365, 94, 107), word('Date', 367, 382), word('Date', 400, 415), word('Declined', 417, 447), word('Offense', 480, 510)];
    expect(named([line(header)])).toContainEqual(['detainer_issued', 'Detainer Toa Date']);
    // Without "Date Declined" elsewhere, "Detainer Toa Date" could be either date.
    const ambiguous = header.filter((w) => w.x0 < 400 || w.x0 >= 480);
    expect(named([line([...ambiguous.slice(0, -1), word('Xq', 400, 440), ambiguous.at(-1)!])])).toBeUndefined();
  });

  it('a short header\'s garbled cell names its column when the body under it holds that column\'s form', () => {
    const header = line([word('County,', 53, 86), word('State', 89, 111), word('ormisrtiscons', 456, 529)]);
    // Counts set right, beyond the part of the header cell OCR read.
    const body = [['San', 'Francisco,', 'California', '121'], ['Walla', 'Walla,', 'Washington', '9'], ['Washoe,', 'Nevada', '55'], ['Harris,', 'Texas', '54']]
      .map((texts, i) => line(texts.map((t, j) => (j === texts.length - 1 ? word(t, 560 - 4 * t.length, 560, 120 + 15 * i, 127 + 15 * i) : word(t, 53 + 45 * j, 95 + 45 * j, 120 + 15 * i, 127 + 15 * i)))));
    expect(named([header, ...body])).toEqual([['county_state', 'County, State'], ['issued_detainers', 'ormisrtiscons']]);
    // Words that are not counts name nothing.
    const prose = body.map((l) => line(l.words.map((w) => (w.x0 > 400 ? { ...w, text: 'Texas' } : w))));
    expect(named([header, ...prose])).toBeUndefined();
  });
  it('a name read with one word off gives way to the taller band\'s exact alias under it (fresh seed 1162716735, 150 DPI)', () => {
    // "Detainer Issued" and the next cell's ".Detainer", a space and a speck apart, read as one
    // cell naming Issued with one word off; the second line makes "Detainer Declined" exact.
    const at = (y0: number, y1: number) => (text: string, x0: number, x1: number) => word(text, x0, x1, y0, y1);
    const top = at(58, 66), under = at(71, 78), row = at(91, 98);
    const header = [line([top('State', 41.5, 70.8), top('County', 86.9, 125.3), top('Facility', 204.2, 255.4), top('Name', 260.9, 284.9), top('Citizenship', 425.3, 491),
      top('Detainer', 533.3, 580.8), top('Issued', 587.5, 623), top('.Detainer', 631.7, 684.7), top('Notable', 740.6, 782.6), top('Criminal', 788.9, 836.2), top('Activity', 842.4, 891.1)]),
    line([under('Date', 533, 556.6), under('Declined', 636.7, 685)])];
    const body = line([row('NC', 40.8, 52.6), row('Mecklenburg', 89.5, 154.8), row('Mecklenburg', 207.4, 273.1), row('County', 279.6, 315.4), row('Jail', 321.6, 344.2),
      row('Guatemala', 425.3, 478.6), row('5/10/2017', 534.2, 586.3), row('5/22/2017', 637.9, 690), row('Traffic', 740.9, 782.2), row('Offense', 789.1, 830.2)]);
    const cells = named([...header, body]);
    expect(cells).toContainEqual(['detainer_issued', 'Detainer Issued Date']);
    expect(cells).toContainEqual(['detainer_declined', '.Detainer Declined']);
  });
});

describe('a header phrase OCR spaced unevenly', () => {
  it('is one cell when the gap inside it read wider than the gap to the next cell (fresh seed 257311831, ODT 300 DPI)', () => {
    const word = (text: string, x0: number, x1: number): Word => ({ text, x0, x1, y0: 98.2, y1: 108, size: 9.84, confidence: 0.95, source: 'ocr' });
    const lines = groupIntoLines([word('Jurisdiction', 28.08, 95.52), word('(AOR)', 103.68, 128.88), word('Date', 140.88, 162.96), word('Enacted', 169.68, 208.56),
      word('Policy', 213.6, 246.96), word('Criteria', 312.72, 357.36), word('for', 364.32, 380.4), word('Honoring', 386.88, 431.52), word('Detainers', 438.24, 488.64)], DEFAULT_EXTRACTION_SETTINGS.lines);
    expect(matchHeaderAt(lines, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => [c.field, c.text])).toEqual([
      ['jurisdiction', 'Jurisdiction (AOR)'], ['date_enacted', 'Date Enacted'], ['policy', 'Policy'], ['criteria', 'Criteria for Honoring Detainers'],
    ]);
  });
});

describe('a speck over an OCR\'d header', () => {
  it('read as a letter, far shorter than the header\'s words, is not a column', () => {
    const word = (text: string, x0: number, x1: number, y0: number, y1: number): Word => ({ text, x0, x1, y0, y1, size: 7, confidence: 0.9, source: 'ocr' });
    const words = [word('T', 207, 209, 68.9, 70.3), word('Jurisdiction', 22, 58, 73.2, 79), word('(AOR)', 60, 80, 73.2, 79), word('Date', 129, 143, 73.4, 79),
      word('Enacted', 145, 170, 73.2, 78.5), word('Policy', 190, 210, 73.4, 79.7), word('Criteria', 292, 315, 73.2, 80.6), word('for', 317, 326, 73.4, 78.5),
      word('Honoring', 328, 355, 73.4, 80), word('Detainer', 358, 385, 73.4, 81.1)];
    const lines = groupIntoLines(words, DEFAULT_EXTRACTION_SETTINGS.lines);
    const match = matchHeaderAt(lines, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.cells.map((c) => c.field)).toEqual(['jurisdiction', 'date_enacted', 'policy', 'criteria']);
  });

  it('read as letters at low confidence, under half the header\'s height, is not a column; sure short words stay (fresh seed 2721330642)', () => {
    const word = (text: string, x0: number, x1: number, y0: number, y1: number, confidence = 0.95): Word => ({ text, x0, x1, y0, y1, size: 7, confidence, source: 'ocr' });
    const header = (speck: Word) => groupIntoLines([word('Facility', 53, 97, 75.4, 83.5), speck, word('State', 250, 277, 76.3, 82.6), word('County', 371, 404, 76.1, 83.5),
      word('Citizenship', 495, 555, 75.4, 83.8), word('Detainer', 595, 640, 75.4, 82.6), word('Issued', 644, 677, 75.4, 82.6), word('Declined', 705, 750, 75.4, 82.6),
      word('Date', 753, 777, 76, 82.6), word('Offense', 814, 852, 75.6, 82.3)], DEFAULT_EXTRACTION_SETTINGS.lines);
    const fields = (speck: Word) => matchHeaderAt(header(speck), 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => c.field);
    expect(fields(word('LJ', 175, 178, 81.1, 84, 0.4))).toEqual(['facility', 'state', 'county', 'citizenship', 'detainer_issued', 'detainer_declined', 'activity']);
    // A lower-case word OCR is sure of stands at half the height of capitals.
    expect(fields(word('or', 175, 183, 79.5, 83, 0.9))).toContain(null);
  });

  it('read as digits or capitals under half the header\'s height is not a column, however sure OCR is (fresh seed 236893314)', () => {
    const word = (text: string, x0: number, x1: number, y0: number, y1: number, confidence = 0.95): Word => ({ text, x0, x1, y0, y1, size: 7, confidence, source: 'ocr' });
    const header = groupIntoLines([word('Facility', 53, 97, 75.4, 83.5), word('0', 175, 177, 81.1, 83.4, 0.54), word('State', 250, 277, 76.3, 82.6), word('County', 371, 404, 76.1, 83.5),
      word('Citizenship', 495, 555, 75.4, 83.8), word('Detainer', 595, 640, 75.4, 82.6), word('Issued', 644, 677, 75.4, 82.6), word('Declined', 705, 750, 75.4, 82.6),
      word('Date', 753, 777, 76, 82.6), word('Offense', 814, 852, 75.6, 82.3)], DEFAULT_EXTRACTION_SETTINGS.lines);
    expect(matchHeaderAt(header, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => c.field)).not.toContain(null);
  });
});

describe('a line of specks over a header', () => {
  it('is not the header band\'s first line, when the header reads with fewer unknown columns without it', () => {
    const word = (text: string, x0: number, x1: number, y0: number, y1: number, confidence = 0.9): Word => ({ text, x0, x1, y0, y1, size: 7, confidence, source: 'ocr' });
    const page: PageTokens = {
      page: 1, width: 612, height: 792, rulings: [], source: 'ocr', words: [
        word('"oe', 141, 150, 335.5, 338.6, 0.2),
        word('Jurisdiction', 73, 106, 341, 348), word('(AOR)', 108, 128, 341, 348), word('Date', 192, 205, 341, 348), word('Enacted', 207, 230, 341, 348),
        word('Policy', 256, 275, 341, 348), word('Criteria', 371, 393, 341, 348), word('for', 395, 403, 341, 348), word('Honoring', 405, 431, 341, 348), word('Detainer', 433, 460, 341, 348),
        word('Harvey', 74, 92, 360, 367), word('County', 94, 115, 360, 367), word('(Chicago)', 118, 150, 360, 367), word('February', 192, 215, 360, 367), word('2016', 217, 230, 360, 367), word('Jail', 257, 266, 360, 367), word('Will', 374, 386, 360, 367),
        word('Sioux', 74, 90, 380, 387), word('County', 92, 113, 380, 387), word('(Saint', 116, 136, 380, 387), word('Paul)', 139, 155, 380, 387), word('June', 192, 204, 380, 387), word('2014', 206, 219, 380, 387), word('Board', 258, 273, 380, 387), word('Willing', 374, 394, 380, 387),
      ],
    };
    const [table] = extractTables([page], DDOR_LAYOUTS).tables;
    expect(table?.rows.map((r) => Object.keys(r.cells).sort())).toEqual([['criteria', 'date_enacted', 'jurisdiction', 'policy'], ['criteria', 'date_enacted', 'jurisdiction', 'policy']]);
  });
});

describe('an OCR\'d header whose two wrapped cells lost their second lines, set close (fresh seed 2009010888)', () => {
  const word = (text: string, x0: number, x1: number, y0 = 100): Word => ({ text, x0, x1, y0, y1: y0 + 7, size: 7, confidence: 0.9, source: 'ocr' });
  const line = (words: Word[]): TextLine => ({ x0: words[0]!.x0, x1: words.at(-1)!.x1, y0: words[0]!.y0, y1: words[0]!.y1, size: 7, words, text: words.map((w) => w.text).join(' ') });
  // "Detainer" over "Issued" and "Declined" over "Date", the lower line lost: "Detainer Declined",
  // its words closer than the dates under them, which are narrower.
  const header = line([word('State', 40, 60), word('County', 80, 105), word('Facility', 150, 180), word('Citizenship', 230, 270),
    word('Detainer', 300, 340), word('Declined', 347, 387), word('Offense', 420, 450)]);
  const row = (y: number) => line([word('MN', 40, 50, y), word('Ramsey', 80, 106, y), word('Ramsey', 150, 176, y), word('Mexico', 230, 255, y),
    word('1/25/2017', 300, 330, y), word('1/28/2017', 347, 377, y), word('Larceny', 420, 448, y)]);
  const body = [row(115), row(130), row(145), row(160)];

  it('is two cells where the body starts a column under each part, the missing column named by its part', () => {
    const match = matchHeaderAt([header, ...body], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.cells.map((c) => [c.field, c.text])).toEqual([
      ['state', 'State'], ['county', 'County'], ['facility', 'Facility'], ['citizenship', 'Citizenship'],
      ['detainer_issued', 'Detainer'], ['detainer_declined', 'Declined'], ['activity', 'Offense'],
    ]);
  });

  it('is not cut where the body shows one column under it', () => {
    const oneDate = body.map((l) => line(l.words.filter((w) => w.x0 !== 347)));
    expect(matchHeaderAt([header, ...oneDate], 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS)).toBeNull();
  });
});

describe('an OCR\'d two-column header whose first cell OCR read as two clusters (fresh seed 239346119)', () => {
  // The OCR words of the header line as read (a 200 DPI monospace copy).
  const words: Word[] = [
    { text: 'County,', x0: 70.56, y0: 485.28, x1: 102, y1: 492, size: 6.96, confidence: 0.94, source: 'ocr' },
    { text: 'State', x0: 109.2, y0: 485.28, x1: 132.48, y1: 491.28, size: 6, confidence: 0.95, source: 'ocr' },
    { text: 'Issued', x0: 354, y0: 483.36, x1: 382.32, y1: 490.32, size: 8, confidence: 0.93, source: 'ocr' },
    { text: 'Detainexs', x0: 386.64, y0: 485.04, x1: 429.84, y1: 490.32, size: 8, confidence: 0.4, source: 'ocr' },
  ];
  it('gives no word to a cluster far from it, where "State Issued" and "Detainexs" would name one column twice', () => {
    const [header] = groupIntoLines(words, DEFAULT_EXTRACTION_SETTINGS.lines, []);
    expect(matchHeaderAt([header!], 0, [SECTION_I_LAYOUT], [], DEFAULT_EXTRACTION_SETTINGS)?.cells.map((c) => [c.field, c.text]))
      .toEqual([['county_state', 'County, State'], ['issued_detainers', 'Issued Detainexs']]);
  });
});

describe('an OCR\'d header cell whose garbled second line split it in two (fresh seed 981215851, 150 DPI, monospace)', () => {
  // The header and first body lines as read: "Country of" over "Citizenship", which OCR read as
  // "iz gg" under "Country", leaving "of" a cluster of its own.
  const words: Word[] = [
    { text: 'Country', x0: 252, y0: 161.76, x1: 289.92, y1: 169.92, size: 8.16, confidence: 0.95, source: 'ocr' },
    { text: 'of', x0: 295.2, y0: 161.76, x1: 305.76, y1: 168, size: 8.16, confidence: 0.96, source: 'ocr' },
    { text: 'Detainer', x0: 329.28, y0: 161.76, x1: 372.48, y1: 168.24, size: 7.77, confidence: 0.9, source: 'ocr' },
    { text: 'Date', x0: 386.88, y0: 162, x1: 408.48, y1: 168.48, size: 7.36, confidence: 0.94, source: 'ocr' },
    { text: 'State', x0: 45.6, y0: 168.48, x1: 72.48, y1: 174.72, size: 9.18, confidence: 0.96, source: 'ocr' },
    { text: 'County', x0: 84, y0: 168.48, x1: 116.64, y1: 176.4, size: 9.18, confidence: 0.95, source: 'ocr' },
    { text: 'Facility', x0: 167.76, y0: 168.24, x1: 211.2, y1: 176.4, size: 11.58, confidence: 0.95, source: 'ocr' },
    { text: 'Issued', x0: 329.76, y0: 174.72, x1: 362.16, y1: 181.2, size: 8.32, confidence: 0.95, source: 'ocr' },
    { text: 'Declined', x0: 386.64, y0: 174.24, x1: 430.32, y1: 181.2, size: 8.25, confidence: 0.95, source: 'ocr' },
    { text: 'Offense', x0: 444.24, y0: 168, x1: 482.4, y1: 174.72, size: 8.72, confidence: 0.9, source: 'ocr' },
    { text: 'Status', x0: 528.48, y0: 168.48, x1: 560.64, y1: 174.72, size: 7.68, confidence: 0.96, source: 'ocr' },
    { text: 'Santa', x0: 168.72, y0: 190.56, x1: 194.64, y1: 196.56, size: 7.77, confidence: 0.96, source: 'ocr' },
    { text: 'Clara', x0: 200.4, y0: 190.32, x1: 226.8, y1: 196.8, size: 7.77, confidence: 0.96, source: 'ocr' },
    { text: 'iz', x0: 251.76, y0: 174.72, x1: 267.36, y1: 180.96, size: 7.92, confidence: 0.3, source: 'ocr' },
    { text: 'gg', x0: 279.12, y0: 174.72, x1: 294.72, y1: 190.56, size: 7.92, confidence: 0.33, source: 'ocr' },
    { text: 'Santa', x0: 84.48, y0: 196.8, x1: 110.64, y1: 203.04, size: 7.53, confidence: 0.96, source: 'ocr' },
    { text: 'Clara', x0: 116.64, y0: 196.56, x1: 143.04, y1: 203.04, size: 7.53, confidence: 0.96, source: 'ocr' },
    { text: 'Marijuana', x0: 444.48, y0: 196.8, x1: 492.48, y1: 204.48, size: 7.68, confidence: 0.89, source: 'ocr' },
    { text: 'CA', x0: 45.6, y0: 203.04, x1: 56.4, y1: 209.28, size: 8, confidence: 0.96, source: 'ocr' },
    { text: 'County', x0: 168.24, y0: 203.28, x1: 200.16, y1: 210.72, size: 7.92, confidence: 0.95, source: 'ocr' },
    { text: 'Main', x0: 205.68, y0: 203.04, x1: 227.04, y1: 209.52, size: 7.92, confidence: 0.91, source: 'ocr' },
    { text: 'Mexico', x0: 252, y0: 203.04, x1: 284.16, y1: 209.52, size: 7.53, confidence: 0.95, source: 'ocr' },
    { text: '2/9/2017', x0: 330, y0: 202.8, x1: 372, y1: 209.52, size: 8.75, confidence: 0.94, source: 'ocr' },
    { text: '2/18/2017', x0: 387.36, y0: 202.8, x1: 434.88, y1: 209.52, size: 8.59, confidence: 0.92, source: 'ocr' },
    { text: 'Charged', x0: 528.48, y0: 202.32, x1: 565.92, y1: 210.72, size: 8.4, confidence: 0.96, source: 'ocr' },
    { text: 'County', x0: 84.48, y0: 210, x1: 116.16, y1: 217.44, size: 7.2, confidence: 0.95, source: 'ocr' },
    { text: 'Possess', x0: 444.96, y0: 209.52, x1: 481.68, y1: 216, size: 7.53, confidence: 0.93, source: 'ocr' },
    { text: 'Jail', x0: 168.48, y0: 216, x1: 188.88, y1: 222.48, size: 8.43, confidence: 0.95, source: 'ocr' }
  ];
  it('names the cells by elimination as one cell', () => {
    const lines = groupIntoLines(words, DEFAULT_EXTRACTION_SETTINGS.lines, []);
    const match = matchHeaderAt(lines, 0, DDOR_LAYOUTS, [], DEFAULT_EXTRACTION_SETTINGS);
    expect(match?.cells.map((c) => [c.field, c.text])).toEqual([
      ['state', 'State'], ['county', 'County'], ['facility', 'Facility'], ['citizenship', 'Country iz gg of'],
      ['detainer_issued', 'Detainer Issued'], ['detainer_declined', 'Date Declined'], ['activity', 'Offense'], ['status', 'Status'],
    ]);
  });
});
