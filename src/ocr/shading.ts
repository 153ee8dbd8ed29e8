/**
 * Shaded areas of a scanned page (a grey header band, zebra rows) lifted to paper white before
 * recognition. Tesseract reads dark text on a mid-grey fill poorly once a scan's blur and noise
 * are added: a 150 DPI header band came back as "Facility" alone out of seven cells, while the
 * same pixels with the fill lifted to white read whole.
 *
 * Areas are found on a grid of small cells. A cell's background is the mean of its lighter half
 * (the paper between and inside letters, not their anti-aliased edges); the page's paper is the
 * median background; a cell well under it is shaded, and a cell of nearly all ink has no
 * background to judge. Long rows of shaded cells (ink cells among them bridged) are merged down
 * the page into rectangles, and in each the pixels are scaled so that the fill becomes white and
 * ink stays dark. Rulings are thin dark lines, not fills, and are found before this.
 */
import { median } from '../layout/lines.ts';
import { otsuThreshold, type GrayImage } from './gray.ts';
import { mergeRuns, type Run } from './rulings.ts';
import type { OcrSettings } from './settings.ts';

export type ShadingSettings = Pick<OcrSettings, 'shadeCellPt' | 'shadeCellMinPaperShare' | 'minShadeDepth' | 'minShadeLengthPt' | 'minShadeHeightPt' | 'shadeNoiseLevels'>;

/** A shaded area found, in pixels (x1, y1 exclusive), with its fill's gray level. */
export interface ShadedArea {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  fill: number;
}

/** Cell backgrounds: the mean of each cell's pixels at or over the cell's mean; NaN for a cell of nearly all ink. */
function cellBackgrounds(image: GrayImage, cell: number, inkThreshold: number, minPaperShare: number) {
  const { width, height, data } = image;
  const columns = Math.ceil(width / cell), rows = Math.ceil(height / cell);
  const background = new Float32Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    const y0 = row * cell, y1 = Math.min(height, y0 + cell);
    for (let column = 0; column < columns; column++) {
      const x0 = column * cell, x1 = Math.min(width, x0 + cell);
      let sum = 0, paper = 0;
      for (let y = y0; y < y1; y++) for (let i = y * width + x0, end = y * width + x1; i < end; i++) {
        sum += data[i]!;
        if (data[i]! > inkThreshold) paper++;
      }
      const pixels = (x1 - x0) * (y1 - y0);
      // A cell of ink alone (a bold letter's stroke) says nothing of what is behind it.
      if (paper < minPaperShare * pixels) { background[row * columns + column] = Number.NaN; continue; }
      const mean = sum / pixels;
      let upper = 0, count = 0;
      for (let y = y0; y < y1; y++) for (let i = y * width + x0, end = y * width + x1; i < end; i++) {
        if (data[i]! >= mean) { upper += data[i]!; count++; }
      }
      background[row * columns + column] = upper / count;
    }
  }
  return { background, columns, rows };
}

/**
 * Runs of shaded cells along one grid row at least `minCells` long; ink cells (NaN) inside a
 * run are bridged, and a run starts and ends on a shaded cell.
 */
function shadedRuns(background: Float32Array, start: number, columns: number, maxLevel: number, minCells: number): Run[] {
  const runs: Run[] = [];
  let first = -1, last = -1;
  const close = () => {
    if (first >= 0 && last + 1 - first >= minCells) runs.push({ start: first, end: last + 1 });
    first = -1;
  };
  for (let column = 0; column < columns; column++) {
    const level = background[start + column]!;
    if (Number.isNaN(level)) continue;
    if (level <= maxLevel) {
      if (first < 0) first = column;
      last = column;
    } else {
      close();
    }
  }
  close();
  return runs;
}

export function findShadedAreas(image: GrayImage, scale: number, settings: ShadingSettings): ShadedArea[] {
  if (settings.minShadeDepth === 0) return [];
  // At least 2 px, so that a cell has a lighter half to take its background from.
  const cell = Math.max(2, Math.round(settings.shadeCellPt * scale));
  const { background, columns, rows } = cellBackgrounds(image, cell, otsuThreshold(image), settings.shadeCellMinPaperShare);
  const judged = [...background].filter((level) => !Number.isNaN(level));
  if (judged.length === 0) return [];
  const paper = median(judged);
  const maxLevel = paper - settings.minShadeDepth;
  const minCells = Math.ceil((settings.minShadeLengthPt * scale) / cell);
  const minRows = Math.ceil((settings.minShadeHeightPt * scale) / cell);
  return mergeRuns(rows, (row) => shadedRuns(background, row * columns, columns, maxLevel, minCells))
    .filter((s) => s.last - s.first + 1 >= minRows)
    .map((s) => {
      const levels: number[] = [];
      for (let row = s.first; row <= s.last; row++) for (let column = s.start; column < s.end; column++) {
        const level = background[row * columns + column]!;
        if (level <= maxLevel) levels.push(level);
      }
      return {
        x0: s.start * cell, x1: Math.min(image.width, s.end * cell),
        y0: s.first * cell, y1: Math.min(image.height, (s.last + 1) * cell),
        fill: median(levels),
      };
    });
}

/**
 * The page with each shaded area's fill lifted to white: pixels are scaled by 255 over the fill's
 * level (less the noise around it), so ink stays dark and keeps its anti-aliased edges.
 */
export function withoutShading(image: GrayImage, areas: readonly ShadedArea[], settings: Pick<ShadingSettings, 'shadeNoiseLevels'>): GrayImage {
  if (areas.length === 0) return image;
  const data = image.data.slice();
  for (const area of areas) {
    const white = Math.max(1, area.fill - settings.shadeNoiseLevels);
    for (let y = area.y0; y < area.y1; y++) {
      for (let i = y * image.width + area.x0, end = y * image.width + area.x1; i < end; i++) {
        data[i] = data[i]! >= white ? 255 : Math.round((data[i]! * 255) / white);
      }
    }
  }
  return { ...image, data };
}
