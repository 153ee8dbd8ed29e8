/**
 * Tesseract's block tree (blocks → paragraphs → lines → words, pixel boxes, confidence 0..100)
 * flattened into the engine's PageTokens, in PDF points of the deskewed page.
 */
import type Tesseract from 'tesseract.js';
import type { PageTokens, Word } from '../layout/tokens.ts';
import type { OcrPageImage } from './page-image.ts';

export interface OcrPageTokens extends PageTokens {
  source: 'ocr';
  dpi: number;
  /** Skew corrected before recognition; boxes are in the deskewed frame. */
  skewDegrees: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function toWord(word: Tesseract.Word, line: Tesseract.Line, scale: number): Word {
  return {
    text: word.text.trim(),
    x0: round2(word.bbox.x0 / scale),
    y0: round2(word.bbox.y0 / scale),
    x1: round2(word.bbox.x1 / scale),
    y1: round2(word.bbox.y1 / scale),
    size: round2((line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0) / scale),
    confidence: Math.max(0, Math.min(1, word.confidence / 100)),
    source: 'ocr',
  };
}

export function toPageTokens(blocks: readonly Tesseract.Block[] | null, image: OcrPageImage, minWordConfidence: number): OcrPageTokens {
  const words = (blocks ?? [])
    .flatMap((block) => block.paragraphs)
    .flatMap((paragraph) => paragraph.lines)
    .flatMap((line) => line.words.map((word) => toWord(word, line, image.scale)))
    .filter((word) => word.text !== '' && word.confidence >= minWordConfidence);
  return {
    page: image.page,
    width: image.widthPt,
    height: image.heightPt,
    words,
    rulings: image.rulings,
    source: 'ocr',
    dpi: image.dpi,
    skewDegrees: image.skewDegrees,
  };
}
