/**
 * Opening a PDF with pdfjs-dist (legacy build, the one meant for Node), with the failures a user
 * meets (missing, not a PDF, truncated, encrypted, damaged) turned into one clear error each.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { z } from 'zod';
import { sha256Hex } from '../files.ts';

export type PdfProblem = 'missing' | 'not-pdf' | 'truncated' | 'encrypted' | 'damaged' | 'too-long';

export const PdfLimitsSchema = z.object({
  maxPages: z.number().int().positive().default(500)
    .describe('a file with more pages is refused as soon as it is opened, before any page is read or OCR\'d: a report runs to a few dozen pages, and OCR takes seconds a page'),
});

export type PdfLimits = z.infer<typeof PdfLimitsSchema>;

export class PdfInputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: PdfProblem,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'PdfInputError';
  }
}

export interface OpenedPdf {
  file: string;
  bytes: Uint8Array;
  sha256: string;
  doc: PDFDocumentProxy;
  pageCount: number;
  /**
   * True when opened with pdf.js's stopAtErrors: a page whose content cannot be parsed fully
   * fails instead of silently losing what pdf.js skipped (see openLenient).
   */
  strict: boolean;
  /** Damage pdf.js met while opening (broken cross-reference entries it had to work around). */
  damage: string[];
}

export interface OpenOptions {
  /** Fail a page whose content pdf.js cannot parse fully, instead of skipping the bad part. */
  strict?: boolean;
  limits?: Partial<PdfLimits>;
}

/**
 * pdf.js exceptions (XRefEntryException, FormatError…) carry names ending in Exception or Error
 * and a stack inside pdfjs-dist.
 */
export function isPdfjsError(reason: unknown): reason is Error {
  return reason instanceof Error && /(Exception|Error)$/.test(reason.name) && /pdfjs-dist/.test(reason.stack ?? '');
}

/**
 * pdf.js prefetches objects while opening a file and leaves a failed prefetch's promise
 * unhandled (pdf.worker.mjs, Catalog.getPageDict), which would end a Node process. Those
 * rejections are caught here: while a file is being opened (one at a time, see openPdf) they are
 * that file's damage; later ones are the same failed fetch that the page's own read then reports.
 * Any other unhandled rejection is left to the process's other listeners, or rethrown when none.
 */
let opening: string[] | null = null;
function onUnhandledRejection(reason: unknown): void {
  if (isPdfjsError(reason)) {
    opening?.push(`${reason.name}: ${reason.message}`);
    return;
  }
  if (process.listenerCount('unhandledRejection') <= 1) throw reason;
}
process.on('unhandledRejection', onUnhandledRejection);

let openQueue: Promise<unknown> = Promise.resolve();

/** Opens one document at a time, so damage seen while opening belongs to that file. */
function openDocument(bytes: Uint8Array, strict: boolean): Promise<{ doc: PDFDocumentProxy; damage: string[] }> {
  const next = openQueue.then(async () => {
    const damage: string[] = [];
    opening = damage;
    try {
      // Imported here, not above: the CLI (cli/guard.ts, cli/context.ts) and the downloader
      // import this module for its error types and byte checks, often with no PDF to open.
      const { getDocument } = await import('./pdfjs.ts');
      // pdfjs takes ownership of (and may detach) the buffer it is given: hand it a copy.
      const doc = await getDocument({ data: bytes.slice(), ...PDFJS_ASSETS, isEvalSupported: false, verbosity: 0, stopAtErrors: strict }).promise;
      // Unhandled rejections are reported after the current task: let them arrive.
      await new Promise((resolve) => setImmediate(resolve));
      return { doc, damage };
    } finally {
      opening = null;
    }
  });
  openQueue = next.catch(() => undefined);
  return next;
}

/** The same document opened leniently: pdf.js skips what it cannot parse and reads the rest. */
export async function openLenient(pdf: OpenedPdf): Promise<PDFDocumentProxy> {
  return (await openDocument(pdf.bytes, false)).doc;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Fonts and CMaps ship inside pdfjs-dist; pointing at them keeps rendering offline. */
const PDFJS_ASSETS = {
  standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
  cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
  cMapPacked: true,
  wasmUrl: `${join(pdfjsRoot, 'wasm')}/`,
};

/** The PDF spec puts %%EOF at the end; readers look for it in the last kilobyte. */
const EOF_WINDOW = 1024;

const headOf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, Math.min(bytes.length, 1024))).toString('latin1');

/** An error page served where a PDF was expected is the commonest "not a PDF". */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  return /<html|<!doctype/i.test(headOf(bytes));
}

export function checkPdfBytes(file: string, bytes: Uint8Array): void {
  if (!headOf(bytes).includes('%PDF-')) {
    throw new PdfInputError(file, 'not-pdf', looksLikeHtml(bytes)
      ? 'this is an HTML page, not a PDF (a download that returned an error page?)'
      : 'not a PDF file (no %PDF- header); check the path or re-download it');
  }
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new PdfInputError(file, 'truncated', `the file is truncated (${bytes.length} bytes, no %%EOF marker at the end); download it again`);
  }
}

export async function openPdf(file: string, options: OpenOptions = {}): Promise<OpenedPdf> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PdfInputError(file, 'missing', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`);
  }
  const bytes = new Uint8Array(buffer);
  checkPdfBytes(file, bytes);
  const sha256 = sha256Hex(bytes);
  const strict = options.strict === true;
  const { maxPages } = PdfLimitsSchema.parse(options.limits ?? {});
  let opened: { doc: PDFDocumentProxy; damage: string[] };
  try {
    opened = await openDocument(bytes, strict);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') {
      throw new PdfInputError(file, 'encrypted', 'the PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)');
    }
    throw new PdfInputError(file, 'damaged', `pdf.js cannot parse it (${(error as Error).message}); the file may be damaged`);
  }
  const { doc, damage } = opened;
  if (doc.numPages > maxPages) {
    await doc.destroy();
    throw new PdfInputError(file, 'too-long', `${doc.numPages} pages, more than the ${maxPages} a report can have (the maxPages limit); nothing was read. Split the file, or check that it is the right one`);
  }
  return { file, bytes, sha256, doc, pageCount: doc.numPages, strict, damage };
}
