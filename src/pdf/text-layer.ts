/**
 * The text layer of a born-digital page as engine tokens: pdf.js text items split into words with
 * boxes, and the vector ruling lines (table borders) from the page's operator list.
 *
 * pdf.js items are runs as the producer wrote them: one item may hold several words or even two
 * table cells separated by spaces, so items are split at spaces and each word's x range estimated
 * from typical glyph widths scaled to the item's measured width.
 */
import { OPS, Util, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { z } from 'zod';
import { glyphWidth } from './glyph-widths.ts';
import type { PageTokens, Ruling, Word } from '../layout/tokens.ts';

export const TextLayerSettingsSchema = z.object({
  /** Glyph ascent and descent as fractions of the font size, for word boxes. */
  ascent: z.number().default(0.78),
  descent: z.number().default(0.22),
  /** A stroke or filled rectangle thinner than this (points) is a ruling line, not a shaded area. */
  maxRulingThickness: z.number().default(2.5),
  /** Rulings shorter than this (points) are glyph parts or ticks, not table borders. */
  minRulingLength: z.number().default(6),
  /** A segment is axis-aligned when its off-axis drift is under this (points). */
  axisTolerance: z.number().default(0.5),
});
export type TextLayerSettings = z.infer<typeof TextLayerSettingsSchema>;

type Matrix = [number, number, number, number, number, number];

/** Splits one text item into words, placing each by estimated glyph widths. */
export function splitItemIntoWords(item: TextItem, monospace: boolean, viewportTransform: Matrix, settings: TextLayerSettings): Word[] {
  const text = item.str;
  if (!text.trim()) return [];
  const tx = Util.transform(viewportTransform, item.transform) as Matrix;
  const size = Math.hypot(tx[2], tx[3]);
  if (size <= 0) return [];
  const chars = [...text];
  const estimates = chars.map((ch) => (monospace ? 1 : glyphWidth(ch)));
  const estimatedTotal = estimates.reduce((a, b) => a + b, 0);
  const itemWidth = item.width * Math.hypot(viewportTransform[0], viewportTransform[1]);
  const perUnit = estimatedTotal > 0 ? itemWidth / estimatedTotal : 0;
  const baseline = tx[5];
  const words: Word[] = [];
  let x = tx[4];
  let current = '';
  let start = x;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const w = estimates[i]! * perUnit;
    if (/\s/.test(ch)) {
      if (current) words.push(makeWord(current, start, x));
      current = '';
    } else {
      if (!current) start = x;
      current += ch;
    }
    x += w;
  }
  if (current) words.push(makeWord(current, start, x));
  return words;

  function makeWord(str: string, x0: number, x1: number): Word {
    return {
      text: str.normalize('NFC'),
      x0, x1,
      y0: baseline - settings.ascent * size,
      y1: baseline + settings.descent * size,
      size, confidence: 1, source: 'text',
    };
  }
}

interface PathState { ctm: Matrix; lineWidth: number }

