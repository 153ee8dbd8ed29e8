/**
 * A pool of tesseract.js workers (one worker thread each), fully offline:
 * - the engine (tesseract.js-core WebAssembly) is require()d from node_modules by tesseract.js's
 *   Node worker script; nothing is fetched for it;
 * - the English model comes from @tesseract.js-data/eng, a local folder, so tesseract.js reads it
 *   from disk instead of its CDN default; cacheMethod 'none' keeps it from writing a cached copy
 *   into the working directory.
 *
 * Jobs go through tesseract.js's scheduler. Each scheduler "worker" is a slot that owns a real
 * worker and replaces it (terminate + create) after recycleAfterPages pages, because the
 * WebAssembly heap of a worker only grows. The replacement starts as soon as the page is done and
 * the slot's next page waits for it. Nothing starts before the first job: creating a pool is
 * free, so callers create one whenever OCR might be needed.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PQueue from 'p-queue';
import type Tesseract from 'tesseract.js';
import type { OpenedPdf } from '../pdf/load.ts';
import { encodePgm, type GrayImage } from './gray.ts';
import { createImageKeeper } from './kept-images.ts';
import { preparePageImage, type OcrPageImage, type PagePreparation } from './page-image.ts';
import { cutOutCell, type CellReading, type CellToRecheck } from './recheck.ts';
import { OcrPoolSettingsSchema, type OcrPoolOptions, type OcrSettings, type PageSegmentation } from './settings.ts';
import { toPageTokens, type OcrPageTokens } from './words.ts';

/**
 * tesseract.js, imported on the first page that needs OCR: a file whose pages all have a text
 * layer never loads it.
 */
let tesseract: Promise<typeof Tesseract> | null = null;
const loadTesseract = () => (tesseract ??= import('tesseract.js').then((m) => m.default));

/**
 * The offline English model shipped as an npm package (gzip-compressed traineddata): its
 * `4.0.0_best_int` folder, the LSTM network alone, which is all OEM.LSTM_ONLY runs. The package's
 * default (`4.0.0`) adds the legacy engine's data, 10.9 MB gzipped against 2.9 MB: it read every
 * scanned sample cell for cell the same, but cost each worker ~95 MB more and 0.3 s more to start.
 */
export const ENGLISH_MODEL_PATH: string = join(dirname((createRequire(import.meta.url)('@tesseract.js-data/eng') as { langPath: string }).langPath), '4.0.0_best_int');

export interface OcrPool {
  /** The OCR settings every page and cell is read with (part of the OCR stage's cache key). */
  readonly settings: OcrSettings;
  /**
   * Render, deskew and recognise one page with the pool's settings, prepared plain (the default),
   * cleaned or cleaned and read as a whole page (see PagePreparation). Callers may submit a whole file at once: only one page per
   * worker plus one are rendered ahead (a 300 DPI page holds ~80 MB of canvases while it is
   * prepared). The plain page's image is kept for the second look at its cells.
   */
  ocrPage(pdf: Pick<OpenedPdf, 'doc' | 'file' | 'bytes'>, pageNumber: number, preparation?: PagePreparation): Promise<OcrPageTokens>;
  recognize(image: OcrPageImage): Promise<OcrPageTokens>;
  /**
   * A second look at cells of one page (see recheck.ts): each cell is cut out of the image the
   * page was OCR'd from (kept, see kept-images.ts, or prepared again the same way: render,
   * deskew, despeckle, so boxes from its tokens fit) and read on its own with only its charset
   * allowed. One reading per cell, in order.
   */
  recheckCells(pdf: Pick<OpenedPdf, 'doc' | 'file' | 'bytes'>, pageNumber: number, cells: readonly CellToRecheck[]): Promise<CellReading[]>;
  /** Pages recognised and workers started so far (recycling shows as starts > workers). */
  stats(): { pages: number; workerStarts: number };
  close(): Promise<void>;
}

/** A cut-out cell to read with only `charset` characters. */
interface CellImage {
  file: string;
  page: number;
  dpi: number;
  pixels: GrayImage;
  charset: string;
}

