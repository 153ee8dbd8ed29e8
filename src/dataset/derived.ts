/**
 * Files derived from a rendered package, for people and tools that do not read datapackage.json:
 * the SQLite database with its Datasette metadata.json, and a README.md saying what each table
 * is, how the dataset was built and under which licences. They are read from the rendered files,
 * so they can only say what the package holds.
 */
import { datasetteMetadata, renderDatabase, type DatabaseSpec, type PackageForDatabase } from './sqlite.ts';
import type { TableSchemaField } from './table-schema.ts';
import type { Row } from './table-spec.ts';
import type { DatasetFiles, PackageSource } from './write.ts';

export const DATASETTE_METADATA = 'metadata.json';

interface RenderedPackage extends PackageForDatabase {
  sources?: PackageSource[];
  resources: (PackageForDatabase['resources'][number] & { path: string; rows?: number })[];
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function fieldLine(field: TableSchemaField): string {
  const required = field.constraints?.required === true ? 'yes' : 'no (may be empty)';
  return `| \`${field.name}\` | ${field.type} | ${required} | ${cell(field.description ?? '')} |`;
}

function readme(pkg: RenderedPackage, database: string, spec: DatabaseSpec, notes: Readonly<Record<string, string>>): string {
  const lines = [`# ${pkg.title}`, '', pkg.description, '', '## Files', '', '| file | what it holds |', '|---|---|'];
  for (const r of pkg.resources) {
    lines.push(`| \`${r.name}.csv\`, \`${r.name}.json\` | ${cell(r.title ?? r.name)}${r.rows !== undefined ? ` (${r.rows} rows)` : ''} |`);
  }
  const views = (spec.views ?? []).map((v) => `\`${v.name}\``).join(', ');
  lines.push(
    `| \`${database}\` | the same tables in SQLite: typed columns, NULL for empty cells, primary and foreign keys, indexes, full-text search${views ? `, and the views ${views}` : ''} |`,
    `| \`${DATASETTE_METADATA}\` | titles, descriptions, facets and units for Datasette: \`datasette ${database} --metadata ${DATASETTE_METADATA}\` |`,
    '| `datapackage.json` | the Frictionless Data Package (v2) descriptor: every table\'s Table Schema, file hashes, sources and licences |',
    ...Object.entries(notes).map(([file, what]) => `| \`${file}\` | ${cell(what)} |`),
    '',
    'In the CSVs an empty cell is a missing value (NULL); array columns hold a JSON array.',
  );
  for (const r of pkg.resources) {
    lines.push('', `## \`${r.name}\`: ${r.title ?? r.name}`, '');
    if (r.description) lines.push(r.description, '');
    lines.push(`Primary key: ${r.schema.primaryKey.map((k) => `\`${k}\``).join(', ')}.`, '', '| column | type | required | description |', '|---|---|---|---|', ...r.schema.fields.map(fieldLine));
  }
  lines.push('', '## How it was built', '', `Read from ${pkg.sources?.length ?? 0} PDF file(s); every row was validated against the Table Schema in \`datapackage.json\` before it was written.`, '');
  for (const s of pkg.sources ?? []) lines.push(`- ${s.title}: \`${s.url ?? s.path ?? ''}\`${s.sha256 ? ` (SHA-256 \`${s.sha256}\`)` : ''}`);
  if (pkg.licenses?.length) {
    lines.push('', '## Licences', '');
    for (const l of pkg.licenses) lines.push(`- ${l.title}${l.path ? ` (${l.path})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The package's files plus `<name>.sqlite`, the Datasette metadata.json and README.md.
 * `notes` describes the package's other files (findings, provenance…) for the README.
 */
export function withDerivedFiles(files: DatasetFiles, spec: DatabaseSpec, notes: Readonly<Record<string, string>>): Map<string, string | Uint8Array> {
  const pkg = JSON.parse(files.get('datapackage.json')!) as RenderedPackage;
  const rows = Object.fromEntries(pkg.resources.map((r) => [r.name, JSON.parse(files.get(`${r.name}.json`) ?? '[]') as Row[]]));
  const database = `${pkg.name}.sqlite`;
  const all = new Map<string, string | Uint8Array>(files);
  all.set(database, renderDatabase(pkg, rows, spec));
  all.set(DATASETTE_METADATA, `${JSON.stringify(datasetteMetadata(pkg, spec), null, 2)}\n`);
  all.set('README.md', readme(pkg, database, spec, notes));
  return all;
}
