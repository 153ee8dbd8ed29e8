/**
 * Where each value came from: per row, its page and source, and per cell the boxes on the page,
 * the confidence, and the raw text when a second look or cleanup changed it. Written beside the dataset as
 * provenance.json; the review page and diffs point at the source with it. Rows that could not
 * satisfy the contract are kept in quarantine.json with their printed cells and reasons.
 */
import type { Box, TextSource } from './layout/tokens.ts';

export interface CellProvenance {
  text: string;
  /** The text as the page's OCR read it, when a second look at the cell or cleanup changed it. */
  raw?: string;
  boxes: { page: number; box: Box }[];
  confidence: number;
}

export interface RowProvenance {
  table: string;
  /** The row's primary key in its table, as text. */
  key: string;
  /** The source file's SHA-256 (the page images of the review page are keyed by it). */
  source_sha256: string;
  row: number;
  page: number;
  source: TextSource;
  confidence: number;
  cells: Record<string, CellProvenance>;
}

/** A row kept out of the published tables because it breaks the contract, with the reasons. */
export interface QuarantinedRow<Table extends string = string> {
  table: Table;
  row: Record<string, unknown>;
  /** One line per contract violation, "field: reason". */
  reasons: string[];
}
