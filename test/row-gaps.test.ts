/**
 * Where an unruled row starts when its first line sits above its anchor line (a cell set higher
 * than the anchor, as centred or offset cells print), and one OCR box on that line is stretched
 * by a smear: the gap above a line is taken between its words' typical tops and bottoms, so one
 * tall box does not move the row's start. Synthetic OCR words, through the real extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Ruling, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'state', aliases: ['State'], anchor: true },
    { field: 'facility', aliases: ['Facility'] },
    { field: 'offence', aliases: ['Offence'] },
  ],
});
const X = { state: 60, facility: 200, offence: 400 };
const word = (text: string, x0: number, top: number, height = 6, confidence = 0.95): Word =>
  ({ text, x0, x1: x0 + 6 * text.length, y0: top, y1: top + height, size: 7, confidence, source: 'ocr' });

/** A row: its facility and offence lines start 4.5 pt above the state (the anchor). */
function row(top: number, state: string, facility: [string, string], offence: string, smear = false): Word[] {
  return [
    word(facility[0], X.facility, top), word(offence, X.offence, top),
    ...(smear ? [word('Ty', X.offence + 70, top - 7, 14, 0.27)] : []),
    word(state, X.state, top + 4.5),
    word(facility[1], X.facility, top + 9),
  ];
}

describe('rows whose first line sits above the anchor line', () => {
  it('keep that line when a smeared OCR box on it reaches up towards the row above', () => {
    const words = [
      word('State', X.state, 80), word('Facility', X.facility, 80), word('Offence', X.offence, 80),
      ...row(100, 'Texas', ['Travis', 'Jail'], 'Burglary'),
      ...row(125, 'Ohio', ['Union', 'Prison'], 'Forgery'),
      ...row(150, 'Utah', ['Weber', 'Annex'], 'Drugs', true),
      ...row(175, 'Iowa', ['Polk', 'Centre'], 'Arson'),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [SPEC]).tables;
    expect(table!.rows.map((r) => [r.cells.state?.text, r.cells.facility?.text])).toEqual([
      ['Texas', 'Travis Jail'], ['Ohio', 'Union Prison'], ['Utah', 'Weber Annex'], ['Iowa', 'Polk Centre'],
    ]);
  });
});

describe('a line of specks between rows', () => {
  it('starts no row of its own, though it sits where a row would and spans its columns', () => {
    const flat = (text: string, x0: number, top: number, confidence = 0.95) => word(text, x0, top, 6, confidence);
    const line = (top: number, state: string, facility: string, offence: string) => [flat(state, X.state, top), flat(facility, X.facility, top), flat(offence, X.offence, top)];
    const words = [
      flat('State', X.state, 80), flat('Facility', X.facility, 80), flat('Offence', X.offence, 80),
      ...line(100, 'Texas', 'Travis', 'Burglary'), ...line(115, 'Ohio', 'Union', 'Forgery'),
      // A rule read as dashes, set off like a row, in every column but the anchor.
      flat('—', X.facility, 130, 0.4), flat('—', X.offence, 130, 0.4),
      ...line(145, 'Utah', 'Weber', 'Drugs'), ...line(160, 'Iowa', 'Polk', 'Arson'),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [SPEC]).tables;
    expect(table!.rows.map((r) => r.cells.state?.text)).toEqual(['Texas', 'Ohio', 'Utah', 'Iowa']);
  });
});

