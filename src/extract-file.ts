/**
 * One PDF through the engine: open → read pages (text layer or OCR) → tables → the family's rows.
 * Page failures become findings and the rest of the file goes on; a file that cannot be opened, or
 * is not a report of the family, throws one error that says which file and why.
 */
import { readDocument, type PageEvent, type PageReading } from './document.ts';
import type { FamilyReport, ReportFamily, SourceDocument } from './family.ts';
import { finding, type Finding } from './findings.ts';
import type { PageTokens } from './layout/tokens.ts';
import type { OcrPool } from './ocr/pool.ts';
import { applyRechecks, cellsToRecheck, type CellReading, type CellToRecheck } from './ocr/recheck.ts';
import { openPdf, type OpenedPdf } from './pdf/load.ts';
import { dpiLoweredFinding } from './pdf/render.ts';
import { extractTables, type ExtractionResult } from './table/extract.ts';

export interface FileExtraction {
  pdf: OpenedPdf;
  readings: PageReading[];
  extraction: ExtractionResult;
  report: FamilyReport;
}

export interface ExtractFileOptions {
  ocr: OcrPool | null;
  forceOcr?: boolean;
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
        message: `OCR read "${firstReading}"; the cell read again alone, as "${cell.charset}" only, gives "${reading.text}"${agree ? ' (the same value)' : ''}; confidence ${reading.confidence.toFixed(2)}`,
        file, page, table: cell.table, row: cell.row, field: cell.field, value: firstReading,
      }));
    }
  }
  return findings;
}

/**
 * The pages of one file, already read → its tables and the family's rows, with page failures as
 * findings. With a rechecker, doubtful OCR cells get a second look before the family sees them.
 */
export async function extractReadings(family: ReportFamily, source: SourceDocument, readings: readonly PageReading[], recheck: CellRechecker | null = null, damage: readonly string[] = []): Promise<Pick<FileExtraction, 'extraction' | 'report'>> {
  const pages = readings.map((r) => r.tokens).filter((t): t is PageTokens => t !== null);
  const extraction = extractTables(pages, family.layouts, family.extraction);
  const rechecked = recheck ? await recheckDoubtfulCells(family, source.file, extraction, recheck) : [];
  const report = family.assemble(extraction, source);
  report.findings.unshift(...pageFindings(source.file, damage, readings), ...rechecked);
  return { extraction, report };
}

export function sourceDocument(pdf: OpenedPdf, file: string, hints: ExtractFileOptions['hints'] = {}): SourceDocument {
  return {
    file, sha256: pdf.sha256, pageCount: pdf.pageCount,
    url: hints.url ?? null, published: hints.published ?? null, edition: hints.edition ?? null,
  };
}

export async function extractFile(family: ReportFamily, path: string, options: ExtractFileOptions): Promise<FileExtraction> {
  const pdf = await openPdf(path, { strict: true });
  const file = options.displayName ?? path;
  try {
    const readings = await readDocument(pdf, { ocr: options.ocr, forceOcr: options.forceOcr, onEvent: options.onEvent });
    const pool = options.ocr;
    const recheck: CellRechecker | null = pool ? (page, cells) => pool.recheckCells({ doc: pdf.doc, file }, page, cells) : null;
    return { pdf, readings, ...(await extractReadings(family, sourceDocument(pdf, file, options.hints), readings, recheck, pdf.damage)) };
  } finally {
    // Page images and fonts are held by the document until it is destroyed.
    await pdf.doc.cleanup().catch(() => undefined);
  }
}
