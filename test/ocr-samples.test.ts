/**
 * The OCR "Done when" on the bundled scans, through the real pdf.js render and tesseract.js: at
 * least 99.5% of Section II cells right, no silent error (a wrong cell with high confidence and
 * no finding) in any table, and the report's stated period and totals read from its prose.
 * `npm run accuracy` (an alias of `ddor check`) prints the same scores; `--errors` lists every wrong cell.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile } from '../src/extract-file.ts';
import { createOcrPool, type OcrPool } from '../src/ocr/pool.ts';
import { cellAccuracy, scoreDataset } from '../pipelines/ddor/accuracy.ts';
import { ddor } from '../pipelines/ddor/family.ts';
import { SampleTruthSchema } from '../pipelines/ddor/truth.ts';

const SCANS = ['ddor-2017-02-11-scan300', 'ddor-2017-02-11-scan-degraded', 'ddor-2017-02-04-mixed'];

describe('scanned samples', () => {
  let pool: OcrPool;
  beforeAll(() => { pool = createOcrPool({}); });
  afterAll(async () => { await pool.close(); });

  for (const name of SCANS) {
    it(`${name}: Section II ≥ 99.5% of cells, no silent error, period and totals right`, async () => {
      const truth = SampleTruthSchema.parse(JSON.parse(await readFile(`samples/${name}.truth.json`, 'utf8')));
      const { report } = await extractFile(ddor, `samples/${name}.pdf`, { ocr: pool, displayName: `${name}.pdf` });
      const validation = ddor.validate(report.rows, [report]);
      const scores = scoreDataset(truth, report, [...report.findings, ...validation.findings], ddor.reviewThreshold);
      const sectionII = scores.find((s) => s.table === 'declined_detainers')!;
      expect(sectionII.found).toBe(sectionII.expected);
      expect(cellAccuracy(sectionII), sectionII.examples.join('\n')).toBeGreaterThanOrEqual(0.995);
      for (const s of scores) expect(s.silentWrong, `${s.table}:\n${s.examples.filter((e) => e.endsWith('[SILENT]')).join('\n')}`).toBe(0);
      // The figures stated in the report's prose, read through the same OCR.
      const fields = ['period_start', 'period_end', 'detainers_issued', 'top_ten_issued'] as const;
      const pick = (r: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, r[f]]));
      expect(pick(report.rows.reports![0] as Record<string, unknown>)).toEqual(pick(truth.dataset.reports[0]!));
    }, 300_000);
  }
});
