/**
 * Every born-digital sample through the real engine (pdfjs-dist text layer → tables → DDOR
 * assembly): every printed cell of Sections I, II and III must be read exactly, rows neither split
 * nor merged, each row on the page it starts on, rows broken by a page break joined again, and the
 * report's metadata equal to the truth written beside the sample.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, type FileExtraction } from '../src/extract-file.ts';
import { cellAccuracy, exactRowRate, scorePrinted } from '../pipelines/ddor/accuracy.ts';
import { ddor } from '../pipelines/ddor/family.ts';
import { SampleTruthSchema, type SampleTruth } from '../pipelines/ddor/truth.ts';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The criteria cell as a list: one entry per bullet, or the whole text when it has no bullets. */
function criteriaList(cell: string): string[] {
  const text = collapse(cell);
  return text.includes('\u2022') ? text.split('\u2022').map(collapse).filter(Boolean) : [text];
}

const samples = (await ddor.samples())
  .map((file) => ({ file, truth: SampleTruthSchema.parse(JSON.parse(readFileSync(file.replace(/\.pdf$/, '.truth.json'), 'utf8'))) }))
  .filter((s) => s.truth.kind === 'born-digital');

function provenanceOf(result: FileExtraction, table: string) {
  return result.report.provenance.filter((p) => p.table === table).sort((a, b) => a.row - b.row);
}

function policyDifferences(truth: SampleTruth, result: FileExtraction): string[] {
  const found = provenanceOf(result, 'policy_jurisdictions');
  const problems: string[] = [];
  if (found.length !== truth.printed.policy_jurisdictions.length) problems.push(`${found.length} Section III rows read, ${truth.printed.policy_jurisdictions.length} printed`);
  truth.printed.policy_jurisdictions.forEach((want, i) => {
    const cells = found[i]?.cells ?? {};
    const text = (field: string) => collapse(cells[field]?.text ?? '');
    for (const field of ['jurisdiction', 'date_enacted', 'policy'] as const) {
      if (text(field) !== collapse(want[field])) problems.push(`row ${i + 1} ${field}: printed "${want[field]}", read "${text(field)}"`);
    }
    const read = criteriaList(text('criteria'));
    const printed = want.criteria.map(collapse);
    // Criteria printed without bullets cannot be told apart by their text: compare them joined.
    const same = text('criteria').includes('\u2022') ? JSON.stringify(read) === JSON.stringify(printed) : read.join(' ') === printed.join(' ');
    if (!same) problems.push(`row ${i + 1} criteria: printed ${JSON.stringify(printed)}, read ${JSON.stringify(read)}`);
  });
  return problems;
}

describe('born-digital samples through the engine', () => {
  it('has born-digital samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(4);
  });

  for (const { file, truth } of samples) {
    describe(basename(file), () => {
      let result: FileExtraction;
      const extracted = async () => (result ??= await extractFile(ddor, file, { ocr: null, displayName: basename(file) }));

      it('reads every printed cell of Sections I and II exactly, rows neither split nor merged', async () => {
        const scores = scorePrinted(truth, (await extracted()).report);
        for (const score of scores) {
          expect({ table: score.table, found: score.found, examples: score.examples }).toEqual({ table: score.table, found: score.expected, examples: [] });
          expect(cellAccuracy(score)).toBe(1);
          expect(exactRowRate(score)).toBe(1);
        }
      });

      it('reads every Section III row: jurisdiction, date enacted, policy and criteria', async () => {
        expect(policyDifferences(truth, await extracted())).toEqual([]);
      });

      it('puts each row on the page it starts on, and joins rows a page break split', async () => {
        const r = await extracted();
        for (const table of ['top_jurisdictions', 'declined_detainers', 'policy_jurisdictions'] as const) {
          expect(provenanceOf(r, table).map((p) => p.page), table).toEqual(truth.row_pages[table]);
        }
        for (const table of ['declined_detainers', 'policy_jurisdictions'] as const) {
          for (const split of truth.split_rows[table]) {
            const row = provenanceOf(r, table)[split.row - 1]!;
            for (const [field, continued] of Object.entries(split.continued)) {
              const cell = row.cells[field]!;
              expect(cell.boxes.map((b) => b.page), `${table} row ${split.row} ${field}`).toContain(split.page);
              // The truth records the continued text without bullets.
              expect(collapse(cell.text.replace(/\u2022/g, ' ')).endsWith(collapse(continued)), `${table} row ${split.row} ${field}`).toBe(true);
            }
          }
        }
      });

      it('reads the report metadata: period, detainers issued, top-ten total', async () => {
        const report = (await extracted()).report.rows.reports![0] as Record<string, unknown>;
        const want = truth.dataset.reports[0]!;
        for (const key of ['period_start', 'period_end', 'detainers_issued', 'top_ten_issued', 'declined_count'] as const) {
          expect(report[key], key).toEqual(want[key]);
        }
      });

      it('raises no engine findings (table not found, split) on a clean born-digital file', async () => {
        const codes = (await extracted()).report.findings.filter((f) => f.code.startsWith('table-')).map((f) => `${f.code}: ${f.message}`);
        expect(codes).toEqual([]);
      });
    });
  }
});
