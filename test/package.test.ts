/**
 * The data package as a consumer reads it: the descriptor against the official Data Package v2
 * profiles, every CSV row against its declared Table Schema, portal metadata, row order.
 * The rows are the committed dataset's (real pipeline output), rendered by the current code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ddor } from '../pipelines/ddor/family.ts';
import { parseCsv } from '../src/dataset/csv.ts';
import type { Row, TableSpec } from '../src/dataset/table-spec.ts';
import { assertValidFolder, descriptorProblems, PackageValidationError, packageProblems } from '../src/dataset/validate-package.ts';
import { renderDataset, type DatasetFiles } from '../src/dataset/write.ts';
import { LATEST_FOLDER, PACKAGE_PROFILE, type Manifest } from '../src/versions/release.ts';

const OUTPUT = join(import.meta.dirname, '..', 'output', 'ddor');
/** The last version published before the package was validated: its rows are real pipeline output. */
const COMMITTED = join(OUTPUT, '1.0.1');

const committedRows = (): Record<string, Row[]> =>
  Object.fromEntries(ddor.tables.map((t) => [t.name, JSON.parse(readFileSync(join(COMMITTED, `${t.name}.json`), 'utf8')) as Row[]]));

function freshCandidate(rows = committedRows()): DatasetFiles {
  const notes = ddor.packageNotes('samples');
  return renderDataset(ddor.tables, rows, { name: ddor.name, title: ddor.title, description: `${ddor.description} ${notes.description}`, portal: ddor.portal, extra: notes.extra });
}

const reader = (files: ReadonlyMap<string, string>) => (path: string) => (files.has(path) ? Buffer.from(files.get(path)!) : null);

/** Replaces a resource's CSV and fixes its declared bytes and hash, so only the edit itself can fail. */
function withCsv(files: DatasetFiles, table: string, edit: (csv: string) => string): DatasetFiles {
  const changed = new Map(files);
  const csv = edit(files.get(`${table}.csv`)!);
  expect(csv).not.toBe(files.get(`${table}.csv`));
  changed.set(`${table}.csv`, csv);
  const pkg = JSON.parse(files.get('datapackage.json')!);
  const resource = pkg.resources.find((r: { name: string }) => r.name === table);
  resource.bytes = Buffer.byteLength(csv);
  resource.hash = `sha256:${createHash('sha256').update(csv).digest('hex')}`;
  changed.set('datapackage.json', JSON.stringify(pkg));
  return changed;
}

/** Sets one cell of the n-th data row (1-based) of a CSV without quoting (the test values need none). */
function setCell(csv: string, row: number, column: string, value: string): string {
  const [header, ...records] = parseCsv(csv);
  const record = records[row - 1]!;
  record[header!.indexOf(column)] = value;
  return `${[header!, ...records].map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',')).join('\n')}\n`;
}

describe('a fresh candidate', () => {
  const files = freshCandidate();
  const pkg = JSON.parse(files.get('datapackage.json')!);

  it('validates against the official Data Package v2 profiles, and its rows against their Table Schema', () => {
    expect(descriptorProblems(pkg)).toEqual([]);
    expect(packageProblems(reader(files))).toEqual([]);
  });

  it('carries what a portal expects', () => {
    expect(pkg.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.keywords).toContain('detainers');
    expect(pkg.licenses.map((l: { name: string }) => l.name)).toEqual(['other-pd', 'MIT']);
    expect(pkg.contributors[0].title).toMatch(/Immigration and Customs Enforcement/);
    expect(pkg.sample_data).toBe(true);
    expect(pkg.description).toMatch(/SAMPLE PDFs/);
  });

  it('declares keys: a primary key per table, each table naming its report', () => {
    for (const resource of pkg.resources) {
      expect(resource.schema.primaryKey.length).toBeGreaterThan(0);
      expect(resource.schema.missingValues).toEqual(['']);
      if (resource.name !== 'reports') expect(resource.schema.foreignKeys).toEqual([{ fields: ['report_id'], reference: { resource: 'reports', fields: ['report_id'] } }]);
    }
  });

  it('writes rows report by report in printed order, keeping every record id', () => {
    const rows = committedRows().declined_detainers!;
    const [header, ...records] = parseCsv(files.get('declined_detainers.csv')!);
    const at = (name: string) => header!.indexOf(name);
    const order = records.map((r) => [r[at('report_id')]!, Number(r[at('row')])] as const);
    expect(order).toEqual([...order].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]));
    expect(records.map((r) => r[at('record_id')]).sort()).toEqual(rows.map((r) => r.record_id).sort());
  });

  it('writes criteria as a JSON array and nullable cells empty', () => {
    const [header, ...records] = parseCsv(files.get('policy_jurisdictions.csv')!);
    for (const record of records) expect(Array.isArray(JSON.parse(record[header!.indexOf('criteria')]!))).toBe(true);
    const declined = parseCsv(files.get('declined_detainers.csv')!);
    expect(declined.slice(1).filter((r) => r[declined[0]!.indexOf('city')] === '').length).toBeGreaterThan(0);
  });
});

