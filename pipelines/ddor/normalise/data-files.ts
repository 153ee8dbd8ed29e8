/**
 * Loads the DDOR data files (reference tables, alias tables, offence mapping) from
 * `pipelines/ddor/data/`, relative to this module so the product never reads a machine path.
 * Each file is parsed once and cached.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../../src/dataset/csv.ts';
import { projectFile } from '../../../src/project-files.ts';

export type CsvRecord = Record<string, string>;

const cache = new Map<string, CsvRecord[]>();

/** Path of a file in the data folder, e.g. `dataFilePath('reference/us-states.csv')`. */
export function dataFilePath(name: string): string {
  return projectFile(`../data/${name}`, import.meta.url);
}

/**
 * The records of a CSV data file as objects keyed by its header. Throws, naming the file and the
 * line, when a required column is missing or a line has the wrong number of fields, because a
 * broken data file must stop the run rather than silently resolve nothing.
 */
export function readDataCsv(name: string, requiredColumns: readonly string[]): CsvRecord[] {
  const cached = cache.get(name);
  if (cached) return cached;
  const path = dataFilePath(name);
  const [header, ...lines] = parseCsv(readFileSync(path, 'utf8')).filter((r) => r.some((f) => f.trim() !== ''));
  if (!header) throw new Error(`${path}: empty data file; restore it from git`);
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`${path}: missing column(s) ${missing.join(', ')}; the header must name them`);
  const records = lines.map((fields, i) => {
    if (fields.length !== header.length) {
      throw new Error(`${path} record ${i + 1}: ${fields.length} fields, expected ${header.length}; quote fields that contain commas`);
    }
    return Object.fromEntries(header.map((column, j) => [column, fields[j]!.trim()]));
  });
  cache.set(name, records);
  return records;
}
