/**
 * A table whose header OCR loses on the plain page (its letters touch a rule, on a grey band, at
 * 150 DPI) is looked for again on the page read cleaned (rulings painted out, shading lifted),
 * and found there: real pdf.js, real tesseract.js, a real scan.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile, extractReadings, sourceDocument } from '../src/extract-file.ts';
import { createOcrPool } from '../src/ocr/pool.ts';
import type { PageReading } from '../src/document.ts';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { ddor } from '../pipelines/ddor/family.ts';
import { SECTION_III_LAYOUT } from '../pipelines/ddor/layout.ts';
import { readsAsPartialHeader } from '../src/table/extract.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';

const FILE = 'test/fixtures/cleaned/section-i-degraded150.pdf';

describe('tables looked for again on cleaned pages', { timeout: 240_000 }, () => {
  const pool = createOcrPool({ workers: 1 });
  afterAll(() => pool.close());

  it('finds the Section I table the plain reading lost, and says so', async () => {
    const { pdf, readings, report } = await extractFile(ddor, FILE, { ocr: pool });
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'table-found-cleaned', table: 'top_jurisdictions', file: FILE, page: 2 }));
    expect(report.rows.top_jurisdictions).toHaveLength(10);
    expect(report.findings).not.toContainEqual(expect.objectContaining({ code: 'table-not-found', table: 'top_jurisdictions' }));

    // The same plain reading without a second reading of the page: the table is not found.
    const plain = await extractReadings(ddor, sourceDocument(pdf, FILE), readings);
    expect(plain.report.rows.top_jurisdictions ?? []).toHaveLength(0);
    expect(plain.report.findings).toContainEqual(expect.objectContaining({ code: 'table-not-found', table: 'top_jurisdictions' }));

    // A cleaned reading that fails keeps the plain one, and says so.
    const failing = await extractReadings(ddor, sourceDocument(pdf, FILE), readings, null, [], async () => { throw new Error('worker gone'); });
    expect(failing.report.findings).toContainEqual(expect.objectContaining({ code: 'reread-failed', severity: 'warning', page: 2, file: FILE }));
    expect(failing.report.findings).toContainEqual(expect.objectContaining({ code: 'table-not-found', table: 'top_jurisdictions' }));
  });
});

describe('the pages a cleaned reading reads again', () => {
  // Synthetic OCR pages: page 1 holds free text (the title), page 2 is all table (a Section III
  // header and its rows). Sections I and II are lost, but only a page with free text can hold
  // their headers.
  const word = (text: string, x0: number, y0: number): Word => ({ text, x0, x1: x0 + 5 * text.length, y0, y1: y0 + 7, size: 8, confidence: 0.95, source: 'ocr' });
  const words = (text: string, x0: number, y0: number) => text.split(' ').map((t, i) => word(t, x0 + 60 * i, y0));
  const policyRow = (y: number, month: string) => [word('Ramsey', 40, y), word(month, 160, y), word('2016', 200, y), word('Resolution', 260, y), word('Will', 400, y), word('not', 425, y), word('honor', 445, y)];
  const title: PageTokens = { page: 1, width: 612, height: 792, source: 'ocr', rulings: [], words: words('For Recorded Declined Detainers Jan. 28 - Feb. 3, 2017', 40, 100) };
  const tableOnly: PageTokens = {
    page: 2, width: 612, height: 792, source: 'ocr', rulings: [],
    words: [word('Jurisdiction', 40, 200), word('Date', 160, 200), word('Enacted', 185, 200), word('Policy', 260, 200), word('Criteria', 400, 200),
      ...policyRow(220, 'March'), ...policyRow(240, 'June'), ...policyRow(260, 'May')],
  };
  const readings: PageReading[] = [title, tableOnly].map((tokens) => ({ page: tokens.page, classification: null, tokens, error: null, seconds: 0 }));
  const source = { file: 'synthetic.pdf', sha256: '0'.repeat(64), pageCount: 2, url: null, published: null, edition: null };

  it('are the OCR pages with free text, not those the tables found take whole, cleaned and then as whole pages', async () => {
    const asked: [number, string][] = [];
    const { extraction } = await extractReadings(ddor, source, readings, null, [], async (page, preparation) => { asked.push([page, preparation]); return readings[page - 1]!.tokens!; });
    expect(extraction.tables.find((t) => t.spec === 'policy_jurisdictions')?.rows).toHaveLength(3);
    expect(asked).toEqual([[1, 'cleaned'], [1, 'cleaned-whole-page']]);
  });

  it('find a table whose header only the whole-page reading reads, and say so', async () => {
    // The plain and cleaned readings lost the header (sparse text drops bold words in closed grid
    // cells); the whole-page reading of the same page has it.
    const headerless: PageTokens = { ...tableOnly, words: tableOnly.words.filter((w) => w.y0 !== 200) };
    const lost: PageReading[] = [title, headerless].map((tokens) => ({ page: tokens.page, classification: null, tokens, error: null, seconds: 0 }));
    const { extraction, report } = await extractReadings(ddor, source, lost, null, [], async (page, preparation) => (page === 2 && preparation === 'cleaned-whole-page' ? tableOnly : lost[page - 1]!.tokens!));
    expect(extraction.tables.find((t) => t.spec === 'policy_jurisdictions')?.rows).toHaveLength(3);
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'table-found-cleaned', table: 'policy_jurisdictions', page: 2, message: expect.stringContaining('whole pages') }));
  });

  it('find the rows of a page whose header lost a cell, when the table was found on a later page', async () => {
    // Page 1: the table starts under a header whose first cell and "Policy" OCR lost (grey band;
    // one lost cell alone is placed where the rows start a column), so it is found only from
    // page 2, where the header is repeated; the cleaned page 1 reads the header.
    const header = (y: number) => [word('Jurisdiction', 40, y), word('Date', 160, y), word('Enacted', 185, y), word('Policy', 260, y), word('Criteria', 400, y)];
    const start = (whole: boolean): PageTokens => ({ ...title, words: [...title.words, ...header(200).filter((w) => whole || !['Jurisdiction', 'Policy'].includes(w.text)), ...policyRow(220, 'March')] });
    const continued: PageTokens = { ...tableOnly, words: [...header(200), ...policyRow(220, 'June'), ...policyRow(240, 'May')] };
    const lost: PageReading[] = [start(false), continued].map((tokens) => ({ page: tokens.page, classification: null, tokens, error: null, seconds: 0 }));
    const plain = await extractReadings(ddor, source, lost);
    expect(plain.extraction.tables.filter((t) => t.spec === 'policy_jurisdictions').flatMap((t) => t.rows)).toHaveLength(2);
    const { extraction, report } = await extractReadings(ddor, source, lost, null, [], async (page) => (page === 1 ? start(true) : continued));
    expect(extraction.tables.filter((t) => t.spec === 'policy_jurisdictions').flatMap((t) => t.rows.map((r) => r.cells.date_enacted?.text))).toEqual(['March 2016', 'June 2016', 'May 2016']);
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'table-found-cleaned', table: 'policy_jurisdictions', page: 1, message: expect.stringMatching(/^3 rows of the policy_jurisdictions table, not 2, were found/) }));
  });

  it('do not start for prose that names a table\'s columns', () => {
    const line = (text: string, gap: number) => {
      const placed: Word[] = [];
      for (const t of text.split(' ')) placed.push(word(t, placed.length ? placed.at(-1)!.x1 + gap : 40, 300));
      return { text, words: placed, size: 8, x0: placed[0]!.x0, x1: placed.at(-1)!.x1, y0: 300, y1: 307 };
    };
    const settings = DEFAULT_EXTRACTION_SETTINGS;
    expect(readsAsPartialHeader(line('Date Enacted Policy Criteria', 30), SECTION_III_LAYOUT, settings)).toBe(true);
    expect(readsAsPartialHeader(line('Date Enacted Policy Criteria', 3), SECTION_III_LAYOUT, settings)).toBe(false);
    expect(readsAsPartialHeader(line('Policy Criteria', 30), SECTION_III_LAYOUT, settings)).toBe(false);
  });

  it('include a page whose lines read like rows of a table found on another page, and its rows join the table', async () => {
    // Page 1: a title spaced as prose, then rows whose header (repeated on each page) OCR lost;
    // page 2: header and rows. The title's "Declined" falls in the date column, and starts like "Dec".
    const prose: Word[] = [];
    for (const text of 'For Recorded Declined Detainers Jan. 28 - Feb. 3, 2017'.split(' ')) prose.push(word(text, prose.length ? prose.at(-1)!.x1 + 3 : 100, 100));
    const rowsWithoutHeader: PageTokens = { ...title, words: [...prose, ...policyRow(220, 'April'), ...policyRow(240, 'July'), ...policyRow(260, 'August')] };
    const lostHeader = [rowsWithoutHeader, tableOnly].map((tokens) => ({ page: tokens.page, classification: null, tokens, error: null, seconds: 0 }));
    const plain = await extractReadings(ddor, source, lostHeader);
    expect(plain.extraction.leftOut.filter((r) => r.where === 'page-without-table').map((r) => [r.table, r.page])).toEqual(Array(3).fill(['policy_jurisdictions', 1]));
    expect(plain.report.findings).toContainEqual(expect.objectContaining({ code: 'table-rows-left-out', severity: 'error', page: 1, table: 'policy_jurisdictions' }));

    const header = tableOnly.words.filter((w) => w.y0 === 200);
    const { extraction, report } = await extractReadings(ddor, source, lostHeader, null, [], async (page) => (page === 1 ? { ...rowsWithoutHeader, words: [...rowsWithoutHeader.words, ...header] } : tableOnly));
    expect(extraction.tables.filter((t) => t.spec === 'policy_jurisdictions').flatMap((t) => t.rows)).toHaveLength(6);
    expect(report.findings).toContainEqual(expect.objectContaining({ code: 'table-found-cleaned', table: 'policy_jurisdictions', message: expect.stringMatching(/^6 rows of the policy_jurisdictions table, not 3, were found/) }));
    expect(report.findings).not.toContainEqual(expect.objectContaining({ code: 'table-rows-left-out' }));
  });
});