describe('specks beside the table', () => {
  const flat = (text: string, x0: number, top: number, confidence = 0.95) => word(text, x0, top, 6, confidence);
  const line = (top: number, state: string, facility: string, offence: string) => [flat(state, X.state, top), flat(facility, X.facility, top), flat(offence, X.offence, top)];
  const header = [flat('State', X.state, 80), flat('Facility', X.facility, 80), flat('Offence', X.offence, 80)];
  const states = (words: Word[]) => {
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    return extractTables([page], [SPEC]).tables[0]!.rows.map((r) => r.cells.state?.text);
  };

  it('neither end it nor join it, on a line of their own in the margin', () => {
    const words = [...header, ...line(100, 'Texas', 'Travis', 'Burglary'), ...line(115, 'Ohio', 'Union', 'Forgery'),
      flat('.', 8, 124, 0.7), flat('.', 20, 123, 0.8),
      ...line(130, 'Utah', 'Weber', 'Drugs'), ...line(145, 'Iowa', 'Polk', 'Arson')];
    expect(states(words)).toEqual(['Texas', 'Ohio', 'Utah', 'Iowa']);
  });

  it('do not put a row outside the table\'s sides', () => {
    const words = [...header, ...line(100, 'Texas', 'Travis', 'Burglary'), ...line(115, 'Ohio', 'Union', 'Forgery'),
      flat('.', 30, 130, 0.75), ...line(130, 'Utah', 'Weber', 'Drugs'), ...line(145, 'Iowa', 'Polk', 'Arson')];
    // The speck stays on its line, in the first column, for OCR cleanup to judge.
    expect(states(words)).toEqual(['Texas', 'Ohio', '. Utah', 'Iowa']);
    // Text there does: the table ends at it.
    const prose = [...header, ...line(100, 'Texas', 'Travis', 'Burglary'), ...line(115, 'Ohio', 'Union', 'Forgery'),
      flat('Note', 10, 130), ...line(130, 'Utah', 'Weber', 'Drugs')];
    expect(states(prose)).toEqual(['Texas', 'Ohio']);
  });
});

describe('lines of specks in the header band', () => {
  it('do not shrink the table\'s unit (a fraction of the font\'s would end the table at every row gap)', () => {
    const flat = (text: string, x0: number, top: number, confidence = 0.95) => word(text, x0, top, 6, confidence);
    const speck = (x0: number, top: number): Word => ({ text: '.', x0, x1: x0 + 2, y0: top, y1: top + 2, size: 2, confidence: 0.5, source: 'ocr' });
    const line = (top: number, state: string, facility: string, offence: string, confidence?: number) => [flat(state, X.state, top, confidence), flat(facility, X.facility, top), flat(offence, X.offence, top)];
    const words = [speck(120, 74), speck(300, 76.5), flat('State', X.state, 80), flat('Facility', X.facility, 80), flat('Offence', X.offence, 80),
      ...line(100, 'Texas', 'Travis', 'Burglary'), ...line(116, 'Ohio', 'Union', 'Forgery'),
      // 10 pt below the row above, its anchor read at low confidence: only the gap keeps it in.
      ...line(132, 'Utah', 'Weber', 'Drugs', 0.2), ...line(148, 'Iowa', 'Polk', 'Arson')];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [SPEC]);
    expect(result.text[0]!.lines.map((l) => l.text).filter((t) => /Utah|Iowa/.test(t))).toEqual([]);
    expect(result.tables[0]?.rows.map((r) => r.cells.state?.text)).toEqual(['Texas', 'Ohio', 'Utah', 'Iowa']);
  });
});

