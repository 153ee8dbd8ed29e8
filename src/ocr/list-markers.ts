/**
 * List bullets and spaced dashes Tesseract dropped. A "•" before a list item is a small solid dot
 * set apart from its word, and sparse-text OCR often reads it as nothing at all; the item then
 * runs into the one before it, and the cell loses its structure without any sign of doubt. A
 * spaced dash ("Cocaine - Sell") goes the same way. Both are still in the pixels, in the band of
 * the word's height, with nothing but paper around them.
 *
 * For each OCR word, the strip to its left (`stripHeights` of the word's height, and no other
 * word in it) is searched for blobs of ink. When the only blob wholly inside the strip is the size
 * of a bullet, nearly round, nearly solid and level with the word's middle, a "•" word is added
 * there, at `confidence`: a shape, not a reading, so the cell it lands in goes to review. Between
 * two words of a line, or in the strip right of a line's last word (a wrapped line that ended on a
 * spaced dash), a lone thin level bar is a "-".
 */
import { z } from 'zod';
import { overlap, type Word } from '../layout/tokens.ts';
import type { GrayImage } from './gray.ts';

export const ListMarkerSettingsSchema = z.object({
  stripHeights: z.number().nonnegative().default(2.5)
    .describe('width of the strip searched left of a word, in heights of the word (its capital height, about 0.7 em): a bullet and its space take up to about two monospace cells, 1.2 em'),
  minSizeShare: z.number().positive().default(0.2)
    .describe('smallest bullet, as a share of the word\'s height (smaller blobs are specks)'),
  maxSizeShare: z.number().positive().default(0.7)
    .describe('largest bullet, as a share of the word\'s height (larger blobs are letters)'),
  maxAspect: z.number().min(1).default(1.3)
    .describe('a bullet is about as wide as it is tall: bullets on the scanned samples and fuzz scans measure 1.0-1.2, while a hyphen blurred at 200 DPI measures 1.5 (fresh seed 264084274)'),
  minFill: z.number().min(0).max(1).default(0.55)
    .describe('share of its box a bullet\'s ink fills (a disc fills 0.79; a hollow o or a stroke far less)'),
  centre: z.object({ from: z.number().default(0.3), to: z.number().default(0.85) }).prefault({})
    .describe('where the bullet\'s middle lies down the word\'s height: about the middle of the x-height'),
  dash: z.object({
    maxGapHeights: z.number().default(3).describe('widest gap between two words searched for a dash, in heights of the word'),
    maxThickness: z.number().default(0.25).describe('a dash is a thin bar: at most this share of the word\'s height'),
    minLengthToThickness: z.number().default(1.4).describe('... at least this many times as long as it is thick: blur at 200 DPI thickens a hyphen to 1.5-1.8 times its length (fresh seed 264084274)'),
    maxLength: z.number().default(1.5).describe('... and no longer than this share of the word\'s height (longer bars are rules)'),
    minLength: z.number().default(0.25).describe('... and no shorter than this share of the word\'s height: a hyphen is about a third of an em, some 0.35-0.45 of a word\'s box; a flat speck of toner between two words is a tenth ("Central - Booking", fresh seed 1154424647)'),
  }).prefault({}).describe('spaced dashes Tesseract dropped between two words, before the first word of a wrapped line ("Cocaine" over "- Sell"), or after the last word of a line ("Family -" over "Strong-Arm")'),
  confidence: z.number().min(0).max(1).default(0.75)
    .describe('confidence of an added bullet: below the usual review threshold, as it is inferred from a shape'),
  enabled: z.boolean().default(true),
});
export type ListMarkerSettings = z.infer<typeof ListMarkerSettingsSchema>;

export interface Blob { x0: number; y0: number; x1: number; y1: number; area: number; touchesEdge: boolean }

/** The 8-connected blobs of ink (pixels at or below `threshold`) inside a window of the image. */
export function blobsIn(image: GrayImage, threshold: number, x0: number, y0: number, x1: number, y1: number): Blob[] {
  const width = x1 - x0, height = y1 - y0;
  if (width <= 0 || height <= 0) return [];
  const seen = new Uint8Array(width * height);
  const inkAt = (x: number, y: number) => image.data[(y0 + y) * image.width + x0 + x]! <= threshold;
  const blobs: Blob[] = [];
  for (let start = 0; start < seen.length; start++) {
    const sx = start % width, sy = (start - sx) / width;
    if (seen[start] || !inkAt(sx, sy)) continue;
    const blob: Blob = { x0: sx, y0: sy, x1: sx, y1: sy, area: 0, touchesEdge: false };
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width, y = (p - x) / width;
      blob.area++;
      blob.x0 = Math.min(blob.x0, x); blob.x1 = Math.max(blob.x1, x);
      blob.y0 = Math.min(blob.y0, y); blob.y1 = Math.max(blob.y1, y);
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) blob.touchesEdge = true;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (!seen[q] && inkAt(nx, ny)) { seen[q] = 1; stack.push(q); }
        }
      }
    }
    blobs.push({ ...blob, x0: blob.x0 + x0, x1: blob.x1 + x0 + 1, y0: blob.y0 + y0, y1: blob.y1 + y0 + 1 });
  }
  return blobs;
}

