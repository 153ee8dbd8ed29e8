/**
 * Tall unruled rows (paragraph spacing wider than body.maxRowGap) go on only where a row starts.
 * Two ways a noisy scan broke that, on synthetic OCR words through the real extractTables:
 * - a row whose one anchor OCR misread ("FLe" for FL at confidence 0) ended the table, and every
 *   row after it was lost (fresh seed 257108919, a 200 DPI scan: 7 of 28 rows);
 * - the running header over a page that continues the table, read differently on each page (so
 *   furniture did not know it) with a speck beside it, became a row of the table.
 * And a header read in part on the page where its table starts, whose rows were lost although the
 * next page repeats the header whole (fresh seed 822832103, 150 DPI: 2 of 23 rows).
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const DATE = '^\\d+\\s*/';
const SPEC = TableLayoutSpecSchema.parse({
  name: 'holds',
  columns: [
    { field: 'state', aliases: ['State'], anchor: true },
    { field: 'facility', aliases: ['Facility'] },
    { field: 'issued', aliases: ['Issued'], anchor: true, anchorPattern: DATE },
    { field: 'declined', aliases: ['Declined'], anchor: true, anchorPattern: DATE },
  ],
});
const X = { state: 60, facility: 120, issued: 330, declined: 450 };
const word = (text: string, x0: number, top: number, confidence = 0.95, height = 6): Word =>
  ({ text, x0, x1: x0 + 6 * text.length, y0: top, y1: top + height, size: 7, confidence, source: 'ocr' });

/** One row on one line; rows 24 pt apart leave 18 pt between them, over maxRowGap (2.2 em of 7 pt). */
const row = (top: number, state: string, facility: string, confidence = 0.95) => [
  word(state, X.state, top, confidence), word(facility, X.facility, top), word('12/03/2017', X.issued, top), word('12/06/2017', X.declined, top),
];
const header = (top: number) => [word('State', X.state, top), word('Facility', X.facility, top), word('Issued', X.issued, top), word('Declined', X.declined, top)];
const page = (n: number, words: Word[]): PageTokens => ({ page: n, width: 612, height: 792, words, rulings: [], source: 'ocr' });
const states = (pages: PageTokens[]) => extractTables(pages, [SPEC]).tables.flatMap((t) => t.rows.map((r) => r.cells.state?.text));

describe('tall rows on a noisy scan', () => {
  it('go on past a row whose one anchor OCR misread, when its other anchors start and its text fills every anchor column', () => {
    const words = [...header(100), ...row(124, 'FL', 'Miami Jail'), ...row(148, 'FLe', 'Miami Jail', 0), ...row(172, 'IA', 'Johnson Jail'), ...row(196, 'OR', 'Multnomah Jail')];
    expect(states([page(1, words)])).toEqual(['FL', 'FLe', 'IA', 'OR']);
  });

  it('go on past a row whose one anchor OCR lost outright, when it fills what the rows fill (fresh seed 1307624192)', () => {
    // A two-letter state alone in a narrow ruled cell, read as nothing, on this page and the next.
    const lost = (top: number, facility: string) => row(top, '', facility).filter((w) => w.text !== '');
    const first = page(1, [...header(100), ...row(124, 'FL', 'Miami Jail'), ...lost(148, 'Dade Jail'), ...row(172, 'IA', 'Johnson Jail')]);
    const second = page(2, [...lost(60, 'Bastrop Jail'), ...row(84, 'OR', 'Multnomah Jail')]);
    const facilities = extractTables([first, second], [SPEC]).tables.flatMap((t) => t.rows.map((r) => r.cells.facility?.text));
    expect(facilities).toEqual(['Miami Jail', 'Dade Jail', 'Johnson Jail', 'Bastrop Jail', 'Multnomah Jail']);
  });

  it('go on past a row whose one anchor OCR lost outright, in centred rows whose anchor lines fill too little to tell, when it fills every other column (fresh seed 428834272)', () => {
    const WIDE = TableLayoutSpecSchema.parse({ name: 'holds', columns: [
      { field: 'state', aliases: ['State'], anchor: true }, { field: 'county', aliases: ['County'] }, { field: 'facility', aliases: ['Facility'] },
      { field: 'citizenship', aliases: ['Citizenship'] }, { field: 'issued', aliases: ['Issued'], anchor: true, anchorPattern: DATE },
      { field: 'declined', aliases: ['Declined'], anchor: true, anchorPattern: DATE }, { field: 'offense', aliases: ['Offense'] },
    ] });
    const at = { state: 30, county: 70, facility: 150, citizenship: 260, issued: 330, declined: 410, offense: 490 };
    const head = (['State', 'County', 'Facility', 'Citizenship', 'Issued', 'Declined', 'Offense'] as const).map((name, i) => word(name, Object.values(at)[i]!, 100));
    // Cells centred vertically: the two-line cells print a line above and one under the anchor line.
    const centred = (top: number, state: string) => [
      word('Turner', at.facility, top), word('El', at.citizenship, top), word('Sexual', at.offense, top),
      word(state, at.state, top + 8), word('Dade', at.county, top + 8), word('12/03/2017', at.issued, top + 8), word('12/06/2017', at.declined, top + 8),
      word('Jail', at.facility, top + 16), word('Salvador', at.citizenship, top + 16), word('Assault', at.offense, top + 16),
    ];
    // A one-line row, 20 pt under the last, its state on a light stripe read as nothing.
    const whole = (top: number, state: string) => [...(state ? [word(state, at.state, top)] : []), word('Suffolk', at.county, top), word('House', at.facility, top),
      word('Mexico', at.citizenship, top), word('12/03/2017', at.issued, top), word('12/06/2017', at.declined, top), word('Drugs', at.offense, top)];
    const words = [...head, ...centred(116, 'FL'), ...centred(158, 'FL'), ...whole(200, ''), ...whole(226, ''), ...whole(252, 'NJ')];
    const counties = extractTables([page(1, words)], [WIDE]).tables.flatMap((t) => t.rows.map((r) => r.cells.county?.text));
    expect(counties).toEqual(['Dade', 'Dade', 'Suffolk', 'Suffolk', 'Suffolk']);
  });

  it('still end at a line with an anchor column empty that does not fill what the rows fill', () => {
    // No state and no facility: two of three anchors start, but the line is no row (a note's dates).
    const note = [word('12/03/2017', X.issued, 148), word('12/06/2017', X.declined, 148)];
    expect(states([page(1, [...header(100), ...row(124, 'FL', 'Miami Jail'), ...note, ...row(172, 'IA', 'Johnson Jail')])])).toEqual(['FL']);
  });

  it('do not take the next page\'s running header as a row, though its words fall between the column boundaries', () => {
    const first = page(1, [...header(100), ...row(124, 'FL', 'Miami Jail'), ...row(148, 'FL', 'Dade Jail')]);
    // Prose in the top margin, a speck read as "LI" far to its right.
    const running = [word('Declined', 60, 20), word('Detainer', 114, 20), word('Report', 168, 20), word('Dec', 210, 20), word('2', 234, 20), word('2017', 246, 20), word('LI', 400, 22, 0.28, 2.5)];
    const second = page(2, [...running, ...row(60, 'IA', 'Johnson Jail'), ...row(84, 'OR', 'Multnomah Jail')]);
    expect(states([first, second])).toEqual(['FL', 'FL', 'IA', 'OR']);
  });

  it('go on at the next page\'s first row when a speck OCR read with no confidence sits above it (fresh seed 155819069)', () => {
    const first = page(1, [...header(100), ...row(124, 'FL', 'Miami Jail'), ...row(148, 'FL', 'Dade Jail')]);
    // ".e" at 0.00 at the very top of the scan, then the rows a margin below it.
    const second = page(2, [word('.e', 300, 6, 0), ...row(60, 'IA', 'Johnson Jail'), ...row(84, 'OR', 'Multnomah Jail')]);
    expect(states([first, second])).toEqual(['FL', 'FL', 'IA', 'OR']);
  });
});

