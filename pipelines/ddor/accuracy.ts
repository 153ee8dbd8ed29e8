/**
 * Scoring an extraction against a sample's ground truth (samples/<name>.truth.json): per table,
 * rows expected and found, cell accuracy and exact-row rate, both on the cells as printed and on
 * the normalised dataset rows; for OCR, how many wrong cells were caught (corrected, or flagged by
 * low confidence or a finding) and how many were silent (wrong, confident and unflagged).
 */
import { joinsReview } from '../../src/build-dataset.ts';
import type { FamilyReport } from '../../src/family.ts';
import type { Finding } from '../../src/findings.ts';
import { TABLE, type DdorTableName } from './contract.ts';
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
  /** Rows read exactly that still join the review queue (a doubtful or corrected cell, or a warning on the row): the cost of doubt. */
  reviewedExactRows: number;
  /** Truth rows no extracted row was aligned with (all their cells count wrong). */
  missingRows: number;
  /** Extracted rows aligned with no truth row (merged, split or invented rows). */
  extraRows: number;
  /** Every wrong cell, described for the report (which prints the first few unless asked for all). */
  examples: string[];
}

/** Share of a row's cells that must agree for two rows to be aligned as the same row. */
const ALIGN_MIN_AGREEMENT = 0.5;

/**
 * Pairs truth rows with extracted rows in order (a sequence alignment maximising the summed share
 * of agreeing cells), so one merged or missing row costs that row only, not every later one.
 * Returns, per truth row, the index of its extracted row or null.
 */
export function alignRows<T, U>(expected: readonly T[], found: readonly U[], agreement: (want: T, got: U) => number): Array<number | null> {
  const n = expected.length;
  const m = found.length;
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const pairScore = (i: number, j: number) => {
    const a = agreement(expected[i]!, found[j]!);
    return a >= ALIGN_MIN_AGREEMENT ? a : -Infinity;
  };
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      best[i]![j] = Math.max(best[i - 1]![j]!, best[i]![j - 1]!, best[i - 1]![j - 1]! + pairScore(i - 1, j - 1));
    }
  }
  const pairs: Array<number | null> = new Array(n).fill(null);
  for (let i = n, j = m; i > 0 && j > 0;) {
    if (best[i]![j] === best[i - 1]![j]) i--;
    else if (best[i]![j] === best[i]![j - 1]) j--;
    else { pairs[i - 1] = j - 1; i--; j--; }
  }
  return pairs;
}

const shareEqual = (keys: readonly string[], want: Record<string, unknown>, got: (key: string) => unknown) =>
  (keys.length ? keys.filter((k) => norm(got(k)) === norm(want[k])).length / keys.length : 1);

const emptyScore = (table: string, expected: number, found: number): TableScore => ({
  table, expected, found, cells: 0, correctCells: 0, exactRows: 0, flaggedWrong: 0, silentWrong: 0, reviewedExactRows: 0, missingRows: 0, extraRows: 0, examples: [],
});

export const cellAccuracy = (s: TableScore) => (s.cells ? s.correctCells / s.cells : 1);
export const exactRowRate = (s: TableScore) => (s.expected ? s.exactRows / Math.max(s.expected, s.found) : 1);

/**
 * The printed cells and dataset fields a dataset field is made from: a finding on any of them is a
 * finding on it (a county that could not be placed leaves its FIPS code empty).
 */
const SOURCES_OF_FIELD: Record<string, readonly string[]> = {
  offense: ['activity'],
  criminal_status: ['status', 'activity'],
  offense_category: ['offense', 'activity'],
  county_fips: ['county', 'state'],
  citizenship_code: ['citizenship'],
};

const DATASET_FIELDS: Record<Exclude<DdorTableName, typeof TABLE.reports>, string[]> = {
  top_jurisdictions: ['rank', 'county', 'state', 'county_fips', 'issued_detainers'],
  declined_detainers: ['state', 'county', 'county_fips', 'city', 'facility', 'citizenship', 'citizenship_code', 'detainer_issued', 'detainer_declined', 'criminal_status', 'offense', 'offense_category', 'page'],
  policy_jurisdictions: ['jurisdiction', 'aor', 'state', 'jurisdiction_type', 'county_fips', 'date_enacted', 'policy', 'criteria'],
};

const norm = (v: unknown) => (Array.isArray(v) ? v.map((x) => collapseWhitespace(String(x))).join(' | ') : v === null || v === undefined ? '' : collapseWhitespace(String(v)));

