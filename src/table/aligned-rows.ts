/**
 * Row bounds of an unruled table from how its cells are aligned vertically. A table whose cells
 * are centred (HTML's default) or bottom-aligned prints the first lines of a tall cell above its
 * row's anchor line, and with even padding no gap tells them from the last lines of the row above
 * ("Correction" over "Manhattan"). What does tell them apart: within a row, every cell shares its
 * top, its centre or its bottom. So the bounds between anchor lines are chosen, by dynamic
 * programming, so that each row's cells agree best on one reference line, and the result replaces
 * the gap-based bounds only when it agrees clearly better.
 */
import { median, type TextLine } from '../layout/lines.ts';
import { holdsText, type Word } from '../layout/tokens.ts';
import type { ExtractionSettings } from './settings.ts';

export type VerticalAlignment = 'top' | 'centre' | 'bottom';
const ALIGNMENTS: readonly VerticalAlignment[] = ['top', 'centre', 'bottom'];

interface RowCells { columns: number[]; firsts: number[]; lasts: number[]; size: number }

/** Glyphs that reach below the baseline: a word holding one has its box's bottom lower. */
const DESCENDS = /[gjpqyQ,;()[\]{}|/$@]/u;

/**
 * A line's baseline in one cell: its words' median bottom, from words with no descending glyph
 * where there are some. The bottoms of "(Seattle)" and "Safety" lie lower than "Will honor"'s,
 * and that difference would otherwise read as a cell set off its row's centre.
 */
function baseline(words: readonly Word[]): number {
  const flat = words.filter((w) => !DESCENDS.test(w.text));
  return median((flat.length ? flat : words).map((w) => w.y1));
}

/** Each cell of lines [from, to): the baselines of its first and last lines. */
function rowCells(lines: readonly TextLine[], from: number, to: number, columnOf: (w: Word) => number): RowCells {
  const cells = new Map<number, { first: number; last: number }>();
  for (let i = from; i < to; i++) {
    const byColumn = new Map<number, Word[]>();
    for (const w of lines[i]!.words) if (holdsText(w)) byColumn.set(columnOf(w), [...(byColumn.get(columnOf(w)) ?? []), w]);
    for (const [column, words] of byColumn) {
      const y = baseline(words);
      const cell = cells.get(column);
      cells.set(column, cell ? { first: Math.min(cell.first, y), last: Math.max(cell.last, y) } : { first: y, last: y });
    }
  }
  return { columns: [...cells.keys()], firsts: [...cells.values()].map((c) => c.first), lasts: [...cells.values()].map((c) => c.last), size: to > from ? median(lines.slice(from, to).map((l) => l.size)) : 1 };
}

/**
 * How far (in the lines' font size, each cell capped at `cap`) a row's cells stray from the line
 * they share most: the median of their first baselines, middles or last baselines. Baselines,
 * since the row's cells share a font: the glyphs' boxes differ from word to word.
 */
function rowMisalignment({ firsts, lasts, size }: RowCells, alignment: VerticalAlignment, cap: number): number {
  if (firsts.length < 2) return 0;
  const refs = firsts.map((first, i) => (alignment === 'top' ? first : alignment === 'bottom' ? lasts[i]! : (first + lasts[i]!) / 2));
  const shared = median(refs);
  return refs.reduce((sum, ref) => sum + Math.min(cap, Math.abs(ref - shared) / size), 0);
}

/** What a row of lines [from, to) costs under an alignment. */
type SpanCost = (from: number, to: number, alignment: VerticalAlignment) => number;

/**
 * The bounds (first line of each row, then lines.length) that align the rows' cells best, for one
 * alignment, each bound moved off `gapBounds` paying `movePenalty`: the gaps are evidence too, and
 * a bound moves only where that aligns its rows better by as much. Row k holds anchor line
 * anchors[k]; its first line lies after the anchor line above it. The first row's is one of
 * `firstChoices`: lines left above it continue the row from the page before, and cost nothing,
 * since what a page break leaves of a row is aligned any way. `cost` is the rows' straying alone.
 */
function bestBounds(lineCount: number, anchors: readonly number[], firstChoices: readonly number[], alignment: VerticalAlignment, spanCost: SpanCost, gapBounds: readonly number[], movePenalty: number) {
  const choices = anchors.map((anchor, k) => (k ? Array.from({ length: anchor - anchors[k - 1]! }, (_, d) => anchor - d) : firstChoices));
  const penalty = (bound: number, k: number) => (bound === gapBounds[k] ? 0 : movePenalty);
  let costs = new Map(choices[0]!.map((j) => [j, { cost: 0, penalised: penalty(j, 0), bounds: [j] }]));
  for (let k = 0; k < anchors.length; k++) {
    const nextChoices = k + 1 < anchors.length ? choices[k + 1]! : [lineCount];
    const next = new Map<number, { cost: number; penalised: number; bounds: number[] }>();
    for (const end of nextChoices) {
      for (const [start, best] of costs) {
        const span = spanCost(start, end, alignment);
        const penalised = best.penalised + span + penalty(end, k + 1);
        if (penalised < (next.get(end)?.penalised ?? Infinity)) next.set(end, { cost: best.cost + span, penalised, bounds: [...best.bounds, end] });
      }
    }
    costs = next;
  }
  return costs.get(lineCount)!;
}