/**
 * The one blob of ink wholly inside a strip of the page (points), with nothing else there, as a
 * share of the strip's height; null when the strip holds no blob, several, or another word.
 */
function loneBlob(strip: { x0: number; x1: number; y0: number; y1: number }, words: readonly Word[], image: GrayImage, scale: number, threshold: number) {
  const crowded = words.some((other) => other.x1 > strip.x0 && other.x0 < strip.x1 && overlap(other.y0, other.y1, strip.y0, strip.y1) > 0);
  if (crowded) return null;
  const px = (v: number) => Math.round(v * scale);
  const x0 = Math.max(0, px(strip.x0) + 1), x1 = Math.min(image.width, px(strip.x1) - 1);
  const y0 = Math.max(0, px(strip.y0)), y1 = Math.min(image.height, px(strip.y1));
  const inside = blobsIn(image, threshold, x0, y0, x1, y1).filter((b) => !b.touchesEdge);
  if (inside.length !== 1) return null;
  const blob = inside[0]!, heightPx = y1 - y0;
  return {
    blob, width: (blob.x1 - blob.x0) / heightPx, height: (blob.y1 - blob.y0) / heightPx,
    fill: blob.area / ((blob.x1 - blob.x0) * (blob.y1 - blob.y0)), middle: ((blob.y0 + blob.y1) / 2 - y0) / heightPx,
  };
}

type Shape = NonNullable<ReturnType<typeof loneBlob>>;

/**
 * What a lone blob level with a word's middle and solid enough is: a bullet (round, between the
 * size limits), a dash (a thin bar, longer than thick and shorter than a rule), or neither. Sizes
 * are shares of the word's height.
 */
function markerOf(shape: Shape, settings: ListMarkerSettings): '•' | '-' | null {
  const { width: w, height: h, fill, middle } = shape;
  if (fill < settings.minFill || middle < settings.centre.from || middle > settings.centre.to) return null;
  const sized = (v: number) => v >= settings.minSizeShare && v <= settings.maxSizeShare;
  if (sized(w) && sized(h) && Math.max(w, h) <= settings.maxAspect * Math.min(w, h)) return '•';
  const dash = h <= settings.dash.maxThickness && w >= settings.dash.minLengthToThickness * h && w >= settings.dash.minLength && w <= settings.dash.maxLength;
  return dash ? '-' : null;
}

/**
 * The bullets in the pixels left of OCR words, and the dashes between them, that Tesseract did
 * not read, as words. `scale` is pixels per point; `threshold` the page's ink level (otsuThreshold).
 */
export function findListMarkers(words: readonly Word[], image: GrayImage, scale: number, threshold: number, settings: ListMarkerSettings): Word[] {
  if (!settings.enabled) return [];
  const found: Word[] = [];
  const add = (text: string, blob: Blob, word: Word) => {
    const marker: Word = {
      text, x0: blob.x0 / scale, x1: blob.x1 / scale, y0: blob.y0 / scale, y1: blob.y1 / scale,
      size: word.size, confidence: settings.confidence, source: 'ocr',
    };
    // One blob may lie both right of one word and left of the next line's first word.
    if (!found.some((m) => m.x0 === marker.x0 && m.y0 === marker.y0)) found.push(marker);
  };
  const others = (word: Word, also?: Word) => words.filter((w) => w !== word && w !== also);
  for (const word of words) {
    if (!/^[\p{L}\p{N}]/u.test(word.text)) continue;
    const height = word.y1 - word.y0;
    const left = loneBlob({ x0: word.x0 - settings.stripHeights * height, x1: word.x0, y0: word.y0, y1: word.y1 }, others(word), image, scale, threshold);
    // A bullet, or a dash that starts a wrapped line ("Cocaine" over "- Sell").
    const leading = left && markerOf(left, settings);
    if (left && leading) add(leading, left.blob, word);
    // The word on its right on the same line, if close enough for a spaced dash between them.
    const next = words
      .filter((w) => w.x0 > word.x1 && w.x0 - word.x1 <= settings.dash.maxGapHeights * height && overlap(w.y0, w.y1, word.y0, word.y1) > 0.5 * height)
      .sort((a, b) => a.x0 - b.x0)[0];
    if (!next) {
      // The last word of a line: a dash that ended a wrapped line ("Family -" over "Strong-Arm").
      const right = loneBlob({ x0: word.x1, x1: word.x1 + settings.stripHeights * height, y0: word.y0, y1: word.y1 }, others(word), image, scale, threshold);
      if (right && markerOf(right, settings) === '-') add('-', right.blob, word);
      continue;
    }
    if (!/^[\p{L}\p{N}]/u.test(next.text)) continue;
    const between = loneBlob({ x0: word.x1, x1: next.x0, y0: Math.min(word.y0, next.y0), y1: Math.max(word.y1, next.y1) }, others(word, next), image, scale, threshold);
    if (between && markerOf(between, settings) === '-') add('-', between.blob, word);
  }
  return found;
}