interface Slot {
  id: string;
  /** `segmentation`, when given, for this page only instead of the settings' pageSegmentation. */
  recognize(image: OcrPageImage, segmentation?: PageSegmentation): Promise<OcrPageTokens>;
  readCell(image: CellImage): Promise<CellReading>;
  close(): Promise<void>;
}

async function startWorker(settings: OcrSettings): Promise<Tesseract.Worker> {
  try {
    const { createWorker, OEM, PSM } = await loadTesseract();
    const worker = await createWorker('eng', OEM.LSTM_ONLY, {
      langPath: ENGLISH_MODEL_PATH,
      gzip: true,
      cacheMethod: 'none',
      // Failures reach us as the job's rejected promise; without a handler tesseract.js also
      // throws them from its message listener, which would crash the process.
      errorHandler: () => undefined,
    });
    await worker.setParameters({
      tessedit_pageseg_mode: PSM[settings.pageSegmentation],
      // Keeps the spacing of table cells in the text output; word boxes are what we read anyway.
      preserve_interword_spaces: '1',
    });
    return worker;
  } catch (error) {
    throw new Error(`the tesseract.js worker did not start (${describe(error)}); check that tesseract.js and @tesseract.js-data/eng are installed (npm ci)`, { cause: error });
  }
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The image as a binary PGM in a Buffer, the cheapest form Tesseract reads (see gray.ts). */
function pgmBuffer(pixels: GrayImage): Buffer {
  const pgm = encodePgm(pixels);
  return Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength);
}