describe('rows spaced apart, their anchors printed at different heights', () => {
  // Cells centred vertically in tall rows: the offence's first line, then the state, then the date,
  // each on a line of its own, and the rows further apart than body.maxRowGap.
  const SPACED = TableLayoutSpecSchema.parse({
    name: 'spaced',
    columns: [
      { field: 'state', aliases: ['State'], anchor: true },
      { field: 'date', aliases: ['Date'], anchor: true, anchorPattern: '^\\d' },
      { field: 'offence', aliases: ['Offence'] },
    ],
  });
  const at = { state: 60, date: 200, offence: 400 };
  const flat = (text: string, x0: number, top: number) => word(text, x0, top, 6);
  const tall = (top: number, state: string, date: string, offence: string) =>
    [flat(offence, at.offence, top), flat(state, at.state, top + 8), flat(date, at.date, top + 16)];

  it('continue the table, on its first page and on the next', () => {
    const first: PageTokens = {
      page: 1, width: 612, height: 792, source: 'ocr', rulings: [],
      words: [flat('State', at.state, 100), flat('Date', at.date, 100), flat('Offence', at.offence, 100), ...tall(120, 'Texas', '8/1/2017', 'Burglary'), ...tall(170, 'Ohio', '8/2/2017', 'Forgery')],
    };
    const next: PageTokens = { page: 2, width: 612, height: 792, source: 'ocr', rulings: [], words: [...tall(100, 'Utah', '8/3/2017', 'Drugs'), ...tall(150, 'Iowa', '8/4/2017', 'Arson')] };
    const [table] = extractTables([first, next], [SPACED]).tables;
    expect(table!.rows.map((r) => [r.cells.state?.text, r.cells.date?.text, r.cells.offence?.text])).toEqual([
      ['Texas', '8/1/2017', 'Burglary'], ['Ohio', '8/2/2017', 'Forgery'], ['Utah', '8/3/2017', 'Drugs'], ['Iowa', '8/4/2017', 'Arson'],
    ]);
  });
});

describe('rows whose longer cells print their first lines above the anchor (cells centred vertically)', () => {
  const POLICIES = TableLayoutSpecSchema.parse({
    name: 'policies',
    columns: [
      { field: 'jurisdiction', aliases: ['Jurisdiction'] },
      { field: 'enacted', aliases: ['Enacted'], anchor: true, anchorPattern: '^(may|june|july)' },
      { field: 'policy', aliases: ['Policy'] },
      { field: 'criteria', aliases: ['Criteria'] },
    ],
  });
  const at = { jurisdiction: 40, enacted: 160, policy: 260, criteria: 400 };
  const flat = (text: string, x0: number, top: number) => word(text, x0, top, 6);
  // Policy and criteria's first lines, then the jurisdiction, then the month beside more of both.
  const centred = (top: number, place: string, month: string, policy: [string, string]) => [
    flat(policy[0], at.policy, top), flat('Will', at.criteria, top), flat(place, at.jurisdiction, top + 7),
    flat(month, at.enacted, top + 14), flat(policy[1], at.policy, top + 14), flat('honor', at.criteria, top + 14),
  ];
  it('start at those lines, which are no row of their own', () => {
    const words = [
      flat('Jurisdiction', at.jurisdiction, 80), flat('Enacted', at.enacted, 80), flat('Policy', at.policy, 80), flat('Criteria', at.criteria, 80),
      ...centred(100, 'Travis', 'May', ['City', 'Ordinance']), ...centred(135, 'Weber', 'June', ['Sheriff', 'Memo']),
      ...centred(170, 'Merced', 'July', ['Board', 'Resolution']), ...centred(205, 'Polk', 'May', ['Jail', 'Policy']),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [POLICIES]).tables;
    expect(table!.rows.map((r) => [r.cells.jurisdiction?.text, r.cells.enacted?.text, r.cells.policy?.text])).toEqual([
      ['Travis', 'May', 'City Ordinance'], ['Weber', 'June', 'Sheriff Memo'], ['Merced', 'July', 'Board Resolution'], ['Polk', 'May', 'Jail Policy'],
    ]);
  });
});

