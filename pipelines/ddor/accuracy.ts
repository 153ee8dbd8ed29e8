/**
 * Scoring an extraction against a sample's ground truth (samples/<name>.truth.json): per table,
 * rows expected and found, cell accuracy and exact-row rate, both on the cells as printed and on
 * the normalised dataset rows; for OCR, how many wrong cells were caught (corrected, or flagged by
 * low confidence or a finding) and how many were silent (wrong, confident and unflagged).
 */
import type { FamilyReport } from '../../src/family.ts';
import type { Finding } from '../../src/findings.ts';
import { collapseWhitespace } from './normalise/text.ts';
import type { SampleTruth } from './truth.ts';

export interface TableScore {
  table: string;
  expected: number;
  found: number;
  cells: number;
  correctCells: number;
  exactRows: number;
  /** Wrong cells that were flagged (low confidence, corrected, or a finding on the cell). */
  flaggedWrong: number;
  /** Wrong cells with high confidence and no finding: the failures that matter most. */
  silentWrong: number;
  /** Every wrong cell, described for the report (which prints the first few unless asked for all). */
  examples: string[];
}

export const cellAccuracy = (s: TableScore) => (s.cells ? s.correctCells / s.cells : 1);
export const exactRowRate = (s: TableScore) => (s.expected ? s.exactRows / Math.max(s.expected, s.found) : 1);

/** Dataset fields whose printed cell has another name (a finding may name either). */
const CELL_OF_FIELD: Record<string, string> = { offense: 'activity', criminal_status: 'status' };

const DATASET_FIELDS: Record<string, string[]> = {
  top_jurisdictions: ['rank', 'county', 'state', 'county_fips', 'issued_detainers'],
  declined_detainers: ['state', 'county', 'county_fips', 'city', 'facility', 'citizenship', 'citizenship_code', 'detainer_issued', 'detainer_declined', 'criminal_status', 'offense', 'offense_category', 'page'],
  policy_jurisdictions: ['jurisdiction', 'aor', 'state', 'jurisdiction_type', 'county_fips', 'date_enacted', 'policy', 'criteria'],
};

const norm = (v: unknown) => (Array.isArray(v) ? v.map((x) => collapseWhitespace(String(x))).join(' | ') : v === null || v === undefined ? '' : collapseWhitespace(String(v)));

function flaggedCell(findings: readonly Finding[], table: string, row: number, field: string): boolean {
  return findings.some((f) => f.table === table && f.row === row && (f.field === field || f.field === CELL_OF_FIELD[field] || f.field === null));
}

/**
 * Normalised rows: each truth row is compared with the extracted row of the same position.
 * A missing row counts all its cells wrong. `findings` should include validation's, which flag
 * rows that break the contract.
 */
export function scoreDataset(truth: SampleTruth, report: FamilyReport, findings: readonly Finding[], reviewThreshold: number): TableScore[] {
  const scores: TableScore[] = [];
  for (const [table, fields] of Object.entries(DATASET_FIELDS)) {
    const expected = truth.dataset[table as keyof SampleTruth['dataset']] as unknown as Record<string, unknown>[];
    const found = (report.rows[table] ?? []) as Record<string, unknown>[];
    const score: TableScore = { table, expected: expected.length, found: found.length, cells: 0, correctCells: 0, exactRows: 0, flaggedWrong: 0, silentWrong: 0, examples: [] };
    expected.forEach((want, i) => {
      const got = found[i];
      const rowNumber = Number(want.row ?? want.rank ?? i + 1);
      const provenance = report.provenance.find((p) => p.table === table && p.row === rowNumber);
      let exact = true;
      for (const field of fields) {
        score.cells++;
        if (got && norm(got[field]) === norm(want[field])) { score.correctCells++; continue; }
        exact = false;
        const confidence = provenance ? Math.min(...Object.values(provenance.cells).map((c) => c.confidence)) : 0;
        const flagged = !got || confidence < reviewThreshold || flaggedCell(findings, table, rowNumber, field);
        if (flagged) score.flaggedWrong++; else score.silentWrong++;
        score.examples.push(`row ${rowNumber} ${field}: expected "${norm(want[field])}", got "${got ? norm(got[field]) : '(missing row)'}"${flagged ? '' : ' [SILENT]'}`);
      }
      if (exact) score.exactRows++;
    });
    scores.push(score);
  }
  return scores;
}

/** Cells as printed (before normalisation), compared with the provenance texts. */
export function scorePrinted(truth: SampleTruth, report: FamilyReport): TableScore[] {
  const scores: TableScore[] = [];
  for (const table of ['top_jurisdictions', 'declined_detainers'] as const) {
    const expected = truth.printed[table];
    const found = report.provenance.filter((p) => p.table === table).sort((a, b) => a.row - b.row);
    const score: TableScore = { table, expected: expected.length, found: found.length, cells: 0, correctCells: 0, exactRows: 0, flaggedWrong: 0, silentWrong: 0, examples: [] };
    expected.forEach((want, i) => {
      const got = found[i];
      let exact = true;
      for (const [key, value] of Object.entries(want)) {
        score.cells++;
        // Truth keys printed cells by the engine's field names (truth.ts).
        const cell = got?.cells[key];
        const text = cell ? (cell.raw ?? cell.text) : '';
        if (norm(text) === norm(value)) score.correctCells++;
        else {
          exact = false;
          score.examples.push(`row ${i + 1} ${key}: printed "${value}", read "${text}"`);
        }
      }
      if (exact) score.exactRows++;
    });
    scores.push(score);
  }
  return scores;
}