function flaggedCell(findings: readonly Finding[], table: string, row: number, field: string): boolean {
  return findings.some((f) => f.table === table && f.row === row && (f.field === field || f.field === null || (f.field !== undefined && SOURCES_OF_FIELD[field]?.includes(f.field))));
}

/**
 * Normalised rows: each truth row is compared with the extracted row aligned with it (alignRows).
 * A missing row counts all its cells wrong. `findings` should include validation's, which flag
 * rows that break the contract.
 */
export function scoreDataset(truth: SampleTruth, report: FamilyReport, findings: readonly Finding[], reviewThreshold: number): TableScore[] {
  const scores: TableScore[] = [];
  for (const table of [TABLE.top, TABLE.declined, TABLE.policies] as const) {
    const fields = DATASET_FIELDS[table];
    const expected: readonly Record<string, unknown>[] = truth.dataset[table];
    const found = (report.rows[table] ?? []) as Record<string, unknown>[];
    const score = emptyScore(table, expected.length, found.length);
    const pairs = alignRows(expected, found, (want, got) => shareEqual(fields, want, (k) => got[k]));
    expected.forEach((want, i) => {
      const got = pairs[i] === null ? undefined : found[pairs[i]!];
      if (!got) score.missingRows++;
      // Provenance and findings name the extracted row's own number.
      const rowNumber = Number(got?.row ?? got?.rank ?? want.row ?? want.rank ?? i + 1);
      const provenance = got ? report.provenance.find((p) => p.table === table && p.row === rowNumber) : undefined;
      const confidence = provenance ? Math.min(...Object.values(provenance.cells).map((c) => c.confidence)) : 0;
      let exact = true;
      for (const field of fields) {
        score.cells++;
        if (got && norm(got[field]) === norm(want[field])) { score.correctCells++; continue; }
        exact = false;
        const flagged = !got || confidence < reviewThreshold || flaggedCell(findings, table, rowNumber, field);
        if (flagged) score.flaggedWrong++; else score.silentWrong++;
        score.examples.push(`row ${Number(want.row ?? want.rank ?? i + 1)} ${field}: expected "${norm(want[field])}", got "${got ? norm(got[field]) : '(missing row)'}"${flagged ? '' : ' [SILENT]'}`);
      }
      if (exact) {
        score.exactRows++;
        const about = findings.filter((f) => f.table === table && f.row === rowNumber && f.severity !== 'info');
        if (!provenance || joinsReview(provenance, about, reviewThreshold)) score.reviewedExactRows++;
      }
    });
    score.extraRows = found.length - (expected.length - score.missingRows);
    scores.push(score);
  }
  return scores;
}

/** Cells as printed (before normalisation), compared with the provenance texts of the aligned row. */
export function scorePrinted(truth: SampleTruth, report: FamilyReport): TableScore[] {
  const scores: TableScore[] = [];
  for (const table of [TABLE.top, TABLE.declined] as const) {
    const expected = truth.printed[table];
    const found = report.provenance.filter((p) => p.table === table).sort((a, b) => a.row - b.row);
    const textOf = (p: (typeof found)[number], key: string) => {
      const cell = p.cells[key];
      return cell ? (cell.raw ?? cell.text) : '';
    };
    scores.push(scorePrintedRows(table, expected, found.map((p) => (key: string) => textOf(p, key))));
  }
  return scores;
}

/**
 * Printed cells of one table against rows read by any extractor (each row a function from the
 * engine's field name to the cell's text), aligned as scoreDataset does; for peers such as Tabula.
 */
export function scorePrintedRows(table: string, expected: ReadonlyArray<Record<string, string>>, found: ReadonlyArray<(key: string) => string>): TableScore {
  const score = emptyScore(table, expected.length, found.length);
  const pairs = alignRows(expected, found, (want, got) => shareEqual(Object.keys(want), want, got));
  expected.forEach((want, i) => {
    const got = pairs[i] === null ? undefined : found[pairs[i]!];
    if (!got) score.missingRows++;
    let exact = true;
    for (const [key, value] of Object.entries(want)) {
      score.cells++;
      const text = got ? got(key) : '';
      if (norm(text) === norm(value)) score.correctCells++;
      else {
        exact = false;
        score.examples.push(`row ${i + 1} ${key}: printed "${value}", read "${text}"`);
      }
    }
    if (exact) score.exactRows++;
  });
  score.extraRows = found.length - (expected.length - score.missingRows);
  return score;
}
