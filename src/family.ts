/**
 * A report family: everything the generic engine needs to know about one kind of publication.
 * The engine (src/) runs the stages; a family (pipelines/<name>/) says which tables exist, how
 * they are printed, and how printed cells become dataset rows. Adding a family means writing one
 * of these, not editing src/.
 */
import type { DatabaseSpec } from './dataset/sqlite.ts';
import type { Row, TableSpec } from './dataset/table-spec.ts';
import type { PortalMetadata } from './dataset/write.ts';
import type { FamilyEvaluation } from './evaluate/evaluate.ts';
import type { Finding } from './findings.ts';
import type { EngineSettingsInput } from './settings.ts';
import type { QuarantinedRow, RowProvenance } from './provenance.ts';
import type { ExtractionOptions, ExtractionResult } from './table/extract.ts';
import type { TableLayoutSpec } from './table/spec.ts';
import type { DiffSettingsInput } from './versions/diff.ts';

/** Where a dataset's PDFs came from: the bundled samples, the family's catalog, or files named by the user. */
export type SourceKind = 'samples' | 'catalog' | 'files';

/** What is known about a PDF before reading it. */
export interface SourceDocument {
  /** How the file is named in messages (a path or URL). */
  file: string;
  sha256: string;
  pageCount: number;
  url: string | null;
  /** From the catalog, when the file is a known publication. */
  published: string | null;
  edition: string | null;
}

/**
 * Rows keyed by table name. A family narrows it to its own tables and row types (its drafts, and
 * the rows that pass its contract); the engine handles any family through this shape.
 */
export type TableRows = { readonly [table: string]: readonly Row[] };

/** One PDF's draft rows (not yet validated), keyed by table name, with what was noticed on the way. */
export interface FamilyReport<Drafts extends TableRows = TableRows> {
  /** The publication this file is an edition of (editions of one publication share it). */
  publication: string;
  edition: string;
  /** Orders editions of one publication: the highest is the current one. */
  editionRank: number;
  source: SourceDocument;
  rows: Drafts;
  findings: Finding[];
  provenance: RowProvenance[];
}

/** The combined rows after validation: what may be published, and what may not and why. */
export interface ValidatedRows<Valid extends TableRows = TableRows> {
  rows: Valid;
  findings: Finding[];
  quarantine: QuarantinedRow[];
}

/** A publication the family knows of, with where to fetch it. */
export interface CatalogSource {
  publication: string;
  edition: string;
  url: string;
  published: string | null;
  title: string;
}

/**
 * `Drafts` is what `assemble` makes of one PDF, `Valid` what `validate` lets through: a family
 * types both, so its own code needs no casts; the engine sees every family as `ReportFamily`.
 */
export interface ReportFamily<Drafts extends TableRows = TableRows, Valid extends TableRows = TableRows> {
  name: string;
  title: string;
  description: string;
  tables: readonly TableSpec[];
  layouts: readonly TableLayoutSpec[];
  /** Lines that end a table and page furniture; the tolerances are in `settings.extraction`. */
  extraction: Omit<ExtractionOptions, 'settings'>;
  /** The engine's settings where this family's reports need other than the defaults (src/settings.ts). */
  settings?: EngineSettingsInput;
  /** One PDF's extraction → its rows. Throws when the file is not a report of this family. */
  assemble(extraction: ExtractionResult, source: SourceDocument): FamilyReport<Drafts>;
  /**
   * Validates the combined draft rows of all reports (contract, totals, periods, duplicates) and
   * moves rows that break the contract to the quarantine.
   */
  validate(rows: Drafts, reports: readonly FamilyReport<Drafts>[]): ValidatedRows<Valid>;
  /** The bundled sample PDFs, as absolute paths, in the order they make the sample dataset. */
  samples(): Promise<string[]>;
  catalog(): Promise<CatalogSource[]>;
  diffSettings: DiffSettingsInput;
  /** Rows whose weakest cell is below this confidence are listed in review.json for a person to check. */
  reviewThreshold: number;
  /** How `check` scores an extraction against a `<name>.truth.json`; absent when the family has no truth files. */
  evaluation?: FamilyEvaluation;
  /** Text for datapackage.json (e.g. a note that the data was built from sample PDFs). */
  packageNotes(sourceKind: SourceKind): { description: string; extra?: Record<string, unknown> };
  /** What a data portal reads from datapackage.json: id, homepage, keywords, licences, contributors. */
  portal: PortalMetadata;
  /** The SQLite database beside the CSVs: indexes, full-text columns, views, facets and units. */
  database: DatabaseSpec;
}
