/**
 * The text layer of a born-digital page as engine tokens: pdf.js text items split into words with
 * boxes, and the vector ruling lines (table borders) from the page's operator list.
 *
 * pdf.js items are runs as the producer wrote them: one item may hold several words or even two
 * table cells separated by spaces, so items are split at spaces and each word's x range estimated
 * from typical glyph widths scaled to the item's measured width.
 */
import { OPS, Util } from './pdfjs.ts';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { z } from 'zod';
import { glyphWidth } from './glyph-widths.ts';
import type { PageContent } from './page-content.ts';
import type { PageTokens, Ruling, Word } from '../layout/tokens.ts';
import { stripControlCharacters } from '../text/control.ts';

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

/** Where a text run (one show-text operation) starts on the page, top-left coordinates. */
export interface RunStart { x: number; baseline: number }

/**
 * Splits one text item into words, placing each by estimated glyph widths. pdf.js also merges
 * the runs of two adjacent cells into one item with no space between them ("10/27/20141/28/2017"
 * when a date overflows its cell); the page's run starts split such a word where the second run
 * begins.
 */
export function splitItemIntoWords(item: TextItem, monospace: boolean, viewportTransform: Matrix, settings: TextLayerSettings, runStarts: readonly RunStart[] = []): Word[] {
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
  const space = (monospace ? 1 : glyphWidth(' ')) * perUnit;
  const baseline = tx[5];
  const y0 = baseline - settings.ascent * size, y1 = baseline + settings.descent * size;
  const cuts = runStarts
    .filter((r) => Math.abs(r.baseline - baseline) < 0.2 * size && r.x > tx[4] + 0.5)
    .map((r) => r.x);
  const words: Word[] = [];
  let x = tx[4];
  let current = '';
  let start = x;
  const flush = (end: number) => {
    const printed = stripControlCharacters(current).normalize('NFC');
    if (printed) {
      const raw = printed === current.normalize('NFC') ? {} : { raw: current };
      words.push({ text: printed, x0: start, x1: end, y0, y1, size, confidence: 1, source: 'text', ...(space > 0 ? { space } : {}), ...raw });
    }
    current = '';
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const w = estimates[i]! * perUnit;
    // A run starting between the previous glyph's centre and this glyph's centre ends the word.
    if (current && cuts.some((c) => c > x - (estimates[i - 1]! * perUnit) / 2 && c <= x + w / 2)) flush(x);
    if (/\s/.test(ch)) flush(x);
    else {
      if (!current) start = x;
      current += ch;
    }
    x += w;
  }
  flush(x);
  return words;
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

/**
 * The start of every show-text operation, from the operator list's text state (text matrix,
 * line moves, leading, font size, spacing), so merged runs can be split where they really begin.
 */
export function runStartsFromOperatorList(ops: { fnArray: number[]; argsArray: unknown[][] }, viewportTransform: Matrix): RunStart[] {
  const starts: RunStart[] = [];
  const ctmStack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let fontSize = 1, leading = 0, charSpacing = 0, wordSpacing = 0, hScale = 1, rise = 0;
  const moveLine = (tx: number, ty: number) => { tlm = Util.transform(tlm, [1, 0, 0, 1, tx, ty]) as Matrix; tm = [...tlm]; };
  const show = (items: unknown[]) => {
    const page = Util.transform(viewportTransform, Util.transform(ctm, Util.transform(tm, [1, 0, 0, 1, 0, rise]))) as Matrix;
    starts.push({ x: page[4], baseline: page[5] });
    let advance = 0;
    for (const g of items) {
      if (typeof g === 'number') advance -= (g / 1000) * fontSize * hScale;
      else if (g && typeof g === 'object' && 'width' in g) {
        const glyph = g as { width: number; isSpace?: boolean };
        advance += ((glyph.width / 1000) * fontSize + charSpacing + (glyph.isSpace ? wordSpacing : 0)) * hScale;
      }
    }
    tm = Util.transform(tm, [1, 0, 0, 1, advance, 0]) as Matrix;
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = (ops.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save: ctmStack.push([...ctm]); break;
      case OPS.restore: ctm = ctmStack.pop() ?? ctm; break;
      case OPS.transform: ctm = Util.transform(ctm, args as Matrix) as Matrix; break;
      case OPS.beginText: tm = [1, 0, 0, 1, 0, 0]; tlm = [1, 0, 0, 1, 0, 0]; break;
      case OPS.setFont: fontSize = Number(args[1]) || 1; break;
      case OPS.setLeading: leading = Number(args[0]); break;
      case OPS.setCharSpacing: charSpacing = Number(args[0]); break;
      case OPS.setWordSpacing: wordSpacing = Number(args[0]); break;
      case OPS.setHScale: hScale = Number(args[0]) / 100; break;
      case OPS.setTextRise: rise = Number(args[0]); break;
      case OPS.setTextMatrix: tlm = [...(args[0] as Matrix ?? args as Matrix)] as Matrix; tm = [...tlm]; break;
      case OPS.moveText: moveLine(Number(args[0]), Number(args[1])); break;
      case OPS.setLeadingMoveText: leading = -Number(args[1]); moveLine(Number(args[0]), Number(args[1])); break;
      case OPS.nextLine: moveLine(0, -leading); break;
      case OPS.showText: case OPS.showSpacedText: show(args[0] as unknown[]); break;
      case OPS.nextLineShowText: moveLine(0, -leading); show(args[0] as unknown[]); break;
      case OPS.nextLineSetSpacingShowText: wordSpacing = Number(args[0]); charSpacing = Number(args[1]); moveLine(0, -leading); show(args[2] as unknown[]); break;
      default: break;
    }
  }
  return starts;
}

/** The page's words and rulings, from the content classification read too (page-content.ts). */
export function textLayerTokens({ page, viewport, text, ops }: PageContent, settings: TextLayerSettings): PageTokens {
  const transform = viewport.transform as Matrix;
  const rulings = rulingsFromOperatorList(ops, transform, settings);
  const items = text.items.filter((item): item is TextItem => 'str' in item);
  // A run that starts an item of its own was not merged into another: a cell's last word printed
  // past the next cell's start ("(New York" over "May 2016") overlaps that run but is not cut by it.
  const itemStarts = items.map((item) => Util.transform(transform, item.transform) as Matrix);
  const mergedRunStarts = runStartsFromOperatorList(ops, transform)
    .filter((r) => !itemStarts.some((s) => Math.abs(s[4] - r.x) < 0.5 && Math.abs(s[5] - r.baseline) < 0.5));
  const words: Word[] = [];
  for (const item of items) {
    const family = text.styles[item.fontName]?.fontFamily ?? '';
    words.push(...splitItemIntoWords(item, family === 'monospace', transform, settings, mergedRunStarts));
  }
  return { page, width: viewport.width, height: viewport.height, words, rulings, source: 'text' };
}