describe('a row whose anchor value OCR never read', () => {
  const TOP = TableLayoutSpecSchema.parse({
    name: 'top',
    columns: [
      { field: 'place', aliases: ['Place'] },
      { field: 'count', aliases: ['Count'], anchor: true },
    ],
  });
  const flat = (text: string, x0: number, top: number) => word(text, x0, top, 6);
  const row = (top: number, place: string, count?: string) => [flat(place, 60, top), ...(count ? [flat(count, 300, top)] : [])];

  it('is a row of its own, though the next row sits a little closer than the others', () => {
    // Rows 15 pt apart (9 pt gaps); the count of Sioux is lost, and the row after it is 7.5 pt under it.
    const words = [flat('Place', 60, 80), flat('Count', 300, 80), ...row(100, 'Travis', '90'), ...row(115, 'Weber', '80'), ...row(130, 'Sioux'), ...row(143.5, 'Polk', '70'), ...row(158.5, 'Union', '60')];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [TOP]).tables;
    expect(table!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? ''])).toEqual([['Travis', '90'], ['Weber', '80'], ['Sioux', ''], ['Polk', '70'], ['Union', '60']]);
  });

  it('keeps the table going through tall rows, several in a row without their anchor (fresh seed 5150000004)', () => {
    // Rows 24 pt apart: each gap (18 pt) is wider than maxRowGap, and the counts of Weber and Sioux are lost.
    const words = [flat('Place', 60, 80), flat('Count', 300, 80), ...row(100, 'Travis', '90'), ...row(124, 'Weber'), ...row(148, 'Sioux'), ...row(172, 'Polk', '70'), ...row(196, 'Union', '60')];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [TOP]).tables;
    expect(table!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? ''])).toEqual([['Travis', '90'], ['Weber', ''], ['Sioux', ''], ['Polk', '70'], ['Union', '60']]);
  });

  it('is a row of its own when it is the table\'s first, set apart from the next as rows are (fresh seed 1307624204)', () => {
    // Rows 15 pt apart; the first row's count is lost, and its taller words ("Philadelphia,") leave
    // a gap under it narrower than the others: it led the second row, "Philadelphia San Bernardino".
    const words = [flat('Place', 60, 80), flat('Count', 300, 80), word('Philadelphia', 60, 100, 8), ...row(115, 'Bernardino', '62'), ...row(130, 'Butte', '57'), ...row(145, 'Orange', '49')];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [TOP]).tables;
    expect(table!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? ''])).toEqual([['Philadelphia', ''], ['Bernardino', '62'], ['Butte', '57'], ['Orange', '49']]);
    // A first line set as close to the anchor line as a wrapped cell's lines are still leads it.
    const wrapped = [flat('Place', 60, 80), flat('Count', 300, 80), ...row(100, 'Philadelphia,'), ...row(107, 'Pennsylvania', '90'), ...row(122, 'Butte', '57'), ...row(137, 'Orange', '49')];
    const [whole] = extractTables([{ ...page, words: wrapped }], [TOP]).tables;
    expect(whole!.rows.map((r) => r.cells.place?.text)).toEqual(['Philadelphia, Pennsylvania', 'Butte', 'Orange']);
  });

  it('is a row of its own under the one rule between it and the row above, on a page that continues a padded grid (fresh seed 1307624188)', () => {
    // Rules 22 pt apart; the text sits 6 pt under the rule above its row and 9 pt over the one under
    // it, too far from either outer rule of the second page to count it (rowRuleSlackPt).
    const rule = (y: number): Ruling => ({ orientation: 'h', x0: 40, x1: 400, y0: y, y1: y + 0.5 });
    const borders = (y0: number, y1: number): Ruling[] => [40, 250, 400].map((x) => ({ orientation: 'v', x0: x, x1: x + 0.5, y0, y1 }));
    const first: PageTokens = { page: 1, width: 612, height: 792, source: 'ocr', rulings: [rule(78), rule(92), rule(114), rule(136), ...borders(78, 136)],
      words: [flat('Place', 60, 84), flat('Count', 300, 84), ...row(98, 'Travis', '90'), ...row(120, 'Weber', '80')] };
    const second: PageTokens = { page: 2, width: 612, height: 792, source: 'ocr', rulings: [rule(48), rule(70), rule(92), ...borders(48, 92)],
      words: [...row(54, 'Miguel', '13'), ...row(77, 'Riverside')] };
    const [table] = extractTables([first, second], [TOP]).tables;
    expect(table!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? ''])).toEqual([['Travis', '90'], ['Weber', '80'], ['Miguel', '13'], ['Riverside', '']]);
  });

  it('is the last row, ruled above and below like the rows before it, in a padded grid with row rules only (fresh seed 506119437)', () => {
    // Rules 30 pt apart: the gaps between rows' text (24 pt) are wider than maxRowGap, and the last
    // row's count is lost, so nothing but its rules shows the row. A note under the closing rule,
    // boxed by a rule far below, is no row.
    const rule = (y: number): Ruling => ({ orientation: 'h', x0: 40, x1: 400, y0: y, y1: y + 0.5 });
    const words = [flat('Place', 60, 80), flat('Count', 300, 80), ...row(100, 'Travis', '90'), ...row(130, 'Weber', '80'), ...row(160, 'Polk', '70'), ...row(190, 'Union'), flat('Provisional', 60, 240)];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, source: 'ocr', rulings: [92, 122, 152, 182, 212, 300].map(rule) };
    const result = extractTables([page], [TOP]);
    expect(result.tables[0]!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? ''])).toEqual([['Travis', '90'], ['Weber', '80'], ['Polk', '70'], ['Union', '']]);
  });

  it('is a row of its own under a line whose boxes a speck stretched down (fresh seed 2701219477)', () => {
    // Rows 12 pt apart (6 pt gaps). A speck under "Cass, Iowa" stretched its two words 3 pt down,
    // so the line under it, whose count OCR never read, sits 3 pt under their median bottom.
    const stretched = (text: string, x0: number, top: number) => word(text, x0, top, 9);
    const words = [
      flat('Place', 60, 80), flat('Count', 300, 80), ...row(100, 'Travis', '90'), ...row(112, 'Weber', '80'), ...row(124, 'Polk', '70'),
      stretched('Cass,', 60, 136), stretched('Iowa', 100, 136), flat('10', 300, 136), ...row(148, 'Union'),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const [table] = extractTables([page], [TOP]).tables;
    expect(table!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? ''])).toEqual([['Travis', '90'], ['Weber', '80'], ['Polk', '70'], ['Cass, Iowa', '10'], ['Union', '']]);
  });
});

