/**
 * Compares two dataset folders table by table: rows are matched by the table's identity columns,
 * positional columns (row number, rank, page) never count as a change, and a removed row and an
 * added row that are the same printed row with corrected cells are paired into one changed row.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { TableSchemaField } from '../dataset/table-schema.ts';
import { columnsOf, type Row, type TableSpec } from '../dataset/table-spec.ts';
import type { Finding } from '../findings.ts';
import { readDataset, type DataPackage, type DatasetTable } from './read.ts';

export const DiffSettingsSchema = z.object({
  pairing: z.object({
    maxDifferingCells: z.number().int().min(0).default(2)
      .describe('a removed and an added row are paired into one changed row when at most this many of their content cells differ'),
    minMatchingShare: z.number().min(0).max(1).default(0.6)
      .describe('...and at least this share of their content cells agree, so short unrelated rows are not paired'),
    within: z.array(z.string()).default([])
      .describe('columns that must be equal for a pair (when the table has them), e.g. ["report_id"] to pair only within one report'),
  }).prefault({}).describe('content cells: columns that are neither positional nor identity (identity cells differ by construction, e.g. a content hash)'),
  pageColumn: z.string().default('page').describe('column giving the source page shown next to each change'),
  ignoredPackageProperties: z.array(z.string()).default(['version', 'created', 'resources'])
    .describe('datapackage.json properties that are not metadata changes (the version itself, timestamps, and resources, compared table by table)'),
});

export type DiffSettings = z.output<typeof DiffSettingsSchema>;
export type DiffSettingsInput = z.input<typeof DiffSettingsSchema>;

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** An added or removed row. */
export interface RowEntry {
  /** Values of the table's identity columns. */
  identity: Row;
  /** Source page, when the table has a page column. */
  page: number | null;
  row: Row;
}

export interface ChangedRow {
  /** Identity of the new row (for a similarity pair, the old identity shows among the changes). */
  identity: Row;
  page: number | null;
  pairedBy: 'identity' | 'similarity';
  changes: FieldChange[];
  old: Row;
  new: Row;
}

export interface SchemaChange {
  status: 'table-added' | 'table-removed' | 'fields-changed';
  fieldsAdded: string[];
  fieldsRemoved: string[];
  /** Same name, different definition (type, format, constraints); descriptions are not compared. */
  fieldsChanged: string[];
  orderChanged: boolean;
}

export interface TableDiff {
  table: string;
  title: string;
  identity: string[];
  positional: string[];
  columns: string[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
  /** Changed rows per column, in column order; only columns with changes. */
  columnChanges: Record<string, number>;
  schema: SchemaChange | null;
  added: RowEntry[];
  removed: RowEntry[];
  changed: ChangedRow[];
}

export interface DatasetDiff {
  /** Label of the old side: its datapackage version, else its folder name; null when there is none. */
  from: string | null;
  to: string;
  equal: boolean;
  schemaChanged: boolean;
  /** Top-level datapackage.json properties whose value changed (title, description, sources...). */
  metadataChanged: string[];
  tables: TableDiff[];
  /** Findings (findings.json) only in the new version, and only in the old one. */
  findings: { added: Finding[]; removed: Finding[] };
}

const EMPTY_TABLE: DatasetTable = { fields: null, rows: [] };

const cellText = (value: unknown) => JSON.stringify(value ?? null);
const sameValue = (a: unknown, b: unknown) => cellText(a) === cellText(b);
const keyOf = (row: Row, columns: readonly string[]) => JSON.stringify(columns.map((c) => row[c] ?? null));
const pick = (row: Row, columns: readonly string[]): Row => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));

function columnsOfSide(table: TableSpec, side: DatasetTable): string[] {
  return side.fields && side.fields.length > 0 ? side.fields.map((f) => f.name) : columnsOf(table);
}

function compareFields(oldFields: TableSchemaField[] | null, newFields: TableSchemaField[] | null): SchemaChange | null {
  if (!oldFields && !newFields) return null;
  const names = (fields: TableSchemaField[] | null) => (fields ?? []).map((f) => f.name);
  const oldNames = names(oldFields);
  const newNames = names(newFields);
  const definition = ({ description: _ignored, ...rest }: TableSchemaField) => JSON.stringify(rest);
  const oldByName = new Map((oldFields ?? []).map((f) => [f.name, definition(f)]));
  const change: SchemaChange = {
    status: !oldFields ? 'table-added' : !newFields ? 'table-removed' : 'fields-changed',
    fieldsAdded: newNames.filter((n) => !oldByName.has(n)),
    fieldsRemoved: oldNames.filter((n) => !newNames.includes(n)),
    fieldsChanged: (newFields ?? []).filter((f) => oldByName.has(f.name) && oldByName.get(f.name) !== definition(f)).map((f) => f.name),
    orderChanged: false,
  };
  const common = (list: string[], other: string[]) => list.filter((n) => other.includes(n)).join('\n');
  change.orderChanged = common(oldNames, newNames) !== common(newNames, oldNames);
  const changed = change.status !== 'fields-changed' || change.fieldsAdded.length + change.fieldsRemoved.length + change.fieldsChanged.length > 0 || change.orderChanged;
  return changed ? change : null;
}

