/**
 * Column boundaries. Ruled tables: the vertical rulings between header cells. Unruled tables: the
 * x position between two header cells that the fewest body words cover (the "river" of white space
 * the eye follows down the page), so cells aligned left, right or centred all land in their column.
 */
import { centreX, overlap, type Box, type Ruling, type Word } from '../layout/tokens.ts';
import type { TextLine } from '../layout/lines.ts';
import type { HeaderCell } from './header.ts';

export interface ColumnLayout {
  /** One entry per header cell, left to right: its field (null for an unknown column) and x range. */
  columns: { field: string | null; x0: number; x1: number }[];
  /** Where each boundary came from, for the debug overlay. */
  boundarySources: ('ruling' | 'left-edge' | 'whitespace' | 'header-gap')[];
}


/** A vertical ruling in the gap between two header cells that reaches the header band. */
function rulingBetween(left: HeaderCell, right: HeaderCell, band: Box, rulings: readonly Ruling[], snap: number): number | null {
  const candidates = rulings.filter((r) => r.orientation === 'v'
    && centreX(r) >= left.x1 - snap && centreX(r) <= right.x0 + snap
    && overlap(r.y0, r.y1, band.y0, band.y1) > 0);
  if (!candidates.length) return null;
  const middle = (left.x1 + right.x0) / 2;
  return candidates.map(centreX).sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))[0]!;
}

/** The index of the first of the ascending `xs` above `x` (xs.length when none is). */
function firstAbove(xs: readonly number[], x: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (xs[m]! > x) hi = m; else lo = m + 1; }
  return lo;
}

/** The index of the first of the ascending `xs` at or above `x` (xs.length when none is). */
function firstAtOrAbove(xs: readonly number[], x: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (xs[m]! >= x) hi = m; else lo = m + 1; }
  return lo;
}

/**
 * The x in [from, to] covered by the fewest words: the middle of a run of elementary intervals
 * with that minimal cover. Of several such runs, the widest one that reaches into `prefer` (the
 * gap between the two header cells) wins: a short left-aligned column (numbers under a wide
 * header) leaves a blank run under its own header that may be wider than the real gap between
 * the columns. The middle of the range when there are no words.
 */
export function whitespaceRiver(words: readonly Word[], from: number, to: number, prefer?: { x0: number; x1: number }): number {
  if (to <= from) return (from + to) / 2;
  const xs = [...new Set([from, to, ...words.flatMap((w) => [w.x0, w.x1]).filter((x) => x > from && x < to)])].sort((a, b) => a - b);
  const mids = xs.slice(0, -1).map((a, i) => (a + xs[i + 1]!) / 2);
  // How many words cover each interval's middle: each word adds one over the run of middles
  // inside it, found by binary search, so the cost grows with words + intervals, not their
  // product (the words are every body word of a table's pages).
  const change = new Array<number>(mids.length + 1).fill(0);
  for (const w of words) {
    const first = firstAbove(mids, w.x0), end = firstAtOrAbove(mids, w.x1);
    if (first < end) { change[first]!++; change[end]!--; }
  }
  // Running sum of the changes: how many words cover each interval between consecutive edges.
  const intervals: { a: number; b: number; cover: number }[] = [];
  let cover = 0;
  for (let i = 0; i < mids.length; i++) {
    cover += change[i]!;
    intervals.push({ a: xs[i]!, b: xs[i + 1]!, cover });
  }
  const minCover = Math.min(...intervals.map((iv) => iv.cover));
  const runs: { a: number; b: number }[] = [];
  for (const iv of intervals) {
    const last = runs.at(-1);
    if (iv.cover !== minCover) continue;
    if (last && last.b === iv.a) last.b = iv.b;
    else runs.push({ a: iv.a, b: iv.b });
  }
  const reaches = (r: { a: number; b: number }) => prefer !== undefined && prefer.x0 < prefer.x1 && r.a < prefer.x1 && r.b > prefer.x0;
  const candidates = runs.some(reaches) ? runs.filter(reaches) : runs;
  const best = candidates.reduce((w, r) => (r.b - r.a > w.b - w.a ? r : w));
  return (best.a + best.b) / 2;
}