describe('a tall row whose long cell prints spaced items above its anchor', () => {
  const POLICIES = TableLayoutSpecSchema.parse({
    name: 'policies',
    columns: [
      { field: 'place', aliases: ['Place'] },
      { field: 'enacted', aliases: ['Enacted'], anchor: true, anchorPattern: '^(may|june)' },
      { field: 'criteria', aliases: ['Criteria'] },
    ],
  });
  const flat = (text: string, x0: number, top: number) => word(text, x0, top, 6);
  it('goes on through the gaps between the items, which are wider than rows are apart', () => {
    const words = [
      flat('Place', 40, 80), flat('Enacted', 160, 80), flat('Criteria', 300, 80),
      flat('Travis', 40, 100), flat('May', 160, 100), flat('Ordinance', 300, 100),
      // Weber's row: three items 20 pt apart, more than maxRowGap (2.2 em), its anchor under the third.
      flat('Warrant', 300, 126), flat('Notice', 300, 152), flat('Felony', 300, 178), flat('Weber', 40, 185), flat('June', 160, 185),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [POLICIES]);
    const rows = result.tables[0]!.rows;
    expect(rows.map((r) => [r.cells.place?.text, r.cells.enacted?.text])).toEqual([['Travis', 'May'], ['Weber', 'June']]);
    expect(rows.flatMap((r) => r.cells.criteria?.text.split(' ') ?? []).sort()).toEqual(['Felony', 'Notice', 'Ordinance', 'Warrant']);
    expect(result.leftOut).toEqual([]);
  });

  it('does not take in a note set in an inner column after the table, which leads to no row', () => {
    const words = [
      flat('Place', 40, 80), flat('Enacted', 160, 80), flat('Criteria', 300, 80),
      flat('Travis', 40, 100), flat('May', 160, 100), flat('Ordinance', 300, 100),
      flat('Weber', 40, 120), flat('June', 160, 120), flat('Warrant', 300, 120),
      flat('Provisional', 300, 146),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [POLICIES]);
    expect(result.tables[0]!.rows.map((r) => r.cells.criteria?.text)).toEqual(['Ordinance', 'Warrant']);
    expect(result.text[0]!.lines.map((l) => l.text)).toEqual(['Provisional']);
  });

  it('goes on past a line beside which a speck in the margin was read as letters at no confidence (fresh seed 2009010879)', () => {
    // The table starts at x = 80; the speck, 30 pt from the page's edge, is beside it.
    const speck: Word = { ...flat('.e', 30, 112), y1: 115, confidence: 0 };
    const words = [
      flat('Place', 80, 80), flat('Enacted', 200, 80), flat('Criteria', 340, 80),
      flat('Travis', 80, 100), flat('May', 200, 100), flat('Ordinance', 340, 100),
      flat('Warrant', 340, 110), speck,
      flat('Weber', 80, 125), flat('June', 200, 125), flat('Notice', 340, 125),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [POLICIES]);
    expect(result.tables[0]!.rows.map((r) => [r.cells.place?.text, r.cells.criteria?.text])).toEqual([['Travis', 'Ordinance Warrant'], ['Weber', 'Notice']]);
  });

  it('keeps a wrapped line whose words name another table\'s columns in its row (fresh seed 506119431)', () => {
    // "Weber County" over "Jail Policy on ICE Detainers": the row's second line reads "County"
    // under Place and "Detainers" under Criteria, the two column names of another table.
    const COUNTS = TableLayoutSpecSchema.parse({
      name: 'counts',
      columns: [{ field: 'county', aliases: ['County'] }, { field: 'count', aliases: ['Detainers'], anchor: true }],
    });
    const words = [
      flat('Place', 40, 80), flat('Enacted', 160, 80), flat('Criteria', 300, 80),
      flat('Travis', 40, 100), flat('May', 160, 100), flat('Ordinance', 300, 100),
      flat('Weber', 40, 120), flat('June', 160, 120), flat('Policy', 300, 120),
      flat('County', 40, 129), flat('Detainers', 300, 129),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [POLICIES, COUNTS]);
    expect(result.tables.map((t) => t.id)).toEqual(['policies#1']);
    expect(result.tables[0]!.rows.map((r) => [r.cells.place?.text, r.cells.criteria?.text])).toEqual([['Travis', 'Ordinance'], ['Weber County', 'Policy Detainers']]);
  });
});

