/**
 * The normalisers against the committed sample corpus: every printed cell of every
 * samples/*.truth.json, normalised, must give the truth's dataset row exactly (the generator
 * follows the normalisers' documented decisions: pipelines/ddor/data/README.md and the Section III
 * rules in normalise/jurisdictions.ts); and validation must find nothing wrong with any truth
 * dataset beyond what the sample was built to contain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SampleTruthSchema, type SampleTruth } from '../pipelines/ddor/truth.ts';
import {
  normaliseDeclinedDetainers, normalisePolicyJurisdiction, normaliseTopJurisdiction,
} from '../pipelines/ddor/normalise/rows.ts';
import { validateDraft } from '../pipelines/ddor/validate.ts';

const SAMPLES = new URL('../samples/', import.meta.url);
const truths = readdirSync(SAMPLES).filter((f) => f.endsWith('.truth.json')).sort()
  .map((f) => [f, SampleTruthSchema.parse(JSON.parse(readFileSync(new URL(f, SAMPLES), 'utf8')))] as const);

interface Difference { table: string; row: number; field: string; printed: string; got: unknown; want: unknown }

function compare(table: string, got: Record<string, unknown>, want: Record<string, unknown>, row: number, printed: (field: string) => string): Difference[] {
  return Object.keys(want)
    .filter((field) => JSON.stringify(got[field]) !== JSON.stringify(want[field]))
    .map((field) => ({ table, row, field, printed: printed(field), got: got[field], want: want[field] }));
}

function differences(truth: SampleTruth): Difference[] {
  const { dataset, printed, file } = truth;
  const report_id = dataset.reports[0]!.report_id;
  const top = printed.top_jurisdictions.flatMap((cells, i) => compare('top_jurisdictions',
    normaliseTopJurisdiction({ county_state: cells.county_state!, issued_detainers: cells.issued_detainers! }, { file, report_id, row: i + 1, page: null }).row,
    dataset.top_jurisdictions[i]!, i + 1, () => cells.county_state!));
  const declined = normaliseDeclinedDetainers(printed.declined_detainers.map((cells, i) => {
    const truthRow = dataset.declined_detainers[i]!;
    return {
      cells: {
        state: cells.state!, county: cells.county!, city: cells.city, facility: cells.facility!, citizenship: cells.citizenship!,
        detainer_issued: cells.detainer_issued!, detainer_declined: cells.detainer_declined!, activity: cells.activity!, status: cells.status,
      },
      origin: { file, report_id, row: i + 1, page: truthRow.page, source: truthRow.source, confidence: truthRow.confidence },
    };
  })).row.flatMap((row, i) => compare('declined_detainers', row, dataset.declined_detainers[i]!, i + 1,
    () => dataset.declined_detainers[i]!.offense));
  const policy = printed.policy_jurisdictions.flatMap((cells, i) => compare('policy_jurisdictions',
    normalisePolicyJurisdiction(cells, { file, report_id, row: i + 1, page: null }).row,
    dataset.policy_jurisdictions[i]!, i + 1, () => dataset.policy_jurisdictions[i]!.jurisdiction));
  return [...top, ...declined, ...policy];
}

describe.each(truths)('%s', (name, truth) => {
  it('normalises every printed cell to the truth', () => {
    const cells = truth.printed.top_jurisdictions.length + truth.printed.declined_detainers.length + truth.printed.policy_jurisdictions.length;
    expect(cells).toBeGreaterThan(50);
    expect(differences(truth)).toEqual([]);
  });

  it('validates the truth dataset', () => {
    const findings = validateDraft(truth.dataset, { file: () => truth.file }).findings;
    const expected = name.includes('corrected')
      // The corrected edition drops Section I rows but keeps the originally stated total.
      ? ['top-ten-sum-mismatch', 'top-ten-row-count']
      : [];
    expect(findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual(expected);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
