/**
 * Skew estimation and correction for scanned pages. Text lines and table rulings are horizontal on
 * the printed page; on a skewed scan they drift. Projecting the ink onto the vertical axis along
 * a candidate angle gives sharp peaks (lines) and empty valleys (gaps) only at the true angle, so
 * the angle whose projection profile has the largest sum of squares (variance) wins.
 *
 * Angles are in degrees, positive when the content is turned clockwise as seen on screen (image
 * coordinates, y down).
 */
import type { Canvas } from '@napi-rs/canvas';
import { nativeCanvas } from '../pdf/canvas.ts';
import { releaseCanvas } from '../pdf/render.ts';
import { canvasToGray, otsuThreshold, type GrayImage } from './gray.ts';
import type { OcrSettings } from './settings.ts';

type SkewSettings = Pick<OcrSettings, 'maxSkewDegrees' | 'skewStepDegrees' | 'skewAnalysisWidth'>;

function downscale(canvas: Canvas, maxWidth: number): Canvas {
  const factor = Math.min(1, maxWidth / canvas.width);
  const small = nativeCanvas().createCanvas(Math.max(1, Math.round(canvas.width * factor)), Math.max(1, Math.round(canvas.height * factor)));
  const ctx = small.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(canvas, 0, 0, small.width, small.height);
  return small;
}

function inkPixels(image: GrayImage): { xs: Int32Array; ys: Int32Array } {
  const threshold = otsuThreshold(image);
  const { data, width, height } = image;
  let count = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! <= threshold) count++;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  for (let y = 0, k = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! <= threshold) {
        xs[k] = x;
        ys[k++] = y;
      }
    }
  }
  return { xs, ys };
}

/** Sum of squared row counts of the ink projected along `degrees`. */
function profileScore(xs: Int32Array, ys: Int32Array, width: number, height: number, degrees: number): number {
  const slope = Math.tan((degrees * Math.PI) / 180);
  const centre = width / 2;
  const pad = Math.ceil(Math.abs(slope) * centre) + 1;
  const bins = new Int32Array(height + 2 * pad);
  for (let i = 0; i < xs.length; i++) {
    bins[Math.round(ys[i]! - (xs[i]! - centre) * slope) + pad]!++;
  }
  let score = 0;
  for (const count of bins) score += count * count;
  return score;
}

/** Candidate angles ordered from 0 outwards, so that ties resolve to the smaller correction. */
function candidateAngles(maxDegrees: number, step: number): number[] {
  const angles = [0];
  for (let i = 1; i * step <= maxDegrees + 1e-9; i++) angles.push(i * step, -i * step);
  return angles.map((a) => Math.round(a * 1e6) / 1e6);
}

/** The skew of the page's content in degrees (0 for a blank page). */
export function estimateSkew(canvas: Canvas, settings: SkewSettings): number {
  const scaled = downscale(canvas, settings.skewAnalysisWidth);
  const small = canvasToGray(scaled);
  releaseCanvas(scaled);
  const { xs, ys } = inkPixels(small);
  if (xs.length === 0) return 0;
  let best = 0;
  let bestScore = -1;
  for (const angle of candidateAngles(settings.maxSkewDegrees, settings.skewStepDegrees)) {
    const score = profileScore(xs, ys, small.width, small.height, angle);
    if (score > bestScore) {
      bestScore = score;
      best = angle;
    }
  }
  return best;
}

/**
 * The page turned back by `skewDegrees` about its centre, on a white canvas of the same size, so
 * the deskewed frame keeps the page's dimensions (and its pixel-to-point scale).
 */
export function rotateCanvas(canvas: Canvas, skewDegrees: number): Canvas {
  const out = nativeCanvas().createCanvas(canvas.width, canvas.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.save();
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate((-skewDegrees * Math.PI) / 180);
  ctx.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  // Callers draw on the result (debug overlays) in page coordinates.
  ctx.restore();
  return out;
}
