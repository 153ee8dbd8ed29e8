/**
 * The table engine against producers, fonts and layouts other than the bundled samples'. Each case
 * draws the same small report (test/fixtures/engine/mini-report.ts) and must read back every cell
 * of Sections I, II and III exactly, rows neither split nor merged. pdf-lib and pdfkit cases are
 * drawn here; Chromium and LibreOffice prints are committed with their HTML source
 * (test/fixtures/engine/regenerate.ts rebuilds them). Each case also checks that the PDF really has
 * the trait it is named for, so a drawing change cannot silently turn a case into an easy one.
 */
import { readFileSync } from 'node:fs';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { FileExtraction } from '../src/extract-file.ts';
import type { TextLine } from '../src/layout/lines.ts';
import type { Word } from '../src/layout/tokens.ts';
import { splitItemIntoWords, TextLayerSettingsSchema } from '../src/pdf/text-layer.ts';
import { whitespaceRiver } from '../src/table/columns.ts';
import { joinCellLines } from '../src/table/extract.ts';
import { clusterHeaderCells } from '../src/table/header.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { HTML_CASES, CITY_COLUMNS } from './fixtures/engine/cases.ts';
import { extractBytes, tableDifferences } from './support/engine/compare.ts';
import { DEFAULT_DRAW, drawMiniReport, type DrawOptions } from './support/engine/draw.ts';
import { miniReportHtml } from './support/engine/html.ts';
import { declinedRows, expectedTables, STANDARD_COLUMNS, type DeclinedColumn } from './fixtures/engine/mini-report.ts';

const ROWS = declinedRows();

/** Headers wrapped onto three lines by explicit breaks. */
const THREE_LINE_HEADERS: DeclinedColumn[] = STANDARD_COLUMNS.map((c) => ({
  ...c,
  header: { detainer_issued: 'Detainer\nIssued\nDate', detainer_declined: 'Detainer\nDeclined\nDate', activity: 'Notable\nCriminal\nActivity' }[c.field as string] ?? c.header,
}));
const RIGHT_ALIGNED_DATES: DeclinedColumn[] = STANDARD_COLUMNS.map((c) => (c.field.startsWith('detainer') ? { ...c, align: 'right' } : c));

async function extractCase(overrides: Partial<DrawOptions>, inspect?: (file: FileExtraction) => Promise<void>): Promise<{ result: FileExtraction; options: DrawOptions }> {
  const options: DrawOptions = { ...DEFAULT_DRAW, columns: STANDARD_COLUMNS, rows: ROWS, ...overrides };
  return { result: await extractBytes(await drawMiniReport(options), 'case.pdf', inspect), options };
}

function expectExact(result: FileExtraction, options: Pick<DrawOptions, 'columns' | 'rows' | 'policies'>): void {
  expect(tableDifferences(result, expectedTables(options.columns, options.rows, options.policies))).toEqual([]);
}

const rowsOf = (result: FileExtraction, table: string) => result.extraction.tables.filter((t) => t.spec === table).flatMap((t) => t.rows);
const splitRows = (result: FileExtraction, table: string) => rowsOf(result, table).filter((r) => new Set(r.boxes.map((b) => b.page)).size > 1);
const words = (result: FileExtraction) => result.readings.flatMap((r) => r.tokens?.words ?? []);

/** Rows where a wrapped cell starts above the row's state cell: cells centred vertically. */
function centredRows(result: FileExtraction): number {
  return rowsOf(result, 'declined_detainers').filter((r) => {
    const state = r.cells.state?.boxes[0]?.box, facility = r.cells.facility?.boxes[0]?.box;
    return state && facility && facility.y0 < state.y0 - 2;
  }).length;
}

async function showTextRuns(result: FileExtraction, page: number): Promise<number> {
  const ops = await (await result.pdf.doc.getPage(page)).getOperatorList();
  return ops.fnArray.filter((f) => f === OPS.showText || f === OPS.showSpacedText).length;
}

