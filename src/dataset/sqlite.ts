/**
 * The dataset as one SQLite database, derived from the rendered package (datapackage.json and
 * the <table>.json files) so it holds exactly the published rows: typed columns, NULLs, primary
 * and foreign keys from the Table Schema, indexes, FTS5 full-text tables and views a family
 * declares, and a Datasette metadata.json. Built in memory, so the same rows give the same bytes.
 */
import Database from 'better-sqlite3';
import type { PortalMetadata } from './write.ts';
import type { TableSchema, TableSchemaField } from './table-schema.ts';
import type { Row } from './table-spec.ts';

export interface DatabaseTableOptions {
  /** Columns people filter by, each given its own index (foreign-key columns always get one). */
  indexes?: readonly string[];
  /** Columns searchable by full text, in an FTS5 table `<table>_fts` (Datasette shows a search box). */
  fullText?: readonly string[];
  /** Columns Datasette offers as facets. */
  facets?: readonly string[];
  /** Units of numeric columns, for Datasette (pint names: "day"). */
  units?: Readonly<Record<string, string>>;
}

export interface DatabaseView {
  name: string;
  title: string;
  description: string;
  /** A SELECT over the tables. */
  sql: string;
  units?: Readonly<Record<string, string>>;
  facets?: readonly string[];
}

/** What a family adds to the generic database: options per table and views answering common questions. */
export interface DatabaseSpec {
  tables?: Readonly<Record<string, DatabaseTableOptions>>;
  views?: readonly DatabaseView[];
}

interface Resource {
  name: string;
  title?: string;
  description?: string;
  schema: TableSchema;
}

export interface PackageForDatabase {
  name: string;
  title: string;
  description: string;
  homepage?: string;
  licenses?: PortalMetadata['licenses'];
  resources: Resource[];
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Table Schema type → SQLite column type; dates stay ISO 8601 text, which SQLite's date functions read. */
function columnType(field: TableSchemaField): string {
  if (field.type === 'integer' || field.type === 'boolean') return 'INTEGER';
  if (field.type === 'number') return 'REAL';
  return 'TEXT';
}

function columnDefinition(field: TableSchemaField): string {
  const parts = [quoteName(field.name), columnType(field)];
  if (field.constraints?.required === true) parts.push('NOT NULL');
  const allowed = field.constraints?.enum as unknown[] | undefined;
  if (allowed) parts.push(`CHECK (${quoteName(field.name)} IN (${allowed.map((v) => (typeof v === 'number' ? String(v) : quoteText(String(v)))).join(', ')}))`);
  return parts.join(' ');
}

function createTableSql(resource: Resource): string {
  const { fields, primaryKey, foreignKeys = [] } = resource.schema;
  const lines = fields.map(columnDefinition);
  if (primaryKey.length) lines.push(`PRIMARY KEY (${primaryKey.map(quoteName).join(', ')})`);
  for (const fk of foreignKeys) {
    lines.push(`FOREIGN KEY (${fk.fields.map(quoteName).join(', ')}) REFERENCES ${quoteName(fk.reference.resource || resource.name)} (${fk.reference.fields.map(quoteName).join(', ')})`);
  }
  return `CREATE TABLE ${quoteName(resource.name)} (\n  ${lines.join(',\n  ')}\n)`;
}

/** A row value as SQLite stores it: arrays and objects as JSON text (SQLite's json_each reads it), booleans as 0/1. */
function sqlValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** One index per foreign-key column and per declared column, except where the primary key already leads with it. */
function indexedColumns(resource: Resource, options: DatabaseTableOptions): string[] {
  const wanted = [...(resource.schema.foreignKeys ?? []).flatMap((fk) => fk.fields), ...(options.indexes ?? [])];
  return [...new Set(wanted)].filter((column) => resource.schema.primaryKey[0] !== column);
}

export function renderDatabase(pkg: PackageForDatabase, rowsByTable: Readonly<Record<string, readonly Row[]>>, spec: DatabaseSpec): Buffer {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    for (const resource of pkg.resources) {
      const options = spec.tables?.[resource.name] ?? {};
      db.exec(createTableSql(resource));
      const columns = resource.schema.fields.map((f) => f.name);
      const insert = db.prepare(`INSERT INTO ${quoteName(resource.name)} (${columns.map(quoteName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      db.transaction(() => {
        for (const row of rowsByTable[resource.name] ?? []) insert.run(columns.map((c) => sqlValue(row[c])));
      })();
      for (const column of indexedColumns(resource, options)) {
        db.exec(`CREATE INDEX ${quoteName(`${resource.name}_${column}`)} ON ${quoteName(resource.name)} (${quoteName(column)})`);
      }
      if (options.fullText?.length) {
        // External content: the FTS table indexes the rows without a copy; content="<table>" is how Datasette finds it.
        const fts = quoteName(`${resource.name}_fts`);
        db.exec(`CREATE VIRTUAL TABLE ${fts} USING fts5(${options.fullText.map(quoteName).join(', ')}, content=${quoteName(resource.name)})`);
        db.exec(`INSERT INTO ${fts} (${fts}) VALUES ('rebuild')`);
      }
    }
    for (const view of spec.views ?? []) db.exec(`CREATE VIEW ${quoteName(view.name)} AS\n${view.sql.trim()}`);
    db.exec('VACUUM');
    return db.serialize();
  } finally {
    db.close();
  }
}

const columnDescriptions = (fields: readonly TableSchemaField[]) =>
  Object.fromEntries(fields.filter((f) => f.description).map((f) => [f.name, f.description!]));

/**
 * Datasette's metadata.json: titles, descriptions (the package's, with any sample-data warning),
 * licence, source, column descriptions, facets, units and the full-text tables.
 */
export function datasetteMetadata(pkg: PackageForDatabase, spec: DatabaseSpec): Record<string, unknown> {
  const license = pkg.licenses?.[0];
  const tables: Record<string, unknown> = {};
  for (const resource of pkg.resources) {
    const options = spec.tables?.[resource.name] ?? {};
    tables[resource.name] = {
      ...(resource.title ? { title: resource.title } : {}),
      ...(resource.description ? { description: resource.description } : {}),
      columns: columnDescriptions(resource.schema.fields),
      ...(options.facets?.length ? { facets: [...options.facets] } : {}),
      ...(options.units ? { units: options.units } : {}),
      ...(options.fullText?.length ? { fts_table: `${resource.name}_fts` } : {}),
    };
  }
  for (const view of spec.views ?? []) {
    tables[view.name] = {
      title: view.title,
      description: view.description,
      ...(view.facets?.length ? { facets: [...view.facets] } : {}),
      ...(view.units ? { units: view.units } : {}),
    };
  }
  return {
    title: pkg.title,
    description: pkg.description,
    ...(license ? { license: license.title, ...(license.path ? { license_url: license.path } : {}) } : {}),
    ...(pkg.homepage ? { source: pkg.title, source_url: pkg.homepage } : {}),
    databases: { [pkg.name]: { title: pkg.title, description: pkg.description, tables } },
  };
}
