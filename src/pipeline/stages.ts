/**
 * The cached stages of one report: its pages (text layer or OCR, one cache entry per page) and
 * the report (tables → the family's draft rows). A report whose entry is cached is not even
 * opened; a report that is not re-reads only the pages missing from the cache.
 */
import { readFile } from 'node:fs/promises';
import { readDocument, type PageReader, type PageReading } from '../document.ts';
import { extractReadings, sourceDocument } from '../extract-file.ts';
import type { FamilyReport, ReportFamily } from '../family.ts';
import { sha256Hex } from '../download/cache.ts';
import { OcrSettingsSchema } from '../ocr/settings.ts';
import type { OcrPool } from '../ocr/pool.ts';
import { openPdf } from '../pdf/load.ts';
import { TextLayerSettingsSchema } from '../pdf/text-layer.ts';
import { codeVersion } from './code-version.ts';
import type { SourceHints } from './sources.ts';
import { stableJson, type StageCache, type StageDefinition } from './stage-cache.ts';

/** Page tokens read from the text layer: cheap, but caching them lets a resumed run skip opening pages at all. */
export const TEXT_LAYER_STAGE: StageDefinition = {
  name: 'text-layer',
  version: codeVersion(['src/pdf', 'src/layout/tokens.ts'], ['pdfjs-dist']),
};

/** OCR'd page tokens: the expensive stage (seconds per page), keyed on the PDF and the OCR code only. */
export const OCR_STAGE: StageDefinition = {
  name: 'ocr',
  version: codeVersion(['src/pdf', 'src/ocr', 'src/layout/tokens.ts'], ['pdfjs-dist', '@napi-rs/canvas', 'tesseract.js', 'tesseract.js-core', '@tesseract.js-data/eng']),
};

/** Tables → draft rows. Depends on all engine and family code; cheap enough to redo after any edit. */
export const REPORT_STAGE: StageDefinition = {
  name: 'report',
  version: codeVersion(['src', 'pipelines', 'package-lock.json']),
};

const PAGE_STAGES = { text: TEXT_LAYER_STAGE, ocr: OCR_STAGE } as const;

/** Settings that change page tokens; part of each page's key. */
const PAGE_SETTINGS = { text: TextLayerSettingsSchema.parse({}), ocr: OcrSettingsSchema.parse({}) } as const;

export interface ReadMode {
  ocr: boolean;
  forceOcr: boolean;
}

export type PageListener = (page: number, pageCount: number, method: 'text' | 'ocr', cached: boolean) => void;

export interface ReportOutcome {
  report: FamilyReport;
  cached: boolean;
}

/** What a family's report depends on besides code: its table layouts and extraction options. */
export function familyFingerprint(family: ReportFamily): string {
  return sha256Hex(stableJson({ name: family.name, tables: family.tables.map((t) => t.name), layouts: family.layouts, extraction: family.extraction }));
}

function pageReader(cache: StageCache, pdfSha256: string, pageCount: number, onPage?: PageListener): PageReader {
  return async (page, method, read) => {
    const input = { pdf: pdfSha256, page, method, settings: PAGE_SETTINGS[method] };
    const { value, cached } = await cache.through(PAGE_STAGES[method], input, read);
    onPage?.(page, pageCount, method, cached);
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
): Promise<ReportOutcome> {
  const reportInput = (pdfSha256: string) => ({
    pdf: pdfSha256,
    file: source.name,
    hints: source.hints,
    mode: { ocr: mode.ocr, forceOcr: mode.forceOcr },
    pages: [TEXT_LAYER_STAGE.version, OCR_STAGE.version, PAGE_SETTINGS],
    family: familyFingerprint(family),
  });
  // An unreadable file skips the lookup: openPdf below says what is wrong with it.
  const known = await readFile(source.path).then(sha256Hex, () => null);
  const hit = known ? await cache.lookup<FamilyReport>(REPORT_STAGE, reportInput(known)) : undefined;
  if (hit) return { report: hit, cached: true };

  const pdf = await openPdf(source.path);
  let readings: PageReading[];
  try {
    readings = await readDocument({ ...pdf, file: source.name }, {
      ocr: mode.ocr ? ocr : null,
      forceOcr: mode.forceOcr,
      ocrConcurrency: mode.ocrPagesInFlight,
      readPage: pageReader(cache, pdf.sha256, pdf.pageCount, onPage),
    });
  } finally {
    await pdf.doc.destroy();
  }
  const report = await cache.compute(REPORT_STAGE, reportInput(pdf.sha256),
    () => extractReadings(family, sourceDocument(pdf, source.name, source.hints), readings).report,
    () => readings.every((r) => r.error === null));
  return { report, cached: false };
}