/** Pairs old and new rows with equal identity; the n-th duplicate pairs with the n-th duplicate. */
function matchByIdentity(identity: readonly string[], oldRows: readonly Row[], newRows: readonly Row[]) {
  const waiting = new Map<string, number[]>();
  newRows.forEach((row, index) => {
    const key = keyOf(row, identity);
    waiting.set(key, [...(waiting.get(key) ?? []), index]);
  });
  const pairs: [number, number][] = [];
  const removed: number[] = [];
  oldRows.forEach((row, index) => {
    const match = waiting.get(keyOf(row, identity))?.shift();
    if (match === undefined) removed.push(index);
    else pairs.push([index, match]);
  });
  const pairedNew = new Set(pairs.map(([, n]) => n));
  const added = newRows.map((_, index) => index).filter((index) => !pairedNew.has(index));
  return { pairs, removed, added };
}

/** How many of two rows' cells differ, counting only up to `limit + 1` (enough to reject a pair). */
function differingCells(a: readonly string[], b: readonly string[], limit: number): number {
  let differing = 0;
  for (let i = 0; i < a.length && differing <= limit; i++) if (a[i] !== b[i]) differing++;
  return differing;
}

/**
 * Pairs removed and added rows that differ in only a few content cells (a corrected cell changes a
 * content-hash identity), closest pairs first, each row used once.
 */
function pairBySimilarity(
  settings: DiffSettings['pairing'],
  contentColumns: readonly string[],
  oldRows: readonly Row[], removed: readonly number[],
  newRows: readonly Row[], added: readonly number[],
) {
  if (contentColumns.length === 0) return [];
  // At most this many differing cells keep both the count and the matching share within the settings.
  const limit = Math.min(settings.maxDifferingCells, Math.floor(contentColumns.length * (1 - settings.minMatchingShare) + 1e-9));
  const cells = (row: Row) => contentColumns.map((c) => cellText(row[c]));
  const addedByScope = new Map<string, { n: number; cells: string[] }[]>();
  for (const n of added) {
    const scope = keyOf(newRows[n]!, settings.within);
    addedByScope.set(scope, [...(addedByScope.get(scope) ?? []), { n, cells: cells(newRows[n]!) }]);
  }
  const candidates: { o: number; n: number; differing: number }[] = [];
  for (const o of removed) {
    const oldCells = cells(oldRows[o]!);
    for (const { n, cells: newCells } of addedByScope.get(keyOf(oldRows[o]!, settings.within)) ?? []) {
      const differing = differingCells(oldCells, newCells, limit);
      if (differing <= limit) candidates.push({ o, n, differing });
    }
  }
  candidates.sort((a, b) => a.differing - b.differing || a.o - b.o || a.n - b.n);
  const usedOld = new Set<number>();
  const usedNew = new Set<number>();
  const pairs: [number, number][] = [];
  for (const { o, n } of candidates) {
    if (usedOld.has(o) || usedNew.has(n)) continue;
    usedOld.add(o);
    usedNew.add(n);
    pairs.push([o, n]);
  }
  return pairs;
}

