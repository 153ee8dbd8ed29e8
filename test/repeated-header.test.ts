/**
 * A header repeated on a scanned page that OCR read in part: the column whose header word it lost
 * keeps its place, from the table's earlier header moved as far as the cells both read agree.
 * Synthetic OCR words, through the real extractTables; the second page sits 3 pt to the right.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'state', aliases: ['State'], anchor: true },
    { field: 'status', aliases: ['Status'], required: false },
    { field: 'facility', aliases: ['Facility'] },
    { field: 'offence', aliases: ['Offence'] },
  ],
});
const X = { state: 60, status: 130, facility: 200, offence: 400 };
const word = (text: string, x0: number, top: number): Word =>
  ({ text, x0, x1: x0 + 6 * text.length, y0: top, y1: top + 6, size: 7, confidence: 0.95, source: 'ocr' });
const ROWS = [['Texas', 'Charged', 'Travis', 'Burglary'], ['Ohio', 'Convicted', 'Union', 'Forgery'], ['Utah', 'Charged', 'Weber', 'Drugs']];

function page(n: number, shift: number, header: readonly (keyof typeof X)[]): PageTokens {
  const names = { state: 'State', status: 'Status', facility: 'Facility', offence: 'Offence' };
  const words = [
    ...header.map((f) => word(names[f], X[f] + shift, 80)),
    ...ROWS.flatMap(([state, status, facility, offence], i) => [
      word(state!, X.state + shift, 100 + 15 * i), word(status!, X.status + shift, 100 + 15 * i),
      word(facility!, X.facility + shift, 100 + 15 * i), word(offence!, X.offence + shift, 100 + 15 * i),
    ]),
  ];
  return { page: n, width: 612, height: 792, words, rulings: [], source: 'ocr' };
}

describe('a header repeated on a scanned page, read in part', () => {
  it('keeps the column whose header word OCR lost, moved with the page', () => {
    const pages = [page(1, 0, ['state', 'status', 'facility', 'offence']), page(2, 3, ['state', 'facility', 'offence'])];
    const [table] = extractTables(pages, [SPEC]).tables;
    expect(table!.rows.map((r) => [r.cells.state?.text, r.cells.status?.text])).toEqual([
      ...ROWS.map((r) => [r[0], r[1]]), ...ROWS.map((r) => [r[0], r[1]]),
    ]);
  });

  it('is the earlier one moved when it names a column more that the earlier one did not know (fresh seed 331754021: "Detail" read for "Detainer")', () => {
    // Page 2's header names every column, but OCR read a word that names none where the facility
    // column starts ("Detail") and "Facility" after it: the facility values start under "Detail".
    const second = page(2, 3, ['state', 'status', 'offence']);
    second.words.push(word('Detail', X.facility + 3, 80), word('Facility', X.facility + 63, 80));
    const [table] = extractTables([page(1, 0, ['state', 'status', 'facility', 'offence']), second], [SPEC]).tables;
    expect(table!.rows.map((r) => r.cells.facility?.text)).toEqual([...ROWS.map((r) => r[2]), ...ROWS.map((r) => r[2])]);
    expect(table!.rows.every((r) => Object.keys(r.cells).every((f) => !f.startsWith('column_')))).toBe(true);
  });

  it('is read as it stands when it names every column the earlier one did', () => {
    // The table's later pages lay the columns out afresh: the status column moved 40 pt right.
    const second = page(2, 0, ['state', 'status', 'facility', 'offence']);
    for (const w of second.words) if (w.x0 >= X.status && w.x0 < X.facility) Object.assign(w, { x0: w.x0 + 20, x1: w.x1 + 20 });
    const [table] = extractTables([page(1, 0, ['state', 'status', 'facility', 'offence']), second], [SPEC]).tables;
    expect(table!.rows.map((r) => r.cells.status?.text)).toEqual([...ROWS.map((r) => r[1]), ...ROWS.map((r) => r[1])]);
  });
});

describe('lines at the top of a page, above the table\'s repeated header', () => {
  it('are the page\'s running text, not rows, though they fall within one column (fresh seed 506119443)', () => {
    // A running header OCR read differently on each page (so furniture does not know it), within
    // the state column, then the header repeated without its Status cell, then the rows.
    const second = page(2, 3, ['state', 'facility', 'offence']);
    second.words.push(word('Bureau', X.state + 3, 40));
    const result = extractTables([page(1, 0, ['state', 'status', 'facility', 'offence']), second], [SPEC]);
    expect(result.tables.map((t) => t.id)).toEqual(['holds#1']);
    expect(result.tables[0]!.rows.map((r) => [r.cells.state?.text, r.cells.status?.text])).toEqual([
      ...ROWS.map((r) => [r[0], r[1]]), ...ROWS.map((r) => [r[0], r[1]]),
    ]);
    expect(result.text[1]!.lines.map((l) => l.text)).toEqual(['Bureau']);
  });
});

/** Two columns whose header cells share their first word, so a header needs both its lines. */
const DATED = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'issued', aliases: ['Detainer Issued'] },
    { field: 'facility', aliases: ['Facility'], anchor: true },
    { field: 'declined', aliases: ['Detainer Declined'] },
    { field: 'offence', aliases: ['Offence'] },
  ],
});
const COLUMN = { issued: 60, facility: 150, declined: 260, offence: 400 };
/** A word of a text layer. */
const text = (t: string, x0: number, top: number): Word => ({ ...word(t, x0, top), source: 'text', confidence: 1 });