describe('validation fails', () => {
  const files = freshCandidate();

  it.each([
    ['a FIPS code read as a number', 'declined_detainers', 'county_fips', '6037', /row 1, field county_fips: "6037" does not match/],
    ['an empty required cell', 'declined_detainers', 'facility', '', /row 1, field facility: a value is required/],
    ['a value outside the enum', 'declined_detainers', 'criminal_status', 'Convicted', /row 1, field criminal_status: "Convicted" is not one of convicted, charged/],
    ['an impossible date', 'declined_detainers', 'detainer_issued', '2017-02-30', /row 1, field detainer_issued: "2017-02-30" is not a date/],
    ['a count that is not an integer', 'reports', 'page_count', '35.5', /row 1, field page_count: "35.5" is not an integer/],
    ['criteria that are not a JSON array', 'policy_jurisdictions', 'criteria', 'one bullet', /row 1, field criteria: "one bullet" is not a JSON array/],
    ['an empty criterion', 'policy_jurisdictions', 'criteria', '[""]', /row 1, field criteria: does not match its JSON Schema/],
    ['a report the package does not have', 'top_jurisdictions', 'report_id', 'ddor-2017-03-04', /top_jurisdictions\.csv row 1: report_id \["ddor-2017-03-04"\] is not in reports\.csv/],
  ])('on %s', (_, table, column, value, message) => {
    const problems = packageProblems(reader(withCsv(files, table, (csv) => setCell(csv, 1, column, value))));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
  });

  it('on a repeated primary key', () => {
    const broken = withCsv(files, 'declined_detainers', (csv) => {
      const [header, ...records] = parseCsv(csv);
      const id = records[0]![header!.indexOf('record_id')]!;
      return setCell(csv, 2, 'record_id', id);
    });
    expect(packageProblems(reader(broken)).join('\n')).toMatch(/declined_detainers\.csv row 2: primary key \["[0-9a-f]{12}-\d+"\] repeats row 1/);
  });

  it('on a file that does not match its declared hash', () => {
    const tampered = new Map(files);
    tampered.set('reports.csv', files.get('reports.csv')!.replace('original', 'origina1'));
    expect(packageProblems(reader(tampered)).join('\n')).toMatch(/reports\.csv: its SHA-256 is not the hash datapackage.json states/);
  });

  it('on the field definitions the issue found in 1.0.1: a list type and nullable fields written as type arrays', () => {
    const published = JSON.parse(readFileSync(join(COMMITTED, 'datapackage.json'), 'utf8'));
    const problems = descriptorProblems(published).join('\n');
    expect(problems).toMatch(/"criteria"/);
    expect(problems).toMatch(/"source_url"/);
    expect(problems).toMatch(/"city"/);
    const pkg = JSON.parse(files.get('datapackage.json')!);
    pkg.resources[3].schema.fields.find((f: { name: string }) => f.name === 'criteria').type = 'list';
    expect(descriptorProblems(pkg).join('\n')).toMatch(/\/resources\/3\/schema\/fields\/9 \("criteria"\) must match exactly one schema in oneOf/);
  });

  it('while rendering, so a dataset whose rows break a foreign key is never written', () => {
    const rows = committedRows();
    rows.top_jurisdictions = [{ ...rows.top_jurisdictions![0]!, report_id: 'ddor-2017-03-04' }];
    expect(() => freshCandidate(rows)).toThrow(PackageValidationError);
    expect(() => freshCandidate(rows)).toThrow(/the ddor dataset is not a valid data package \(1 problem\): top_jurisdictions\.csv row 1: report_id/);
  });

  it('while rendering, when a foreign key names a table the package does not have', () => {
    const things: TableSpec = { name: 'things', title: 'Things', primaryKey: ['id'], schema: z.object({ id: z.string().regex(/^\d+$/) }), foreignKeys: [{ fields: ['id'], reference: { resource: 'missing', fields: ['id'] } }] };
    expect(() => renderDataset([things], { things: [{ id: '1' }] }, { name: 't', title: 'T', description: 'd' })).toThrow(/names resource "missing", which the package does not have/);
  });
});

