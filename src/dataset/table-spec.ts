/**
 * A table of a dataset: its zod row schema (whose key order is the column order) and its key.
 * Report families declare their tables with this; the writers, the Table Schema and the diff
 * all read the same declaration.
 */
import { z } from 'zod';

export interface TableSpec {
  readonly name: string;
  readonly title: string;
  readonly schema: z.ZodObject;
  readonly primaryKey: readonly string[];
  /**
   * Columns that identify the same printed row across dataset versions (for the diff). Defaults
   * to the primary key; differs when the key is positional (a rank shifts when a row is removed).
   */
  readonly identity?: readonly string[];
  /** Columns that only follow from a row's position (row number, rank, page): not a "change". */
  readonly positional?: readonly string[];
}

export type Row = Record<string, unknown>;

export function columnsOf(table: TableSpec): string[] {
  return Object.keys(table.schema.shape);
}

/** Sorts rows by the table's primary key (numbers numerically, everything else as strings). */
export function sortByKey<T extends Row>(table: TableSpec, rows: readonly T[]): T[] {
  const compare = (a: unknown, b: unknown): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en');
  return [...rows].sort((x, y) => {
    for (const key of table.primaryKey) {
      const order = compare(x[key], y[key]);
      if (order !== 0) return order;
    }
    return 0;
  });
}