describe('engine: pdf-lib and pdfkit producers', () => {
  it('pdf-lib Helvetica, ruled (the baseline)', async () => {
    const { result, options } = await extractCase({});
    expectExact(result, options);
  });

  it('pdfkit Times, ruled', async () => {
    const { result, options } = await extractCase({ library: 'pdfkit', font: 'Times' });
    expectExact(result, options);
  });

  for (const [library, rules] of [['pdf-lib', 'grid'], ['pdfkit', 'grid'], ['pdfkit', 'none']] as const) {
    it(`${library} Courier (monospace: a space is 0.6 em), ${rules} rules`, async () => {
      const { result, options } = await extractCase({ library, font: 'Courier', rules });
      const spaced = words(result).filter((w) => w.space !== undefined);
      expect(spaced.length).toBeGreaterThan(100);
      for (const w of spaced.slice(0, 50)) expect(w.space! / w.size).toBeCloseTo(0.6, 2);
      expectExact(result, options);
    });
  }

  for (const rules of ['grid', 'horizontal', 'none'] as const) {
    it(`cells centred vertically in their rows, ${rules} rules`, async () => {
      const { result, options } = await extractCase({ valign: 'middle', rules });
      expect(centredRows(result)).toBeGreaterThan(10);
      expectExact(result, options);
    });
  }

  for (const [rules, repeatHeader] of [['grid', true], ['grid', false], ['none', true], ['none', false]] as const) {
    it(`rows split by a page break, ${rules} rules, header ${repeatHeader ? 'repeated' : 'not repeated'}`, async () => {
      // At this size two Section II rows straddle a page break.
      const { result, options } = await extractCase({ splitRows: true, rules, repeatHeader, tableSize: 9.5 });
      expect(splitRows(result, 'declined_detainers').length).toBeGreaterThanOrEqual(1);
      expectExact(result, options);
    });
  }

  for (const rules of ['grid', 'none'] as const) {
    it(`a header wrapped onto three lines, ${rules} rules`, async () => {
      const { result, options } = await extractCase({ columns: THREE_LINE_HEADERS, rules });
      const header = result.extraction.debug.flatMap((d) => d.segments).find((s) => s.table === 'declined_detainers' && s.header)!;
      const activity = header.headerCells.find((c) => c.field === 'activity')!;
      expect(activity.text).toBe('Notable Criminal Activity');
      expect(activity.y1 - activity.y0).toBeGreaterThan(2.5 * options.tableSize);
      expectExact(result, options);
    });
  }

  for (const rules of ['grid', 'none'] as const) {
    it(`a three-line header repeated on every page (it recurs like furniture), ${rules} rules`, async () => {
      // Twice the rows: Section II then runs onto three more pages, enough for its header to count as furniture.
      const { result, options } = await extractCase({ columns: THREE_LINE_HEADERS, rows: [...ROWS, ...ROWS], rules, splitRows: true, repeatHeader: true, tableSize: 9.5 });
      const furniturePages = result.extraction.debug.filter((d) => d.furniture.length > 1).length;
      expect(furniturePages).toBeGreaterThanOrEqual(3);
      const headed = result.extraction.debug.flatMap((d) => d.segments).filter((s) => s.table === 'declined_detainers' && s.header);
      expect(headed.length).toBeGreaterThanOrEqual(4);
      expectExact(result, options);
    });
  }

  for (const rules of ['grid', 'none'] as const) {
    it(`a City column, other header wordings and another column order, ${rules} rules`, async () => {
      const { result, options } = await extractCase({ columns: CITY_COLUMNS, rules });
      const header = result.extraction.debug.flatMap((d) => d.segments).find((s) => s.table === 'declined_detainers' && s.header)!;
      expect(header.headerCells.map((c) => c.field)).toEqual(CITY_COLUMNS.map((c) => c.field));
      expectExact(result, options);
    });
  }

  for (const rules of ['grid', 'none'] as const) {
    it(`right-aligned number and date columns, ${rules} rules`, async () => {
      const { result, options } = await extractCase({ columns: RIGHT_ALIGNED_DATES, rightAlignNumbers: true, rules });
      const counts = rowsOf(result, 'top_jurisdictions').map((r) => r.cells.issued_detainers!.boxes[0]!.box);
      expect(Math.max(...counts.map((b) => b.x1)) - Math.min(...counts.map((b) => b.x1))).toBeLessThan(0.5);
      expect(Math.max(...counts.map((b) => b.x0)) - Math.min(...counts.map((b) => b.x0))).toBeGreaterThan(3);
      expectExact(result, options);
    });
  }

  for (const rules of ['grid', 'none'] as const) {
    it(`pages stored portrait with /Rotate 90 (landscape), ${rules} rules`, async () => {
      let rotate = 0;
      const { result, options } = await extractCase({ rotated: true, size: [792, 612], rules }, async (open) => { rotate = (await open.pdf.doc.getPage(1)).rotate; });
      expect(rotate).toBe(90);
      const page = result.readings[0]!.tokens!;
      expect(page.width).toBeGreaterThan(page.height);
      expectExact(result, options);
    });
  }

  for (const [library, font, rules] of [['pdf-lib', 'Helvetica', 'grid'], ['pdf-lib', 'Helvetica', 'none'], ['pdfkit', 'Courier', 'grid']] as const) {
    it(`text written one run per character, ${library} ${font}, ${rules} rules`, async () => {
      let runs = 0;
      const { result, options } = await extractCase({ perCharRuns: true, library, font, rules }, async (open) => { runs = await showTextRuns(open, 1); });
      const letters = words(result).filter((w) => w.y0 < result.readings[0]!.tokens!.height).reduce((n, w) => n + w.text.length, 0);
      expect(runs).toBeGreaterThan(0.5 * letters / result.readings.length);
      expectExact(result, options);
    });
  }
});

