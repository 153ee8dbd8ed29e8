/**
 * A table whose header OCR loses on the plain page (its letters touch a rule, on a grey band, at
 * 150 DPI) is looked for again on the page read cleaned (rulings painted out, shading lifted),
 * and found there: real pdf.js, real tesseract.js, a real scan.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { extractFile, extractReadings, sourceDocument } from '../src/extract-file.ts';
import { createOcrPool } from '../src/ocr/pool.ts';
import { ddor } from '../pipelines/ddor/family.ts';

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