describe('a two-line header repeated on every page, whose second line alone recurs like furniture', () => {
  const HELD = [['5/1/2017', 'Travis', '5/3/2017', 'Burglary'], ['5/2/2017', 'Union', '5/4/2017', 'Forgery'], ['5/2/2017', 'Weber', '5/5/2017', 'Drugs']];
  // The first line's "Detainer" OCR read with a tall speck above it, reaching higher on each page,
  // so only the second line ("Issued", "Declined") recurs at one height (fresh seed 303722280).
  const dated = (n: number, reach: number): PageTokens => ({
    page: n, width: 612, height: 792, rulings: [], source: 'ocr',
    words: [
      { ...word('Detainer', COLUMN.issued, 70), y0: 70 - reach }, word('Facility', COLUMN.facility, 70),
      word('Detainer', COLUMN.declined, 70), word('Offence', COLUMN.offence, 70),
      word('Issued', COLUMN.issued, 80), word('Declined', COLUMN.declined, 80),
      ...HELD.flatMap((cells, i) => Object.values(COLUMN).map((x, k) => word(cells[k]!, x, 100 + 15 * i))),
    ],
  });

  it('keeps every line of the header on every page, and so every row', () => {
    const result = extractTables([dated(1, 0), dated(2, 5), dated(3, 10)], [DATED]);
    expect(result.debug.map((d) => d.furniture.length)).toEqual([1, 1, 1]);
    expect(result.tables.flatMap((t) => t.rows.map((r) => [r.cells.issued?.text, r.cells.facility?.text, r.cells.declined?.text])))
      .toEqual([1, 2, 3].flatMap(() => HELD.map((r) => [r[0], r[1], r[2]])));
  });
});

describe('a header the page break cut', () => {
  const CUT = TableLayoutSpecSchema.parse({
    name: 'holds',
    columns: [
      { field: 'facility', aliases: ['Facility'], anchor: true },
      { field: 'issued', aliases: ['Detainer Issued Date', 'Detainer Issued'] },
      { field: 'offence', aliases: ['Offence'] },
    ],
  });
  const AT = { facility: 60, issued: 250, offence: 400 };

  it('leaves the rest of the header at the top of the next page out of the first row (fresh seed 848391211)', () => {
    // Page 1 ends with the header's first two lines; page 2 opens with "Date", the third line of
    // the issued column's cell, then the rows.
    const first: PageTokens = { page: 1, width: 612, height: 792, rulings: [], source: 'text', words: [
      text('Facility', AT.facility, 750), text('Detainer', AT.issued, 750), text('Offence', AT.offence, 750), text('Issued', AT.issued, 760),
    ] };
    const second: PageTokens = { page: 2, width: 612, height: 792, rulings: [], source: 'text', words: [
      text('Date', AT.issued, 40),
      ...[['Cook Jail', '8/24/2017', 'Burglary'], ['Dade Jail', '8/29/2017', 'Theft']].flatMap((cells, i) => [
        text(cells[0]!, AT.facility, 56 + 14 * i), text(cells[1]!, AT.issued, 56 + 14 * i), text(cells[2]!, AT.offence, 56 + 14 * i)]),
    ] };
    const [table] = extractTables([first, second], [CUT]).tables;
    expect(table!.rows.map((r) => [r.cells.facility?.text, r.cells.issued?.text])).toEqual([['Cook Jail', '8/24/2017'], ['Dade Jail', '8/29/2017']]);
  });
});

describe('a header the page break cut before any of it could be read as one', () => {
  const page = (n: number, words: Word[]): PageTokens => ({ page: n, width: 612, height: 792, rulings: [], source: 'text', words });

  it('joins the foot of one page and the top of the next into the header, and reads the rows (fresh seed 276994120)', () => {
    const first = page(1, [text('Summary', 60, 100), text('Detainer', COLUMN.issued, 760), text('Facility', COLUMN.facility, 760), text('Detainer', COLUMN.declined, 760), text('Offence', COLUMN.offence, 760)]);
    const rows = [['5/1/2017', 'Cook Jail', '5/3/2017', 'Burglary'], ['5/2/2017', 'Dade Jail', '5/4/2017', 'Theft']];
    const second = page(2, [text('Issued', COLUMN.issued, 40), text('Declined', COLUMN.declined, 40),
      ...rows.flatMap((cells, i) => Object.values(COLUMN).map((x, k) => text(cells[k]!, x, 60 + 14 * i)))]);
    const tables = extractTables([first, second], [DATED]).tables;
    expect(tables.flatMap((t) => t.rows.map((r) => [r.cells.issued?.text, r.cells.facility?.text, r.cells.declined?.text, r.cells.offence?.text]))).toEqual(rows);
  });
});