/**
 * The left edge of a left-aligned column, when its values start where its header cell does: on at
 * least `minShare` of the body lines with a word in the cell's span, one word starts within
 * `tolerance` of the cell's left edge. The edge then bounds the column on the left, whatever
 * white space lies further left: a column of one repeated value ("Washington County Jail" on
 * every row) has a river at its own word space, as straight as the gap between the columns.
 */
function leftAlignedEdge(cell: HeaderCell, body: readonly TextLine[], tolerance: number, minShare: number): number | null {
  const inSpan = body.filter((l) => l.words.some((w) => w.x0 >= cell.x0 - tolerance && w.x0 < cell.x1));
  const starts = inSpan.flatMap((l) => l.words.filter((w) => Math.abs(w.x0 - cell.x0) <= tolerance).map((w) => ({ line: l, x: w.x0 })));
  const aligned = new Set(starts.map((s) => s.line)).size;
  return inSpan.length && aligned >= minShare * inSpan.length ? Math.min(...starts.map((s) => s.x)) : null;
}

/**
 * What layoutColumns derives from a body, by the body array: a long table's segments are laid out
 * over the same pooled lines (extract.ts, pooledBody), mostly under identical header cells, and
 * each river and left edge is a pass over every word of the table.
 */
interface BodyMemo {
  /** Every word of the body, gathered on first use: a ruled table's boundaries need none. */
  readonly words: Word[];
  once<T extends number | null>(key: string, derive: () => T): T;
}
const bodyMemos = new WeakMap<readonly TextLine[], BodyMemo>();
function bodyMemo(body: readonly TextLine[]): BodyMemo {
  let memo = bodyMemos.get(body);
  if (!memo) {
    const known = new Map<string, number | null>();
    let words: Word[] | null = null;
    memo = {
      get words() {
        words ??= body.flatMap((l) => l.words);
        return words;
      },
      once: <T extends number | null>(key: string, derive: () => T): T => {
        if (!known.has(key)) known.set(key, derive());
        return known.get(key) as T;
      },
    };
    bodyMemos.set(body, memo);
  }
  return memo;
}

/**
 * Boundaries for one page of a table: rulings where there are some, else the left edge of a
 * left-aligned column, else white-space rivers in the body lines, else the middle of the gap
 * between header cells.
 */
export function layoutColumns(
  cells: readonly HeaderCell[],
  headerBand: Box,
  body: readonly TextLine[],
  rulings: readonly Ruling[],
  snapPoints: number,
  leftEdge: number,
  rightEdge: number,
  aligned: { tolerance: number; minShare: number },
): ColumnLayout {
  const memo = bodyMemo(body);
  const boundaries: number[] = [];
  const sources: ColumnLayout['boundarySources'] = [];
  for (let i = 0; i + 1 < cells.length; i++) {
    const left = cells[i]!, right = cells[i + 1]!;
    const ruled = rulingBetween(left, right, headerBand, rulings, snapPoints);
    if (ruled !== null) { boundaries.push(ruled); sources.push('ruling'); continue; }
    const edge = memo.once(`edge ${right.x0} ${right.x1} ${aligned.tolerance} ${aligned.minShare}`, () => leftAlignedEdge(right, body, aligned.tolerance, aligned.minShare));
    if (edge !== null && edge > left.x1) { boundaries.push(edge - aligned.tolerance / 2); sources.push('left-edge'); continue; }
    if (memo.words.length) {
      boundaries.push(memo.once(`river ${centreX(left)} ${centreX(right)} ${left.x1} ${right.x0}`, () => whitespaceRiver(memo.words, centreX(left), centreX(right), { x0: left.x1, x1: right.x0 })));
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
