/**
 * A table of a dataset: its zod row schema (whose key order is the column order) and its key.
 * Report families declare their tables with this; the writers, the Table Schema and the diff
 * all read the same declaration.
 */
import type { z } from 'zod';

export interface TableSpec {
  readonly name: string;
  readonly title: string;
  /** What one row is, for the Table Schema, the README of a published version and Datasette. */
  readonly description?: string;
  readonly schema: z.ZodObject;
  readonly primaryKey: readonly string[];
  /**
   * Columns that identify the same printed row across dataset versions (for the diff). Defaults
   * to the primary key; differs when the key is positional (a rank shifts when a row is removed).
   */
  readonly identity?: readonly string[];
  /** Columns that only follow from a row's position (row number, rank, page): not a "change". */
  readonly positional?: readonly string[];
  /**
   * Columns the rows are written in order of, for a person reading them (report, then printed
   * row). Defaults to the primary key, which may be a content hash that reads as scrambled.
   */
  readonly order?: readonly string[];
  /** Columns that name a row of another table of the dataset (Table Schema foreignKeys). */
  readonly foreignKeys?: readonly ForeignKey[];
}

export interface ForeignKey {
  readonly fields: readonly string[];
  readonly reference: { readonly resource: string; readonly fields: readonly string[] };
}

export type Row = Record<string, unknown>;

export function columnsOf(table: TableSpec): string[] {
  return Object.keys(table.schema.shape);
}

/** Sorts rows by the table's order, then its primary key (numbers numerically, everything else as strings). */
export function sortRows<T extends Row>(table: TableSpec, rows: readonly T[]): T[] {
  const compare = (a: unknown, b: unknown): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en');
  const keys = [...(table.order ?? []), ...table.primaryKey];
  return [...rows].sort((x, y) => {
    for (const key of keys) {
      const order = compare(x[key], y[key]);
      if (order !== 0) return order;
    }
    return 0;
  });
}
