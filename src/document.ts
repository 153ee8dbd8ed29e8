/**
 * A PDF → one PageTokens per page. Each page is classified first; pages with a usable text layer
 * are read from it, the others are OCR'd. A page that fails is recorded with its error and the
 * others go on (partial success is reported, not hidden).
 */
import PQueue from 'p-queue';
import { classifyPageContent, needsOcr, type ClassifySettings, type PageClassification } from './pdf/classify.ts';
import { isPdfjsError, openLenient, type OpenedPdf } from './pdf/load.ts';
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
  /** The DPI the page was rendered at for OCR, and the one configured (OCR pages only). */
  ocrDpi?: { used: number; asked: number };
  seconds: number;
}

export type PageEvent = { type: 'page-start' | 'page-done'; file: string; page: number; pageCount: number; method: 'text' | 'ocr' };

/**
 * How each step of reading a page is run: `run` does the work; a wrapper may serve the result
 * from a cache instead (the staged pipeline keeps every step on disk, so a resumed run neither
 * classifies nor OCRs a page twice).
 */
/** `ocr-cleaned`, `ocr-cleaned-whole-page`: an OCR'd page read again so (PagePreparation), for a table its plain reading lost (extract-file.ts). */
export type PageStep = 'classify' | 'text' | 'ocr' | 'ocr-cleaned' | 'ocr-cleaned-whole-page';
export type PageReader = <T>(page: number, step: PageStep, run: () => Promise<T>) => Promise<T>;

const readDirectly: PageReader = (_page, _step, run) => run();

const fromPdfjs = (error: unknown) => isPdfjsError(error) || (error instanceof Error && isPdfjsError(error.cause));

/**
 * Reads through a strictly opened document (see OpenedPdf.strict); when pdf.js cannot parse all
 * of a page's content, the page is read again leniently and `onSkipped` hears what was lost, so
 * a partial page is never mistaken for a whole one.
 */
function tolerantReader(pdf: OpenedPdf) {
  let lenient: Promise<OpenedPdf> | null = null;
  const read = async <T>(run: (pdf: OpenedPdf) => Promise<T>, onSkipped: (value: T, lost: string) => void, probe?: (pdf: OpenedPdf) => Promise<unknown>): Promise<T> => {
    try {
      if (probe) await probe(pdf);
      return await run(pdf);
    } catch (error) {
      if (!pdf.strict || !fromPdfjs(error)) throw error;
      lenient ??= openLenient(pdf).then((doc) => ({ ...pdf, doc, strict: false }));
      const value = await run(await lenient);
      onSkipped(value, (error as Error).message);
      return value;
    }
  };
  const close = async () => { if (lenient) await (await lenient.catch(() => null))?.doc.destroy(); };
  return { read, close };
}

const markIncomplete = (tokens: PageTokens, lost: string) => { tokens.incomplete = lost; };

/**
 * A page's text content, read strictly before it is OCR'd: a content stream pdf.js cannot
 * decode can render as a blank page without an error, but its text content then fails.
 */
const probeContent = (page: number) => async (pdf: OpenedPdf) => (await pdf.doc.getPage(page)).getTextContent();
const ignoreSkipped = () => undefined;

export interface ReadDocumentOptions {
  /** The OCR pool; null means scanned pages are reported as errors instead of OCR'd. */
  ocr: OcrPool | null;
  /** OCR every page, whatever its text layer. */
  forceOcr?: boolean;
  /** How many OCR pages may be rendered and waiting at once (bounds memory). */
  ocrConcurrency?: number;
  textLayer?: TextLayerSettings;
  classify?: ClassifySettings;
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
  const tolerant = tolerantReader(pdf);

  for (let page = 1; page <= pdf.pageCount; page++) {
    const started = performance.now();
    const reading: PageReading = { page, classification: null, tokens: null, error: null, seconds: 0 };
    readings.push(reading);
    // Parsed once for both steps, and only when a step is not served from a cache; once per
    // document, as a page the strict document cannot parse is parsed again by the lenient one.
    const parsed = new Map<OpenedPdf['doc'], Promise<PageContent>>();
    const content = (p: OpenedPdf) => {
      const known = parsed.get(p.doc);
      if (known) return known;
      const parsing = readPageContent(p.doc, page, p.bytes);
      parsed.set(p.doc, parsing);
      return parsing;
    };
    try {
      reading.classification = await readPage(page, 'classify', () => tolerant.read(async (p) => classifyPageContent(await content(p), options.classify), ignoreSkipped));
    } catch (error) {
      reading.error = `${pdf.file} p.${page}: cannot read the page (${(error as Error).message})`;
      continue;
    }
    if (!options.forceOcr && !needsOcr(reading.classification)) {
      emit('page-start', page, 'text');
      try {
        reading.tokens = await readPage(page, 'text', () => tolerant.read(async (p) => textLayerTokens(await content(p), textSettings), markIncomplete));
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
        const tokens = await readPage(page, 'ocr', () => tolerant.read((p) => pool.ocrPage(p, page), markIncomplete, probeContent(page)));
        reading.tokens = tokens;
        reading.skewDegrees = tokens.skewDegrees;
        reading.ocrDpi = { used: tokens.dpi, asked: tokens.dpiAsked };
      } catch (error) {
        reading.error = (error as Error).message.startsWith(pdf.file) ? (error as Error).message : `${pdf.file} p.${page}: OCR failed (${(error as Error).message})`;
      }
      reading.seconds = (performance.now() - ocrStarted) / 1000;
      emit('page-done', page, 'ocr');
    }));
  }
  try {
    await Promise.all(ocrJobs);
  } finally {
    await tolerant.close();
  }
  return readings;
}
