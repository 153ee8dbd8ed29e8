/**
 * Opening a PDF with pdfjs-dist (legacy build, the one meant for Node), with the failures a user
 * meets (missing, not a PDF, truncated, encrypted, damaged) turned into one clear error each.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { getDocument } from './pdfjs.ts';

export type PdfProblem = 'missing' | 'not-pdf' | 'truncated' | 'encrypted' | 'damaged';

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
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Fonts and CMaps ship inside pdfjs-dist; pointing at them keeps rendering offline. */
const PDFJS_ASSETS = {
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
  wasmUrl: join(pdfjsRoot, 'wasm') + '/',
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

export async function openPdf(file: string): Promise<OpenedPdf> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PdfInputError(file, 'missing', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(error)})`);
  }
  const bytes = new Uint8Array(buffer);
  checkPdfBytes(file, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    // pdfjs takes ownership of (and may detach) the buffer it is given: hand it a copy.
    const doc = await getDocument({ data: bytes.slice(), ...PDFJS_ASSETS, isEvalSupported: false, verbosity: 0 }).promise;
    return { file, bytes, sha256, doc, pageCount: doc.numPages };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'PasswordException') {
      throw new PdfInputError(file, 'encrypted', 'the PDF is encrypted with a password; decrypt it first (e.g. qpdf --decrypt)');
    }
    throw new PdfInputError(file, 'damaged', `pdf.js cannot parse it (${(error as Error).message}); the file may be damaged`);
  }
}
