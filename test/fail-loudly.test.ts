/**
 * A report whose tables cannot be read must never come out as a quiet, empty dataset: a section
 * whose table is missing or yields no rows, and rows that disagree with the totals the report
 * states, are error findings that name the file (and the page and table where there is one).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../src/extract-file.ts';
import type { TextLine } from '../src/layout/lines.ts';
import type { ExtractionResult } from '../src/table/extract.ts';
import { assembleReport } from '../pipelines/ddor/assemble.ts';
import { ddor } from '../pipelines/ddor/family.ts';

const SAMPLE = 'samples/ddor-2017-02-04.pdf';

const line = (text: string, y: number): TextLine => ({ text, words: [], size: 10, x0: 50, x1: 400, y0: y, y1: y + 10 });

const SOURCE = { file: 'report.pdf', sha256: 'f'.repeat(64), pageCount: 3, url: null, published: null, edition: null };

describe('unreadable sections are errors', { timeout: 120_000 }, () => {
  it('a report whose Section II pages are gone: table-not-found for it and for Section III, whose header went with it', async () => {
    const original = await PDFDocument.load(await readFile(SAMPLE));
    const cut = await PDFDocument.create();
    // Page 1 holds the summary and Section I, pages 2-4 Section II (page 4 also starts Section III).
    for (const p of await cut.copyPages(original, [0, ...original.getPageIndices().slice(4)])) cut.addPage(p);
    const file = join(await mkdtemp(join(tmpdir(), 'ddor-loud-')), 'no-section-ii.pdf');
    await writeFile(file, await cut.save());

    const { report } = await extractFile(ddor, file, { ocr: null });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ code: 'table-not-found', table: 'declined_detainers', file }));
    expect(report.rows.top_jurisdictions).toHaveLength(10);
    expect(report.rows.declined_detainers).toHaveLength(0);
    // Section III's header was on page 4 too: its later pages alone are no table, and say so.
    expect(errors).toContainEqual(expect.objectContaining({ code: 'table-not-found', table: 'policy_jurisdictions', file }));
  });

  it('a table found by its header but with no row under it: table-empty, with its page', () => {
    const extraction: ExtractionResult = {
      tables: [{ id: 'declined_detainers#1', spec: 'declined_detainers', rows: [], pages: [2] }],
      text: [{ page: 1, source: 'text', lines: [line('Weekly Declined Detainer Outcome Report', 50), line('For Recorded Declined Detainers Feb 4 – Feb 10, 2017', 70)] }],
      debug: [], leftOut: [],
    };
    const { findings } = assembleReport(extraction, SOURCE);
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'table-empty', table: 'declined_detainers', page: 2, file: 'report.pdf' }));
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'table-not-found', table: 'top_jurisdictions' }));
  });

  it('a report whose title was read but whose period line is garbled is refused as too damaged, quoting the line (fresh seed 107557754)', () => {
    const read = (...texts: string[]): ExtractionResult => ({
      tables: [], debug: [], leftOut: [],
      text: [{ page: 1, source: 'ocr', lines: texts.map((text, i) => line(text, 50 + 20 * i)) }],
    });
    const garbled = read('Weekly Declined Detainer Outcome Report', 'For Reonrded Declined Detalners Aug. <6 - Sep. 1s «O17');
    expect(() => assembleReport(garbled, SOURCE)).toThrow(/title was read .* period line reads "For Reonrded Declined Detalners Aug\. <6 - Sep\. 1s «O17".* too damaged/);
    // No title and no period line: perhaps not a report of this kind at all.
    expect(() => assembleReport(read('Quarterly Budget Summary', 'Fiscal year 2017'), SOURCE)).toThrow(/cannot find the reporting period.*is this a Declined Detainer Outcome Report/);
  });

  it('rows that disagree with the declined count the report states: declined-count-mismatch', () => {
    const extraction: ExtractionResult = {
      tables: [],
      text: [{ page: 1, source: 'text', lines: [
        line('For Recorded Declined Detainers Feb 4 – Feb 10, 2017', 50),
        line('During this period ICE recorded 47 declined detainers.', 70),
      ] }],
      debug: [], leftOut: [],
    };
    const { findings } = assembleReport(extraction, SOURCE);
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'declined-count-mismatch', page: 1, value: '47' }));
  });

  it('a year before "Declined Detainer Outcome Report" is no stated count', () => {
    const extraction: ExtractionResult = {
      tables: [],
      text: [{ page: 1, source: 'text', lines: [
        line('For Recorded Declined Detainers Feb 4 – Feb 10, 2017', 50),
        line('Due to a data processing error, the Jan. 28 - Feb 03, 2017 Declined Detainer Outcome Report incorrectly attributed detainers.', 70),
      ] }],
      debug: [], leftOut: [],
    };
    expect(assembleReport(extraction, SOURCE).findings.filter((f) => f.code === 'declined-count-mismatch')).toEqual([]);
  });
});

describe('rows a table may have lost are errors', { timeout: 120_000 }, () => {
  // Rows padded tall with no borders (a committed fuzz seed): with the allowance for such rows
  // turned off, the table ends after its first row, and the rows after it must not vanish quietly.
  const FILE = 'test/fixtures/fuzz/fuzz-5105-pdfkit-born-digital.pdf';

  it('lines after a table that read like its rows give table-rows-left-out, naming the page and table', async () => {
    const short = await extractFile({ ...ddor, settings: { extraction: { body: { maxRowGapBeforeRow: 0 } } } }, FILE, { ocr: null });
    const lost = short.report.findings.filter((f) => f.code === 'table-rows-left-out');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost[0]).toMatchObject({ severity: 'error', page: 2, table: 'declined_detainers' });
    const whole = await extractFile(ddor, FILE, { ocr: null });
    expect(whole.report.findings.filter((f) => f.code === 'table-rows-left-out')).toEqual([]);
    expect(whole.report.rows.declined_detainers).toHaveLength(12);
  });
});
