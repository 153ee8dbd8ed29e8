/**
 * Bilevel scans (one bit per pixel: CCITT fax, JBIG2, a scanner's black-and-white mode) print a
 * grey fill as a dither: a field of single black dots. Tesseract reads nothing of bold words on
 * such a band, and shading.ts cannot lift it, because a dithered cell's lighter half is pure paper
 * white. Averaging each pixel with its neighbours (descreening) turns the dots back into the grey
 * they stand for, where shading.ts finds the fill; there the dots, tiny blobs of ink apart from
 * the letters' strokes, are painted out, which leaves the words on white paper, as sharp as the
 * scan printed them.
 */
import { smallBlobAt } from './despeckle.ts';
import type { GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';
import type { ShadedArea } from './shading.ts';

type DescreenSettings = Pick<OcrSettings, 'bilevelMaxGreyShare' | 'descreenRadiusPt' | 'ditherDotMaxAreaPt'>;

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

/** In a fill of a one-bit page, lighter pixels are paper: a dot's edge that deskewing's resampling greyed. */
const DOT_PAPER_LEVEL = 192;

/**
 * The image with each area's dots painted white: blobs of ink (darker than DOT_PAPER_LEVEL) of at
 * most ditherDotMaxAreaPt, labelled within the area; lighter pixels there turn white too. A new
 * image; the input is not changed.
 */
export function withoutDots(image: GrayImage, areas: readonly ShadedArea[], scale: number, settings: DescreenSettings): GrayImage {
  const maxArea = Math.max(1, Math.floor(settings.ditherDotMaxAreaPt * scale * scale));
  if (areas.length === 0) return image;
  const data = Uint8Array.from(image.data);
  for (const area of areas) {
    const width = area.x1 - area.x0, height = area.y1 - area.y0;
    const ink = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (area.y0 + y) * image.width + area.x0 + x;
        if (image.data[i]! < DOT_PAPER_LEVEL) ink[y * width + x] = 1;
        else data[i] = 255;
      }
    }
    const labels = new Int32Array(width * height);
    for (let p = 0; p < ink.length; p++) {
      if (!ink[p] || labels[p] !== 0) continue;
      // 4-connected: error diffusion sets dots corner to corner in chains ("worms"); a letter's
      // strokes are solid.
      const dot = smallBlobAt(ink, labels, width, height, p, maxArea, 4);
      for (const q of dot?.pixels ?? []) data[(area.y0 + Math.floor(q / width)) * image.width + area.x0 + (q % width)] = 255;
    }
  }
  return { ...image, data };
}
