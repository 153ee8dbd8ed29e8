/**
 * Validates a data package the way a consumer would read it: the descriptor against the official
 * Data Package v2 profiles (profiles/, JSON Schema draft-07), then every CSV row against the
 * Table Schema its resource declares (types, required, patterns, enums, lengths, ranges, primary
 * and foreign keys) and every file against its declared bytes and hash. A dataset that fails is
 * not written or published.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { projectFile } from '../project-files.ts';
import { parseCsv } from './csv.ts';
import type { TableSchema, TableSchemaField } from './table-schema.ts';
import { sha256Hex } from '../files.ts';

// ajv and ajv-formats are CommonJS modules whose default export is the module itself under NodeNext.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** How many problems an error message lists; the rest are counted. */
const PROBLEMS_SHOWN = 5;

export class PackageValidationError extends Error {
  override name = 'PackageValidationError';
  constructor(where: string, readonly problems: readonly string[]) {
    const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
    super(`${where} is not a valid data package (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.slice(0, PROBLEMS_SHOWN).join('; ')}${more}`);
  }
}

interface ResourceDescriptor {
  name?: string;
  path?: string;
  hash?: string;
  bytes?: number;
  schema?: TableSchema | string;
}

interface PackageDescriptor {
  resources?: ResourceDescriptor[];
}

/**
 * ajv as the profiles need it. strict: false, as the profiles carry editor keywords
 * (propertyOrder, options). Without ajv's code optimiser the 160 kB package profile compiles in
 * half the time; a descriptor is small. `source` keeps the generated code, for precompile-profile.ts.
 */
export function profileAjv(options: { source?: boolean } = {}): InstanceType<typeof Ajv> {
  const instance = new Ajv({ strict: false, allErrors: true, code: { optimize: false, source: options.source === true } });
  addFormats(instance, ['email', 'uri', 'date-time']);
  instance.addFormat('textarea', true); // an editor hint in the profiles, not a constraint
  return instance;
}

const ajv = profileAjv();

/**
 * The package profile. It holds the resource, Table Schema and dialect profiles inlined (the
 * same definitions as the other three files in profiles/), so it checks the whole descriptor.
 */
export const PACKAGE_PROFILE_FILE = projectFile('./profiles/datapackage.json', import.meta.url);

/**
 * The package profile's validator as code, which `npm run build` writes beside the compiled
 * module (precompile-profile.ts): compiling the profile takes ajv longer than reading a whole
 * born-digital report. Running from the TypeScript sources, there is none and ajv compiles it.
 */
export const PRECOMPILED_PROFILE = fileURLToPath(new URL('./datapackage-profile.cjs', import.meta.url));

let packageProfile: ValidateFunction | null = null;

function packageProfileValidator(): ValidateFunction {
  packageProfile ??= existsSync(PRECOMPILED_PROFILE)
    ? createRequire(import.meta.url)(PRECOMPILED_PROFILE) as ValidateFunction
    : ajv.compile(JSON.parse(readFileSync(PACKAGE_PROFILE_FILE, 'utf8')) as object);
  return packageProfile;
}

/** The value at a JSON pointer, and the `name` of the innermost named object on the way (a resource or field). */
function nodeAt(descriptor: unknown, instancePath: string): { node: unknown; name: string | null } {
  let node = descriptor;
  let name: string | null = null;
  for (const part of instancePath.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    const own = (node as { name?: unknown } | null)?.name;
    if (typeof own === 'string') name = own;
  }
  return { node, name };
}

/**
 * One line per problem. A value that fits none of a oneOf's shapes (a field of an unknown type)
 * makes ajv report every shape's mismatch too; only the oneOf line is kept, with the value's type.
 */
function profileMessages(descriptor: unknown, errors: readonly ErrorObject[]): string[] {
  const alternatives = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath);
  const inside = (path: string) => alternatives.some((p) => path === p || path.startsWith(`${p}/`));
  const kept = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf' || !inside(e.instancePath));
  const messages = kept.map((e) => {
    const { node, name } = nodeAt(descriptor, e.instancePath);
    const type = (node as { type?: unknown } | null)?.type;
    const what = e.keyword === 'oneOf' && type !== undefined ? ` (type ${JSON.stringify(type)})` : '';
    return `datapackage.json ${e.instancePath || '/'}${name ? ` ("${name}")` : ''} ${e.message ?? 'is invalid'}${what}`;
  });
  return [...new Set(messages)];
}

/** The descriptor's problems against the official Data Package v2 profile. */
export function descriptorProblems(descriptor: unknown): string[] {
  const validate = packageProfileValidator();
  return validate(descriptor) ? [] : profileMessages(descriptor, validate.errors ?? []);
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|INF|-INF)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TRUE_VALUES = ['true', 'True', 'TRUE', '1'];
const FALSE_VALUES = ['false', 'False', 'FALSE', '0'];