describe('a header set close under an open table\'s last line', () => {
  it('opens its table when it names four columns or more (fresh seed 428834249: Section I ran on into the prose under it, Section II\'s title being garbled, and Section II was not found)', () => {
    const flat = (text: string, x0: number, top: number) => word(text, x0, top, 6);
    const COUNTS = TableLayoutSpecSchema.parse({ name: 'counts', columns: [{ field: 'place', aliases: ['Place'] }, { field: 'count', aliases: ['Count'], anchor: true, anchorPattern: '^\\d' }] });
    const HOLDS = TableLayoutSpecSchema.parse({ name: 'holds', columns: [
      { field: 'state', aliases: ['State'], anchor: true }, { field: 'county', aliases: ['County'] }, { field: 'facility', aliases: ['Facility'] },
      { field: 'issued', aliases: ['Issued'], anchor: true, anchorPattern: '^\\d+/' }, { field: 'declined', aliases: ['Declined'], anchor: true, anchorPattern: '^\\d+/' },
    ] });
    const words = [
      flat('Place', 40, 80), flat('Count', 400, 80), flat('Travis,', 40, 100), flat('Texas', 80, 100), flat('12', 400, 100),
      // The prose under the table, within its place column, then the next table's header 3 pt under it.
      flat('lists', 40, 112), flat('each', 70, 112), flat('detainer', 100, 112), flat('below', 150, 112),
      flat('State', 40, 121), flat('County', 90, 121), flat('Facility', 170, 121), flat('Issued', 300, 121), flat('Declined', 380, 121),
      flat('TX', 40, 140), flat('Travis', 90, 140), flat('Jail', 170, 140), flat('1/2/2017', 300, 140), flat('1/3/2017', 380, 140),
    ];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const result = extractTables([page], [COUNTS, HOLDS]);
    expect(result.tables.map((t) => t.id)).toEqual(['counts#1', 'holds#1']);
    expect(result.tables[1]!.rows.map((r) => r.cells.facility?.text)).toEqual(['Jail']);
  });
});

