/**
 * What a report family tells the engine about one kind of table: its columns, the header wordings
 * each column may be printed with, and which columns start a new row. The engine finds tables by
 * these headers, never by coordinates.
 */
import { z } from 'zod';

export const ColumnSpecSchema = z.object({
  /** The field the column's cells feed. */
  field: z.string().min(1),
  /** Header wordings that name this column (compared case-, accent- and punctuation-insensitively). */
  aliases: z.array(z.string().min(1)).min(1),
  /** A header without this column is not this table's header. */
  required: z.boolean().default(true),
  /**
   * A line with text in an anchor column starts a new row; lines without are wrapped
   * continuations. Choose columns whose cells are never empty and never wrap (dates, codes).
   */
  anchor: z.boolean().default(false),
  /**
   * For an anchor column whose cells may wrap ("February" / "2017"): only a line whose text in
   * this column matches this pattern (a value's first line) starts a row.
   */
  anchorPattern: z.string().optional(),
  /**
   * For columns of a closed form (dates, counts, codes): what a whole cell looks like, and the
   * characters it is written with. An OCR'd cell that does not match `pattern`, or was read with
   * low confidence, gets a second look (src/ocr/recheck.ts): the cell alone, as one line, with
   * Tesseract restricted to `charset`.
   */
  recheck: z.object({ pattern: z.string().min(1), charset: z.string().min(1) }).optional(),
});

export const TableLayoutSpecSchema = z.object({
  name: z.string().min(1),
  columns: z.array(ColumnSpecSchema).min(1),
});

export type ColumnSpec = z.infer<typeof ColumnSpecSchema>;
export type TableLayoutSpec = z.infer<typeof TableLayoutSpecSchema>;
export type TableLayoutSpecInput = z.input<typeof TableLayoutSpecSchema>;

/**
 * Keys already made, by text. Header matching keys every word of every line, and the texts repeat
 * (the same states, dates and headers on every page), while a key costs four passes of regular
 * expressions and Unicode normalisation. Emptied when full, so a long run's memory stays bounded.
 */
const headerKeys = new Map<string, string>();
const HEADER_KEYS_KEPT = 50_000;

/** Header text in the form aliases are compared in. */
export function headerKey(text: string): string {
  let key = headerKeys.get(text);
  if (key === undefined) {
    key = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    if (headerKeys.size >= HEADER_KEYS_KEPT) headerKeys.clear();
    headerKeys.set(text, key);
  }
  return key;
}

/** The closed forms (ColumnSpec.recheck.pattern) of a spec's columns, by field. */
export const closedForms = (spec: TableLayoutSpec): Map<string, RegExp> =>
  new Map(spec.columns.flatMap((c) => (c.recheck ? [[c.field, new RegExp(c.recheck.pattern, 'u')] as const] : [])));