/** The alignment a table's rows were seen to share, and on how many rows of one page. */
export interface LearntAlignment { alignment: VerticalAlignment; rows: number }

/**
 * `gapBounds` (the first row's first line, each later row's first line, lines.length), or bounds
 * that align the rows' cells better: under the alignment that fits the rows best, they must stray
 * less by body.alignedRows.minGain for every bound they move. A row also costs `cap` for each
 * column it leaves empty that most rows fill: otherwise cutting a row down to its anchor line
 * would be a way to align it. Unless `continuable` (the table has a row the page's first lines
 * may continue), the first row starts at the first line. When `lastRowMayContinue` (the table goes
 * on after this page), the last row may be cut by the page end, and what a page break leaves of a
 * row is laid out from its top whatever the alignment (LibreOffice): it costs what it does under
 * the alignment or top-aligned, whichever is less. Otherwise a centred cell cut short, its middle
 * high, would draw the last lines of the row above into its row to match.
 *
 * One row says little about how a table aligns its cells (leave its first lines to the page
 * before and any row is top-aligned), so where the table's other pages showed it on more rows
 * (`learnt`), that alignment is used; what this page shows is returned for the pages after it.
 */
export function alignedRowBounds(lines: readonly TextLine[], anchors: readonly number[], gapBounds: readonly number[], pageBreaks: { continuable: boolean; lastRowMayContinue: boolean }, columnOf: (w: Word) => number, learnt: LearntAlignment | null, settings: ExtractionSettings['body']['alignedRows']): { bounds: readonly number[]; seen: LearntAlignment | null } {
  if (anchors.length === 0) return { bounds: gapBounds, seen: null };
  const spans = new Map<string, RowCells>();
  const cellsOf = (from: number, to: number) => {
    const key = `${from}:${to}`;
    if (!spans.has(key)) spans.set(key, rowCells(lines, from, to, columnOf));
    return spans.get(key)!;
  };
  const gapRows = gapBounds.slice(1).map((end, k) => cellsOf(gapBounds[k]!, end));
  const filledBy = (column: number) => gapRows.filter((r) => r.columns.includes(column)).length;
  const usual = [...new Set(gapRows.flatMap((r) => r.columns))].filter((c) => filledBy(c) * 2 > gapRows.length);
  const spanCost: SpanCost = (from, to, alignment) => {
    const cells = cellsOf(from, to);
    const misalignment = rowMisalignment(cells, alignment, settings.cellCap);
    const cutByPageEnd = pageBreaks.lastRowMayContinue && to === lines.length;
    return (cutByPageEnd ? Math.min(misalignment, rowMisalignment(cells, 'top', settings.cellCap)) : misalignment) + settings.cellCap * usual.filter((c) => !cells.columns.includes(c)).length;
  };
  const firstChoices = pageBreaks.continuable ? Array.from({ length: anchors[0]! + 1 }, (_, d) => anchors[0]! - d) : [0];
  const fits = ALIGNMENTS.map((alignment) => ({ alignment, ...bestBounds(lines.length, anchors, firstChoices, alignment, spanCost, gapBounds, settings.minGain) }));
  const fitting = fits.reduce((a, b) => (b.cost < a.cost ? b : a));
  // Rows that fit two alignments about as well (one-line cells fit all three) say nothing of
  // the table's: they teach nothing, and on their own they keep the gaps' bounds.
  const clearlyBetter = (f: (typeof fits)[number]) => f === fitting || f.cost - fitting.cost >= settings.minGain;
  const seen = fits.every(clearlyBetter) ? { alignment: fitting.alignment, rows: anchors.length } : null;
  const agreed = fits.every((f) => clearlyBetter(f) || f.bounds.every((b, k) => b === fitting.bounds[k]));
  const best = learnt && learnt.rows > anchors.length ? fits.find((f) => f.alignment === learnt.alignment)! : agreed ? fitting : null;
  if (best === null) return { bounds: gapBounds, seen };
  const moved = best.bounds.filter((b, k) => b !== gapBounds[k]).length;
  if (moved === 0) return { bounds: gapBounds, seen };
  // The gap bounds are judged under every alignment the rows fit about as well as the best one:
  // rows of one-line cells, and a last row a page end may have cut (which may be top-aligned), fit
  // all three, and then an alignment the gap bounds fit well is as likely as the one they fit
  // badly (a centred table whose last row on the page took the line above it, every one of its
  // cells starting there, when the gap bounds fit centred cells exactly).
  const judgedUnder = learnt && learnt.rows > anchors.length ? [best.alignment] : fits.filter((f) => f.cost - best.cost < settings.minGain).map((f) => f.alignment);
  const gapCost = Math.min(...judgedUnder.map((alignment) => gapBounds.slice(1).reduce((sum, end, k) => sum + spanCost(gapBounds[k]!, end, alignment), 0)));
  return { bounds: gapCost - best.cost >= settings.minGain * moved ? best.bounds : gapBounds, seen };
}
