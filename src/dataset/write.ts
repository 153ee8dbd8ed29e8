/**
 * Writes a dataset (tables as JSON and CSV, plus datapackage.json) into a folder, atomically:
 * everything is written into a staging folder beside the target and renamed into place, so a
 * reader or a crash never sees half a dataset (folders.ts: ownership, lock, recovery). A rendered
 * dataset is validated (descriptor against the Data Package v2 profiles, rows against their Table
 * Schema) before anything is written.
 */
import { toCsv } from './csv.ts';
import { replaceOwnedFolder, writeFilesInto, type FolderSettings } from './folders.ts';
import { tableSchemaOf } from './table-schema.ts';
import { columnsOf, sortRows, type Row, type TableSpec } from './table-spec.ts';
import { assertValidFiles } from './validate-package.ts';
import { sha256Hex } from '../files.ts';

export interface PackageSource {
  title: string;
  path?: string;
  url?: string | null;
  sha256?: string;
}

/** Data Package v2 license: an Open Definition id (`name`) and/or a URL (`path`). */
export interface PackageLicense {
  name?: string;
  path?: string;
  title: string;
}

export interface PackageContributor {
  title: string;
  path?: string;
  roles?: string[];
}

/** What a data portal (CKAN, data.world, Zenodo…) reads from a descriptor beyond the resources. */
export interface PortalMetadata {
  /** A globally unique identifier of the dataset (a UUID, DOI or URL). */
  id: string;
  homepage: string;
  keywords: string[];
  licenses: PackageLicense[];
  contributors: PackageContributor[];
}

export interface PackageMetadata {
  name: string;
  title: string;
  description: string;
  version?: string;
  portal?: PortalMetadata;
  sources?: PackageSource[];
  /** Extra top-level properties (Frictionless allows custom ones). */
  extra?: Record<string, unknown>;
}

export type DatasetFiles = Map<string, string>;
/** A dataset's files with binary ones (a database) among them, as written to disk. */
export type DatasetFileContents = ReadonlyMap<string, string | Uint8Array>;


/**
 * Renders every file of the dataset in memory; the same rows always give byte-identical files.
 * Throws PackageValidationError when the result is not a valid data package.
 */
export function renderDataset(
  tables: readonly TableSpec[],
  rowsByTable: Readonly<Record<string, readonly Row[]>>,
  meta: PackageMetadata,
  extraFiles: Readonly<Record<string, unknown>> = {},
): DatasetFiles {
  const files: DatasetFiles = new Map();
  const resources = [];
  for (const table of tables) {
    const columns = columnsOf(table);
    const rows = sortRows(table, (rowsByTable[table.name] ?? []).map((row) => table.schema.parse(row) as Row));
    const ordered = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
    const json = `${JSON.stringify(ordered, null, 2)}\n`;
    const csv = toCsv(columns, ordered);
    files.set(`${table.name}.json`, json);
    files.set(`${table.name}.csv`, csv);
    resources.push({
      name: table.name,
      title: table.title,
      ...(table.description ? { description: table.description } : {}),
      type: 'table',
      path: `${table.name}.csv`,
      scheme: 'file',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      hash: `sha256:${sha256Hex(csv)}`,
      bytes: Buffer.byteLength(csv),
      dialect: { header: true, delimiter: ',', lineTerminator: '\n', quoteChar: '"', doubleQuote: true },
      schema: tableSchemaOf(table),
      rows: ordered.length,
    });
  }
  for (const [name, value] of Object.entries(extraFiles)) files.set(name, `${JSON.stringify(value, null, 2)}\n`);
  const datapackage = {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    ...(meta.portal ? { id: meta.portal.id } : {}),
    name: meta.name,
    title: meta.title,
    description: meta.description,
    ...(meta.version ? { version: meta.version } : {}),
    ...(meta.portal ? { homepage: meta.portal.homepage, keywords: meta.portal.keywords, licenses: meta.portal.licenses, contributors: meta.portal.contributors } : {}),
    ...(meta.sources ? { sources: meta.sources } : {}),
    ...meta.extra,
    resources,
  };
  files.set('datapackage.json', `${JSON.stringify(datapackage, null, 2)}\n`);
  assertValidFiles(files, `the ${meta.name} dataset`);
  return files;
}

/** The marker's owner for dataset folders (written by extract and run). */
export const DATASET_OWNER = 'dataset';

/**
 * Writes the files into `dir`, replacing what was there only once everything is on disk, and
 * only when `dir` is new, empty or an earlier dataset (see folders.ts).
 */
export async function writeDatasetAtomically(dir: string, files: DatasetFileContents, options: Partial<FolderSettings> = {}): Promise<void> {
  await replaceOwnedFolder(dir, DATASET_OWNER, (staging) => writeFilesInto(staging, files), options);
}