describe('rows whose count OCR did not read', () => {
  // Section I's shape: a place, then a count (the anchor). Rows of one line, 17 pt top to top.
  const COUNTS = TableLayoutSpecSchema.parse({
    name: 'counts',
    columns: [{ field: 'place', aliases: ['Place'] }, { field: 'count', aliases: ['Count'], anchor: true }],
  });
  const places = (countless: ReadonlySet<number>, descenders: number) => {
    const words = [word('Place', 48, 80), word('Count', 300, 80)];
    ['Marin,', 'Cass,', 'Ida,', 'Arlington,', 'Dade,', 'Marion,'].forEach((place, i) => {
      const top = 100 + 17 * i;
      // A line whose words reach below the others ("Arlington, Virginia": a comma and two g's).
      words.push(word(place, 48, top, i === descenders ? 7.4 : 6), word('Florida', 120, top, i === descenders ? 7.4 : 6));
      if (!countless.has(i)) words.push(word(String(90 - i), 300, top));
    });
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    return extractTables([page], [COUNTS]).tables[0]!.rows.map((r) => [r.cells.place?.text, r.cells.count?.text ?? '']);
  };

  it('each start a row of their own, also under a line with descenders', () => {
    // Two such rows in a row, the first with descenders: the gap above the second is 1.4 pt under
    // the others, its top as far below the line above as any row's.
    expect(places(new Set([3, 4]), 3)).toEqual([
      ['Marin, Florida', '90'], ['Cass, Florida', '89'], ['Ida, Florida', '88'], ['Arlington, Florida', ''], ['Dade, Florida', ''], ['Marion, Florida', '85'],
    ]);
  });
});

describe('the first row of a table, its cells centred', () => {
  const HOLDS = TableLayoutSpecSchema.parse({
    name: 'holds',
    columns: [
      { field: 'state', aliases: ['State'], anchor: true },
      { field: 'facility', aliases: ['Facility'] },
      { field: 'country', aliases: ['Country'] },
      { field: 'issued', aliases: ['Issued'], anchor: true, anchorPattern: '^\\d+\\s*/' },
      { field: 'offense', aliases: ['Offense'] },
    ],
  });
  const at = { state: 40, facility: 100, country: 220, issued: 300, offense: 400 };

  it('is one row with the lines its longer cells print above its anchor line, though the header sits closer to them (fresh seed 1307624197)', () => {
    // The page holds this one row, so no usual row gap is known: the header is 2.5 pt over the
    // centred cells' first lines, which are 4 pt over the anchor line and fill less than it does.
    const words = [
      word('State', at.state, 100), word('Facility', at.facility, 100), word('Country', at.country, 100), word('Issued', at.issued, 100), word('Offense', at.offense, 100),
      word('Montgomery', at.facility, 108.5), word('Assault -', at.offense, 108.5),
      word('MD', at.state, 118.5), word('County Jail', at.facility, 118.5), word('Mexico', at.country, 118.5), word('1/23/2017', at.issued, 118.5), word('Domestic', at.offense, 118.5),
    ];
    const [table] = extractTables([{ page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' }], [HOLDS]).tables;
    expect(table!.rows.map((r) => [r.cells.state?.text, r.cells.facility?.text, r.cells.offense?.text])).toEqual([['MD', 'Montgomery County Jail', 'Assault - Domestic']]);
  });
});
