/**
 * Table rulings found in the pixels of a scanned page, so OCR pages carry the same `rulings` a
 * text-layer page gets from its vector paths. A ruling is a long, thin run of ink: in each pixel
 * row (column) runs of dark pixels at least minRulingLengthPt long are found, tolerating small
 * breaks from JPEG noise, and runs in adjacent rows (columns) that overlap are merged into one
 * line whose thickness is the number of rows (columns) it spans.
 */
import type { Ruling } from '../layout/tokens.ts';
import { otsuThreshold, type GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';

type RulingSettings = Pick<OcrSettings, 'minRulingLengthPt' | 'maxRulingThicknessPt' | 'rulingGapPt'>;

interface Run {
  start: number;
  end: number;
}

interface Segment extends Run {
  first: number;
  last: number;
}

/** Long dark runs along one line of pixels; `at(i)` reads pixel i of that line. */
function longRuns(length: number, at: (i: number) => number, threshold: number, minLength: number, maxGap: number): Run[] {
  const runs: Run[] = [];
  let start = -1;
  let lastDark = -1;
  for (let i = 0; i <= length; i++) {
    const dark = i < length && at(i) <= threshold;
    if (dark) {
      if (start < 0 || i - lastDark - 1 > maxGap) {
        if (start >= 0 && lastDark + 1 - start >= minLength) runs.push({ start, end: lastDark + 1 });
        start = i;
      }
      lastDark = i;
    }
  }
  if (start >= 0 && lastDark + 1 - start >= minLength) runs.push({ start, end: lastDark + 1 });
  return runs;
}

/** Merge the runs of consecutive lines into segments (a ruling is several pixels thick). */
function mergeRuns(lines: number, runsOf: (line: number) => Run[]): Segment[] {
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
  const threshold = otsuThreshold(image);
  const minLength = settings.minRulingLengthPt * scale;
  const maxGap = Math.round(settings.rulingGapPt * scale);
  const maxThickness = settings.maxRulingThicknessPt * scale;
  const { width, height, data } = image;
  const toPoints = (n: number) => Math.round((n / scale) * 100) / 100;

  const horizontal = mergeRuns(height, (y) => longRuns(width, (x) => data[y * width + x]!, threshold, minLength, maxGap))
    .filter((s) => s.last - s.first + 1 <= maxThickness)
    .map((s): Ruling => ({ orientation: 'h', x0: toPoints(s.start), x1: toPoints(s.end), y0: toPoints(s.first), y1: toPoints(s.last + 1) }));
  const vertical = mergeRuns(width, (x) => longRuns(height, (y) => data[y * width + x]!, threshold, minLength, maxGap))
    .filter((s) => s.last - s.first + 1 <= maxThickness)
    .map((s): Ruling => ({ orientation: 'v', x0: toPoints(s.first), x1: toPoints(s.last + 1), y0: toPoints(s.start), y1: toPoints(s.end) }));
  return [...horizontal, ...vertical];
}
