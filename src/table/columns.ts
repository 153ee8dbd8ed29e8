/**
 * Column boundaries. Ruled tables: the vertical rulings between header cells. Unruled tables: the
 * x position between two header cells that the fewest body words cover (the "river" of white space
 * the eye follows down the page), so cells aligned left, right or centred all land in their column.
 */
import { overlap, type Box, type Ruling, type Word } from '../layout/tokens.ts';
import type { TextLine } from '../layout/lines.ts';
import type { HeaderCell } from './header.ts';

export interface ColumnLayout {
  /** One entry per header cell, left to right: its field (null for an unknown column) and x range. */
  columns: { field: string | null; x0: number; x1: number }[];
  /** Where each boundary came from, for the debug overlay. */
  boundarySources: ('ruling' | 'whitespace' | 'header-gap')[];
}

const centre = (b: Box) => (b.x0 + b.x1) / 2;

/** A vertical ruling in the gap between two header cells that reaches the header band. */
function rulingBetween(left: HeaderCell, right: HeaderCell, band: Box, rulings: readonly Ruling[], snap: number): number | null {
  const candidates = rulings.filter((r) => r.orientation === 'v'
    && centre(r) >= left.x1 - snap && centre(r) <= right.x0 + snap
    && overlap(r.y0, r.y1, band.y0, band.y1) > 0);
  if (!candidates.length) return null;
  const middle = (left.x1 + right.x0) / 2;
  return candidates.map(centre).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))[0]!;
}

/**
 * The x in [from, to] covered by the fewest words: the middle of the widest run of elementary
 * intervals with that minimal cover. The middle of the range when there are no words.
 */
export function whitespaceRiver(words: readonly Word[], from: number, to: number): number {
  if (to <= from) return (from + to) / 2;
  const xs = [...new Set([from, to, ...words.flatMap((w) => [w.x0, w.x1]).filter((x) => x > from && x < to)])].sort((a, b) => a - b);
  const intervals = xs.slice(0, -1).map((a, i) => {
    const b = xs[i + 1]!, mid = (a + b) / 2;
    return { a, b, cover: words.filter((w) => w.x0 < mid && w.x1 > mid).length };
  });
  const minCover = Math.min(...intervals.map((iv) => iv.cover));
  let best = { a: from, b: to, width: -1 };
  let run: { a: number; b: number } | null = null;
  for (const iv of intervals) {
    if (iv.cover === minCover) run = run ? { a: run.a, b: iv.b } : { a: iv.a, b: iv.b };
    else run = null;
    if (run && run.b - run.a > best.width) best = { ...run, width: run.b - run.a };
  }
  return (best.a + best.b) / 2;
}

/**
 * Boundaries for one page of a table: rulings where there are some, else white-space rivers in
 * the body lines, else the middle of the gap between header cells.
 */
export function layoutColumns(
  cells: readonly HeaderCell[],
  headerBand: Box,
  body: readonly TextLine[],
  rulings: readonly Ruling[],
  snapPoints: number,
  leftEdge: number,
  rightEdge: number,
): ColumnLayout {
  const bodyWords = body.flatMap((l) => l.words);
  const boundaries: number[] = [];
  const sources: ColumnLayout['boundarySources'] = [];
  for (let i = 0; i + 1 < cells.length; i++) {
    const left = cells[i]!, right = cells[i + 1]!;
    const ruled = rulingBetween(left, right, headerBand, rulings, snapPoints);
    if (ruled !== null) { boundaries.push(ruled); sources.push('ruling'); continue; }
    if (bodyWords.length) {
      boundaries.push(whitespaceRiver(bodyWords, centre(left), centre(right)));
      sources.push('whitespace');
    } else {
      boundaries.push((left.x1 + right.x0) / 2);
      sources.push('header-gap');
    }
  }
  const columns = cells.map((cell, i) => ({
    field: cell.field,
    x0: i === 0 ? leftEdge : boundaries[i - 1]!,
    x1: i === cells.length - 1 ? rightEdge : boundaries[i]!,
  }));
  return { columns, boundarySources: sources };
}
