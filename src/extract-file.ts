/**
 * One PDF through the engine: open → read pages (text layer or OCR) → tables → the family's rows.
 * Page failures become findings and the rest of the file goes on; a file that cannot be opened, or
 * is not a report of the family, throws one error that says which file and why. This is the one
 * path every command reads a file by: `run` hands it its stage cache (src/pipeline/stages.ts),
 * `extract` and `check` read directly; each file is opened once and destroyed once.
 */
import { readDocument, type PageEvent, type PageReader, type PageReading } from './document.ts';
import type { FamilyReport, ReportFamily, SourceDocument, TableRows } from './family.ts';
import { finding, type Finding } from './findings.ts';
import { holdsText, type PageTokens } from './layout/tokens.ts';
import type { PagePreparation } from './ocr/page-image.ts';
import type { OcrPool } from './ocr/pool.ts';
import { applyRechecks, cellsToRecheck, type CellReading, type CellToRecheck } from './ocr/recheck.ts';
import { openPdf, type OpenedPdf } from './pdf/load.ts';
import { dpiLoweredFinding } from './pdf/render.ts';
import { engineSettings } from './settings.ts';
import { extractTables, readsAsPartialHeader, type ExtractedTable, type ExtractionOptions, type ExtractionResult } from './table/extract.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from './table/settings.ts';

export interface FileExtraction<Drafts extends TableRows = TableRows> {
  pdf: OpenedPdf;
  readings: PageReading[];
  extraction: ExtractionResult;
  report: FamilyReport<Drafts>;
}

export interface FileStages {
  /** Reads each page step (classify, text layer, OCR). */
  readPage: PageReader;
  /** Runs the second look at one page's cells; `read` asks the OCR pool. */
  recheck: (page: number, cells: readonly CellToRecheck[], read: () => Promise<CellReading[]>) => Promise<CellReading[]>;
}

export interface ExtractFileOptions<Drafts extends TableRows = TableRows> {
  ocr: OcrPool | null;
  forceOcr?: boolean;
  /** How many OCR pages may be rendered and waiting at once (readDocument's default when absent). */
  ocrConcurrency?: number;
  /** How the opened file's page steps and second looks are run, e.g. through a cache; directly when absent. */
  stages?: (pdf: OpenedPdf) => FileStages;
  /**
   * Called with the whole extraction while the document is still open, before it is released:
   * the --debug overlay draws here, so the file is not opened a second time.
   */
  inspect?: (file: FileExtraction<Drafts>) => Promise<void>;
  /** What the catalog knows of the file (URL, publication date, edition). */
  hints?: Partial<Pick<SourceDocument, 'url' | 'published' | 'edition'>>;
  /** The name used in messages (defaults to the path). */
  displayName?: string;
  onEvent?: (event: PageEvent) => void;
}

/** Damage met while opening the file, and pages not read or read only in part: each makes the report incomplete. */
function pageFindings(file: string, damage: readonly string[], readings: readonly PageReading[]): Finding[] {
  const findings: Finding[] = damage.length === 0 ? [] : [finding({
    severity: 'error', code: 'pdf-damaged', file,
    message: `the file is damaged (${damage.slice(0, 3).join('; ')}${damage.length > 3 ? `; ${damage.length - 3} more` : ''}); pdf.js worked around it, but pages or rows may be missing. Get an intact copy (download it again) or repair it (e.g. qpdf)`,
  })];
  for (const r of readings) {
    if (r.error) findings.push(finding({ severity: 'error', code: 'page-failed', message: r.error, file, page: r.page }));
    else if (r.tokens?.incomplete) {
      findings.push(finding({ severity: 'error', code: 'page-incomplete', message: `pdf.js could not parse all of this page's content (${r.tokens.incomplete}) and skipped part of it: rows printed there may be missing. Get an intact copy or repair the file (e.g. qpdf)`, file, page: r.page }));
    }
    else if (r.classification && r.classification.kind !== 'text') {
      findings.push(finding({ severity: 'info', code: 'page-ocr', message: `OCR'd: ${r.classification.reason}${r.skewDegrees ? `; deskewed ${r.skewDegrees.toFixed(2)}°` : ''}`, file, page: r.page }));
    }
    const lowered = r.tokens && r.ocrDpi ? dpiLoweredFinding(file, r.page, 'for OCR', r.ocrDpi.asked, { dpi: r.ocrDpi.used, widthPt: r.tokens.width, heightPt: r.tokens.height }) : null;
    if (lowered) findings.push(lowered);
  }
  return findings;
}

