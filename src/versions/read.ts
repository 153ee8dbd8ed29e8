/**
 * Reads a dataset folder (as written by renderDataset/writeDatasetAtomically) back into rows and
 * the field lists its datapackage.json declares, for diffing and publishing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableSchemaField } from '../dataset/table-schema.ts';
import type { Row, TableSpec } from '../dataset/table-spec.ts';
import { FindingsReportSchema, type Finding } from '../findings.ts';

/** An expected failure (bad input folder, version clash): the CLI reports it and exits with 2. */
export class VersioningError extends Error {
  override name = 'VersioningError';
}

export interface DataPackage {
  version?: string;
  resources: { name: string; path?: string; schema?: { fields?: TableSchemaField[] } }[];
  [property: string]: unknown;
}

export interface DatasetTable {
  /** Field definitions from datapackage.json; null when the package has no resource for the table. */
  fields: TableSchemaField[] | null;
  rows: Row[];
}

export interface DatasetContent {
  dir: string;
  datapackage: DataPackage;
  tables: Map<string, DatasetTable>;
  /** findings.json; empty when the folder has none. */
  findings: Finding[];
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new VersioningError(`${file}: missing ${what}. Pass a dataset folder written by the pipeline (it holds datapackage.json and <table>.json files).`);
    }
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new VersioningError(`${file}: ${what} is not valid JSON (${(error as Error).message}). Rebuild the dataset.`);
  }
}

function asDataPackage(value: unknown, file: string): DataPackage {
  const resources = (value as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) throw new VersioningError(`${file}: no "resources" list. Rebuild the dataset.`);
  return value as DataPackage;
}

function asRows(value: unknown, file: string): Row[] {
  const isRows = Array.isArray(value) && value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
  if (!isRows) throw new VersioningError(`${file}: expected a JSON array of row objects. Rebuild the dataset.`);
  return value as Row[];
}

/**
 * Reads the tables named by `tables`. A table the package does not list has no rows (it was added
 * or removed between versions); a listed table whose JSON file is missing is an error.
 */
export async function readDataset(tables: readonly TableSpec[], dir: string): Promise<DatasetContent> {
  const packageFile = join(dir, 'datapackage.json');
  const datapackage = asDataPackage(await readJson(packageFile, 'datapackage.json'), packageFile);
  const content = new Map<string, DatasetTable>();
  for (const table of tables) {
    const resource = datapackage.resources.find((r) => r.name === table.name);
    if (!resource) {
      content.set(table.name, { fields: null, rows: [] });
      continue;
    }
    const file = join(dir, `${table.name}.json`);
    content.set(table.name, { fields: resource.schema?.fields ?? [], rows: asRows(await readJson(file, `table ${table.name}`), file) });
  }
  return { dir, datapackage, tables: content, findings: await readFindings(dir) };
}

async function readFindings(dir: string): Promise<Finding[]> {
  const file = join(dir, 'findings.json');
  const json = await readJson(file, 'findings.json').catch((error: unknown) => {
    if (error instanceof VersioningError && /missing findings\.json/.test(error.message)) return null;
    throw error;
  });
  if (json === null) return [];
  const parsed = FindingsReportSchema.safeParse(json);
  if (!parsed.success) throw new VersioningError(`${file}: not a findings report (${parsed.error.issues[0]!.message}). Rebuild the dataset.`);
  return parsed.data.findings;
}
