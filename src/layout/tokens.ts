/**
 * The engine's common page model. The text layer (pdfjs-dist) and OCR (tesseract.js) both produce
 * words in this shape, so everything downstream (lines, tables) is the same for both.
 *
 * Coordinates are PDF points (1/72 inch) with the origin at the page's top-left corner, y growing
 * downwards, whatever the page's rotation or the scan's resolution.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type TextSource = 'text' | 'ocr';

export interface Word extends Box {
  text: string;
  /** Font size in points (the height of the text line for OCR). */
  size: number;
  /** 0..1: 1 for a text-layer word, the OCR engine's confidence otherwise. */
  confidence: number;
  source: TextSource;
  /**
   * Width of a space in the word's font (points), when the text layer knows it. Monospace fonts
   * space words 0.6 em apart, twice a proportional font, so gaps are judged against it too.
   */
  space?: number;
  /** The text as the PDF gave it, when control characters were removed from it (stripControlCharacters). */
  raw?: string;
}

/** A straight vector ruling (table border) segment, horizontal or vertical. */
export interface Ruling extends Box {
  orientation: 'h' | 'v';
}

export interface PageTokens {
  /** 1-based page number in the file. */
  page: number;
  width: number;
  height: number;
  words: Word[];
  rulings: Ruling[];
  /** On an OCR'd page, word-shaped ink that no word covers: words OCR dropped (src/ocr/unread-ink.ts). */
  unread?: Box[];
  source: TextSource;
  /** Set when pdf.js could not parse all of the page's content: what it skipped, in its words. */
  incomplete?: string;
}

export const boxWidth = (b: Box) => b.x1 - b.x0;
export const boxHeight = (b: Box) => b.y1 - b.y0;
export const centreX = (b: Box) => (b.x0 + b.x1) / 2;
export const centreY = (b: Box) => (b.y0 + b.y1) / 2;

/** Does the word hold a letter or digit? Specks and rules read as ".", "-" or "—" hold none. */
export const holdsText = (w: { text: string }) => /[\p{L}\p{N}]/u.test(w.text);

/** Specks read as punctuation at a text's ends (",5", "NJ .", '"June 2012'). */
export const trimSpecks = (text: string) => text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** The words that hold text, or all of them when none does: where a speck's box says nothing. */
export const textWordsOr = <W extends { text: string }>(words: readonly W[]): readonly W[] => (words.some(holdsText) ? words.filter(holdsText) : words);

export function unionBox(boxes: readonly Box[]): Box {
  // One pass, no spread: called for every band, line and cell of a page.
  const union = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const b of boxes) {
    if (b.x0 < union.x0) union.x0 = b.x0;
    if (b.y0 < union.y0) union.y0 = b.y0;
    if (b.x1 > union.x1) union.x1 = b.x1;
    if (b.y1 > union.y1) union.y1 = b.y1;
  }
  return union;
}

/** Length of the overlap of [a0,a1] and [b0,b1] (0 when disjoint). */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