describe('the profiles', () => {
  it('are checked in dist/ by the validator npm run build precompiles, with what ajv compiling them reports', async () => {
    const built = await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'src', 'dataset', 'validate-package.js')).href) as { descriptorProblems: typeof descriptorProblems; PRECOMPILED_PROFILE: string };
    expect(existsSync(built.PRECOMPILED_PROFILE)).toBe(true);
    const published = JSON.parse(readFileSync(join(COMMITTED, 'datapackage.json'), 'utf8'));
    const current = JSON.parse(freshCandidate().get('datapackage.json')!);
    for (const descriptor of [published, current, { resources: [] }, { name: 1 }]) expect(built.descriptorProblems(descriptor)).toEqual(descriptorProblems(descriptor));
    expect(descriptorProblems(published).length).toBeGreaterThan(0);
  });

  it('hold the resource, Table Schema and dialect profiles inlined in the package profile (so checking against it checks all four)', () => {
    const profile = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'src', 'dataset', 'profiles', `${name}.json`), 'utf8'));
    const resource = profile('datapackage').properties.resources.items;
    expect(resource.properties).toEqual(profile('dataresource').properties);
    expect(resource.oneOf).toEqual(profile('dataresource').oneOf);
    expect(resource.properties.schema.properties).toEqual(profile('tableschema').properties);
    expect(resource.properties.dialect.properties).toEqual(profile('tabledialect').properties);
  });
});

describe('the CSV reader', () => {
  it('accepts a UTF-8 byte-order mark (Excel "CSV UTF-8")', () => {
    expect(parseCsv('\uFEFFreport_id,row\nddor-2017-01-28,1\n')).toEqual([['report_id', 'row'], ['ddor-2017-01-28', '1']]);
  });
});

describe('published versions', () => {
  // Versions are immutable: the ones published before validation existed (1.0.0, 1.0.1) cannot be
  // fixed in place, so only versions that record validatedAgainst (and latest/) are held to it.
  const validated = readdirSync(OUTPUT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(OUTPUT, e.name, 'manifest.json')))
    .map((e) => e.name)
    .filter((name) => (JSON.parse(readFileSync(join(OUTPUT, name, 'manifest.json'), 'utf8')) as Manifest).validatedAgainst === PACKAGE_PROFILE);

  it.each(validated.length ? validated : ['(none yet)'])('%s validates against the profiles and its Table Schema', (name) => {
    if (name === '(none yet)') return;
    expect(() => assertValidFolder(join(OUTPUT, name))).not.toThrow();
  });

  it('latest/, when there is one, is the version latest.json names', () => {
    const latest = JSON.parse(readFileSync(join(OUTPUT, 'latest.json'), 'utf8')) as { version: string };
    if (!existsSync(join(OUTPUT, LATEST_FOLDER))) return;
    expect((JSON.parse(readFileSync(join(OUTPUT, LATEST_FOLDER, 'manifest.json'), 'utf8')) as Manifest).version).toBe(latest.version);
  });
});
