/**
 * 8-bit grayscale images: what the skew search works on and what Tesseract is given. Tesseract
 * reads the page as a binary PGM (P5), which costs a header and one byte per pixel instead of a
 * PNG encode of the colour canvas (~130 ms against ~400 ms for a 300 DPI Letter page).
 */
import type { Canvas } from '@napi-rs/canvas';

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black. Never changed once made: a change is a new image. */
  data: Uint8Array;
}

/** ITU-R BT.601 luma, in integer arithmetic. */
export function canvasToGray(canvas: Canvas): GrayImage {
  const { width, height } = canvas;
  const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  // Read as plain bytes: indexing the clamped array is slower, and reading needs no clamping.
  const rgba = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length);
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    const r = rgba[j]!, g = rgba[j + 1]!, b = rgba[j + 2]!;
    // A gray pixel (all of a gray scan) is its own luma: the same value, at a fraction of the cost.
    data[i] = r === g && g === b ? r : (r * 299 + g * 587 + b * 114 + 500) / 1000;
  }
  return { width, height, data };
}

export function encodePgm(image: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}

/** Each image's threshold, once: a page's is asked for by despeckling, rulings and the word checks. */
const thresholds = new WeakMap<Uint8Array, number>();

/** Otsu's threshold: the gray level that best separates ink from paper (maximal between-class variance). */
export function otsuThreshold(image: GrayImage): number {
  const known = thresholds.get(image.data);
  if (known !== undefined) return known;
  const histogram = new Uint32Array(256);
  const { data } = image;
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++;
  const total = image.data.length;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) sumAll += v * histogram[v]!;
  let best = 127;
  let bestVariance = -1;
  let weightDark = 0;
  let sumDark = 0;
  for (let t = 0; t < 256; t++) {
    weightDark += histogram[t]!;
    if (weightDark === 0) continue;
    const weightLight = total - weightDark;
    if (weightLight === 0) break;
    sumDark += t * histogram[t]!;
    const meanDark = sumDark / weightDark;
    const meanLight = (sumAll - sumDark) / weightLight;
    const variance = weightDark * weightLight * (meanDark - meanLight) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  thresholds.set(image.data, best);
  return best;
}
