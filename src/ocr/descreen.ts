/**
 * Bilevel scans (one bit per pixel: CCITT fax, JBIG2, a scanner's black-and-white mode) print a
 * grey fill as a dither: a field of single black dots. Tesseract reads nothing of bold words on
 * such a band, and shading.ts cannot lift it, because a dithered cell's lighter half is pure paper
 * white. Averaging each pixel with its neighbours (descreening) turns the dots back into the grey
 * they stand for, while strokes of text, several pixels wide, stay dark at their centre; the
 * shading is then found and lifted as on a grey scan.
 */
import type { GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';

type DescreenSettings = Pick<OcrSettings, 'bilevelMaxGreyShare' | 'descreenRadiusPt'>;

/** Levels at or under this are black, at or over 255 minus it white, in a bilevel page's pixels. */
const BILEVEL_MARGIN = 32;

/** Whether the page's pixels are (nearly) all black or white: a one-bit scan rendered at its own resolution. */
export function isBilevel(image: GrayImage, settings: DescreenSettings): boolean {
  const { data } = image;
  let grey = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v > BILEVEL_MARGIN && v < 255 - BILEVEL_MARGIN) grey++;
  }
  return grey <= settings.bilevelMaxGreyShare * data.length;
}

/** The image averaged over a square of (2r + 1)² pixels around each pixel, r = descreenRadiusPt at `scale`, at least 1 px. */
export function descreen(image: GrayImage, scale: number, settings: DescreenSettings): GrayImage {
  const r = Math.max(1, Math.round(settings.descreenRadiusPt * scale));
  const { width, height, data } = image;
  // Separable box filter with running sums: rows into `across`, then columns into the result.
  const across = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = -r; x <= r; x++) sum += data[row + Math.min(width - 1, Math.max(0, x))]!;
    for (let x = 0; x < width; x++) {
      across[row + x] = sum;
      sum += data[row + Math.min(width - 1, x + r + 1)]! - data[row + Math.max(0, x - r)]!;
    }
  }
  const out = new Uint8Array(width * height);
  const area = (2 * r + 1) ** 2;
  for (let x = 0; x < width; x++) {
    let sum = 0;
    for (let y = -r; y <= r; y++) sum += across[Math.min(height - 1, Math.max(0, y)) * width + x]!;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = Math.round(sum / area);
      sum += across[Math.min(height - 1, y + r + 1) * width + x]! - across[Math.max(0, y - r) * width + x]!;
    }
  }
  return { width, height, data: out };
}
