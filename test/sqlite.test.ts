/**
 * The SQLite database beside the CSVs, opened as a reader would: row counts and keys against the
 * CSVs, types and NULLs, full-text search, and the press's figures as queries against the JSON.
 * The rows are the committed dataset's (real pipeline output), rendered by the current code.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ddor } from '../pipelines/ddor/family.ts';
import { parseCsv } from '../src/dataset/csv.ts';
import { withDerivedFiles } from '../src/dataset/derived.ts';
import type { Row } from '../src/dataset/table-spec.ts';
import { renderDataset } from '../src/dataset/write.ts';

const COMMITTED = join(import.meta.dirname, '..', 'output', 'ddor', '1.0.1');

function render() {
  const rows = Object.fromEntries(ddor.tables.map((t) => [t.name, JSON.parse(readFileSync(join(COMMITTED, `${t.name}.json`), 'utf8')) as Row[]]));
  const notes = ddor.packageNotes('samples');
  const { sources } = JSON.parse(readFileSync(join(COMMITTED, 'datapackage.json'), 'utf8'));
  const files = renderDataset(ddor.tables, rows, { name: ddor.name, title: ddor.title, description: `${ddor.description} ${notes.description}`, portal: ddor.portal, sources, extra: notes.extra });
  return withDerivedFiles(files, ddor.database, { 'findings.json': 'everything noticed' });
}

const files = render();
const text = (name: string) => files.get(name) as string;
const json = (table: string) => JSON.parse(text(`${table}.json`)) as Row[];
let dir: string;
let db: Database.Database;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ddor-sqlite-'));
  await writeFile(join(dir, 'ddor.sqlite'), files.get('ddor.sqlite')!);
  db = new Database(join(dir, 'ddor.sqlite'), { readonly: true, fileMustExist: true });
});
afterAll(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const countBy = <K extends string>(rows: readonly Row[], key: (row: Row) => K) => {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[key(row)] = (counts[key(row)] ?? 0) + 1;
  return counts;
};

describe('ddor.sqlite', () => {
  it('holds every CSV row, with the same primary keys', () => {
    for (const table of ddor.tables) {
      const [header, ...records] = parseCsv(text(`${table.name}.csv`));
      const key = (values: readonly unknown[]) => JSON.stringify(values.map(String));
      const csvKeys = records.map((r) => key(table.primaryKey.map((k) => r[header!.indexOf(k)])));
      const dbKeys = (db.prepare(`SELECT ${table.primaryKey.map((k) => `"${k}"`).join(', ')} FROM "${table.name}" ORDER BY rowid`).raw().all() as unknown[][]).map(key);
      expect(dbKeys, table.name).toEqual(csvKeys);
      const declared = (db.prepare(`PRAGMA table_info("${table.name}")`).all() as { name: string; pk: number }[]).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      expect(declared, table.name).toEqual([...table.primaryKey]);
    }
  });

  it('declares each table\'s report_id a foreign key to reports, and every key holds', () => {
    for (const table of ddor.tables.filter((t) => t.name !== 'reports')) {
      const keys = db.prepare(`PRAGMA foreign_key_list("${table.name}")`).all() as { table: string; from: string; to: string }[];
      expect(keys.map((k) => [k.from, k.table, k.to]), table.name).toEqual([['report_id', 'reports', 'report_id']]);
    }
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('stores typed values: integers, reals, FIPS codes as text with their zeros, NULL for empty cells', () => {
    const types = db.prepare('SELECT typeof("row") AS row, typeof(confidence) AS confidence, typeof(county_fips) AS fips FROM declined_detainers WHERE county_fips IS NOT NULL').all() as Record<string, string>[];
    expect(new Set(types.map((t) => `${t.row} ${t.confidence} ${t.fips}`))).toEqual(new Set(['integer real text']));
    const fips = json('declined_detainers').map((r) => r.county_fips).filter((f) => typeof f === 'string' && f.startsWith('0'));
    expect(fips.length).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM declined_detainers WHERE county_fips LIKE '0%'").pluck().get()).toBe(fips.length);
    expect(db.prepare('SELECT COUNT(*) FROM declined_detainers WHERE city IS NULL').pluck().get()).toBe(json('declined_detainers').filter((r) => r.city === null).length);
    expect(db.prepare("SELECT COUNT(*) FROM declined_detainers WHERE city = ''").pluck().get()).toBe(0);
    const criteria = db.prepare('SELECT criteria FROM policy_jurisdictions ORDER BY rowid').pluck().all() as string[];
    expect(criteria.map((c) => JSON.parse(c))).toEqual(json('policy_jurisdictions').map((r) => r.criteria));
  });

  it('finds rows by full text on facility, offence and criteria', () => {
    const declined = json('declined_detainers');
    const jail = declined.filter((r) => [r.facility, r.offense, r.county].some((v) => /\bjail\b/i.test(String(v)))).length;
    expect(jail).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM declined_detainers_fts WHERE declined_detainers_fts MATCH 'jail'").pluck().get()).toBe(jail);
    const warrant = json('policy_jurisdictions').filter((r) => (r.criteria as string[]).some((c) => /\bwarrant\b/i.test(c))).length;
    expect(warrant).toBeGreaterThan(0);
    expect(db.prepare("SELECT COUNT(*) FROM policy_jurisdictions_fts WHERE criteria MATCH 'warrant'").pluck().get()).toBe(warrant);
  });

  it('answers the press\'s figures as the JSON does: totals per report, per state, convicted against charged', () => {
    const declined = json('declined_detainers');
    const reports = json('reports');
    const totals = db.prepare('SELECT report_id, detainers_issued, top_ten_issued, declined FROM report_totals').all();
    const perReport = countBy(declined, (r) => String(r.report_id));
    expect(totals).toEqual(reports.map((r) => ({ report_id: r.report_id, detainers_issued: r.detainers_issued, top_ten_issued: r.top_ten_issued, declined: perReport[String(r.report_id)] ?? 0 })));
    expect(totals.map((t) => (t as { declined: number }).declined)).toEqual(reports.map((r) => r.declined_count));

    const byState = db.prepare('SELECT report_id, state, declined FROM declined_by_state').all() as { report_id: string; state: string; declined: number }[];
    expect(Object.fromEntries(byState.map((r) => [`${r.report_id} ${r.state}`, r.declined]))).toEqual(countBy(declined, (r) => `${String(r.report_id)} ${String(r.state)}`));

    const status = db.prepare('SELECT report_id, convicted, charged, not_stated, declined FROM convicted_vs_charged').all();
    expect(status).toEqual(Object.keys(perReport).sort().map((id) => {
      const rows = declined.filter((r) => r.report_id === id);
      return { report_id: id, convicted: rows.filter((r) => r.criminal_status === 'convicted').length, charged: rows.filter((r) => r.criminal_status === 'charged').length, not_stated: rows.filter((r) => r.criminal_status === null).length, declined: rows.length };
    }));

    const categories = db.prepare('SELECT offense_category, declined FROM top_offense_categories').all() as { offense_category: string; declined: number }[];
    expect(Object.fromEntries(categories.map((c) => [c.offense_category, c.declined]))).toEqual(countBy(declined, (r) => String(r.offense_category)));
    expect(categories.map((c) => c.declined)).toEqual([...categories.map((c) => c.declined)].sort((a, b) => b - a));

    const days = (r: Row) => (Date.parse(String(r.detainer_declined)) - Date.parse(String(r.detainer_issued))) / 86_400_000;
    const timing = db.prepare('SELECT report_id, min_days, max_days FROM days_issued_to_declined').all();
    expect(timing).toEqual(Object.keys(perReport).sort().map((id) => {
      const spans = declined.filter((r) => r.report_id === id).map(days);
      return { report_id: id, min_days: Math.min(...spans), max_days: Math.max(...spans) };
    }));
    expect(db.prepare('SELECT COUNT(*) FROM declined_by_county').pluck().get()).toBe(Object.keys(countBy(declined, (r) => `${String(r.report_id)} ${String(r.state)} ${String(r.county)}`)).length);
  });

  it('is byte-identical for the same rows', () => {
    expect(Buffer.compare(render().get('ddor.sqlite') as Buffer, files.get('ddor.sqlite') as Buffer)).toBe(0);
  });
});

describe('Datasette metadata.json and the README', () => {
  const metadata = JSON.parse(text('metadata.json'));

  it('names titles, licence, source, the sample-data warning, facets that exist and the full-text tables', () => {
    expect(metadata).toMatchObject({ title: ddor.title, license: ddor.portal.licenses[0]!.title, license_url: ddor.portal.licenses[0]!.path, source_url: ddor.portal.homepage });
    expect(metadata.description).toMatch(/SAMPLE PDFs/);
    const tables = metadata.databases.ddor.tables;
    expect(tables.declined_detainers).toMatchObject({ title: 'Section II: declined detainers', fts_table: 'declined_detainers_fts' });
    expect(tables.declined_detainers.columns.county_fips).toBeUndefined();
    expect(tables.declined_detainers.columns.facility).toBe('as printed, whitespace collapsed');
    expect(tables.days_issued_to_declined.units).toEqual({ min_days: 'day', mean_days: 'day', max_days: 'day' });
    for (const [name, table] of Object.entries(tables) as [string, { facets?: string[] }][]) {
      const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
      for (const facet of table.facets ?? []) expect(columns, `${name}.${facet}`).toContain(facet);
    }
  });

  it('README.md says what each table is, how it was built and that it is sample data', () => {
    const readme = text('README.md');
    expect(readme).toMatch(/BUILT FROM SAMPLE PDFs/);
    for (const table of ddor.tables) expect(readme).toContain(`## \`${table.name}\`: ${table.title}`);
    expect(readme).toContain('| `findings.json` | everything noticed |');
    expect(readme).toMatch(/ddor-2017-02-11\.pdf` \(SHA-256 `[0-9a-f]{64}`\)/);
    expect(readme).toMatch(/public domain/);
  });
});