/** Reads the given cells of one page again (OcrPool.recheckCells, perhaps through a cache). */
export type CellRechecker = (page: number, cells: readonly CellToRecheck[]) => Promise<CellReading[]>;

/**
 * Doubtful OCR cells of closed-form columns, read again (src/ocr/recheck.ts); each replacement is
 * an info finding that keeps the first reading. A page whose second look fails keeps its first
 * readings and gets a warning: the rest of the file goes on.
 */
async function recheckDoubtfulCells(family: ReportFamily, file: string, extraction: ExtractionResult, recheck: CellRechecker): Promise<Finding[]> {
  const findings: Finding[] = [];
  const cells = cellsToRecheck(extraction.tables, family.layouts);
  // A finding names a table by its spec; when the spec yielded several tables, the row number alone is ambiguous.
  const splitSpecs = new Set(extraction.tables.filter((t, i, all) => all.findIndex((o) => o.spec === t.spec) !== i).map((t) => t.spec));
  for (const page of [...new Set(cells.map((c) => c.page))]) {
    const onPage = cells.filter((c) => c.page === page);
    let readings: CellReading[];
    try {
      readings = await recheck(page, onPage);
    } catch (error) {
      findings.push(finding({ severity: 'warning', code: 'recheck-failed', message: `a second look at ${onPage.length} doubtful cell(s) failed (${(error as Error).message}); their first readings are kept`, file, page }));
      continue;
    }
    for (const applied of applyRechecks(extraction.tables, onPage, readings)) {
      const { cell, firstReading, reading, agree } = applied;
      findings.push(finding({
        severity: 'info', code: 'ocr-rechecked',
        message: `OCR read "${firstReading}"; the cell read again alone, as "${cell.charset}" only, gives "${reading.text}"${agree ? ' (the same value)' : ''}; confidence ${reading.confidence.toFixed(2)}${splitSpecs.has(cell.table) ? `; row ${cell.row} of ${cell.tableId}, one of the tables found for ${cell.table}` : ''}`,
        file, page, table: cell.table, row: cell.row, field: cell.field, value: firstReading,
      }));
    }
  }
  return findings;
}

/** The ways a page is read again for a table its plain reading lost, in the order they are tried. */
const REREADINGS = ['cleaned', 'cleaned-whole-page'] as const satisfies readonly PagePreparation[];
export type Rereading = (typeof REREADINGS)[number];

/** Reads one OCR'd page again, so prepared (OcrPool.ocrPage, perhaps through a cache). */
export type PageRereader = (page: number, preparation: Rereading) => Promise<PageTokens>;

const HOW_REREAD: Record<Rereading, string> = {
  cleaned: 'with their rulings painted out and shading lifted',
  'cleaned-whole-page': 'with their rulings painted out and shading lifted, and segmented as whole pages rather than sparse text',
};

/**
 * Tables the plain reading lost, looked for in each rereading in turn (withTablesOfRereadPages),
 * each trying only those the ones before it did not find: a whole-page reading reads headers
 * that sparse text loses outright, but reads some cells worse, so it comes last.
 */
async function withTablesOfCleanedPages(family: ReportFamily, file: string, extraction: ExtractionResult, readings: readonly PageReading[], reread: PageRereader, options: ExtractionOptions): Promise<{ extraction: ExtractionResult; findings: Finding[] }> {
  let current = extraction;
  const findings: Finding[] = [];
  const settled = new Set<string>();
  for (const preparation of REREADINGS) {
    const next = await withTablesOfRereadPages(family, file, current, readings, (page) => reread(page, preparation), preparation, options, settled);
    current = next.extraction;
    findings.push(...next.findings);
    for (const f of next.findings) if (f.table) settled.add(f.table);
  }
  return { extraction: current, findings };
}

/**
 * Tables the reading did not find, or found without a row, or found on some pages only (free
 * text elsewhere reads as its header in part, or lines on a page without it read like its rows:
 * a header repeated on each page, lost on some), looked for again in a cleaned reading of the
 * OCR'd pages that hold free text (rulings painted out, shading lifted, perhaps segmented as a
 * whole page: PagePreparation). Tesseract loses a header whose letters touch a rule or sit on a
 * grey band, and with its header the table's rows on that page; the cleaned page reads such
 * headers, but reads other cells differently, sometimes worse, so it serves only the tables the
 * plain reading lost, and a table partly found only when it yields more rows. A page whose
 * cleaned reading fails keeps its plain one, with a warning (and the report is not cached, so a
 * re-run tries it again). Each table recovered so is an info finding.
 */