type Cast = { value: unknown } | { problem: string };

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** A CSV cell as the value of its declared type (Table Schema v2 default formats). */
function castCell(type: string, cell: string): Cast {
  switch (type) {
    case 'string':
    case 'any':
      return { value: cell };
    case 'integer':
      return INTEGER.test(cell) ? { value: Number(cell) } : { problem: `"${cell}" is not an integer` };
    case 'number':
      return NUMBER.test(cell) ? { value: Number(cell.replace('INF', 'Infinity')) } : { problem: `"${cell}" is not a number` };
    case 'boolean':
      if (TRUE_VALUES.includes(cell)) return { value: true };
      return FALSE_VALUES.includes(cell) ? { value: false } : { problem: `"${cell}" is not a boolean` };
    case 'date':
      return isCalendarDate(cell) ? { value: cell } : { problem: `"${cell}" is not a date (YYYY-MM-DD)` };
    case 'yearmonth':
      return YEAR_MONTH.test(cell) ? { value: cell } : { problem: `"${cell}" is not a year and month (YYYY-MM)` };
    case 'array': {
      try {
        const value: unknown = JSON.parse(cell);
        return Array.isArray(value) ? { value } : { problem: `"${cell}" is not a JSON array` };
      } catch {
        return { problem: `"${cell}" is not a JSON array` };
      }
    }
    default:
      return { problem: `type "${type}" is not one this validator checks` };
  }
}

const jsonSchemas = new Map<string, ValidateFunction>();

function jsonSchemaProblem(schema: unknown, value: unknown): string | null {
  const key = JSON.stringify(schema);
  let validate = jsonSchemas.get(key);
  if (!validate) { validate = ajv.compile(schema as object); jsonSchemas.set(key, validate); }
  return validate(value) ? null : `does not match its JSON Schema: ${ajv.errorsText(validate.errors, { dataVar: 'value' })}`;
}

/** A field's pattern, compiled once for all of its cells. */
const patterns = new Map<string, RegExp>();
function anchoredPattern(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) { re = new RegExp(`^(?:${pattern})$`, 'u'); patterns.set(pattern, re); }
  return re;
}

const compare = (a: unknown, b: unknown): number => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : [...String(value)].length);

/** The constraint a present value breaks, if any (`required` and `unique` are checked by the caller). */
function constraintProblem(name: string, limit: unknown, value: unknown): string | null {
  switch (name) {
    case 'required':
    case 'unique':
      return null;
    case 'enum':
      return (limit as unknown[]).includes(value) ? null : `"${String(value)}" is not one of ${(limit as unknown[]).join(', ')}`;
    case 'pattern':
      return anchoredPattern(String(limit)).test(String(value)) ? null : `"${String(value)}" does not match ${String(limit)}`;
    case 'minLength':
      return lengthOf(value) >= Number(limit) ? null : `is shorter than ${String(limit)}`;
    case 'maxLength':
      return lengthOf(value) <= Number(limit) ? null : `is longer than ${String(limit)}`;
    case 'minimum':
      return compare(value, limit) >= 0 ? null : `${String(value)} is below the minimum ${String(limit)}`;
    case 'exclusiveMinimum':
      return compare(value, limit) > 0 ? null : `${String(value)} is not above ${String(limit)}`;
    case 'maximum':
      return compare(value, limit) <= 0 ? null : `${String(value)} is above the maximum ${String(limit)}`;
    case 'exclusiveMaximum':
      return compare(value, limit) < 0 ? null : `${String(value)} is not below ${String(limit)}`;
    case 'jsonSchema':
      return jsonSchemaProblem(limit, value);
    default:
      return `constraint "${name}" is not one this validator checks`;
  }
}

type TypedRow = Record<string, unknown>;

/** Table Schema's default: the empty cell is missing. */
const MISSING_DEFAULT = [''];

interface ReadTable {
  path: string;
  schema: TableSchema;
  rows: TypedRow[];
}

function cellProblems(field: TableSchemaField, cell: string, missing: readonly string[]): { value: unknown; problems: string[] } {
  const constraints = field.constraints ?? {};
  if (missing.includes(cell)) return { value: null, problems: constraints.required === true ? ['a value is required'] : [] };
  const cast = castCell(field.type, cell);
  if ('problem' in cast) return { value: null, problems: [cast.problem] };
  const problems = Object.entries(constraints).map(([name, limit]) => constraintProblem(name, limit, cast.value)).filter((p): p is string => p !== null);
  return { value: cast.value, problems };
}

