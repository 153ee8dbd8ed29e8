/**
 * Table rulings found in the pixels of a scanned page, so OCR pages carry the same `rulings` a
 * text-layer page gets from its vector paths. A ruling is a long, thin run of ink: in each pixel
 * row (column) runs of dark pixels at least minRulingLengthPt long are found, tolerating small
 * breaks from JPEG noise, and runs in adjacent rows (columns) that overlap are merged into one
 * line whose thickness is the number of rows (columns) it spans. Text never qualifies: its
 * strokes leave gaps wider than rulingGapPt every few points.
 */
import type { Ruling } from '../layout/tokens.ts';
import { otsuThreshold, type GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';

type RulingSettings = Pick<OcrSettings, 'minRulingLengthPt' | 'maxRulingThicknessPt' | 'rulingGapPt' | 'minRulingInk'>;
type PaintSettings = Pick<OcrSettings, 'paintOutRulings' | 'paintedRulingMaxSideInk'>;

export interface Run {
  start: number;
  end: number;
}

export interface Segment extends Run {
  first: number;
  last: number;
}

interface RunRule {
  threshold: number;
  minLength: number;
  maxGap: number;
  minInk: number;
}

/**
 * Long, nearly solid dark runs along one line of pixels: `length` pixels of `data` from `first`,
 * `step` apart (1 along a row, the image width down a column). Indexed directly rather than
 * through an accessor: this reads every pixel of the page twice.
 */
function longRuns(data: Uint8Array, first: number, step: number, length: number, rule: RunRule): Run[] {
  const runs: Run[] = [];
  let start = -1;
  let lastDark = -1;
  let ink = 0;
  const close = () => {
    const end = lastDark + 1;
    if (start >= 0 && end - start >= rule.minLength && ink >= rule.minInk * (end - start)) runs.push({ start, end });
  };
  const { threshold, maxGap } = rule;
  for (let i = 0, at = first; i < length; i++, at += step) {
    if (data[at]! > threshold) continue;
    if (start < 0 || i - lastDark - 1 > maxGap) {
      close();
      start = i;
      ink = 0;
    }
    lastDark = i;
    ink++;
  }
  close();
  return runs;
}

/** Merge the runs of consecutive lines into segments (a ruling is several pixels thick, a shaded band several cells: shading.ts). */
export function mergeRuns(lines: number, runsOf: (line: number) => Run[]): Segment[] {
  const done: Segment[] = [];
  let open: Segment[] = [];
  for (let line = 0; line <= lines; line++) {
    const runs = line < lines ? runsOf(line) : [];
    const next: Segment[] = [];
    for (const run of runs) {
      const match = open.find((s) => Math.min(s.end, run.end) - Math.max(s.start, run.start) > 0.5 * Math.min(s.end - s.start, run.end - run.start));
      if (match) {
        open = open.filter((s) => s !== match);
        next.push({ start: Math.min(match.start, run.start), end: Math.max(match.end, run.end), first: match.first, last: line });
      } else {
        next.push({ ...run, first: line, last: line });
      }
    }
    done.push(...open);
    open = next;
  }
  return done;
}

export function detectRulings(image: GrayImage, scale: number, settings: RulingSettings): Ruling[] {
  const rule: RunRule = {
    threshold: otsuThreshold(image),
    minLength: settings.minRulingLengthPt * scale,
    maxGap: Math.round(settings.rulingGapPt * scale),
    minInk: settings.minRulingInk,
  };
  const maxThickness = settings.maxRulingThicknessPt * scale;
  const { width, height, data } = image;
  const toPoints = (n: number) => Math.round((n / scale) * 100) / 100;

  const horizontal = mergeRuns(height, (y) => longRuns(data, y * width, 1, width, rule))
    .filter((s) => s.last - s.first + 1 <= maxThickness)
    .map((s): Ruling => ({ orientation: 'h', x0: toPoints(s.start), x1: toPoints(s.end), y0: toPoints(s.first), y1: toPoints(s.last + 1) }));
  const vertical = mergeRuns(width, (x) => longRuns(data, x, width, height, rule))
    .filter((s) => s.last - s.first + 1 <= maxThickness)
    .map((s): Ruling => ({ orientation: 'v', x0: toPoints(s.first), x1: toPoints(s.last + 1), y0: toPoints(s.start), y1: toPoints(s.end) }));
  return [...horizontal, ...vertical];
}

/**
 * Pixel bounds of a ruling's box (x1, y1 exclusive), one pixel wider all round for its blur. Its
 * points were rounded to 0.01 pt from whole pixels, so they are rounded back, not floored: a
 * floor would widen it by a second pixel and take the bottom of the letters sitting on it.
 */
function rulingPixels(r: Ruling, scale: number) {
  return {
    x0: Math.round(r.x0 * scale) - 1, x1: Math.round(r.x1 * scale) + 1,
    y0: Math.round(r.y0 * scale) - 1, y1: Math.round(r.y1 * scale) + 1,
  };
}

/**
 * Share of the ruling's length with ink just outside it, on its less inked side. A table border
 * has paper along most of at least one side, even where a header's letters sit on it; a run of
 * bold letters blurred together (a "ruling" through the middle of "Citizenship") has ink on both.
 */
function lesserSideInk(image: GrayImage, box: ReturnType<typeof rulingPixels>, horizontal: boolean, threshold: number): number {
  const { width, data } = image;
  const dark = (x: number, y: number) => x >= 0 && y >= 0 && x < width && y < image.height && data[y * width + x]! <= threshold;
  let before = 0, after = 0;
  const length = horizontal ? box.x1 - box.x0 : box.y1 - box.y0;
  for (let i = 0; i < length; i++) {
    if (horizontal) {
      if (dark(box.x0 + i, box.y0 - 1)) before++;
      if (dark(box.x0 + i, box.y1)) after++;
    } else {
      if (dark(box.x0 - 1, box.y0 + i)) before++;
      if (dark(box.x1, box.y0 + i)) after++;
    }
  }
  return length > 0 ? Math.min(before, after) / length : 1;
}

/**
 * The page with its table rulings painted white, for recognition. Tesseract joins letters that
 * touch a border into one shape with it and drops the lot: a header sitting on its band's rule,
 * or a first row under it, came back as nothing or as "wil" at 150-200 DPI. The rulings stay
 * on the page's tokens for the table engine, so nothing of the table's structure is lost.
 */
export function withoutRulings(image: GrayImage, scale: number, rulings: readonly Ruling[], settings: PaintSettings): GrayImage {
  if (!settings.paintOutRulings || rulings.length === 0) return image;
  const threshold = otsuThreshold(image);
  const data = image.data.slice();
  for (const r of rulings) {
    const pixels = rulingPixels(r, scale);
    const box = { x0: Math.max(0, pixels.x0), x1: Math.min(image.width, pixels.x1), y0: Math.max(0, pixels.y0), y1: Math.min(image.height, pixels.y1) };
    if (lesserSideInk(image, box, r.orientation === 'h', threshold) > settings.paintedRulingMaxSideInk) continue;
    for (let y = box.y0; y < box.y1; y++) data.fill(255, y * image.width + box.x0, y * image.width + box.x1);
  }
  return { ...image, data };
}
