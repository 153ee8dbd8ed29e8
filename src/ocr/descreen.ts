/**
 * One-bit scans (CCITT fax, JBIG2, a scanner's black-and-white mode) print a grey fill as a
 * dither: a field of dots. Tesseract reads nothing of bold words on such a band and takes dithered
 * zebra stripes for letters, and shading.ts cannot see the fill, because a dithered cell's lighter
 * half is paper white (or nearly, where rendering or deskewing resampled the dots). Averaged
 * (descreened), the dots turn back into the grey they stand for, where shading.ts finds the fill;
 * a fill so found that holds many dots is a dither, and its dots, tiny blobs of ink apart from the
 * letters' solid strokes, are painted out, which leaves the words on white paper as sharp as the
 * scan printed them. A grey scan's fills hold a few dots at most (punctuation, a speck), so they
 * are left to shading.ts.
 */
import { smallBlobAt } from './despeckle.ts';
import type { GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';
import { findShadedAreas, type ShadedArea, type ShadingSettings } from './shading.ts';

type DescreenSettings = Pick<OcrSettings, 'descreenRadiusPt' | 'descreenWideRadiusPt' | 'ditherDotMaxAreaPt' | 'ditherMinDotsPerPt' | 'ditherCellPt' | 'ditherHairPasses' | 'ditherHairMaxNeighbours' | 'ditherHairMinDotsPerPt' | 'shadeNoiseLevels'>;

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

/** In a dithered fill, lighter pixels are paper: a dot's edge that rendering or deskewing resampled grey. */
const DOT_PAPER_LEVEL = 192;

/** The dots of a fill: 4-connected blobs of ink (darker than the paper level) of at most ditherDotMaxAreaPt, as pixel indexes of the image. */
function dotsIn(image: GrayImage, area: ShadedArea, scale: number, settings: DescreenSettings): number[][] {
  const maxArea = Math.max(1, Math.floor(settings.ditherDotMaxAreaPt * scale * scale));
  const width = area.x1 - area.x0, height = area.y1 - area.y0;
  const paper = Math.min(DOT_PAPER_LEVEL, area.fill - settings.shadeNoiseLevels);
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) ink[y * width + x] = image.data[(area.y0 + y) * image.width + area.x0 + x]! < paper ? 1 : 0;
  const labels = new Int32Array(width * height);
  const dots: number[][] = [];
  for (let p = 0; p < ink.length; p++) {
    if (!ink[p] || labels[p] !== 0) continue;
    // 4-connected: error diffusion sets dots corner to corner in chains ("worms"); a letter's
    // strokes are solid.
    const dot = smallBlobAt(ink, labels, width, height, p, maxArea, 4);
    if (dot) dots.push(dot.pixels.map((q) => (area.y0 + Math.floor(q / width)) * image.width + area.x0 + (q % width)));
  }
  return dots;
}

/** A dot of a dither has a dark core; a grey scan's noise and JPEG ringing, blobs as small, stay light. */
const DOT_CORE_LEVEL = 128;

/**
 * Fills found by their dots rather than by their grey: runs of cells of ditherCellPt, along each
 * row of cells, that hold at least ditherMinDotsPerPt dots (small blobs with a dark core) per square
 * point. A light fill (5 % ink) of a 200 DPI scan spaces its dots too far apart to average to an
 * even grey beside a row's words, so descreening finds slivers of it at most, and the rest of its
 * dots stayed (fresh seed 286531539). A grey scan's cells hold none or one. A run shorter than
 * minShadeLengthPt is no fill: a 150 DPI one-bit scan breaks letters into fragments as small as
 * dots, a dozen to a cell in a few cells of a line, and painting those out broke the words (fresh
 * seed 107557754). Each band of cells is labelled on its own (a dot its edge cuts counts in both
 * halves), so the work stays one band big.
 */