async function withTablesOfRereadPages(family: ReportFamily, file: string, extraction: ExtractionResult, readings: readonly PageReading[], reread: (page: number) => Promise<PageTokens>, preparation: Rereading, options: ExtractionOptions, settled: ReadonlySet<string>): Promise<{ extraction: ExtractionResult; findings: Finding[] }> {
  const rowsOf = (tables: readonly ExtractedTable[], spec: string) => tables.filter((t) => t.spec === spec).reduce((n, t) => n + t.rows.length, 0);
  const found = new Set(extraction.tables.filter((t) => t.rows.length > 0).map((t) => t.spec));
  // A table found on some pages may have lost its header on another (a cell on a grey band):
  // free text there reads as its header in part, or like its rows. An earlier rereading's table is settled.
  const settings = options.settings ?? DEFAULT_EXTRACTION_SETTINGS;
  const partlyLost = new Set([
    ...family.layouts.filter((spec) => extraction.text.some((t) => t.lines.some((line) => readsAsPartialHeader(line, spec, settings)))).map((spec) => spec.name),
    ...extraction.leftOut.filter((r) => r.where === 'page-without-table').map((r) => r.table),
  ].filter((name) => found.has(name) && !settled.has(name)));
  const missing = new Set([...family.layouts.map((spec) => spec.name).filter((name) => !found.has(name)), ...partlyLost]);
  if (missing.size === 0 || !readings.some((r) => r.tokens?.source === 'ocr')) return { extraction, findings: [] };
  // A page whose every line went into the tables found (or is furniture) holds no lost header:
  // a table ends at the first line that is not its own, and that line stays free text.
  const withFreeText = new Set(extraction.text.filter((t) => t.lines.some((l) => l.words.some(holdsText))).map((t) => t.page));
  const failed: Finding[] = [];
  const cleaned = await Promise.all(readings.map(async (r) => {
    if (r.tokens?.source !== 'ocr' || !withFreeText.has(r.page)) return r.tokens;
    try {
      return await reread(r.page);
    } catch (error) {
      failed.push(finding({
        severity: 'warning', code: 'reread-failed', file, page: r.page,
        message: `reading the page again ${HOW_REREAD[preparation]}, for the tables ${[...missing].join(', ')} lost, failed (${(error as Error).message}); its plain reading is kept`,
      }));
      return r.tokens;
    }
  }));
  const second = extractTables(cleaned.filter((t): t is PageTokens => t !== null), family.layouts, options);
  // A table partly lost is taken from the rereading only when that finds more of its rows.
  const recovered = second.tables.filter((t) => missing.has(t.spec) && t.rows.length > 0
    && (!partlyLost.has(t.spec) || rowsOf(second.tables, t.spec) > rowsOf(extraction.tables, t.spec)));
  const specs = new Set(recovered.map((t) => t.spec));
  if (specs.size === 0) return { extraction, findings: failed };
  return {
    extraction: {
      ...extraction,
      tables: [...extraction.tables.filter((t) => !specs.has(t.spec)), ...recovered],
      leftOut: [...extraction.leftOut.filter((r) => !specs.has(r.table)), ...second.leftOut.filter((r) => specs.has(r.table))],
    },
    findings: [...failed, ...[...specs].map((spec) => finding({
      severity: 'info', code: 'table-found-cleaned', file, table: spec, page: recovered.find((t) => t.spec === spec)?.rows[0]?.page,
      message: partlyLost.has(spec)
        ? `${rowsOf(second.tables, spec)} rows of the ${spec} table, not ${rowsOf(extraction.tables, spec)}, were found when its pages were read again ${HOW_REREAD[preparation]}: OCR lost its header, or part of it, on a plain page`
        : `the ${spec} table was found only when its pages were read again ${HOW_REREAD[preparation]}: OCR lost its header on the plain page`,
    }))],
  };
}

/**
 * The pages of one file, already read → its tables and the family's rows, with page failures as
 * findings. With a rereader, tables the reading lost are looked for in cleaned OCR pages; with a
 * rechecker, doubtful OCR cells get a second look before the family sees them.
 */
