/**
 * The cached stages of one report: its pages (classification, then text layer or OCR; one cache
 * entry per page and step), the second look at doubtful OCR cells (one entry per page and set of
 * cells) and the report (tables → the family's draft rows). A report whose
 * entry is cached is not even opened; one whose entry is missing redoes only the page steps
 * missing from the cache. Page steps are keyed on all of src/pdf rather than the files each one
 * imports today, so a new helper module cannot leave a stale entry behind.
 */
import { readFile } from 'node:fs/promises';
import type { PageReader, PageStep } from '../document.ts';
import { extractFile, type FileExtraction, type FileStages } from '../extract-file.ts';
import type { FamilyReport, ReportFamily } from '../family.ts';
import { sha256Hex } from '../files.ts';
import type { OcrPool } from '../ocr/pool.ts';
import type { OpenedPdf } from '../pdf/load.ts';
import { engineSettings } from '../settings.ts';
import { codeVersion } from './code-version.ts';
import type { SourceHints } from './sources.ts';
import { stableJson, type StageCache, type StageDefinition } from './stage-cache.ts';

/** Which pages need OCR: measured on the page's text and images, slow on scans (seconds per page). */
export const CLASSIFY_STAGE: StageDefinition = {
  name: 'classify',
  version: codeVersion(['src/pdf', 'src/layout/tokens.ts', 'src/text/control.ts'], ['pdfjs-dist']),
};

/** Page tokens read from the text layer: fast, but not free on long reports. */
export const TEXT_LAYER_STAGE: StageDefinition = {
  name: 'text-layer',
  version: codeVersion(['src/pdf', 'src/layout/tokens.ts', 'src/text/control.ts'], ['pdfjs-dist']),
};

/** The code and packages an OCR result depends on: rendering, image preparation, Tesseract and its model. */
const OCR_CODE = codeVersion(['src/pdf', 'src/ocr', 'src/layout/tokens.ts'], ['pdfjs-dist', '@napi-rs/canvas', 'tesseract.js', 'tesseract.js-core', '@tesseract.js-data/eng']);

/** OCR'd page tokens: the expensive stage (seconds per page), keyed on the PDF and the OCR code only. */
export const OCR_STAGE: StageDefinition = { name: 'ocr', version: OCR_CODE };

/** Second readings of doubtful OCR cells, per page: a page render and a Tesseract line read per cell. */
export const RECHECK_STAGE: StageDefinition = { name: 'recheck', version: OCR_CODE };

/** Tables → draft rows. Depends on all engine and family code; cheap enough to redo after any edit. */
export const REPORT_STAGE: StageDefinition = {
  name: 'report',
  version: codeVersion(['src', 'pipelines', 'package-lock.json']),
};

const PAGE_STAGES: Record<PageStep, StageDefinition> = { classify: CLASSIFY_STAGE, text: TEXT_LAYER_STAGE, ocr: OCR_STAGE, 'ocr-cleaned': OCR_STAGE, 'ocr-cleaned-whole-page': OCR_STAGE };

/** The settings that change a page step's result, as this run uses them: part of the step's key. */
function pageSettings(family: ReportFamily, ocr: OcrPool | null): Record<PageStep, unknown> {
  const settings = engineSettings(family);
  const ocrSettings = ocr?.settings ?? settings.ocr;
  return { classify: settings.classify, text: settings.textLayer, ocr: ocrSettings, 'ocr-cleaned': { ...ocrSettings, preparation: 'cleaned' }, 'ocr-cleaned-whole-page': { ...ocrSettings, preparation: 'cleaned-whole-page' } };
}

export interface ReadMode {
  ocr: boolean;
  forceOcr: boolean;
}

export type PageListener = (page: number, pageCount: number, method: 'text' | 'ocr', cached: boolean) => void;

export interface ReportOutcome {
  report: FamilyReport;
  cached: boolean;
}

/** What a family's report depends on besides code: its table layouts, extraction options and table settings. */
export function familyFingerprint(family: ReportFamily): string {
  return sha256Hex(stableJson({ name: family.name, tables: family.tables.map((t) => t.name), layouts: family.layouts, extraction: family.extraction, settings: engineSettings(family).extraction }));
}

function pageReader(cache: StageCache, pdfSha256: string, pageCount: number, settings: Record<PageStep, unknown>, onPage?: PageListener): PageReader {
  return async (page, step, run) => {
    const input = { pdf: pdfSha256, page, settings: settings[step] };
    const { value, cached } = await cache.through(PAGE_STAGES[step], input, run);
    // A cleaned page is a page read again: counting it would take progress past the page count.
    if (step === 'text' || step === 'ocr') onPage?.(page, pageCount, step, cached);
    return value;
  };
}

/**
 * One local PDF → its FamilyReport, through the report and page caches. Throws (with the file
 * named) when the file cannot be opened or is not a report of the family; failed pages become
 * findings, and a report with failed pages is not cached so that a re-run tries them again.
 */
export async function readReport(
  family: ReportFamily,
  source: { name: string; path: string; hints: SourceHints },
  cache: StageCache,
  ocr: OcrPool | null,
  mode: ReadMode & { ocrPagesInFlight: number },
  onPage?: PageListener,
  /** Looks at the extraction while the file is open (the --debug overlay); the report is then read, not taken from the cache. */
  inspect?: (file: FileExtraction) => Promise<void>,
): Promise<ReportOutcome> {
  const pool = mode.ocr ? ocr : null;
  const settings = pageSettings(family, pool);
  const reportInput = (pdfSha256: string) => ({
    pdf: pdfSha256,
    file: source.name,
    hints: source.hints,
    mode: { ocr: mode.ocr, forceOcr: mode.forceOcr },
    pages: [CLASSIFY_STAGE.version, TEXT_LAYER_STAGE.version, OCR_STAGE.version, RECHECK_STAGE.version, settings],
    family: familyFingerprint(family),
  });
  // An unreadable file skips the lookup: openPdf below says what is wrong with it.
  const known = await readFile(source.path).then(sha256Hex, () => null);
  const hit = known && !inspect ? await cache.lookup<FamilyReport>(REPORT_STAGE, reportInput(known)) : undefined;
  if (hit) return { report: hit, cached: true };

  const stages = (pdf: OpenedPdf): FileStages => ({
    readPage: pageReader(cache, pdf.sha256, pdf.pageCount, settings, onPage),
    // Keyed without the table id: the reading depends on where the cell is and its form, and the
    // keys stay those the cache was filled with before tables had ids.
    recheck: async (page, cells, read) => (await cache.through(RECHECK_STAGE, { pdf: pdf.sha256, page, cells: cells.map(({ tableId: _, ...cell }) => cell), settings: settings.ocr }, read)).value,
  });
  // A file that cannot be hashed cannot be opened either: extractFile throws before anything is stored.
  // Failed pages, failed second looks and failed cleaned readings are retried by the next run: such a report is not kept.
  const report = await cache.compute(REPORT_STAGE, reportInput(known ?? ''), async () => (await extractFile(family, source.path, {
    ocr: pool, forceOcr: mode.forceOcr, ocrConcurrency: mode.ocrPagesInFlight, displayName: source.name, hints: source.hints, stages, inspect,
  })).report, (done) => !done.findings.some((f) => f.code === 'page-failed' || f.code === 'recheck-failed' || f.code === 'reread-failed'));
  return { report, cached: false };
}