function dottedAreas(image: GrayImage, scale: number, settings: DescreenSettings & Pick<ShadingSettings, 'minShadeLengthPt'>): ShadedArea[] {
  if (settings.ditherCellPt <= 0) return [];
  const { width, height, data } = image;
  const cell = Math.max(2, Math.round(settings.ditherCellPt * scale));
  const maxArea = Math.max(1, Math.floor(settings.ditherDotMaxAreaPt * scale * scale));
  const minDots = settings.ditherMinDotsPerPt * settings.ditherCellPt ** 2;
  const minCells = Math.ceil((settings.minShadeLengthPt * scale) / cell);
  const columns = Math.ceil(width / cell);
  const ink = new Uint8Array(width * cell);
  const labels = new Int32Array(width * cell);
  const areas: ShadedArea[] = [];
  for (let top = 0; top < height; top += cell) {
    const rows = Math.min(cell, height - top);
    const band = data.subarray(top * width, (top + rows) * width);
    for (let i = 0; i < band.length; i++) ink[i] = band[i]! < DOT_PAPER_LEVEL ? 1 : 0;
    labels.fill(0);
    const counts = new Uint16Array(columns);
    for (let p = 0; p < band.length; p++) {
      if (!ink[p] || labels[p] !== 0) continue;
      const dot = smallBlobAt(ink, labels, width, rows, p, maxArea, 4);
      if (dot?.pixels.some((q) => band[q]! < DOT_CORE_LEVEL)) counts[Math.floor((dot.x0 + dot.x1) / 2 / cell)]!++;
    }
    let start = -1;
    for (let c = 0; c <= columns; c++) {
      const dotted = c < columns && counts[c]! >= minDots;
      if (dotted && start < 0) start = c;
      if (!dotted && start >= 0) {
        if (c - start >= minCells) areas.push({ x0: start * cell, y0: top, x1: Math.min(width, c * cell), y1: top + rows, fill: 255 });
        start = -1;
      }
    }
  }
  return areas;
}

/**
 * The fill's dots when it is a dither, null when not: it holds at least ditherMinDotsPerPt dots
 * per square point. A grey fill holds a few (punctuation, a speck), a dithered one of 5-20 % ink
 * hundreds per square inch.
 */
function ditherDots(image: GrayImage, area: ShadedArea, scale: number, settings: DescreenSettings): { dots: number[][]; perSquarePt: number } | null {
  const squarePt = ((area.x1 - area.x0) * (area.y1 - area.y0)) / (scale * scale);
  const dots = dotsIn(image, area, scale, settings);
  const perSquarePt = dots.length / squarePt;
  return perSquarePt >= settings.ditherMinDotsPerPt ? { dots, perSquarePt } : null;
}

export const isDithered = (image: GrayImage, area: ShadedArea, scale: number, settings: DescreenSettings): boolean =>
  ditherDots(image, area, scale, settings) !== null;

/** The image at half its size, each pixel the mean of four. */
function halved(image: GrayImage): GrayImage {
  const width = image.width >> 1, height = image.height >> 1, { data } = image;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const top = 2 * y * image.width, bottom = top + image.width;
    for (let x = 0; x < width; x++) out[y * width + x] = (data[top + 2 * x]! + data[top + 2 * x + 1]! + data[bottom + 2 * x]! + data[bottom + 2 * x + 1]! + 2) >> 2;
  }
  return { width, height, data: out };
}

/** Paints an area's lighter pixels (paper, the dots' resampled edges) and its dots white, into `data`. */
function paintOut(data: Uint8Array, image: GrayImage, area: ShadedArea, dots: readonly number[][], settings: DescreenSettings): void {
  const paper = Math.min(DOT_PAPER_LEVEL, area.fill - settings.shadeNoiseLevels);
  for (let y = area.y0; y < area.y1; y++) for (let i = y * image.width + area.x0, end = y * image.width + area.x1; i < end; i++) if (image.data[i]! >= paper) data[i] = 255;
  for (const dot of dots) for (const i of dot) data[i] = 255;
}