/** Rejects when `job` has not settled within `ms`; the caller replaces the busy worker. */
function withTimeout<T>(job: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${Math.round(ms / 1000)} s (the per-page OCR timeout, pageTimeoutMs)`)), ms);
  });
  return Promise.race([job, timeout]).finally(() => clearTimeout(timer));
}

function createSlot(id: string, settings: OcrSettings, limits: { recycleAfterPages: number; pageTimeoutMs: number }, onStart: () => void): Slot {
  const { recycleAfterPages } = limits;
  const start = () => {
    onStart();
    return startWorker(settings);
  };
  // The next page awaits this promise and sees a failed start; the no-op handler only keeps an
  // idle slot's failed start from being an unhandled rejection (which ends a Node process).
  const keep = (starting: Promise<Tesseract.Worker>) => {
    starting.catch(() => undefined);
    return starting;
  };
  // Started by the slot's first job: a worker costs a second of CPU and a few hundred MB.
  let worker: Promise<Tesseract.Worker> | null = null;
  let pagesOnWorker = 0;
  const recycle = (old: Tesseract.Worker | null) => {
    pagesOnWorker = 0;
    worker = keep((old ? old.terminate().catch(() => undefined) : Promise.resolve()).then(start));
  };
  /** Runs a job on the slot's worker. A worker that failed once is not trusted with the next job. */
  const onWorker = async <T>(image: { file: string; page: number }, what: string, job: (current: Tesseract.Worker) => Promise<T>): Promise<T> => {
    let current: Tesseract.Worker | null = null;
    try {
      worker ??= keep(start());
      current = await worker;
      return await withTimeout(job(current), limits.pageTimeoutMs);
    } catch (error) {
      recycle(current);
      throw new Error(`${image.file} p.${image.page}: ${what} failed: ${describe(error)}`, { cause: error });
    }
  };
  return {
    id,
    recognize: (image, segmentation) => onWorker(image, 'OCR', async (current) => {
      const { PSM } = await loadTesseract();
      await current.setParameters({ user_defined_dpi: String(image.dpi), tessedit_pageseg_mode: PSM[segmentation ?? settings.pageSegmentation] });
      const { data } = await current.recognize(pgmBuffer(image.pixels), {}, { text: false, blocks: true });
      pagesOnWorker++;
      if (pagesOnWorker >= recycleAfterPages) recycle(current);
      return toPageTokens(data.blocks, image, settings);
    }),
    readCell: (image) => onWorker(image, 'OCR of a cell', async (current) => {
      const pgm = pgmBuffer(image.pixels);
      // Word breaks are Tesseract's guess; a charset without a space has none to offer (an empty
      // charset allows everything, the space included).
      const separator = image.charset === '' || image.charset.includes(' ') ? ' ' : '';
      const { PSM } = await loadTesseract();
      const read = async (mode: Tesseract.PSM) => {
        await current.setParameters({ user_defined_dpi: String(image.dpi), tessedit_pageseg_mode: mode, tessedit_char_whitelist: image.charset });
        const { data } = await current.recognize(pgm, {}, { text: false, blocks: true });
        return (data.blocks ?? []).flatMap((b) => b.paragraphs).flatMap((p) => p.lines)
          .map((line) => ({
            text: line.words.map((w) => w.text.trim()).filter(Boolean).join(separator),
            confidence: Math.max(0, Math.min(1, Math.min(...line.words.map((w) => w.confidence)) / 100)),
          }))
          .filter((line) => line.text !== '');
      };
      // A block, not a single line: the cut-out is the row's height, and a date sits on the
      // first of its lines; single-line mode reads nothing when a line fills a third of the image.
      // A lone short value ("5") may be no block at all: then it is read as a single word.
      let lines = await read(PSM.SINGLE_BLOCK);
      if (lines.length === 0) lines = await read(PSM.SINGLE_WORD);
      await current.setParameters({ tessedit_pageseg_mode: PSM[settings.pageSegmentation], tessedit_char_whitelist: '' });
      return { lines };
    }),
    async close() {
      const current = await worker?.catch(() => null);
      await current?.terminate();
    },
  };
}

/**
 * Hands each job to the first idle slot, in the order the jobs came: what Tesseract's scheduler
 * does, written out because its types know only Tesseract's own workers and actions.
 */
function slotScheduler(slots: readonly Slot[]) {
  const busy = new Set<Slot>();
  const waiting: ((slot: Slot) => void)[] = [];
  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else busy.delete(slot);
  };
  return async <T>(job: (slot: Slot) => Promise<T>): Promise<T> => {
    const idle = slots.find((slot) => !busy.has(slot));
    if (idle) busy.add(idle);
    const slot = idle ?? await new Promise<Slot>((resolve) => waiting.push(resolve));
    try {
      return await job(slot);
    } finally {
      release(slot);
    }
  };
}

export function createOcrPool(options: OcrPoolOptions = {}): OcrPool {
  const settings = OcrPoolSettingsSchema.parse(options);
  let workerStarts = 0;
  let pages = 0;
  const slots = Array.from({ length: settings.workers }, (_, i) =>
    createSlot(`ocr-slot-${i}`, settings.ocr, settings, () => workerStarts++));
  const onSlot = slotScheduler(slots);
  let closed = false;
  const recognize = async (image: OcrPageImage, segmentation?: PageSegmentation): Promise<OcrPageTokens> => {
    if (closed) throw new Error(`${image.file} p.${image.page}: the OCR pool is already closed`);
    const result = await onSlot((slot) => slot.recognize(image, segmentation));
    pages++;
    return result;
  };
  const pagesInFlight = new PQueue({ concurrency: settings.workers + 1 });
  const keptImages = createImageKeeper(settings.keptImageMegabytes * 2 ** 20);
  return {
    settings: settings.ocr,
    recognize,
    ocrPage: (pdf, pageNumber, preparation = 'plain') => pagesInFlight.add(async () => {
      const image = await preparePageImage(pdf.doc, pdf.file, pageNumber, settings.ocr, pdf.bytes, preparation);
      if (preparation === 'plain') keptImages.keep(pdf.doc, image);
      return recognize(image, preparation === 'cleaned-whole-page' ? settings.ocr.wholePageSegmentation : undefined);
    }),
    recheckCells: (pdf, pageNumber, cells) => pagesInFlight.add(async () => {
      if (cells.length === 0) return [];
      const image = await keptImages.take(pdf.doc, pageNumber) ?? await preparePageImage(pdf.doc, pdf.file, pageNumber, settings.ocr, pdf.bytes);
      return Promise.all(cells.map((cell) => {
        const cellImage: CellImage = { file: pdf.file, page: pageNumber, dpi: image.dpi, charset: cell.charset, pixels: cutOutCell(image.pixels, image.scale, cell.box, image.rulings) };
        return onSlot((slot) => slot.readCell(cellImage));
      }));
    }),
    stats: () => ({ pages, workerStarts }),
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.close()));
    },
  };
}
