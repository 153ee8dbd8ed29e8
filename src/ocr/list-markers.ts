/**
 * List bullets Tesseract dropped. A "•" before a list item is a small solid dot set apart from its
 * word, and sparse-text OCR often reads it as nothing at all; the item then runs into the one
 * before it, and the cell loses its structure without any sign of doubt. The dot is still in the
 * pixels: left of a word, in the band of its height, with nothing but paper between them.
 *
 * For each OCR word, the strip to its left (`stripHeights` of the word's height, and no other
 * word in it) is searched for blobs of ink. When the only blob wholly inside the strip is the size
 * of a bullet, nearly round, nearly solid and level with the word's middle, a "•" word is added
 * there, at `confidence`: a shape, not a reading, so the cell it lands in goes to review.
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
  maxAspect: z.number().min(1).default(1.6).describe('a bullet is about as wide as it is tall'),
  minFill: z.number().min(0).max(1).default(0.55)
    .describe('share of its box a bullet\'s ink fills (a disc fills 0.79; a hollow o or a stroke far less)'),
  centre: z.object({ from: z.number().default(0.3), to: z.number().default(0.85) }).prefault({})
    .describe('where the bullet\'s middle lies down the word\'s height: about the middle of the x-height'),
  confidence: z.number().min(0).max(1).default(0.75)
    .describe('confidence of an added bullet: below the usual review threshold, as it is inferred from a shape'),
  enabled: z.boolean().default(true),
});
export type ListMarkerSettings = z.infer<typeof ListMarkerSettingsSchema>;

interface Blob { x0: number; y0: number; x1: number; y1: number; area: number; touchesEdge: boolean }

/** The 8-connected blobs of ink (pixels at or below `threshold`) inside a window of the image. */
function blobsIn(image: GrayImage, threshold: number, x0: number, y0: number, x1: number, y1: number): Blob[] {
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
 * The bullets in the pixels left of OCR words that Tesseract did not read, as words. `scale` is
 * pixels per point; `threshold` the page's ink level (otsuThreshold).
 */
export function findListMarkers(words: readonly Word[], image: GrayImage, scale: number, threshold: number, settings: ListMarkerSettings): Word[] {
  if (!settings.enabled) return [];
  const markers: Word[] = [];
  for (const word of words) {
    if (!/^[\p{L}\p{N}]/u.test(word.text)) continue;
    const height = word.y1 - word.y0;
    const strip = { x0: word.x0 - settings.stripHeights * height, x1: word.x0, y0: word.y0, y1: word.y1 };
    const crowded = words.some((other) => other !== word && other.x1 > strip.x0 && other.x0 < strip.x1 && overlap(other.y0, other.y1, strip.y0, strip.y1) > 0);
    if (crowded) continue;
    const px = (v: number) => Math.round(v * scale);
    const x0 = Math.max(0, px(strip.x0)), x1 = Math.min(image.width, px(strip.x1) - 1);
    const y0 = Math.max(0, px(strip.y0)), y1 = Math.min(image.height, px(strip.y1));
    const inside = blobsIn(image, threshold, x0, y0, x1, y1).filter((b) => !b.touchesEdge);
    if (inside.length !== 1) continue;
    const dot = inside[0]!;
    const w = dot.x1 - dot.x0, h = dot.y1 - dot.y0, wordPx = y1 - y0;
    const sized = (v: number) => v >= settings.minSizeShare * wordPx && v <= settings.maxSizeShare * wordPx;
    const round = Math.max(w, h) <= settings.maxAspect * Math.min(w, h);
    const solid = dot.area >= settings.minFill * w * h;
    const middle = ((dot.y0 + dot.y1) / 2 - y0) / wordPx;
    if (!sized(w) || !sized(h) || !round || !solid || middle < settings.centre.from || middle > settings.centre.to) continue;
    markers.push({
      text: '•', x0: dot.x0 / scale, x1: dot.x1 / scale, y0: dot.y0 / scale, y1: dot.y1 / scale,
      size: word.size, confidence: settings.confidence, source: 'ocr',
    });
  }
  return markers;
}