function diffTable(table: TableSpec, oldSide: DatasetTable, newSide: DatasetTable, settings: DiffSettings): TableDiff {
  const identity = [...(table.identity ?? table.primaryKey)];
  const positional = [...(table.positional ?? [])];
  const oldColumns = columnsOfSide(table, oldSide);
  const columns = newSide.fields ? columnsOfSide(table, newSide) : oldColumns;
  const compared = columns.filter((c) => oldColumns.includes(c) && !positional.includes(c));
  const contentColumns = compared.filter((c) => !identity.includes(c) && !settings.pairing.within.includes(c));
  const pageOf = (row: Row) => (columns.includes(settings.pageColumn) && typeof row[settings.pageColumn] === 'number' ? row[settings.pageColumn] as number : null);
  const entry = (row: Row): RowEntry => ({ identity: pick(row, identity), page: pageOf(row), row });

  const oldRows = oldSide.rows;
  const newRows = newSide.rows;
  const byIdentity = matchByIdentity(identity, oldRows, newRows);
  const bySimilarity = pairBySimilarity(settings.pairing, contentColumns, oldRows, byIdentity.removed, newRows, byIdentity.added);
  const pairedOld = new Set(bySimilarity.map(([o]) => o));
  const pairedNew = new Set(bySimilarity.map(([, n]) => n));

  const changed: ChangedRow[] = [];
  const changedNewIndex = new Map<ChangedRow, number>();
  let unchanged = 0;
  const pairs = [
    ...byIdentity.pairs.map(([o, n]) => ({ o, n, pairedBy: 'identity' as const })),
    ...bySimilarity.map(([o, n]) => ({ o, n, pairedBy: 'similarity' as const })),
  ];
  for (const { o, n, pairedBy } of pairs) {
    const before = oldRows[o]!;
    const after = newRows[n]!;
    const changes = compared.filter((c) => !sameValue(before[c], after[c])).map((c) => ({ field: c, old: before[c] ?? null, new: after[c] ?? null }));
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    const row: ChangedRow = { identity: pick(after, identity), page: pageOf(after), pairedBy, changes, old: before, new: after };
    changed.push(row);
    changedNewIndex.set(row, n);
  }
  changed.sort((a, b) => changedNewIndex.get(a)! - changedNewIndex.get(b)!);

  const columnChanges: Record<string, number> = {};
  for (const column of compared) {
    const count = changed.filter((row) => row.changes.some((c) => c.field === column)).length;
    if (count > 0) columnChanges[column] = count;
  }
  const removed = byIdentity.removed.filter((o) => !pairedOld.has(o)).map((o) => entry(oldRows[o]!));
  const added = byIdentity.added.filter((n) => !pairedNew.has(n)).map((n) => entry(newRows[n]!));
  return {
    table: table.name,
    title: table.title,
    identity,
    positional,
    columns,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged },
    columnChanges,
    schema: compareFields(oldSide.fields, newSide.fields),
    added,
    removed,
    changed,
  };
}

function changedMetadata(oldPackage: DataPackage | null, newPackage: DataPackage, ignored: readonly string[]): string[] {
  const keys = [...new Set([...Object.keys(oldPackage ?? {}), ...Object.keys(newPackage)])].filter((k) => !ignored.includes(k));
  return oldPackage ? keys.filter((k) => !sameValue(oldPackage[k], newPackage[k])) : [];
}

/** Findings compared whole, as a multiset: a finding that is in both versions twice is unchanged. */
function diffFindings(oldFindings: readonly Finding[], newFindings: readonly Finding[]): DatasetDiff['findings'] {
  const waiting = new Map<string, number>();
  for (const f of oldFindings) waiting.set(cellText(f), (waiting.get(cellText(f)) ?? 0) + 1);
  const added = newFindings.filter((f) => {
    const left = waiting.get(cellText(f)) ?? 0;
    if (left > 0) waiting.set(cellText(f), left - 1);
    return left === 0;
  });
  const removed: Finding[] = [];
  for (const f of oldFindings) {
    const left = waiting.get(cellText(f)) ?? 0;
    if (left > 0) {
      removed.push(f);
      waiting.set(cellText(f), left - 1);
    }
  }
  return { added, removed };
}

const labelOf = (datapackage: DataPackage, dir: string) => (typeof datapackage.version === 'string' ? datapackage.version : basename(dir));

/**
 * Diffs two dataset folders. `oldDir` null means there is no previous version (everything is
 * added). Rows are read from `<table>.json`, field lists from datapackage.json.
 */
export async function diffDatasets(
  tables: readonly TableSpec[],
  oldDir: string | null,
  newDir: string,
  settings: DiffSettingsInput = {},
): Promise<DatasetDiff> {
  const resolved = DiffSettingsSchema.parse(settings);
  const oldData = oldDir === null ? null : await readDataset(tables, oldDir);
  const newData = await readDataset(tables, newDir);
  const tableDiffs = tables.map((table) =>
    diffTable(table, oldData?.tables.get(table.name) ?? EMPTY_TABLE, newData.tables.get(table.name)!, resolved));
  const metadataChanged = changedMetadata(oldData?.datapackage ?? null, newData.datapackage, resolved.ignoredPackageProperties);
  const schemaChanged = tableDiffs.some((t) => t.schema !== null);
  const rowsChanged = tableDiffs.some((t) => t.counts.added + t.counts.removed + t.counts.changed > 0);
  const findings = diffFindings(oldData?.findings ?? [], newData.findings);
  const findingsChanged = findings.added.length + findings.removed.length > 0;
  return {
    from: oldData ? labelOf(oldData.datapackage, oldData.dir) : null,
    to: labelOf(newData.datapackage, newDir),
    equal: oldData !== null && !schemaChanged && !rowsChanged && metadataChanged.length === 0 && !findingsChanged,
    schemaChanged,
    metadataChanged,
    tables: tableDiffs,
    findings,
  };
}
