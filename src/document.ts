/**
 * A PDF → one PageTokens per page. Each page is classified first; pages with a usable text layer
 * are read from it, the others are OCR'd. A page that fails is recorded with its error and the
 * others go on (partial success is reported, not hidden).
 */
import PQueue from 'p-queue';
import { classifyPageContent, needsOcr, type PageClassification } from './pdf/classify.ts';
import type { OpenedPdf } from './pdf/load.ts';
import { readPageContent, type PageContent } from './pdf/page-content.ts';
import { textLayerTokens, type TextLayerSettings, TextLayerSettingsSchema } from './pdf/text-layer.ts';
import type { PageTokens } from './layout/tokens.ts';
import type { OcrPool } from './ocr/pool.ts';

export interface PageReading {
  page: number;
  classification: PageClassification | null;
  tokens: PageTokens | null;
  /** What went wrong on this page, in a sentence that names the file and page. */
  error: string | null;
  /** Skew corrected before OCR, in degrees (OCR pages only). */
  skewDegrees?: number;
  seconds: number;
}

export type PageEvent = { type: 'page-start' | 'page-done'; file: string; page: number; pageCount: number; method: 'text' | 'ocr' };

/**
 * How each step of reading a page is run: `run` does the work; a wrapper may serve the result
 * from a cache instead (the staged pipeline keeps every step on disk, so a resumed run neither
 * classifies nor OCRs a page twice).
 */
export type PageStep = 'classify' | 'text' | 'ocr';
export type PageReader = <T>(page: number, step: PageStep, run: () => Promise<T>) => Promise<T>;

const readDirectly: PageReader = (_page, _step, run) => run();

export interface ReadDocumentOptions {
  /** The OCR pool; null means scanned pages are reported as errors instead of OCR'd. */
  ocr: OcrPool | null;
  /** OCR every page, whatever its text layer. */
  forceOcr?: boolean;
  /** How many OCR pages may be rendered and waiting at once (bounds memory). */
  ocrConcurrency?: number;
  textLayer?: TextLayerSettings;
  onEvent?: (event: PageEvent) => void;
  readPage?: PageReader;
}

export async function readDocument(pdf: OpenedPdf, options: ReadDocumentOptions): Promise<PageReading[]> {
  const textSettings = options.textLayer ?? TextLayerSettingsSchema.parse({});
  const readPage = options.readPage ?? readDirectly;
  const readings: PageReading[] = [];
  const ocrQueue = new PQueue({ concurrency: options.ocrConcurrency ?? 2 });
  const ocrJobs: Promise<void>[] = [];
  const emit = (type: PageEvent['type'], page: number, method: PageEvent['method']) =>
    options.onEvent?.({ type, file: pdf.file, page, pageCount: pdf.pageCount, method });

  for (let page = 1; page <= pdf.pageCount; page++) {
    const started = performance.now();
    const reading: PageReading = { page, classification: null, tokens: null, error: null, seconds: 0 };
    readings.push(reading);
    // Parsed once for both steps, and only when a step is not served from a cache.
    let parsed: Promise<PageContent> | null = null;
    const content = () => (parsed ??= readPageContent(pdf.doc, page));
    try {
      reading.classification = await readPage(page, 'classify', async () => classifyPageContent(await content()));
    } catch (error) {
      reading.error = `${pdf.file} p.${page}: cannot read the page (${(error as Error).message})`;
      continue;
    }
    if (!options.forceOcr && !needsOcr(reading.classification)) {
      emit('page-start', page, 'text');
      try {
        reading.tokens = await readPage(page, 'text', async () => textLayerTokens(await content(), textSettings));
      } catch (error) {
        reading.error = `${pdf.file} p.${page}: cannot read the text layer (${(error as Error).message})`;
      }
      reading.seconds = (performance.now() - started) / 1000;
      emit('page-done', page, 'text');
      continue;
    }
    const pool = options.ocr;
    if (!pool) {
      reading.error = `${pdf.file} p.${page}: the page needs OCR (${reading.classification.reason}) but OCR is off; run without --no-ocr`;
      continue;
    }
    ocrJobs.push(ocrQueue.add(async () => {
      const ocrStarted = performance.now();
      emit('page-start', page, 'ocr');
      try {
        const tokens = await readPage(page, 'ocr', () => pool.ocrPage(pdf, page));
        reading.tokens = tokens;
        reading.skewDegrees = tokens.skewDegrees;
      } catch (error) {
        reading.error = (error as Error).message.startsWith(pdf.file) ? (error as Error).message : `${pdf.file} p.${page}: OCR failed (${(error as Error).message})`;
      }
      reading.seconds = (performance.now() - ocrStarted) / 1000;
      emit('page-done', page, 'ocr');
    }));
  }
  await Promise.all(ocrJobs);
  return readings;
}