describe('engine: HTML printed by Chromium and LibreOffice (committed fixtures)', () => {
  for (const c of HTML_CASES) {
    it(`${c.name}: ${c.description}`, async () => {
      const dir = new URL('./fixtures/engine/html-producers/', import.meta.url);
      // The PDF was printed from this HTML; the expected cells come from the same options.
      expect(readFileSync(new URL(`${c.name}.html`, dir), 'utf8')).toBe(miniReportHtml(c.html));
      const bytes = new Uint8Array(readFileSync(new URL(`${c.name}.pdf`, dir)));
      let producer: { Producer?: string; Creator?: string } = {};
      const result = await extractBytes(bytes, `${c.name}.pdf`, async (open) => { producer = (await open.pdf.doc.getMetadata()).info as typeof producer; });
      expect(`${producer.Producer} ${producer.Creator}`).toMatch(c.producer === 'chromium' ? /skia|chrom/i : /libreoffice/i);
      for (const table of c.splits) expect(splitRows(result, table).length, table).toBeGreaterThanOrEqual(1);
      expectExact(result, c.html);
      expect(result.report.findings.filter((f) => f.code.startsWith('table-'))).toEqual([]);
    });
  }
});

describe('engine pieces', () => {
  const word = (text: string, x0: number, x1: number, extra: Partial<Word> = {}): Word => ({ text, x0, x1, y0: 0, y1: 10, size: 10, confidence: 1, source: 'text', ...extra });
  const line = (ws: Word[]): TextLine => ({ x0: ws[0]!.x0, x1: ws.at(-1)!.x1, y0: 0, y1: 10, size: 10, words: ws, text: ws.map((w) => w.text).join(' ') });

  it('a text item knows the width of a space in its font: 0.6 em in a monospace font', () => {
    const item = { str: 'County, State', dir: 'ltr', width: 13 * 6, height: 10, transform: [10, 0, 0, 10, 0, 100], fontName: 'f', hasEOL: false };
    const [county, state] = splitItemIntoWords(item, true, [1, 0, 0, -1, 0, 200], TextLayerSettingsSchema.parse({}));
    expect(county).toMatchObject({ text: 'County,', x0: 0, x1: 42, space: 6 });
    expect(state).toMatchObject({ text: 'State', x0: 48 });
  });

  it('a word or code wrapped at its own hyphen joins without a space; a spaced hyphen keeps its space', () => {
    expect(joinCellLines(['Illegal Re-', 'Entry'])).toBe('Illegal Re-Entry');
    expect(joinCellLines(['requests for notifications, I-', '247N form.'])).toBe('requests for notifications, I-247N form.');
    expect(joinCellLines(['Assault -', 'Domestic'])).toBe('Assault - Domestic');
    expect(joinCellLines(['Cocaine', '- Sell'])).toBe('Cocaine - Sell');
  });

  it('header words one monospace space apart are one cell; a column gap still separates cells', () => {
    const mono = { space: 6 };
    const cells = clusterHeaderCells([line([word('County,', 0, 42, mono), word('State', 48, 78, mono), word('Issued', 90, 126, mono)])], DEFAULT_EXTRACTION_SETTINGS.header, []);
    expect(cells.map((c) => c.map((w) => w.text).join(' '))).toEqual(['County, State', 'Issued']);
  });

  it('the column river prefers the gap between the header cells over a blank run under a short column', () => {
    // County names end by x=148, counts "120" sit at 160-175 under a header spanning 160-230.
    const body = [word('San Bernardino, California', 40, 148), word('160', 160, 175), word('Clark, Nevada', 40, 100), word('9', 160, 165)];
    expect(whitespaceRiver(body, 70, 195)).toBeGreaterThan(175);
    const boundary = whitespaceRiver(body, 70, 195, { x0: 103, x1: 160 });
    expect(boundary).toBeGreaterThan(148);
    expect(boundary).toBeLessThan(160);
  });
});