export async function extractReadings<Drafts extends TableRows>(family: ReportFamily<Drafts>, source: SourceDocument, readings: readonly PageReading[], recheck: CellRechecker | null = null, damage: readonly string[] = [], reread: PageRereader | null = null): Promise<Pick<FileExtraction<Drafts>, 'extraction' | 'report'>> {
  const pages = readings.map((r) => r.tokens).filter((t): t is PageTokens => t !== null);
  const options: ExtractionOptions = { ...family.extraction, settings: engineSettings(family).extraction };
  const plain = extractTables(pages, family.layouts, options);
  const { extraction, findings: recovered } = reread ? await withTablesOfCleanedPages(family, source.file, plain, readings, reread, options) : { extraction: plain, findings: [] };
  const rechecked = recheck ? await recheckDoubtfulCells(family, source.file, extraction, recheck) : [];
  const report = family.assemble(extraction, source);
  const leftOut = extraction.leftOut.map((r) => finding({
    severity: 'error', code: 'table-rows-left-out', file: source.file, page: r.page, table: r.table,
    message: `${r.where === 'after-table' ? `a line after the ${r.table} table ended` : `a line on a page where no ${r.table} table was found (its header not read there)`} reads like one of its rows ("${r.line.slice(0, 80)}"), but was not read as one: rows may be missing (inspect the page with "extract --debug")`,
  }));
  report.findings.unshift(...pageFindings(source.file, damage, readings), ...recovered, ...rechecked, ...leftOut, ...unnamedColumnFindings(family, source.file, extraction));
  return { extraction, report };
}

/**
 * Text printed under a column whose header names none of the spec's columns (an unknown heading, or
 * one OCR read nothing in) has nowhere to go in the family's rows: each row holding some is named,
 * since one of its values may be what was lost.
 */
export function unnamedColumnFindings(family: ReportFamily, file: string, extraction: ExtractionResult): Finding[] {
  return family.layouts.flatMap((spec) => {
    const fields = new Set(spec.columns.map((c) => c.field));
    const rows = extraction.tables.filter((t) => t.spec === spec.name).flatMap((t) => t.rows);
    return rows.flatMap((row, i) => Object.entries(row.cells).filter(([field, cell]) => !fields.has(field) && cell.text.trim() !== '').map(([, cell]) => finding({
      severity: 'warning', code: 'column-unnamed', file, page: row.page, table: spec.name, row: i + 1,
      message: `"${cell.text.slice(0, 60)}" is printed under a column whose header names none of the ${spec.name} table's columns, and is left out (inspect the page with "extract --debug")`,
    })));
  });
}

export function sourceDocument(pdf: OpenedPdf, file: string, hints: ExtractFileOptions['hints'] = {}): SourceDocument {
  return {
    file, sha256: pdf.sha256, pageCount: pdf.pageCount,
    url: hints.url ?? null, published: hints.published ?? null, edition: hints.edition ?? null,
  };
}

/**
 * Opens the file once, reads and extracts it, lets `inspect` look while it is open, and destroys
 * the document (its page images, fonts and worker port) however that ends. The returned `pdf`
 * describes the file; its `doc` is no longer usable.
 */
export async function extractFile<Drafts extends TableRows>(family: ReportFamily<Drafts>, path: string, options: ExtractFileOptions<Drafts>): Promise<FileExtraction<Drafts>> {
  const pdf = await openPdf(path, { strict: true });
  const file = options.displayName ?? path;
  try {
    const { classify, textLayer } = engineSettings(family);
    const stages = options.stages?.(pdf);
    const readings = await readDocument({ ...pdf, file }, {
      ocr: options.ocr, forceOcr: options.forceOcr, ocrConcurrency: options.ocrConcurrency,
      readPage: stages?.readPage, onEvent: options.onEvent, classify, textLayer,
    });
    const pool = options.ocr;
    const recheck: CellRechecker | null = pool ? (page, cells) => {
      const read = () => pool.recheckCells({ doc: pdf.doc, file, bytes: pdf.bytes }, page, cells);
      return stages ? stages.recheck(page, cells, read) : read();
    } : null;
    const reread: PageRereader | null = pool ? (page, preparation) => {
      const read = () => pool.ocrPage({ doc: pdf.doc, file, bytes: pdf.bytes }, page, preparation);
      return stages ? stages.readPage(page, `ocr-${preparation}`, read) : read();
    } : null;
    const extracted: FileExtraction<Drafts> = { pdf, readings, ...(await extractReadings(family, sourceDocument(pdf, file, options.hints), readings, recheck, pdf.damage, reread)) };
    await options.inspect?.(extracted);
    return extracted;
  } finally {
    await pdf.doc.destroy();
  }
}