/** Axis-aligned segments and thin rectangles from the operator list, in page (top-left) space. */
export function rulingsFromOperatorList(
  ops: { fnArray: number[]; argsArray: unknown[][] },
  viewportTransform: Matrix,
  settings: TextLayerSettings,
): Ruling[] {
  const rulings: Ruling[] = [];
  const stack: PathState[] = [];
  let state: PathState = { ctm: [1, 0, 0, 1, 0, 0], lineWidth: 1 };
  const toPage = (x: number, y: number): [number, number] => {
    const point: [number, number] = [x, y];
    Util.applyTransform(point, Util.transform(viewportTransform, state.ctm)); // mutates point
    return point;
  };
  const scaleOf = () => Math.hypot(state.ctm[0], state.ctm[1]);

  const addBox = (ax: number, ay: number, bx: number, by: number, thickness: number) => {
    const x0 = Math.min(ax, bx), x1 = Math.max(ax, bx), y0 = Math.min(ay, by), y1 = Math.max(ay, by);
    const w = x1 - x0, h = y1 - y0;
    const t = Math.max(thickness, 0) / 2;
    if (w >= settings.minRulingLength && h <= Math.max(settings.maxRulingThickness, settings.axisTolerance)) {
      rulings.push({ orientation: 'h', x0, x1, y0: y0 - t, y1: y1 + t });
    } else if (h >= settings.minRulingLength && w <= Math.max(settings.maxRulingThickness, settings.axisTolerance)) {
      rulings.push({ orientation: 'v', x0: x0 - t, x1: x1 + t, y0, y1 });
    }
  };

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push({ ctm: [...state.ctm], lineWidth: state.lineWidth });
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform) state.ctm = Util.transform(state.ctm, args as Matrix) as Matrix;
    else if (fn === OPS.setLineWidth) state.lineWidth = (args as number[])[0] ?? 1;
    else if (fn === OPS.constructPath && args) {
      const [paintOp, paths] = args as [number, (ArrayLike<number> | null)[]];
      const path = paths?.[0];
      if (!path) continue;
      const stroked = paintOp === OPS.stroke || paintOp === OPS.closeStroke || paintOp === OPS.fillStroke
        || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
      const filled = paintOp === OPS.fill || paintOp === OPS.eoFill || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke;
      const lineWidth = state.lineWidth * scaleOf();
      for (const polygon of subpaths(path)) {
        const points = polygon.map(([x, y]) => toPage(x, y));
        if (stroked) {
          for (let k = 1; k < points.length; k++) addBox(points[k - 1]![0], points[k - 1]![1], points[k]![0], points[k]![1], lineWidth);
        }
        if (filled && !stroked && points.length >= 3) {
          const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
          addBox(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), 0);
        }
      }
    }
  }
  return rulings;
}

/** Decodes pdf.js 5's compact path format into polygons (curves reduced to their end points). */
function subpaths(path: ArrayLike<number>): [number, number][][] {
  const polygons: [number, number][][] = [];
  let current: [number, number][] = [];
  for (let i = 0; i < path.length;) {
    const op = path[i]!;
    if (op === 0) { // moveTo
      if (current.length > 1) polygons.push(current);
      current = [[path[i + 1]!, path[i + 2]!]];
      i += 3;
    } else if (op === 1) { // lineTo
      current.push([path[i + 1]!, path[i + 2]!]);
      i += 3;
    } else if (op === 2) { // curveTo: not a ruling; break the polygon
      if (current.length > 1) polygons.push(current);
      current = [[path[i + 5]!, path[i + 6]!]];
      i += 7;
    } else if (op === 3) { // quadraticCurveTo
      if (current.length > 1) polygons.push(current);
      current = [[path[i + 3]!, path[i + 4]!]];
      i += 5;
    } else { // closePath
      if (current.length > 1) current.push(current[0]!);
      i += 1;
    }
  }
  if (current.length > 1) polygons.push(current);
  return polygons;
}

export async function readPageTextLayer(page: PDFPageProxy, settings: TextLayerSettings): Promise<PageTokens> {
  const viewport = page.getViewport({ scale: 1 });
  const transform = viewport.transform as Matrix;
  const content = await page.getTextContent();
  const words: Word[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const family = content.styles[item.fontName]?.fontFamily ?? '';
    words.push(...splitItemIntoWords(item, family === 'monospace', transform, settings));
  }
  const ops = await page.getOperatorList();
  return {
    page: page.pageNumber,
    width: viewport.width,
    height: viewport.height,
    words,
    rulings: rulingsFromOperatorList(ops, transform, settings),
    source: 'text',
  };
}

export async function readTextLayer(doc: PDFDocumentProxy, pageNumber: number, settings: TextLayerSettings = TextLayerSettingsSchema.parse({})): Promise<PageTokens> {
  const page = await doc.getPage(pageNumber);
  try {
    return await readPageTextLayer(page, settings);
  } finally {
    page.cleanup();
  }
}
