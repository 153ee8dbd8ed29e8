/**
 * Speck removal before recognition. Photocopied and faxed scans are sprinkled with isolated dots of
 * toner. Tesseract's line finder takes a dot just above or below a word into the word's text line,
 * and the LSTM, which scales each line to a fixed height, then reads a squashed word: on the
 * degraded sample dates came back as "SHEL" and "ANZRLT". A speck is a connected blob of ink that
 * is small and isolated: no other ink within despeckleIsolationPt of its box (the dot of an i, the
 * tilde of a ñ sit closer to their letters), nor within despeckleInlinePt to its left or right on
 * its own rows (a full stop or a comma follows its letter on the baseline; a speck there stays on
 * the text line, where Tesseract reads it as a harmless "." rather than a taller line).
 */
import { otsuThreshold, type GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';

type DespeckleSettings = Pick<OcrSettings, 'despeckleMaxAreaPt' | 'despeckleIsolationPt' | 'despeckleInlinePt' | 'despeckleKeepBarAspect' | 'despeckleDashInsetPt' | 'despeckleDashMinLengthPt'>;

export interface Blob {
  pixels: number[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Labels the 8-connected (or 4-connected) blob of ink containing `start`, stopping once it is
 * larger than `maxArea` (a letter or a ruling is not a speck, and following it to the end would be
 * wasted work: the rest of it is labelled, and skipped, when the scan reaches it).
 */
export function smallBlobAt(ink: Uint8Array, labels: Int32Array, width: number, height: number, start: number, maxArea: number, connectivity: 4 | 8 = 8): Blob | null {
  const id = start + 1;
  const stack = [start];
  labels[start] = id;
  const blob: Blob = { pixels: [], x0: width, y0: height, x1: -1, y1: -1 };
  let tooBig = false;
  while (stack.length > 0) {
    const p = stack.pop()!;
    const x = p % width;
    const y = (p - x) / width;
    if (!tooBig) {
      blob.pixels.push(p);
      blob.x0 = Math.min(blob.x0, x); blob.x1 = Math.max(blob.x1, x);
      blob.y0 = Math.min(blob.y0, y); blob.y1 = Math.max(blob.y1, y);
      tooBig = blob.pixels.length > maxArea;
    }
    for (let dy = -1; dy <= 1; dy++) {
      const ny = y + dy;
      if (ny < 0 || ny >= height) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        if (nx < 0 || nx >= width || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
        const q = ny * width + nx;
        if (ink[q] && labels[q] === 0) {
          labels[q] = id;
          stack.push(q);
        }
      }
    }
  }
  return tooBig ? null : blob;
}

/** True when no ink other than the blob's own lies in its box widened by `dx` and `dy` pixels. */
function aloneIn(ink: Uint8Array, labels: Int32Array, width: number, height: number, blob: Blob, id: number, dx: number, dy: number): boolean {
  for (let y = Math.max(0, blob.y0 - dy); y <= Math.min(height - 1, blob.y1 + dy); y++) {
    for (let x = Math.max(0, blob.x0 - dx); x <= Math.min(width - 1, blob.x1 + dx); x++) {
      const p = y * width + x;
      if (ink[p] && labels[p] !== id) return false;
    }
  }
  return true;
}

/** Whether any ink lies in the rectangle [x0, x1] × [y0, y1], clipped to the image. */
function inkIn(ink: Uint8Array, width: number, height: number, x0: number, y0: number, x1: number, y1: number): boolean {
  for (let y = Math.max(0, y0); y <= Math.min(height - 1, y1); y++) {
    for (let x = Math.max(0, x0); x <= Math.min(width - 1, x1); x++) if (ink[y * width + x]) return true;
  }
  return false;
}

/**
 * Whether a bar sits mid-height in a line of text, as a dash does: within `reach` pixels to its
 * left or right there is ink both `inset` pixels above its top and below its bottom (the letters'
 * x-height spans it). A scratch near a word's top or bottom edge does not.
 */
function levelWithText(ink: Uint8Array, width: number, height: number, blob: Blob, reach: number, inset: number): boolean {
  return [[blob.x0 - reach, blob.x0 - 1], [blob.x1 + 1, blob.x1 + reach]].some(([x0, x1]) =>
    inkIn(ink, width, height, x0!, blob.y0 - inset, x1!, blob.y0 - inset) && inkIn(ink, width, height, x0!, blob.y1 + inset, x1!, blob.y1 + inset));
}

/**
 * The image with isolated specks painted white (a new image; the input is not changed), and how
 * many were removed. `scale` is pixels per PDF point.
 */
export function despeckle(image: GrayImage, scale: number, settings: DespeckleSettings): { image: GrayImage; specks: number } {
  const maxArea = Math.floor(settings.despeckleMaxAreaPt * scale * scale);
  if (maxArea < 1) return { image, specks: 0 };
  const margin = Math.max(1, Math.round(settings.despeckleIsolationPt * scale));
  const inline = Math.max(margin, Math.round(settings.despeckleInlinePt * scale));
  const { width, height } = image;
  const threshold = otsuThreshold(image);
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = image.data[i]! <= threshold ? 1 : 0;
  // Labels start at 1 (0 = not yet visited) so a pixel's label is its blob's first pixel + 1.
  const labels = new Int32Array(width * height);
  const data = Uint8Array.from(image.data);
  let specks = 0;
  for (let p = 0; p < ink.length; p++) {
    if (!ink[p] || labels[p] !== 0) continue;
    const blob = smallBlobAt(ink, labels, width, height, p, maxArea);
    if (!blob || !aloneIn(ink, labels, width, height, blob, p + 1, margin, margin) || !aloneIn(ink, labels, width, height, blob, p + 1, inline, 0)) continue;
    // A spaced dash ("Cocaine -" in a monospace font) is as small and as far from its word as a
    // speck, but a level bar with text on its rows a little further off: specks are compact, or
    // sit between the lines.
    const length = blob.x1 - blob.x0 + 1;
    const bar = length >= settings.despeckleKeepBarAspect * (blob.y1 - blob.y0 + 1) && length >= settings.despeckleDashMinLengthPt * scale;
    if (bar && levelWithText(ink, width, height, blob, 2 * inline, Math.max(1, Math.round(settings.despeckleDashInsetPt * scale)))) continue;
    for (const q of blob.pixels) data[q] = 255;
    specks++;
  }
  return { image: { width, height, data }, specks };
}