describe('a header OCR read in part where its table was not found', () => {
  const WIDE = TableLayoutSpecSchema.parse({
    name: 'holds',
    columns: [
      { field: 'state', aliases: ['State'], anchor: true },
      { field: 'county', aliases: ['County'] },
      { field: 'facility', aliases: ['Facility'] },
      { field: 'issued', aliases: ['Date Issued'], anchor: true, anchorPattern: DATE },
      { field: 'declined', aliases: ['Declined Date'], anchor: true, anchorPattern: DATE },
      { field: 'offense', aliases: ['Offense'] },
    ],
  });
  const at = { state: 40, county: 90, facility: 200, issued: 330, declined: 450, offense: 560 };
  const header = (top: number, lost: string[] = []) => [word('State', at.state, top), word('County', at.county, top), word('Facility', at.facility, top),
    word('Date', at.issued, top), word('Issued', at.issued + 30, top), word('Declined', at.declined, top), word('Date', at.declined + 54, top), word('Offense', at.offense, top)]
    .filter((w) => !lost.includes(w.text));
  const row = (top: number, state: string) => [word(state, at.state, top), word('Cook', at.county, top), word('Cook Jail', at.facility, top),
    word('1/20/2017', at.issued, top), word('1/21/2017', at.declined, top), word('Burglary', at.offense, top)];
  const states = (pages: PageTokens[]) => extractTables(pages, [WIDE]).tables.flatMap((t) => t.rows.map((r) => r.cells.state?.text));

  it('is the header read whole on another page of the file, moved to where the cells it kept are (fresh seed 822832103, a grey band at 150 DPI)', () => {
    // Page 1 lost "Facility" and "Offense" (the matcher needs them); page 2 repeats the header whole, 3 pt lower.
    const first = page(1, [...header(100, ['Facility', 'Offense']), ...row(115, 'IL'), ...row(130, 'NC')]);
    const second = page(2, [...header(103), ...row(118, 'OR'), ...row(133, 'TX')]);
    expect(states([first, second])).toEqual(['IL', 'NC', 'OR', 'TX']);
  });

  it('is not, with fewer than adoptMinCells of its cells, nor on a page with a text layer', () => {
    const second = page(2, [...header(103), ...row(118, 'OR'), ...row(133, 'TX')]);
    const few = page(1, [...header(100, ['Facility', 'Offense', 'Declined', 'Date']), ...row(115, 'IL'), ...row(130, 'NC')]);
    expect(states([few, second])).toEqual(['OR', 'TX']);
    const text = { ...page(1, [...header(100, ['Facility', 'Offense']), ...row(115, 'IL')]), source: 'text' as const };
    expect(states([text, second])).toEqual(['OR', 'TX']);
  });
});
