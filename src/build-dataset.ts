/**
 * Family reports → one dataset: the current edition of each publication is kept (a corrected
 * edition replaces the original; of two copies of one edition, the one read more reliably), the
 * family's cross-checks run over the combined rows, and every file of the dataset is rendered in
 * memory, ready to be written atomically.
 */
import { withDerivedFiles } from './dataset/derived.ts';
import { renderDataset, type DatasetFileContents, type PackageSource } from './dataset/write.ts';
import type { FamilyReport, ReportFamily, SourceKind, TableRows } from './family.ts';
import { finding, findingsReport, type Finding } from './findings.ts';
import type { QuarantinedRow, RowProvenance } from './provenance.ts';

export interface BuiltDataset {
  files: DatasetFileContents;
  chosen: FamilyReport[];
  rows: TableRows;
  findings: Finding[];
  quarantine: QuarantinedRow[];
}

/** Lower is better: errors first, then OCR'd rows (less certain than a text layer). */
function readingCost(report: FamilyReport): number[] {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const ocrRows = report.provenance.filter((p) => p.source === 'ocr').length;
  const rows = report.provenance.length;
  return [errors, ocrRows, -rows];
}

function better(a: FamilyReport, b: FamilyReport): boolean {
  if (a.editionRank !== b.editionRank) return a.editionRank > b.editionRank;
  const [ca, cb] = [readingCost(a), readingCost(b)];
  for (let i = 0; i < ca.length; i++) if (ca[i] !== cb[i]) return ca[i]! < cb[i]!;
  return a.source.file < b.source.file;
}

export function chooseEditions(reports: readonly FamilyReport[]): { chosen: FamilyReport[]; findings: Finding[] } {
  const best = new Map<string, FamilyReport>();
  for (const report of reports) {
    const current = best.get(report.publication);
    if (!current || better(report, current)) best.set(report.publication, report);
  }
  const findings: Finding[] = [];
  for (const report of reports) {
    const kept = best.get(report.publication)!;
    if (kept === report) continue;
    const why = kept.editionRank > report.editionRank ? `the ${kept.edition} edition supersedes it` : `${kept.source.file} is the same edition, read more reliably`;
    findings.push(finding({ severity: 'info', code: 'copy-not-used', message: `${report.publication} (${report.edition}) from this file is not in the dataset: ${why}`, file: report.source.file }));
  }
  const chosen = [...best.values()].sort((a, b) => a.publication.localeCompare(b.publication));
  return { chosen, findings };
}

/**
 * The rows a person should look at: confidence below the threshold (OCR doubt, corrected cells),
 * or an error or warning finding on the row. Each with its page, boxes and the reasons.
 */
/** A row's cells under the review threshold or corrected (their reading kept as `raw`). */
const doubtfulFields = (row: RowProvenance, threshold: number) =>
  Object.entries(row.cells).filter(([, c]) => c.confidence < threshold || c.raw !== undefined).map(([field]) => field);

/** Whether a row joins the review queue: a doubtful or corrected cell, or a warning or error about it (`about`). */
export const joinsReview = (row: RowProvenance, about: readonly Finding[], threshold: number) =>
  row.confidence < threshold || about.length > 0 || doubtfulFields(row, threshold).length > 0;

export function reviewQueue(reports: readonly FamilyReport[], findings: readonly Finding[], threshold: number) {
  const queue = [];
  for (const row of reports.flatMap((r) => r.provenance)) {
    const file = reports.find((r) => r.source.sha256 === row.source_sha256)?.source.file ?? null;
    const about = findings.filter((f) => f.severity !== 'info' && f.table === row.table && f.row === row.row && f.file === file);
    const doubtful = doubtfulFields(row, threshold);
    if (!joinsReview(row, about, threshold)) continue;
    queue.push({
      table: row.table, key: row.key, file, page: row.page, confidence: row.confidence,
      fields: doubtful, reasons: about.map((f) => f.message),
      cells: row.cells,
    });
  }
  return { threshold, rows: queue };
}

export function buildDataset(family: ReportFamily, reports: readonly FamilyReport[], sourceKind: SourceKind, extraFindings: readonly Finding[] = []): BuiltDataset {
  const { chosen, findings: choiceFindings } = chooseEditions(reports);
  const drafts: TableRows = Object.fromEntries(family.tables.map((t) => [t.name, chosen.flatMap((r) => r.rows[t.name] ?? [])]));
  const validated = family.validate(drafts, chosen);
  const rows = validated.rows;
  const findings = [
    ...extraFindings,
    ...reports.flatMap((r) => r.findings),
    ...choiceFindings,
    ...validated.findings,
  ];
  const notes = family.packageNotes(sourceKind);
  const sources: PackageSource[] = chosen.map((r) => ({ title: `${r.publication} (${r.edition})`, path: r.source.url ? undefined : r.source.file.split('/').pop(), url: r.source.url, sha256: r.source.sha256 }));
  const rendered = renderDataset(family.tables, rows, {
    name: family.name,
    title: family.title,
    description: `${family.description} ${notes.description}`,
    portal: family.portal,
    sources,
    extra: notes.extra,
  }, {
    'findings.json': findingsReport(findings),
    'provenance.json': chosen.flatMap((r) => r.provenance),
    'quarantine.json': validated.quarantine,
    'review.json': reviewQueue(chosen, findings, family.reviewThreshold),
  });
  const files = withDerivedFiles(rendered, family.database, {
    'findings.json': 'everything noticed while reading, by severity, each naming file, page, table, row and field',
    'provenance.json': 'the page, boxes and confidence of every cell, and the raw OCR text where cleanup corrected it',
    'review.json': `rows below the confidence threshold (${family.reviewThreshold}) or with findings, for a person to check`,
    'quarantine.json': 'rows that break the contract, with the reasons (not in the tables)',
  });
  return { files, chosen, rows, findings, quarantine: validated.quarantine };
}