/** Reads one resource's CSV into typed rows, with every cell that breaks its field. */
function readTable(path: string, text: string, schema: TableSchema, problems: string[]): ReadTable {
  const [header = [], ...records] = parseCsv(text);
  const names = schema.fields.map((f) => f.name);
  if (header.join('\u0000') !== names.join('\u0000')) {
    problems.push(`${path}: the header (${header.join(', ')}) is not the declared fields (${names.join(', ')})`);
    return { path, schema, rows: [] };
  }
  const missing = schema.missingValues ?? MISSING_DEFAULT;
  const unique = new Map(schema.fields.filter((f) => f.constraints?.unique === true).map((f) => [f.name, new Set<string>()]));
  const rows = records.map((record, i) => {
    const where = `${path} row ${i + 1}`;
    if (record.length !== names.length) problems.push(`${where}: ${record.length} cells for ${names.length} fields`);
    const row: TypedRow = {};
    schema.fields.forEach((field, j) => {
      const { value, problems: found } = cellProblems(field, record[j] ?? '', missing);
      for (const p of found) problems.push(`${where}, field ${field.name}: ${p}`);
      row[field.name] = value;
      const seen = unique.get(field.name);
      if (seen && value !== null) {
        const key = JSON.stringify(value);
        if (seen.has(key)) problems.push(`${where}, field ${field.name}: ${key} is not unique`);
        seen.add(key);
      }
    });
    return row;
  });
  return { path, schema, rows };
}

const keyOf = (row: TypedRow, fields: readonly string[]) => JSON.stringify(fields.map((f) => row[f]));
const asList = (fields: string | readonly string[]) => (typeof fields === 'string' ? [fields] : [...fields]);

function keyProblems(tables: ReadonlyMap<string, ReadTable>): string[] {
  const problems: string[] = [];
  for (const [name, table] of tables) {
    const primaryKey = asList(table.schema.primaryKey ?? []);
    const seen = new Map<string, number>();
    table.rows.forEach((row, i) => {
      if (primaryKey.length === 0) return;
      if (primaryKey.some((f) => row[f] === null)) problems.push(`${table.path} row ${i + 1}: primary key ${primaryKey.join(', ')} has an empty part`);
      const key = keyOf(row, primaryKey);
      const first = seen.get(key);
      if (first !== undefined) problems.push(`${table.path} row ${i + 1}: primary key ${key} repeats row ${first}`);
      else seen.set(key, i + 1);
    });
    for (const fk of table.schema.foreignKeys ?? []) {
      const fields = asList(fk.fields);
      const target = tables.get(fk.reference.resource || name);
      if (!target) {
        problems.push(`${table.path}: foreign key ${fields.join(', ')} names resource "${fk.reference.resource}", which the package does not have`);
        continue;
      }
      const referenced = new Set(target.rows.map((row) => keyOf(row, asList(fk.reference.fields))));
      table.rows.forEach((row, i) => {
        if (fields.some((f) => row[f] === null)) return; // a foreign key with an empty part names nothing
        if (!referenced.has(keyOf(row, fields))) problems.push(`${table.path} row ${i + 1}: ${fields.join(', ')} ${keyOf(row, fields)} is not in ${target.path}`);
      });
    }
  }
  return problems;
}


/** Every problem of a package whose files are read by `read` (null when a file is missing). */
export function packageProblems(read: (path: string) => Uint8Array | null): string[] {
  const text = read('datapackage.json');
  if (!text) return ['datapackage.json is missing'];
  let descriptor: PackageDescriptor;
  try {
    descriptor = JSON.parse(Buffer.from(text).toString('utf8')) as PackageDescriptor;
  } catch (error) {
    return [`datapackage.json is not valid JSON (${(error as Error).message})`];
  }
  const problems = descriptorProblems(descriptor);
  const tables = new Map<string, ReadTable>();
  for (const resource of descriptor.resources ?? []) {
    if (!resource.path || !resource.name) continue; // the profile check has said so
    const bytes = read(resource.path);
    if (!bytes) { problems.push(`${resource.path}: missing, though datapackage.json lists it`); continue; }
    if (resource.bytes !== undefined && resource.bytes !== bytes.byteLength) problems.push(`${resource.path}: ${bytes.byteLength} bytes, datapackage.json says ${resource.bytes}`);
    if (resource.hash !== undefined && resource.hash !== `sha256:${sha256Hex(bytes)}`) problems.push(`${resource.path}: its SHA-256 is not the hash datapackage.json states`);
    if (resource.schema && typeof resource.schema === 'object' && Array.isArray(resource.schema.fields)) {
      tables.set(resource.name, readTable(resource.path, Buffer.from(bytes).toString('utf8'), resource.schema, problems));
    }
  }
  problems.push(...keyProblems(tables));
  return problems;
}

/** Throws PackageValidationError when the files rendered in memory are not a valid package. */
export function assertValidFiles(files: ReadonlyMap<string, string | Uint8Array>, where: string): void {
  const problems = packageProblems((path) => {
    const content = files.get(path);
    return content === undefined ? null : typeof content === 'string' ? Buffer.from(content) : content;
  });
  if (problems.length > 0) throw new PackageValidationError(where, problems);
}

/** Throws PackageValidationError when the dataset folder is not a valid package. */
export function assertValidFolder(dir: string): void {
  const problems = packageProblems((path) => {
    try {
      return readFileSync(join(dir, path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  });
  if (problems.length > 0) throw new PackageValidationError(dir, problems);
}
