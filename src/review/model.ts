/**
 * The review page's data: every extracted row of every report with its cells' boxes, joined with
 * its dataset row (or its quarantine reasons), the findings that point at it and what changed
 * since the previous version; and the queue of rows a person should look at. Inlined into the
 * page as JSON; the client script draws from it.
 */
import { basename } from 'node:path';
import type { Row, TableSpec } from '../dataset/table-spec.ts';
import type { Finding, Severity } from '../findings.ts';
import type { DatasetDiff, FieldChange } from '../versions/diff.ts';
import type { ReviewDataset } from './input.ts';
import type { PageImage } from './pages.ts';

/** [page, x0, y0, x1, y1] in PDF points, origin top-left: compact, there are thousands. */
export type BoxTuple = [number, number, number, number, number];

export interface ReviewCell {
  field: string;
  text: string;
  raw?: string;
  confidence: number;
  boxes: BoxTuple[];
}

export interface ReviewRow {
  id: string;
  /** Index into ReviewData.reports. */
  report: number;
  table: string;
  key: string;
  row: number;
  page: number;
  source: 'text' | 'ocr';
  confidence: number;
  cells: ReviewCell[];
  /** The row as published; null when it was quarantined. */
  values: Row | null;
  quarantine: string[];
  /** Indexes into ReviewData.findings. */
  findings: number[];
  change: 'added' | 'changed' | null;
  changes: FieldChange[];
}

export interface ReviewReport {
  title: string;
  file: string;
  sha256: string;
  pages: PageImage[];
  /** Why there are no page images (the PDF was not found), else null. */
  missing: string | null;
  tables: { name: string; title: string; fields: string[]; rows: string[] }[];
}

export interface ReviewData {
  title: string;
  dataset: string;
  previous: string | null;
  lowConfidence: number;
  highConfidence: number;
  /** PDF points shown around a cell in the queue's crops. */
  cropMargin: number;
  reports: ReviewReport[];
  rows: ReviewRow[];
  findings: Finding[];
  /** Row ids, most urgent first. */
  queue: string[];
  /** Findings (indexes) that point at no row: about a report of the dataset, or about no file. */
  unattached: number[];
  /** Findings (indexes) about files whose rows are not in the dataset (a copy superseded or read less reliably). */
  otherFiles: number[];
}

/** How provenance.json names a row: its primary-key values joined with "#". */
export const provenanceKey = (table: TableSpec, row: Row) => table.primaryKey.map((c) => String(row[c] ?? '')).join('#');

const rowRef = (table: string, key: string) => `${table}\u0000${key}`;
const round = (n: number) => Math.round(n * 100) / 100;
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Which source a finding's file names: the dataset lists sources by basename (local) or URL. */
function sourceIndexOf(file: string | null, reports: readonly ReviewReport[]): number {
  if (file === null) return -1;
  return reports.findIndex((r) => r.file === file || r.file === basename(file));
}

/** Lower sorts first: quarantined rows, then errors, warnings, low confidence, info; then in reading order. */
function urgency(row: ReviewRow, findings: readonly Finding[], lowConfidence: number): number[] {
  const worst = Math.min(SEVERITY_RANK.info, ...row.findings.map((i) => SEVERITY_RANK[findings[i]!.severity]));
  return [row.quarantine.length > 0 ? 0 : 1, worst, row.confidence < lowConfidence ? 0 : 1, row.report, row.page, row.row];
}

const compareLists = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
};

export interface ReviewModelInput {
  title: string;
  tables: readonly TableSpec[];
  dataset: ReviewDataset;
  diff: DatasetDiff | null;
  /** Page images per source SHA-256; a source without an entry is shown without pages. */
  pages: ReadonlyMap<string, PageImage[]>;
  lowConfidence: number;
  highConfidence: number;
  cropMargin: number;
}