/** A hair's pixel and its neighbours are ink under mid-grey, as a binariser takes them: the grey halo a hair keeps (resampled) would join it to its letter. */
const HAIR_INK_LEVEL = 128;

/**
 * Shaves the dots dense fills left touching their letters (see ditherHairPasses), in `data`, inside the
 * areas (a fill both averaging squares found is shaved once): ink pixels (under HAIR_INK_LEVEL) with
 * few inked neighbours are whitened, pass by pass, each pass judged on the image the
 * last one left.
 */
function shaveHairs(data: Uint8Array, image: GrayImage, areas: readonly ShadedArea[], settings: DescreenSettings): void {
  const { width, height } = image;
  // A pixel's eight neighbours, as offsets in the row-major image.
  const offsets = [-width - 1, -width, -width + 1, -1, 1, width - 1, width, width + 1];
  const inside = new Uint8Array(width * height);
  for (const a of areas) for (let y = Math.max(1, a.y0); y < Math.min(height - 1, a.y1); y++) inside.fill(1, y * width + Math.max(1, a.x0), y * width + Math.min(width - 1, a.x1));
  const pixels: number[] = [];
  for (let i = 0; i < inside.length; i++) if (inside[i]) pixels.push(i);
  for (let pass = 0; pass < settings.ditherHairPasses; pass++) {
    const hairs = pixels.filter((i) => data[i]! < HAIR_INK_LEVEL && offsets.reduce((inked, d) => inked + (data[i + d]! < HAIR_INK_LEVEL ? 1 : 0), 0) <= settings.ditherHairMaxNeighbours);
    if (hairs.length === 0) return;
    for (const i of hairs) data[i] = 255;
  }
}

/**
 * The image with its dithered fills (found descreened: a dither's cells have paper-white lighter
 * halves) lifted by painting out their dots. Fills are searched for at half size, a quarter of
 * the work on every page (halving is itself an average), and their dots counted at full size,
 * once per fill found. A new image when there was a fill to lift; the input is not changed.
 */
export function withoutDitheredFills(image: GrayImage, scale: number, settings: DescreenSettings & ShadingSettings): GrayImage {
  const half = halved(image);
  // Averaged over two squares: the narrower one misses a light fill's dots, the wider one a darker
  // fill's (see descreenWideRadiusPt). A fill both find is painted out twice, to the same white.
  const radii = [settings.descreenRadiusPt, ...(settings.descreenWideRadiusPt > 0 ? [settings.descreenWideRadiusPt] : [])];
  const shaded = radii.flatMap((r) => findShadedAreas(descreen(half, scale / 2, { ...settings, descreenRadiusPt: r }), scale / 2, settings))
    .map((a) => ({ x0: 2 * a.x0, y0: 2 * a.y0, x1: Math.min(image.width, 2 * a.x1), y1: Math.min(image.height, 2 * a.y1), fill: a.fill }));
  const dithered = [...shaded, ...dottedAreas(image, scale, settings)].flatMap((area) => {
    const found = ditherDots(image, area, scale, settings);
    return found ? [{ area, ...found }] : [];
  });
  if (dithered.length === 0) return image;
  const data = Uint8Array.from(image.data);
  for (const { area, dots } of dithered) paintOut(data, image, area, dots, settings);
  shaveHairs(data, image, dithered.filter((d) => d.perSquarePt >= settings.ditherHairMinDotsPerPt).map((d) => d.area), settings);
  return { ...image, data };
}

/** The image with each area's dots painted white, whether or not it is a dither (see withoutDitheredFills). */
export function withoutDots(image: GrayImage, areas: readonly ShadedArea[], scale: number, settings: DescreenSettings): GrayImage {
  if (areas.length === 0) return image;
  const data = Uint8Array.from(image.data);
  for (const area of areas) paintOut(data, image, area, dotsIn(image, area, scale, settings), settings);
  return { ...image, data };
}