export function buildReviewModel(input: ReviewModelInput): ReviewData {
  const { dataset, tables, lowConfidence } = input;
  const specs = new Map(tables.map((t) => [t.name, t]));
  const reports: ReviewReport[] = dataset.sources.map((s) => ({
    title: s.title,
    file: s.path ?? s.url ?? s.title,
    sha256: s.sha256 ?? '',
    pages: input.pages.get(s.sha256 ?? '') ?? [],
    missing: input.pages.has(s.sha256 ?? '') ? null : `the PDF (SHA-256 ${s.sha256 ?? 'unknown'}) was not found; pass its folder with --pdfs`,
    tables: [],
  }));
  const reportBySha = new Map(reports.map((r, i) => [r.sha256, i]));

  const published = new Map<string, Row>();
  for (const table of tables) {
    for (const row of dataset.tables.get(table.name)?.rows ?? []) published.set(rowRef(table.name, provenanceKey(table, row)), row);
  }
  const quarantined = new Map<string, string[]>();
  for (const q of dataset.quarantine) {
    const spec = specs.get(q.table);
    if (spec) quarantined.set(rowRef(q.table, provenanceKey(spec, q.row)), q.reasons);
  }
  const changes = new Map<string, { change: 'added' | 'changed'; changes: FieldChange[] }>();
  for (const t of input.diff?.tables ?? []) {
    const spec = specs.get(t.table);
    if (!spec) continue;
    for (const c of t.changed) changes.set(rowRef(t.table, provenanceKey(spec, c.new)), { change: 'changed', changes: c.changes });
    for (const a of t.added) changes.set(rowRef(t.table, provenanceKey(spec, a.row)), { change: 'added', changes: [] });
  }

  const rows: ReviewRow[] = [];
  const rowByPlace = new Map<string, ReviewRow>();
  for (const p of dataset.provenance) {
    const report = reportBySha.get(p.source_sha256);
    if (report === undefined) continue;
    const ref = rowRef(p.table, p.key);
    const row: ReviewRow = {
      id: `r${rows.length}`,
      report,
      table: p.table,
      key: p.key,
      row: p.row,
      page: p.page,
      source: p.source,
      confidence: p.confidence,
      cells: Object.entries(p.cells).map(([field, c]) => ({
        field,
        text: c.text,
        ...(c.raw !== undefined ? { raw: c.raw } : {}),
        confidence: c.confidence,
        boxes: c.boxes.map((b): BoxTuple => [b.page, round(b.box.x0), round(b.box.y0), round(b.box.x1), round(b.box.y1)]),
      })),
      values: published.get(ref) ?? null,
      quarantine: quarantined.get(ref) ?? [],
      findings: [],
      change: changes.get(ref)?.change ?? null,
      changes: changes.get(ref)?.changes ?? [],
    };
    rows.push(row);
    rowByPlace.set(`${report}\u0000${p.table}\u0000${p.row}`, row);
    const tablesOfReport = reports[report]!.tables;
    let entry = tablesOfReport.find((t) => t.name === p.table);
    if (!entry) {
      entry = { name: p.table, title: specs.get(p.table)?.title ?? p.table, fields: [], rows: [] };
      tablesOfReport.push(entry);
    }
    entry.rows.push(row.id);
    for (const field of Object.keys(p.cells)) if (!entry.fields.includes(field)) entry.fields.push(field);
  }
  const tableOrder = (name: string) => tables.findIndex((t) => t.name === name);
  for (const report of reports) report.tables.sort((a, b) => tableOrder(a.name) - tableOrder(b.name));

  const unattached: number[] = [];
  const otherFiles: number[] = [];
  dataset.findings.forEach((f, index) => {
    const source = sourceIndexOf(f.file, reports);
    if (f.file !== null && source < 0) otherFiles.push(index);
    else {
      const row = f.table === null || f.row === null ? undefined : rowByPlace.get(`${source}\u0000${f.table}\u0000${f.row}`);
      if (row) row.findings.push(index);
      else unattached.push(index);
    }
  });

  const queue = rows
    .filter((r) => r.confidence < lowConfidence || r.findings.length > 0 || r.quarantine.length > 0)
    .sort((a, b) => compareLists(urgency(a, dataset.findings, lowConfidence), urgency(b, dataset.findings, lowConfidence)))
    .map((r) => r.id);

  return { title: input.title, dataset: dataset.label, previous: input.diff?.from ?? null, lowConfidence, highConfidence: input.highConfidence, cropMargin: input.cropMargin, reports, rows, findings: dataset.findings, queue, unattached, otherFiles };
}
