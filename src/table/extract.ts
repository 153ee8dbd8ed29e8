/**
 * Pages of tokens → logical tables. Walks the document's lines in reading order as one stream:
 * a header (matched against the family's table specs) opens a table, body lines accumulate page
 * by page (repeated headers and page furniture dropped), and the table ends at a heading, a large
 * gap or a line that does not fit its columns. A table may run over any number of pages; rows
 * split by a page break are joined again.
 */
import { groupIntoLines, median, readByOcr, sameOcrLine, typicalSpan, type TextLine } from '../layout/lines.ts';
import { findFurniture } from '../layout/furniture.ts';
import { mayBeBrokenWord, readBreak, vocabularyKey, vocabularyOf, type BrokenWordSettings } from '../layout/broken-words.ts';
import { centreX, centreY, holdsText, textWordsOr, trimSpecks, unionBox, type Box, type PageTokens, type Ruling, type TextSource, type Word } from '../layout/tokens.ts';
import { alignedRowBounds, type LearntAlignment } from './aligned-rows.ts';
import { layoutColumns, type ColumnLayout } from './columns.ts';
import { doubtfulSpeck, finishesHeader, matchHeaderAt, repeatsHeader, typicalTextHeight, type HeaderCell, type HeaderMatch } from './header.ts';
import { DEFAULT_EXTRACTION_SETTINGS, type ExtractionSettings } from './settings.ts';
import { closedForms, headerKey, type TableLayoutSpec } from './spec.ts';

export interface CellValue {
  /** Lines of the cell as printed (whitespace collapsed), top to bottom. */
  lines: string[];
  /** The lines joined with one space. */
  text: string;
  /** Where the cell's words are: one box per page the cell is on. */
  boxes: { page: number; box: Box }[];
  /** Weakest word: OCR confidence times how well the word sits inside its column (1 for clean text). */
  confidence: number;
  words: Word[];
  /** The page OCR's text, when a second look at the cell (src/ocr/recheck.ts) replaced it. */
  firstReading?: string;
  /** The cell as the PDF gave it, when control characters were removed from its words. */
  unsanitised?: string;
}

export interface ExtractedRow {
  /** 1-based position in its table. */
  index: number;
  /** Page the row starts on. */
  page: number;
  cells: Record<string, CellValue>;
  boxes: { page: number; box: Box }[];
  /** Each column's x range on the page the row starts on (where an empty cell would be printed). */
  columns: Record<string, { x0: number; x1: number }>;
  source: TextSource;
}

export interface ExtractedTable {
  /**
   * Which table of the document this is: its spec's name and its place among that spec's tables
   * ("cases#2"). A spec may yield several tables (a header found again after the table ended), whose
   * row indexes each start at 1: a row is named by its table's id and its index.
   */
  id: string;
  spec: string;
  rows: ExtractedRow[];
  pages: number[];
}

/** Everything drawn by the --debug overlay for one page. */
export interface PageDebug {
  page: number;
  width: number;
  height: number;
  words: Word[];
  lines: Box[];
  furniture: Box[];
  rulings: Ruling[];
  segments: { table: string; header: Box | null; headerCells: HeaderCell[]; layout: ColumnLayout; region: Box; rows: Box[] }[];
}

export interface PageText {
  page: number;
  source: TextSource;
  /** Lines that are neither furniture nor part of a table: titles, prose, notes. */
  lines: TextLine[];
}

/** A line after a table ended, on the same page, that reads like a row of it (see rowStartsAt). */
export interface LeftOutRow {
  table: string;
  page: number;
  line: string;
  /** After the table ended on its page, or on a page no table of its spec is on. */
  where: 'after-table' | 'page-without-table';
}

export interface ExtractionResult {
  tables: ExtractedTable[];
  text: PageText[];
  debug: PageDebug[];
  /** Rows the table may have lost: the caller reports them, as the engine cannot tell for sure. */
  leftOut: LeftOutRow[];
}

export interface ExtractionOptions {
  settings?: ExtractionSettings;
  /** Lines that always end a table (e.g. section headings), matched from the line's first word that holds a letter or digit. */
  stopPatterns?: readonly RegExp[];
  /** Lines that are always page furniture, in addition to the recurring ones. */
  furniturePatterns?: readonly RegExp[];
}

interface Segment {
  owner: OpenTable;
  page: number;
  header: HeaderMatch | null;
  cells: HeaderCell[];
  headerBand: Box;
  body: TextLine[];
  layout: ColumnLayout;
  /** The page's rulings: cell borders are drawn per page. */
  rulings: readonly Ruling[];
  columnGroup: ColumnGroup;
}

/**
 * Segments printed under the same header geometry (a header repeated at the same place, and pages
 * that continue without one). Their body words are pooled to place the white-space column
 * boundaries, so a page holding one or two rows is cut where the whole table's columns are.
 */
interface ColumnGroup { cells: HeaderCell[]; segments: Segment[] }

interface OpenTable {
  spec: TableLayoutSpec;
  table: ExtractedTable;
  segments: Segment[];
  /** Median font size of the header, the unit of the table's tolerances. */
  size: number;
  left: number;
  right: number;
  /** Gaps above the first line of each unruled row so far: the table's usual gap between rows. */
  rowGaps: number[];
  /** How the table aligns its cells vertically, from its page with the most unruled rows so far. */
  alignment: LearntAlignment | null;
  columnGroups: ColumnGroup[];
}

/**
 * The horizontal extent body lines may occupy: a little left of the first header cell (right-aligned
 * first columns), and up to the page edge on the right, since the last column's cells are often
 * wider than its header.
 */
function tableEdges(cells: readonly HeaderCell[], slack: number, pageWidth: number) {
  return { left: Math.min(...cells.map((c) => c.x0)) - slack, right: pageWidth };
}

/** Does the line cross a column boundary with a good part of a word (prose does, rows do not)? */
function straddles(line: TextLine, layout: ColumnLayout, share: number): boolean {
  return line.words.some((w) => layout.columns.slice(1).some((c) => {
    const x = c.x0, width = w.x1 - w.x0;
    return w.x0 < x && w.x1 > x && Math.min(x - w.x0, w.x1 - x) > share * width;
  }));
}

/**
 * Does the line read like prose: every gap between its words an ordinary word space? A table row
 * has a wider gap wherever it passes from one column to the next, even when a cell nearly
 * touches the next column's text.
 */
function proseLike(line: TextLine, settings: ExtractionSettings): boolean {
  const maxGap = settings.body.proseGap;
  // A speck read as letters beside the line ("2017 ... LI") is no gap between its words.
  const typical = typicalTextHeight(line.words);
  const words = line.words.filter((w) => !doubtfulSpeck(w, typical, settings.header));
  return words.every((w, i) => {
    const previous = words[i - 1];
    if (!previous) return true;
    const limit = Math.max(maxGap.em * Math.min(previous.size, w.size), maxGap.spaces * Math.max(previous.space ?? 0, w.space ?? 0));
    return w.x0 - previous.x1 <= limit;
  });
}

/**
 * Does the line read as a header of `spec` that OCR read in part: gaps wider than prose between
 * its words, and whole aliases of over half of the spec's columns, at least
 * header.partialMinColumns? Prose that names the columns ("by the state, county and facility")
 * reads as prose.
 */
export function readsAsPartialHeader(line: TextLine, spec: TableLayoutSpec, settings: ExtractionSettings): boolean {
  if (proseLike(line, settings)) return false;
  const text = ` ${headerKey(line.text)} `;
  const named = spec.columns.filter((c) => c.aliases.some((alias) => text.includes(` ${headerKey(alias)} `))).length;
  return named >= settings.header.partialMinColumns && named > spec.columns.length / 2;
}

function columnOf(word: Word, layout: ColumnLayout): number {
  const x = centreX(word);
  const i = layout.columns.findIndex((c) => x >= c.x0 && x < c.x1);
  return i >= 0 ? i : x < layout.columns[0]!.x0 ? 0 : layout.columns.length - 1;
}

function fitOf(word: Word, column: { x0: number; x1: number }): number {
  const width = word.x1 - word.x0;
  if (width <= 0) return 1;
  return Math.max(0, Math.min(word.x1, column.x1) - Math.max(word.x0, column.x0)) / width;
}

/** The length of [left, right] that the pieces cover (overlaps counted once). */
function coveredLength(pieces: readonly Ruling[], left: number, right: number): number {
  let covered = 0, reached = left;
  for (const piece of [...pieces].sort((a, b) => a.x0 - b.x0)) {
    const from = Math.max(piece.x0, reached), to = Math.min(piece.x1, right);
    if (to > from) covered += to - from;
    reached = Math.max(reached, to);
  }
  return covered;
}

/**
 * Horizontal rulings that separate rows inside the segment's region, down to `bottom` (its last
 * body line's). Producers that border each cell separately draw a row rule as several segments,
 * so collinear segments are joined first.
 */
function rowRules(segment: Segment, rulings: readonly Ruling[], settings: ExtractionSettings['rulings'], bottom = Math.max(...segment.body.map((l) => l.y1))): number[] {
  const { rowRuleSlackPt: slack, collinearPt, sameRulePt } = settings;
  const left = segment.layout.columns[0]!.x0, right = segment.layout.columns.at(-1)!.x1;
  const top = segment.headerBand.y1;
  const horizontal = rulings
    .filter((r) => r.orientation === 'h' && centreY(r) > top - slack && centreY(r) < bottom + slack)
    .sort((a, b) => centreY(a) - centreY(b) || a.x0 - b.x0);
  const collinear: { y: number; x0: number; x1: number; pieces: Ruling[] }[] = [];
  for (const r of horizontal) {
    const line = collinear.find((j) => Math.abs(j.y - centreY(r)) <= collinearPt);
    if (line) { line.pieces.push(r); line.x0 = Math.min(line.x0, r.x0); line.x1 = Math.max(line.x1, r.x1); }
    else collinear.push({ y: centreY(r), x0: r.x0, x1: r.x1, pieces: [r] });
  }
  // The table's own width: from its rules, not the page edge that bounds the last column.
  const tableWidth = Math.max(1, Math.max(...collinear.map((j) => j.x1), 0) - Math.max(left, Math.min(...collinear.map((j) => j.x0))));
  const ys = collinear
    .filter((j) => coveredLength(j.pieces, left, right) >= settings.minRowRuleShare * tableWidth)
    .map((j) => j.y)
    .sort((a, b) => a - b);
  return ys.filter((y, i) => i === 0 || y - ys[i - 1]! > sameRulePt);
}

/**
 * The lines of one row. `anchored`: the group starts a row (it holds an anchor line) rather than
 * continuing the row before it. `ruled`: a band between row rulings, which is a whole row unless
 * it is the first on its page (that one may continue a row broken by the page break).
 */
interface LineGroup { lines: TextLine[]; anchored: boolean; ruled?: boolean }

interface AnchorForm { start: RegExp | null; whole: RegExp | null }

/**
 * The anchor columns in which the line's text starts a value (matches the column's anchorPattern).
 * With `spill`, the value may start after the first words in the column: the end of a long value
 * of the column on the left, under provisional column bounds. Words under body.anchorMinConfidence
 * do not count (specks read as text), unless together they make a whole value of the column's
 * closed form, long enough (body.anchorFormMinChars) that noise does not spell it ("4/22/2017"
 * read at confidence 0.29 still starts its row).
 */
function anchorStarts(line: TextLine, layout: ColumnLayout, anchors: ReadonlyMap<string, AnchorForm>, body: ExtractionSettings['body'], spill = false): Set<string> {
  const wordsByField = new Map<string, Word[]>();
  for (const w of line.words) {
    const field = layout.columns[columnOf(w, layout)]!.field;
    if (field === null || !anchors.has(field) || !holdsText(w)) continue;
    wordsByField.set(field, [...(wordsByField.get(field) ?? []), w]);
  }
  return new Set([...wordsByField].filter(([field, words]) => {
    const { start, whole } = anchors.get(field)!;
    // OCR reads a speck touching a word as punctuation glued to it ('"June 2012', "*.01/20/2017"):
    // it starts no value of its own, so it does not keep the value from matching its form.
    const clean = words[0]!.source === 'ocr' ? trimSpecks : (text: string) => text;
    const matches = (re: RegExp, texts: readonly string[]) => re.test(clean(texts.join(' ')));
    const starts = (re: RegExp, texts: readonly string[]) => (spill ? texts.some((_, k) => matches(re, texts.slice(k))) : matches(re, texts));
    const confident = words.filter((w) => w.confidence >= body.anchorMinConfidence).map((w) => w.text);
    if (confident.length && (start ? starts(start, confident) : true)) return true;
    // A value whose first word was read with confidence starts where it did, whatever OCR made of
    // the words after it: "Fremont," then "Iowa" at 0.27 is still a place and its state.
    if (start && words[0]!.confidence >= body.anchorMinConfidence && starts(start, words.map((w) => w.text))) return true;
    const text = clean(words.map((w) => w.text).join(' '));
    if (whole === null) return false;
    // A closed-form value OCR garbled into its start's form, with many digits: a date whose
    // slashes were read as digits ("10132017" at 0.15); noise spells few digits.
    const garbledStart = start?.test(text) === true && text.replace(/\D/gu, '').length >= body.anchorFormMinChars;
    return text.length >= body.anchorFormMinChars && (whole.test(text) || garbledStart);
  }).map(([field]) => field));
}

/**
 * Which lines start a row. A row holds one value per anchor column, so a line starts a new row only
 * when it starts a value in an anchor column the current row already has. A line that starts values
 * only in anchor columns the row lacks belongs to the same row: cells centred vertically, or one
 * anchor cell wrapped onto two lines beside another on one, print a row's anchors at different heights.
 */
function rowStartingLines(starts: readonly Set<string>[]): boolean[] {
  let filled = new Set<string>();
  return starts.map((fields) => {
    if (fields.size === 0) return false;
    const newRow = filled.size === 0 || [...fields].some((f) => filled.has(f));
    filled = newRow ? new Set(fields) : new Set([...filled, ...fields]);
    return newRow;
  });
}

/**
 * Each line's gap to the lowest bottom of the lines above it (negative when they overlap, as the
 * half-line offsets of vertically centred cells do); the first line's gap is NaN, decided later.
 * A line's top and bottom are its words' medians: one OCR box stretched by a speck or a smear
 * ("Ty" 11 pt tall in 6.5 pt text) does not move them. With `maxLineHeight`, a line above ends
 * no lower than its top plus that much: a speck that stretched most of its words' boxes down.
 */
function gapsAbove(lines: readonly TextLine[], maxLineHeight = Infinity): number[] {
  let bottom = NaN;
  return lines.map((line) => {
    const { top, bottom: lineBottom } = typicalSpan(line.words);
    const gap = top - bottom;
    const clipped = Math.min(lineBottom, top + maxLineHeight);
    bottom = Number.isNaN(bottom) ? clipped : Math.max(bottom, clipped);
    return gap;
  });
}

/**
 * Where the row of the anchor line `anchor` starts, among lines [from, anchor]. Walking up from the
 * anchor, the start moves to a line whose gap above is wider than the current start's by the
 * margin, so the lines of a vertically centred (or bottom-aligned) row that sit above its anchor
 * line go with it. Equal gaps keep the later start: cells are usually top-aligned, and their
 * wrapped lines follow the anchor line of the row above. Nor does it move to a gap under `minGap`
 * (body.rowStartMinGapShare of the table's usual row gap): a wrapped line whose neighbour below
 * crowds it (an OCR box stretched by a speck) is still inside its row.
 */
function rowStart(gaps: readonly number[], from: number, anchor: number, margin: number, minGap: number): number {
  let best = anchor;
  for (let i = anchor - 1; i >= from; i--) if (gaps[i]! > gaps[best]! + margin && gaps[i]! >= minGap) best = i;
  return best;
}

/**
 * Unruled rows: a line with text in an anchor column starts a row, and the lines between two anchor
 * lines are cut at the widest gap between them. Lines above a page's first anchor line either
 * continue the row from the page before or lead that anchor's row; the gap above them is taken to
 * be the table's usual gap between rows (learnt from its other rows), so the same rule decides.
 */
function anchorRows(segment: Segment, anchoredByValue: readonly boolean[], settings: ExtractionSettings, lastRowMayContinue: boolean): LineGroup[] {
  const lines = segment.body;
  const gaps = gapsAbove(lines);
  const margin = (i: number) => settings.body.rowSplitMargin * lines[i]!.size;
  const anchorsOf = (anchored: readonly boolean[]) => lines.flatMap((_, i) => (anchored[i] ? [i] : []));
  const startsOf = (anchors: readonly number[], minGap = -Infinity) => anchors.slice(1).map((anchor, k) => rowStart(gaps, anchors[k]! + 1, anchor, margin(anchor), minGap));
  // The table's usual gap between rows, from its other pages and a first pass over this one.
  const knownGaps = [...segment.owner.rowGaps, ...startsOf(anchorsOf(anchoredByValue)).map((i) => gaps[i]!)];
  const usualRowGap = knownGaps.length >= 2 ? median(knownGaps) : null;
  const anchored = usualRowGap === null ? anchoredByValue : withUnanchoredRowStarts(segment, anchoredByValue, gaps, usualRowGap, settings);
  const anchors = anchorsOf(anchored);
  if (!anchors.length) return [{ lines: [...lines], anchored: false }];
  const starts = startsOf(anchors, usualRowGap === null ? -Infinity : settings.body.rowStartMinGapShare * usualRowGap);
  const rowGaps = segment.owner.rowGaps;
  gaps[0] = rowGaps.length || starts.length ? median([...rowGaps, ...starts.map((i) => gaps[i]!)]) : segment.header ? lines[0]!.y0 - segment.headerBand.y1 : -Infinity;
  const first = rowStart(gaps, 0, anchors[0]!, margin(anchors[0]!), -Infinity);
  // Lines above the first anchor may continue a row only where the table has one already.
  const continuable = segment.owner.table.rows.length > 0;
  const { bounds, seen } = alignedRowBounds(lines, anchors, [first, ...starts, lines.length], { continuable, lastRowMayContinue }, (w) => columnOf(w, segment.layout), segment.owner.alignment, settings.body.alignedRows);
  if (seen && seen.rows > (segment.owner.alignment?.rows ?? 0)) segment.owner.alignment = seen;
  rowGaps.push(...bounds.slice(1, -1).map((i) => gaps[i]!));
  // With no row before them to continue, lines above the first row that do not fill what a row's
  // anchor line fills are no row of their own: they lead the first one. A row whose cells are
  // centred prints its longer cells' first lines above its anchor line, and the header may sit
  // closer to them than they sit to the anchor line, while the table's usual row gap is not known
  // yet (fresh seed 1307624197: a page that held the table's first row only).
  const rowFields = rowFieldsOf(anchors.map((i) => lines[i]!), segment);
  const leadFields = new Set(lines.slice(0, bounds[0]).flatMap((line) => [...fieldsOf(line, segment.layout)]));
  const leads = bounds[0]! > 0 && !continuable && !rowFields.every((f) => leadFields.has(f));
  const rowBounds = leads ? [0, ...bounds.slice(1)] : bounds;
  const groups: LineGroup[] = rowBounds[0]! > 0 ? [{ lines: lines.slice(0, rowBounds[0]), anchored: false }] : [];
  for (let k = 0; k + 1 < rowBounds.length; k++) groups.push({ lines: lines.slice(rowBounds[k], rowBounds[k + 1]), anchored: true });
  return groups;
}

const anchorFieldsOf = (segment: Segment): ReadonlySet<string> => new Set(segment.owner.spec.columns.filter((c) => c.anchor).map((c) => c.field));

/** The columns every row fills on its anchor line, those in `aside` aside, given the fields of each anchor line. */
function fieldsEveryRowFills(anchorLineFields: readonly ReadonlySet<string>[], aside: ReadonlySet<string>): string[] {
  return anchorLineFields
    .map((fields) => [...fields].filter((f) => !aside.has(f)))
    .reduce<string[] | null>((common, fields) => (common === null ? fields : common.filter((f) => fields.includes(f))), null) ?? [];
}

/**
 * The columns set aside when asking what a row fills on its anchor line: its anchors, which a row
 * whose anchor OCR lost lacks. In a table whose every column is an anchor (a place and its count),
 * only those with no anchorPattern: such a column starts a value wherever it holds text, so a line
 * that starts none holds none there, while a line whose place did not start a value (its comma
 * misread) still fills the place's column as every row does.
 */
function setAside(segment: Segment): ReadonlySet<string> {
  const { columns } = segment.owner.spec;
  const anchors = anchorFieldsOf(segment);
  return anchors.size < columns.length ? anchors : new Set(columns.filter((c) => !c.anchorPattern).map((c) => c.field));
}

/** fieldsEveryRowFills of anchor lines in the segment's own columns. */
const rowFieldsOf = (anchorLines: readonly TextLine[], segment: Segment) =>
  fieldsEveryRowFills(anchorLines.map((line) => fieldsOf(line, segment.layout)), setAside(segment));

/** Are the columns rows fill on their anchor line enough (unanchoredRowMinFilled of the others) to know a row's first line by? */
const knowsRowsBy = (rowFields: readonly string[], segment: Segment, settings: ExtractionSettings) =>
  rowFields.length > 0 && rowFields.length >= settings.body.unanchoredRowMinFilled * segment.owner.spec.columns.filter((c) => !c.anchor).length;

/** The fields a line has words in: words with a letter or digit, since a speck or a rule read as "—" fills no cell. */
const fieldsOf = (line: TextLine, layout: ColumnLayout) =>
  new Set(line.words.flatMap((w) => (holdsText(w) ? layout.columns[columnOf(w, layout)]!.field ?? [] : [])));

/**
 * The anchor lines, and lines that start a row whose anchor value was not read (body.unanchoredRowMinGap):
 * OCR skips a short word alone in a cell ("Sioux, Iowa" printed beside a count it never read), and
 * the row's other line then ran into the row above, with nothing to show for it. Starting the row
 * leaves its anchor cell empty, where the second look and validation find it.
 */
function withUnanchoredRowStarts(segment: Segment, anchored: readonly boolean[], gaps: readonly number[], rowGap: number, settings: ExtractionSettings): readonly boolean[] {
  const lines = segment.body;
  const anchors = lines.flatMap((_, i) => (anchored[i] ? [i] : []));
  const rowFields = rowFieldsOf(anchors.map((i) => lines[i]!), segment);
  if (!knowsRowsBy(rowFields, segment, settings)) return anchored;
  // A speck under a short line (a place over a count OCR never read) stretches most of its words'
  // boxes down, and the gap under it, the only mark of the row that starts there, shrinks below
  // the usual gap between rows: lines above end no lower than their top plus the usual word height.
  const startGaps = gapsAbove(lines, median(lines.flatMap((l) => l.words.filter(holdsText).map((w) => w.y1 - w.y0))));
  // Rows of one line each are as far apart top to top as the printer set them, while the gap
  // between two lines' boxes shrinks with descenders (a line of "g"s and commas over the next):
  // the usual top-to-top distance of two anchor lines in a row, where there are two such pairs.
  const top = (i: number) => typicalSpan(lines[i]!.words).top;
  const pitches = anchors.filter((i) => i > 0 && anchored[i - 1]).map((i) => top(i) - top(i - 1));
  const usualPitch = pitches.length >= 2 ? median(pitches) : null;
  /** Is line i set below the line above it as rows are set apart? */
  const setLikeRows = (i: number) => {
    const gap = startGaps[i]!, margin = settings.body.rowSplitMargin * lines[i]!.size;
    return gap >= settings.body.unanchoredRowMinGap * lines[i]!.size && (gap >= rowGap - margin || (usualPitch !== null && top(i) - top(i - 1) >= usualPitch - margin));
  };
  const fillsRow = (i: number) => {
    const fields = fieldsOf(lines[i]!, segment.layout);
    return rowFields.every((f) => fields.has(f));
  };
  return anchored.map((isAnchor, i) => {
    if (isAnchor) return true;
    // Lines above the first anchor lead or continue a row (anchorRows decides; rowFields being
    // non-empty means there is an anchor), but for the first line of a table with no rows yet,
    // when it fills a row's first line and the anchor line below is set apart from it as rows
    // are: the table's first row, whose anchor OCR lost ("Philadelphia, Pennsylvania" beside a
    // count never read, fresh seed 1307624204), which would otherwise lead the second row.
    if (i < anchors[0]!) return i === 0 && segment.owner.table.rows.length === 0 && fillsRow(0) && !leadsNextAnchor(0) && setLikeRows(anchors[0]!);
    return setLikeRows(i) && fillsRow(i) && !leadsNextAnchor(i);
  });

  /**
   * Does the line lead the next anchor line's row, the lines down to it set as close as one wrapped
   * cell's (under unanchoredRowMinGap)? A row whose cells are centred vertically prints its longer
   * cells' first lines above its anchor ("Resolution Affirming" over "Merced County", over
   * "May 2012"): its start, not a row of its own.
   */
  function leadsNextAnchor(i: number): boolean {
    const next = anchors.find((a) => a > i);
    if (next === undefined) return false;
    for (let k = i + 1; k <= next; k++) if (gaps[k]! >= settings.body.unanchoredRowMinGap * lines[k]!.size) return false;
    return true;
  }
}

/**
 * The spec's anchor columns, each with the pattern a value's first line matches (null: any text)
 * and, for a closed-form column, what a whole value looks like.
 */
const anchorPatterns = (spec: TableLayoutSpec): ReadonlyMap<string, AnchorForm> => {
  const forms = closedForms(spec);
  return new Map(spec.columns.filter((c) => c.anchor).map((c) => [c.field, {
    start: c.anchorPattern ? new RegExp(c.anchorPattern, 'iu') : null,
    whole: forms.get(c.field) ?? null,
  }]));
};

/**
 * Does a row of the table start within the lines from `start` (those no further apart than
 * maxRowGap, up to a header's height of them)? It does when, together, lines that are not prose
 * (spaced like it, across columns) start a value in every anchor column: a row whose cells are
 * centred vertically prints its anchors at different heights ("North" over the dates' line,
 * "Carolina" under it). Rows padded tall, or spaced apart by paragraph spacing, are further apart
 * than maxRowGap; text after a table does not look like that.
 */
function rowStartsAt(lines: readonly TextLine[], start: number, segment: Segment, settings: ExtractionSettings): boolean {
  const anchors = anchorPatterns(segment.owner.spec);
  const started = new Set<string>();
  const filled = new Set<string>();
  for (let i = start; i < Math.min(lines.length, start + settings.header.maxLines); i++) {
    const line = lines[i]!;
    if (i > start && line.y0 - lines[i - 1]!.y1 > settings.body.maxRowGap * segment.owner.size) break;
    // Prose runs across columns; a line within one column ("October 2014" alone, in a row whose
    // centred cells print it on a line of its own) is a cell, however its words are spaced.
    if (proseLike(line, settings) && new Set(line.words.map((w) => columnOf(w, segment.layout))).size > 1) continue;
    // While the page is walked its column bounds come from its header alone, which may put the end
    // of a long value of the column on the left into an anchor column ("California July 2012").
    for (const field of anchorStarts(line, segment.layout, anchors, settings.body, true)) started.add(field);
    if (started.size === anchors.size) return true;
    for (const field of fieldsOf(line, segment.layout)) filled.add(field);
  }
  const { misreadAnchorMinAnchors } = settings.body;
  if (misreadAnchorMinAnchors === 0 || anchors.size < misreadAnchorMinAnchors || started.size !== anchors.size - 1) return false;
  // One anchor OCR misread ("FLe" at confidence 0): its column holds text, the others start values.
  if ([...anchors.keys()].every((f) => filled.has(f))) return true;
  // Or lost outright (a two-letter code alone in a narrow ruled cell, read as nothing: fresh seed
  // 1307624192): then the line must also fill what the table's rows fill on their anchor lines,
  // or, where those are too few to tell (cells centred vertically), every other column: a whole
  // row but for its lost anchor (a two-letter code on a light zebra stripe, fresh seed 428834272).
  const rowFields = fieldsTheRowsFill(segment, anchors, settings)
    ?? segment.layout.columns.flatMap((c) => (c.field === null || (anchors.has(c.field) && !started.has(c.field)) ? [] : [c.field]));
  return rowFields.every((f) => filled.has(f));
}

/**
 * The columns every row of the table so far fills on its anchor line (one that starts every
 * anchor), setAside's aside; null when they are too few (under unanchoredRowMinFilled of the other
 * columns) to know a row's first line by.
 */
function fieldsTheRowsFill(segment: Segment, anchors: ReadonlyMap<string, AnchorForm>, settings: ExtractionSettings): string[] | null {
  const anchorLineFields = segment.owner.segments.flatMap((s) => s.body
    .filter((line) => anchorStarts(line, s.layout, anchors, settings.body).size === anchors.size)
    .map((line) => fieldsOf(line, s.layout)));
  const common = fieldsEveryRowFills(anchorLineFields, setAside(segment));
  return knowsRowsBy(common, segment, settings) ? common : null;
}

/**
 * Body lines → groups of lines, one per row. With row rulings each band between rules is a row;
 * otherwise rows start at anchor lines (anchorRows).
 */
export function groupRows(segment: Segment, rulings: readonly Ruling[], spec: TableLayoutSpec, settings: ExtractionSettings): LineGroup[] {
  const anchors = anchorPatterns(spec);
  const anchored = rowStartingLines(segment.body.map((l) => anchorStarts(l, segment.layout, anchors, settings.body)));
  const rules = rowRules(segment, rulings, settings.rulings);
  // Inner row rules: each band between rules is one row, whatever wraps in it. One rule will do
  // when it has body lines on both sides: a page that continues a table with two rows, its rules
  // above the first and under the last further from their text than rowRuleSlackPt (a padded
  // grid: fresh seed 1307624188, whose second row's count OCR lost and which joined the first).
  const inner = (y: number) => segment.body.some((l) => centreY(l) < y) && segment.body.some((l) => centreY(l) > y);
  if (rules.length >= 2 || (rules.length === 1 && inner(rules[0]!))) {
    const bands = new Map<number, LineGroup & { anchors: number }>();
    segment.body.forEach((line, i) => {
      const band = rules.filter((y) => y < centreY(line)).length;
      const group = bands.get(band) ?? { lines: [], anchored: false, anchors: 0 };
      group.lines.push(line);
      group.anchored ||= anchored[i]!;
      group.anchors += anchored[i]! ? 1 : 0;
      bands.set(band, group);
    });
    // One band is one row only when it holds at most one anchor line (a page with a single row);
    // several rows in one band mean the rules are a header underline and a closing rule.
    if (bands.size >= 2 || [...bands.values()][0]!.anchors <= 1) {
      // A band with two anchor lines holds two rows whose rule was lost (a scan's noise broke it
      // into pieces too short to count): it is split at its anchors, as an unruled table is.
      return [...bands.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, g]) => (g.anchors >= 2
        ? anchorRows({ ...segment, body: g.lines }, g.lines.map((l) => anchored[segment.body.indexOf(l)]!), settings, false)
        : [{ lines: g.lines, anchored: g.anchored, ruled: true }]));
    }
  }
  // The table goes on after this page: its last row here may be cut by the page end.
  return anchorRows(segment, anchored, settings, segment.owner.segments.some((s) => s.page > segment.page && s.body.length > 0));
}

/**
 * A cell's lines as one text: joined with a space, except after a hyphen that follows a letter or
 * digit directly, where a hyphenated word or code wrapped at its hyphen ("Re-" over "Entry" is
 * "Re-Entry", "I-" over "247N" is "I-247N"); a spaced hyphen ("Assault -" over "Domestic")
 * separates words and keeps its space.
 */
export function joinCellLines(lines: readonly string[]): string {
  return lines.reduce((text, line) => (text === '' ? line : /[\p{L}\p{N}]-$/u.test(text) && /^[\p{L}\p{N}]/u.test(line) ? `${text}${line}` : `${text} ${line}`), '');
}

function emptyCell(): CellValue {
  return { lines: [], text: '', boxes: [], confidence: 1, words: [] };
}

/**
 * A closed-form cell whose words start with the end of the cell on its left, run together with its
 * own first word where a text layer put no space between them ("(Los Angeles)February 2017": a
 * place overflowing into the month beside it, fresh seed 2468013614, born-digital): the words
 * before the glued one go back to the left, and the glued one is split after a mark or at a small
 * letter followed by a capital, where the rest reads in the column's form. The head's box ends
 * where its share of the characters does.
 */
function ungluedHead(words: readonly Word[], inForm: (tail: readonly Word[]) => boolean): { head: Word[]; tail: Word[] } | null {
  for (let k = 0; k < words.length; k++) {
    const glued = words[k]!;
    // OCR spaces words by the ink's gaps, and a misread mark inside a value ("l,234") is no glue.
    if (glued.source !== 'text') return null;
    const chars = [...glued.text];
    for (let c = 1; c < chars.length; c++) {
      const before = chars[c - 1]!, after = chars[c]!;
      if (!(/[^\p{L}\p{N}\s]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) && !(/\p{Ll}/u.test(before) && /\p{Lu}/u.test(after))) continue;
      const x = glued.x0 + ((glued.x1 - glued.x0) * c) / chars.length;
      const tail = [{ ...glued, text: chars.slice(c).join(''), x0: x }, ...words.slice(k + 1)];
      if (inForm(tail)) return { head: [...words.slice(0, k), { ...glued, text: chars.slice(0, c).join(''), x1: x }], tail };
    }
  }
  return null;
}

/**
 * Words a closed-form cell cannot hold, given back to the neighbouring column. A cell that
 * overflows its column ("Trinidad and Tobago" printed into the space of the date beside it) puts
 * its last word at the date's left edge, where the boundary between the columns cannot tell them
 * apart; the date's form can. Leading words that keep the rest from matching the form go to the
 * column on the left, trailing ones to the column on the right, unless that column has a form of
 * its own that they would break.
 */
function returnOverflow(perColumn: Map<number, Word[]>, layout: ColumnLayout, forms: ReadonlyMap<string, RegExp>): void {
  const text = (words: readonly Word[]) => words.map((w) => w.text).join(' ');
  const fits = (i: number, words: readonly Word[]) => {
    const form = forms.get(layout.columns[i]?.field ?? '');
    return !form || form.test(text(words));
  };
  for (const [i, words] of perColumn) {
    const form = forms.get(layout.columns[i]!.field ?? '');
    if (!form || form.test(text(words))) continue;
    const glued = i > 0 ? ungluedHead(words, (tail) => form.test(text(tail))) : null;
    const leftWithHead = glued ? [...(perColumn.get(i - 1) ?? []), ...glued.head] : [];
    if (glued && fits(i - 1, leftWithHead)) {
      perColumn.set(i - 1, leftWithHead); perColumn.set(i, glued.tail);
      continue;
    }
    for (let k = 1; k < words.length; k++) {
      const [head, tail] = [words.slice(0, k), words.slice(k)];
      const left = [...(perColumn.get(i - 1) ?? []), ...head];
      if (i > 0 && form.test(text(tail)) && fits(i - 1, left)) {
        perColumn.set(i - 1, left); perColumn.set(i, tail); break;
      }
      const [kept, spill] = [words.slice(0, -k), words.slice(-k)];
      const right = [...spill, ...(perColumn.get(i + 1) ?? [])];
      if (i + 1 < layout.columns.length && form.test(text(kept)) && fits(i + 1, right)) {
        perColumn.set(i + 1, right); perColumn.set(i, kept); break;
      }
    }
  }
}

/**
 * What a table's cells need to join a word their column's edge broke across two lines (see
 * mayBeBrokenWord): the widest text each column prints, by column index, and the document's words.
 */
interface BrokenWordContext {
  widths: ReadonlyMap<number, number>;
  vocabulary: ReadonlySet<string>;
  settings: BrokenWordSettings;
}

/**
 * The widest text each column prints in `segments` (every page of one header geometry, or one
 * scanned page: each sits differently on the glass), by column index: the width a word broken at
 * the cell's edge fills.
 */
function columnTextWidths(segments: readonly Segment[]): Map<number, number> {
  const spans = new Map<number, { x0: number; x1: number }>();
  for (const seg of segments) {
    for (const line of seg.body) {
      for (const word of line.words) {
        const i = columnOf(word, seg.layout);
        const span = spans.get(i);
        spans.set(i, span ? { x0: Math.min(span.x0, word.x0), x1: Math.max(span.x1, word.x1) } : { x0: word.x0, x1: word.x1 });
      }
    }
  }
  return new Map([...spans].map(([i, span]) => [i, span.x1 - span.x0]));
}

/**
 * Joins a cell's new line to its last one without the space when the line break broke a word
 * ("Snohomis" over "h County"): where the geometry allows it (mayBeBrokenWord) and the words do
 * not say it is a wrap at a space (readBreak), a closed-form cell that reads whole only joined
 * confirming it too. Unless the document or the language confirmed the join, the cell's
 * confidence is capped (brokenWords.unconfirmedConfidence), joined or not, so the cell goes to
 * review rather than being silently wrong. Returns whether it joined.
 */
function joinBrokenWord(cell: CellValue, previous: readonly Word[], words: readonly Word[], column: number, form: RegExp | undefined, context: BrokenWordContext): boolean {
  const width = context.widths.get(column);
  const tail = words[0];
  if (width === undefined || !tail || !mayBeBrokenWord(previous, tail, width, context.settings)) return false;
  const line = words.map((w) => w.text).join(' ');
  const lines = [...cell.lines.slice(0, -1), `${cell.lines.at(-1)!}${line}`];
  const whole = form?.test(joinCellLines(lines)) === true && !form.test(joinCellLines([...cell.lines, line]));
  const reading = whole ? 'joined' : readBreak(previous[0]!.text, tail.text, (key) => context.vocabulary.has(key));
  // Two words kept apart where the geometry says the cell's edge may have broken one ("Kings" over
  // "bury") go to review too: only the words said otherwise.
  if (reading !== 'joined') cell.confidence = Math.min(cell.confidence, context.settings.unconfirmedConfidence);
  if (reading === 'spaced') return false;
  cell.lines = lines;
  return true;
}

/** Adds a group of lines to a row's cells (a new row, or the continuation of one). */
function addLinesToRow(row: ExtractedRow, lines: readonly TextLine[], layout: ColumnLayout, page: number, forms: ReadonlyMap<string, RegExp>, sameLineShare: number, broken?: BrokenWordContext): void {
  // Each cell's last line piece on this page: a printed line the page's line grouping split in two
  // (a tall OCR box beside it pulled some of its words to the line above: "Will … detainers" over
  // "not honor") is one line of the cell again, its words in their order across the page.
  const lastPiece = new Map<string, Word[]>();
  for (const line of lines) {
    const perColumn = new Map<number, Word[]>();
    for (const word of line.words) {
      const i = columnOf(word, layout);
      perColumn.set(i, [...(perColumn.get(i) ?? []), word]);
    }
    returnOverflow(perColumn, layout, forms);
    for (const [i, words] of [...perColumn].sort((a, b) => a[0] - b[0])) {
      const column = layout.columns[i]!;
      const field = column.field ?? `column_${i + 1}`;
      const cell = row.cells[field] ?? emptyCell();
      row.cells[field] = cell;
      const previous = lastPiece.get(field);
      if (previous && sameOcrLine(previous, words, sameLineShare)) {
        const joined = [...previous, ...words].sort((a, b) => a.x0 - b.x0);
        cell.lines[cell.lines.length - 1] = joined.map((w) => w.text).join(' ');
        lastPiece.set(field, joined);
      } else if (previous && broken && joinBrokenWord(cell, previous, words, i, forms.get(field), broken)) {
        lastPiece.set(field, words);
      } else {
        cell.lines.push(words.map((w) => w.text).join(' '));
        lastPiece.set(field, words);
      }
      cell.text = joinCellLines(cell.lines);
      if ([...cell.words, ...words].some((w) => w.raw !== undefined)) {
        cell.unsanitised = [...cell.words, ...words].map((w) => w.raw ?? w.text).join(' ');
      }
      cell.words.push(...words);
      // A text-layer word is certain wherever it sits; an OCR word that straddles its column is not.
      cell.confidence = Math.min(cell.confidence, ...words.map((w) => (w.source === 'ocr' ? w.confidence * fitOf(w, column) : w.confidence)));
      const onPage = cell.boxes.find((b) => b.page === page);
      if (onPage) onPage.box = unionBox([onPage.box, ...words]);
      else cell.boxes.push({ page, box: unionBox(words) });
      if (words.some((w) => w.source === 'ocr')) row.source = 'ocr';
    }
    const rowBox = row.boxes.find((b) => b.page === page);
    if (rowBox) rowBox.box = unionBox([rowBox.box, line]);
    else row.boxes.push({ page, box: { x0: line.x0, y0: line.y0, x1: line.x1, y1: line.y1 } });
  }
}

/** The cells a group of lines would make, to judge the group before it becomes a row. */
function cellsOfLines(lines: readonly TextLine[], layout: ColumnLayout, page: number, forms: ReadonlyMap<string, RegExp>, sameLineShare: number): ExtractedRow['cells'] {
  const scratch: ExtractedRow = { index: 0, page, cells: {}, boxes: [], columns: {}, source: 'text' };
  addLinesToRow(scratch, lines, layout, page, forms, sameLineShare);
  return scratch.cells;
}

/**
 * Caps the confidence of each cell of a row's band (on one page) that holds word-shaped ink no OCR
 * word covers (body.unreadInkConfidence): the cell may have lost a word OCR dropped whole.
 */
function doubtUnreadCells(row: ExtractedRow, band: Box, layout: ColumnLayout, unread: readonly Box[], confidence: number): void {
  for (const ink of unread) {
    const x = centreX(ink), y = centreY(ink);
    if (y < band.y0 || y > band.y1) continue;
    const i = layout.columns.findIndex((c) => x >= c.x0 && x < c.x1);
    if (i < 0) continue;
    const field = layout.columns[i]!.field ?? `column_${i + 1}`;
    const cell = row.cells[field] ?? emptyCell();
    row.cells[field] = cell;
    cell.confidence = Math.min(cell.confidence, confidence);
  }
}

/** See settings.body.noiseLine. `confident`: the document's words read at its maxConfidence or more. */
function isNoiseLine(line: TextLine, layout: ColumnLayout, confident: ReadonlySet<string>, settings: ExtractionSettings['body']['noiseLine']): boolean {
  // Marks without a letter or digit (a dash, a dot) are specks whatever their confidence.
  const text = line.words.filter(holdsText);
  // The edge of a band runs across the table; a word misread beyond reading ("Mortoomely" at
  // 0.00, a wrapped cell's first line) stays in its column, and is kept for review to see.
  if (new Set(text.map((w) => columnOf(w, layout))).size < 2) return false;
  const known = (w: Word) => {
    const key = vocabularyKey(w.text);
    return (key.match(/\p{L}/gu)?.length ?? 0) >= settings.knownWordMinLetters && confident.has(key);
  };
  return text.every((w) => w.source === 'ocr' && w.confidence < settings.maxConfidence && !known(w))
    && median(text.map((w) => w.confidence)) < settings.medianConfidence;
}

function buildRows(open: OpenTable, segment: Segment, rulings: readonly Ruling[], settings: ExtractionSettings, vocabulary: Vocabularies, unread: readonly Box[]): Box[] {
  const learntRowGaps = open.rowGaps.length;
  let groups = groupRows(segment, rulings, open.spec, settings);
  // A repeated header the header matcher missed (garbled by OCR) opens the page: it is no row, and
  // the lines after it are grouped again without it, so that the page's first lines may continue
  // the row the page break cut.
  const ocr = readByOcr(segment.body);
  const forms = closedForms(open.spec);
  if (groups.length > 1 && repeatsHeader(cellsOfLines(groups[0]!.lines, segment.layout, segment.page, forms, settings.lines.ocrSameLineShare), open.spec, ocr, settings)) {
    const header = new Set(groups[0]!.lines);
    open.rowGaps.length = learntRowGaps;
    groups = groupRows({ ...segment, body: segment.body.filter((l) => !header.has(l)) }, rulings, open.spec, settings);
  }
  // Every ruled band after the page's first is a row of its own, whatever its anchors read as.
  groups = groups.map((g, i) => (g.ruled && i > 0 ? { ...g, anchored: true } : g));
  const rowBoxes: Box[] = [];
  // A scanned page's widths are its own, as its columns are (placeColumns).
  const broken: BrokenWordContext = { widths: columnTextWidths(ocr ? [segment] : segment.columnGroup.segments), vocabulary: vocabulary.printed, settings: settings.brokenWords };
  const { noiseLine } = settings.body;
  // A speck in the margin beside a row, which withinSides let by, is no cell's text.
  const besideTable = (w: Word) => unsure(w, settings.lines.speck) && (w.x1 <= open.left || w.x0 >= open.right);
  for (const group of groups) {
    const last = open.table.rows.at(-1);
    const continues = !group.anchored && last !== undefined;
    const row: ExtractedRow = continues ? last! : {
      index: open.table.rows.length + 1, page: segment.page, cells: {}, boxes: [], source: 'text',
      columns: Object.fromEntries(segment.layout.columns.map((c, i) => [c.field ?? `column_${i + 1}`, { x0: c.x0, x1: c.x1 }])),
    };
    // A row that is nothing but noise keeps its text: its cells' confidence already says what it is.
    const noise = ocr && noiseLine.maxConfidence > 0 ? group.lines.filter((l) => isNoiseLine(l, segment.layout, vocabulary.confident, noiseLine)) : [];
    const text = noise.length < group.lines.length ? group.lines.filter((l) => !noise.includes(l)) : group.lines;
    addLinesToRow(row, text.map((l) => (l.words.some(besideTable) ? { ...l, words: l.words.filter((w) => !besideTable(w)) } : l)), segment.layout, segment.page, forms, settings.lines.ocrSameLineShare, broken);
    const band = unionBox(group.lines);
    const noiseInk = text === group.lines ? [] : noise.flatMap((l) => l.words);
    doubtUnreadCells(row, band, segment.layout, [...unread, ...noiseInk], settings.body.unreadInkConfidence);
    if (!continues) open.table.rows.push(row);
    rowBoxes.push(band);
  }
  return rowBoxes;
}

/** Opens a table at a header, or continues the last one when its header is repeated on a new page. */
function openAt(header: HeaderMatch, page: number, pageWidth: number, rulings: readonly Ruling[], lines: readonly TextLine[], tables: ExtractedTable[], openTables: OpenTable[], settings: ExtractionSettings): Segment {
  const last = openTables.at(-1);
  const repeated = last && last.spec === header.spec && last.segments.at(-1)!.page < page
    && !openTables.some((t) => t !== last && t.segments.some((s) => s.page === page));
  let owner: OpenTable;
  if (repeated) owner = last;
  else {
    // From the header's words with text: a line of specks in the band (OCR sizes a word by its
    // box) would make the table's unit, and every tolerance in it, a fraction of the font's.
    const bandWords = lines.slice(header.startLine, header.endLine).flatMap((l) => l.words);
    const size = median(textWordsOr(bandWords).map((w) => w.size));
    const n = tables.filter((t) => t.spec === header.spec.name).length + 1;
    const table: ExtractedTable = { id: `${header.spec.name}#${n}`, spec: header.spec.name, rows: [], pages: [] };
    tables.push(table);
    owner = { spec: header.spec, table, segments: [], size, rowGaps: [], alignment: null, columnGroups: [], ...tableEdges(header.cells, settings.body.sideSlack * size, pageWidth) };
    openTables.push(owner);
  }
  const tolerance = settings.header.repeatTolerance * owner.size;
  const sameHeader = owner.columnGroups.at(-1);
  const ocr = readByOcr(lines.slice(header.startLine, header.endLine));
  const cells = repeated && ocr && sameHeader ? completedFromEarlier(header.cells, sameHeader.cells, header.box, tolerance) : header.cells;
  const columnGroup = sameHeader && sameGeometry(sameHeader.cells, cells, tolerance) ? sameHeader : { cells, segments: [] };
  if (columnGroup !== sameHeader) owner.columnGroups.push(columnGroup);
  const segment: Segment = {
    owner, page, header, cells, headerBand: header.box, body: [], rulings,
    layout: layoutColumns(cells, header.box, [], [], 0, owner.left, owner.right, leftEdgeOf(settings, owner.size)), columnGroup,
  };
  columnGroup.segments.push(segment);
  owner.segments.push(segment);
  return segment;
}

/**
 * The cells of a header repeated on a scanned page that OCR read in part (a header word lost, or
 * misread and then named by elimination as a column it is not): when it names fewer of the
 * table's columns than the header before it, or has more columns it names none of, it is that header, moved as far as the cells both
 * name agree (within `tolerance` points of their median shift, at least two and half of them).
 * Scanned pages sit a little differently on the glass, so the move is measured, not assumed.
 */
function completedFromEarlier(cells: readonly HeaderCell[], earlier: readonly HeaderCell[], band: Box, tolerance: number): HeaderCell[] {
  const named = new Set(cells.flatMap((c) => (c.field === null ? [] : [c.field])));
  // Columns it names none of, beyond the earlier header's, are OCR's too: specks read as letters,
  // a word misread, whose empty columns would take the values under them.
  const unknown = (list: readonly HeaderCell[]) => list.filter((c) => c.field === null).length;
  if (earlier.every((c) => c.field === null || named.has(c.field)) && unknown(cells) <= unknown(earlier)) return [...cells];
  const shifts = cells.flatMap((cell) => {
    const before = cell.field === null ? undefined : earlier.find((e) => e.field === cell.field);
    return before ? [centreX(cell) - centreX(before)] : [];
  });
  if (shifts.length === 0) return [...cells];
  const shift = median(shifts);
  const agreeing = shifts.filter((d) => Math.abs(d - shift) <= tolerance).length;
  if (agreeing < 2 || 2 * agreeing < shifts.length) return [...cells];
  return earlier.map((e) => ({ ...e, x0: e.x0 + shift, x1: e.x1 + shift, y0: band.y0, y1: band.y1 }));
}

/**
 * Is the gap between two lines crossed by the table's own cell borders? Tall ruled rows (padding,
 * paragraph spacing) leave gaps wider than maxRowGap between a row's text and the next row's,
 * but a vertical border running through the whole gap inside the table's sides means the line
 * is still in the grid.
 */
function bridgedByBorders(above: number, line: TextLine, table: OpenTable, rulings: readonly Ruling[]): boolean {
  return rulings.some((r) => r.orientation === 'v' && r.y0 <= above && r.y1 >= line.y0
    && r.x0 >= table.left && r.x1 <= Math.max(line.x1, table.segments.at(-1)!.layout.columns.at(-1)!.x1));
}

/** The settings of a left-aligned column's edge (columns.leftEdge), in points for a table's font size. */
const leftEdgeOf = (settings: ExtractionSettings, size: number) =>
  ({ tolerance: settings.columns.leftEdgeTolerance * size, minShare: settings.columns.leftEdgeMinShare });

function sameGeometry(a: readonly HeaderCell[], b: readonly HeaderCell[], tolerance: number): boolean {
  return a.length === b.length && a.every((cell, i) => cell.field === b[i]!.field
    && Math.abs(cell.x0 - b[i]!.x0) <= tolerance && Math.abs(cell.x1 - b[i]!.x1) <= tolerance);
}

/**
 * The body lines of every segment under one header geometry, pooled once per pass: in the final
 * pass (buildTables) each of a long table's segments pools the same lines, and layoutColumns
 * keeps what it derives from them by the pooled array (columns.ts).
 */
function pooledBody(group: ColumnGroup, pools: Map<ColumnGroup, TextLine[]>): TextLine[] {
  let pooled = pools.get(group);
  if (!pooled) {
    pooled = group.segments.flatMap((s) => s.body);
    pools.set(group, pooled);
  }
  return pooled;
}

/**
 * Column boundaries of a segment: the page's own rulings where they separate the header cells
 * (for a page without a header, the borders of its first row), else white-space rivers through
 * the body words of every segment under the same header geometry (of its own page, when scanned).
 */
function placeColumns(segment: Segment, settings: ExtractionSettings, pools: Map<ColumnGroup, TextLine[]> = new Map()): ColumnLayout {
  // Scanned pages each sit a little differently on the glass: their rivers come from their own words.
  const scanned = readByOcr(segment.body);
  const pooled = scanned ? segment.body : pooledBody(segment.columnGroup, pools);
  const band = segment.header ? segment.headerBand : segment.body[0] ?? segment.headerBand;
  const { owner } = segment;
  return layoutColumns(segment.cells, band, pooled, segment.rulings, settings.rulings.snap * owner.size, owner.left, owner.right, leftEdgeOf(settings, owner.size));
}

/**
 * What the walk through the document's lines carries from line to line and page to page. The
 * stages below read and change it explicitly; nothing else holds walk state.
 */
interface Walk {
  specs: readonly TableLayoutSpec[];
  stopPatterns: readonly RegExp[];
  settings: ExtractionSettings;
  /** Every table opened so far, in document order (the result's tables). */
  tables: ExtractedTable[];
  openTables: OpenTable[];
  /** The table that body lines currently belong to; null between tables. */
  open: OpenTable | null;
  leftOut: LeftOutRow[];
  /** Headers found for lines the header matcher rejects (adoptedHeaders, headersAcrossPageBreaks), at most one per page. */
  adopted: ReadonlyMap<number, HeaderMatch>;
}

/** The walk's state on one page: it starts afresh on each. */
interface PageWalk {
  tokens: PageTokens;
  /** The page's lines without its furniture (a repeated table header is kept). */
  lines: readonly TextLine[];
  /** Lines that are neither furniture nor part of a table. */
  freeLines: TextLine[];
  /** The segments of tables on this page, in the order they were opened. */
  segments: Segment[];
  /** The open table's segment on this page, once it has one. */
  segment: Segment | null;
  /** The segment of a table that ended on this page other than at a stop line: rows read like it after it may be lost. */
  ended: Segment | null;
}

/** An OCR word read with no confidence to speak of (under lines.speck.maxConfidence): a speck, most likely. */
const unsure = (w: Word, speck: ExtractionSettings['lines']['speck']) => w.source === 'ocr' && w.confidence < speck.maxConfidence;

/** Stage 1: each page's words grouped into lines. */
function linesOfPages(pages: readonly PageTokens[], settings: ExtractionSettings) {
  const { edgeSpeckPt, edgeSpeckMaxChars } = settings.lines;
  return pages.map((p) => {
    const atEdge = (w: Word) => w.source === 'ocr' && [...w.text].length <= edgeSpeckMaxChars && (w.x1 <= edgeSpeckPt || w.x0 >= p.width - edgeSpeckPt);
    const words = p.words.some(atEdge) ? p.words.filter((w) => !atEdge(w)) : p.words;
    const lines = groupIntoLines(words, settings.lines, p.rulings);
    const readHeights = words.filter((w) => w.source === 'ocr' && holdsText(w) && !unsure(w, settings.lines.speck)).map((w) => w.y1 - w.y0);
    const pageUsual = readHeights.length ? median(readHeights) : 0;
    const specks = new Set(lines.flatMap((line) => speckWords(line, settings.lines.speck, pageUsual)));
    // Lines again without the specks: one can stretch a line's box, or take a line of its own.
    return { page: p.page, height: p.height, lines: specks.size ? groupIntoLines(words.filter((w) => !specks.has(w)), settings.lines, p.rulings) : lines };
  });
}

/**
 * The words of an OCR'd line read from specks (lines.speck): low confidence, and small beside the
 * line's other words. A line is all specks when every word of it is that small beside the page's
 * words, however confidently read: a "." or a 2 pt "a" alone between two rows made a row of its
 * own, empty once cleaned, which quarantine and the stated total then counted.
 */
function speckWords(line: TextLine, speck: ExtractionSettings['lines']['speck'], pageUsualHeight: number): Word[] {
  const small = (w: Word, usual: number) => w.source === 'ocr' && w.y1 - w.y0 < speck.maxHeightShare * usual;
  if (line.words.every((w) => small(w, pageUsualHeight))) return [...line.words];
  const textual = line.words.filter(holdsText);
  const heights = textual.filter((w) => w.confidence >= speck.maxConfidence).map((w) => w.y1 - w.y0);
  if (heights.length === 0) return [];
  const usual = median(heights);
  return textual.filter((w) => unsure(w, speck) && small(w, usual));
}

/**
 * Stage 2 (per page): the lines that are not furniture. A table header repeated on every page
 * recurs like furniture; every line of it (a header may take several) is kept as a header. The
 * line that recurs may be one of the header's later lines, its first line read at a different
 * height on each page (a tall misread glyph stretching it: fresh seed 303722280, an OCRmyPDF
 * copy whose second table lost its header on every page, and so every row).
 */
function withoutFurniture(allLines: readonly TextLine[], furnitureIndexes: ReadonlySet<number>, tokens: PageTokens, walk: Walk): TextLine[] {
  const { specs, settings } = walk;
  const header = new Set<number>();
  for (const i of furnitureIndexes) {
    if (header.has(i)) continue;
    for (let start = Math.max(0, i - settings.header.maxLines + 1); start <= i; start++) {
      const end = matchHeaderAt(allLines, start, specs, tokens.rulings, settings)?.endLine ?? start;
      if (end <= i) continue;
      for (let j = start; j < end; j++) header.add(j);
      break;
    }
  }
  return allLines.filter((_, i) => !furnitureIndexes.has(i) || header.has(i));
}

/** The open table ends at the line, which is free text. */
function endTable(walk: Walk, page: PageWalk, line: TextLine): void {
  page.ended = page.segment ?? walk.open?.segments.at(-1) ?? null;
  walk.open = null;
  page.segment = null;
  page.freeLines.push(line);
}

/**
 * Is the line between the table's sides? On a line with text, only words with a letter or digit
 * count, and not `unsure` ones: a scan's speck in the margin beside a row, read as "." or as ".e"
 * at 0.00, does not put the row outside the table (fresh seed 2009010879, whose third table ended
 * at its second page's first row).
 */
function withinSides(line: TextLine, table: OpenTable, speck: ExtractionSettings['lines']['speck']): boolean {
  const read = line.words.filter((w) => !unsure(w, speck));
  const text = textWordsOr(read.length ? read : line.words);
  if (text.length === 0) return true;
  return Math.min(...text.map((w) => w.x0)) >= table.left && Math.max(...text.map((w) => w.x1)) <= table.right;
}

/** In the page's top or bottom band, where running headers and footers are (furniture.marginShare). */
function inPageMargin(walk: Walk, page: PageWalk, line: TextLine): boolean {
  const { height } = page.tokens, share = walk.settings.furniture.marginShare;
  return line.y1 <= height * share || line.y0 >= height * (1 - share);
}

/**
 * A line that fits no table: the table ends, unless the line is in the page margins (unrecognised
 * running headers and footers neither join nor end a table) or holds no letter or digit (a scan's
 * specks beside the table, read as dots and dashes, are no text that could follow it).
 */
function rejectLine(walk: Walk, page: PageWalk, line: TextLine): void {
  if (inPageMargin(walk, page, line) || !line.words.some(holdsText)) page.freeLines.push(line);
  else endTable(walk, page, line);
}

/** A line outside any table: free text, and a warning when it reads like a row of the table that just ended. */
function freeLine(walk: Walk, page: PageWalk, i: number): void {
  const line = page.lines[i]!;
  const after = page.ended;
  if (after && rowStartsAt(page.lines, i, after, walk.settings)) {
    walk.leftOut.push({ table: after.owner.spec.name, page: page.tokens.page, line: line.text, where: 'after-table' });
    page.ended = null;
  }
  page.freeLines.push(line);
}

/**
 * Whether each closed-form column's text on the line is whole in its form: a row of another table
 * puts a date ("4/15/2017") where a count's column would be, which starts like a count.
 */
function keepsForms(line: TextLine, layout: ColumnLayout, forms: ReadonlyMap<string, RegExp>): boolean {
  return [...forms].every(([field, form]) => {
    const text = line.words.filter((w) => layout.columns[columnOf(w, layout)]!.field === field).map((w) => w.text).join(' ');
    return text === '' || form.test(text);
  });
}

/**
 * Free lines that read like rows of a table, on pages where no table of its spec is: rows whose
 * header OCR lost on their page (a header repeated on every page, found on the last page only),
 * or that the table's continuation did not take. They are not read, but they are not lost
 * silently either. The table's first segment's columns are the measure: a repeated header, and
 * a page's rows without one, sit where it put them.
 */
function rowsOnPagesWithout(walk: Walk, text: readonly PageText[]): LeftOutRow[] {
  const found: LeftOutRow[] = [];
  const reported = (page: number, line: TextLine) => [...walk.leftOut, ...found].some((r) => r.page === page && r.line === line.text);
  for (const open of walk.openTables) {
    const first = open.segments[0];
    if (!first) continue;
    const pagesWithTable = new Set(walk.openTables.filter((o) => o.spec.name === open.spec.name).flatMap((o) => o.segments.map((seg) => seg.page)));
    const anchors = anchorPatterns(open.spec);
    const forms = closedForms(open.spec);
    // Only OCR'd pages: a text layer does not lose a header.
    for (const page of text.filter((t) => t.source === 'ocr' && !pagesWithTable.has(t.page))) {
      const lines = [...page.lines].sort((a, b) => a.y0 - b.y0);
      lines.forEach((line, i) => {
        // The line itself starts every anchor: prose above a run of rows, whose lines ahead would
        // start them, is not one of them; a row whose cells centre its anchors apart is missed.
        // And it is spaced like a row across two columns or more: a title whose word falls in a
        // date column ("Declined" for December) is spaced like prose, a speck after it aside.
        const text = { ...line, words: line.words.filter(holdsText) };
        const columns = new Set(text.words.map((w) => columnOf(w, first.layout)));
        const starts = columns.size >= 2 && !proseLike(text, walk.settings) && !straddles(line, first.layout, walk.settings.body.straddleShare)
          && anchorStarts(line, first.layout, anchors, walk.settings.body, true).size === anchors.size && keepsForms(text, first.layout, forms)
          && rowStartsAt(lines, i, first, walk.settings);
        if (starts && !reported(page.page, line)) found.push({ table: open.spec.name, page: page.page, line: line.text, where: 'page-without-table' });
      });
    }
  }
  return found;
}

/**
 * The first line of a page that continues the table without repeating its header: it opens the
 * table's segment on this page, unless it ends the table. Boundaries placed from a page or two of
 * rows may be a little off: a line ends the table only when it both crosses one and reads like prose.
 */
function continuePage(walk: Walk, page: PageWalk, table: OpenTable, line: TextLine): void {
  const { settings } = walk;
  const inherited = table.segments.at(-1)!;
  const fitsSides = withinSides(line, table, settings.lines.speck);
  // Prose across columns in the page's margin is a running header that furniture did not
  // recognise (OCR read it differently on each page), however its words happen to fall between the
  // column boundaries; within one column it is the rest of a row the page break split.
  const acrossColumns = () => new Set(textWordsOr(line.words).map((w) => columnOf(w, inherited.layout))).size > 1;
  const prose = (straddles(line, inherited.layout, settings.body.straddleShare) || (inPageMargin(walk, page, line) && acrossColumns())) && proseLike(line, settings);
  // A line OCR read with no confidence at all (".e" at 0.00, a speck at the top of a scan) says
  // nothing of whether the page goes on with the table: had it opened the page's segment, the
  // first row, a page's margin below it, would have ended the table (fresh seed 155819069).
  if (line.words.every((w) => unsure(w, settings.lines.speck))) { page.freeLines.push(line); return; }
  // The rest of a header the page break cut, above the table's first row: no row, and no end.
  if (inherited.header !== null && inherited.body.length === 0 && finishesHeader(line, inherited.cells, table.spec, settings)) { page.freeLines.push(line); return; }
  if (!fitsSides || prose) { rejectLine(walk, page, line); return; }
  const segment: Segment = {
    owner: table, page: page.tokens.page, header: null, cells: inherited.cells, headerBand: { ...inherited.headerBand, y0: line.y0, y1: line.y0 },
    body: [line], layout: inherited.layout, rulings: page.tokens.rulings, columnGroup: inherited.columnGroup,
  };
  page.segment = segment;
  page.segments.push(segment);
  inherited.columnGroup.segments.push(segment);
  table.segments.push(segment);
}

/**
 * Do the lines from `start`, each with its text all in one column other than the first (or in
 * just the columns every row fills on its anchor line, anchors aside: rows whose anchor OCR never
 * read) and no
 * further below the one before than maxRowGapBeforeRow, lead to a line where a row starts? That is
 * a tall row whose cells are centred: it prints a long cell's items, spaced apart further than
 * maxRowGap, above its anchor; or tall rows whose anchor values OCR lost, before one that kept
 * its own. A note or caption after a table leads to no row.
 */
function leadsToRow(lines: readonly TextLine[], start: number, segment: Segment, settings: ExtractionSettings): boolean {
  // Rows whose anchor OCR never read (a place beside a lost count) print what the
  // rows before them print on their anchor line, anchors aside: on the way to a row, so are they.
  const anchorFields = anchorFieldsOf(segment);
  const anchorLines = segment.body.filter((line) => [...fieldsOf(line, segment.layout)].some((f) => anchorFields.has(f)));
  const rowFields = rowFieldsOf(anchorLines, segment);
  for (let i = start; i < lines.length; i++) {
    if (i > start && lines[i]!.y0 - lines[i - 1]!.y1 > settings.body.maxRowGapBeforeRow * segment.owner.size) return false;
    if (rowStartsAt(lines, i, segment, settings)) return true;
    const columns = new Set(textWordsOr(lines[i]!.words).map((w) => columnOf(w, segment.layout)));
    const fields = fieldsOf(lines[i]!, segment.layout);
    // It fills every column the rows fill on their anchor line, and no other.
    const unanchoredRow = rowFields.length > 0 && rowFields.every((f) => fields.has(f)) && [...fields].every((f) => rowFields.includes(f));
    if (!unanchoredRow && (columns.size !== 1 || columns.has(0))) return false;
  }
  return false;
}

/**
 * Is the line in a band between two of the table's row rules, the upper one under the segment's
 * last line, and no shorter or taller than its ruled rows (rulings.ruledRowHeightShare)? A padded
 * grid sets its rows further apart than maxRowGap, and a row whose anchor OCR lost (a one-digit
 * count on a grey band, fresh seed 506119437) starts no row, yet its rules show it is one. Text
 * after a table is not ruled above and below like its rows.
 */
function inRuledRow(segment: Segment, line: TextLine, previousBottom: number, page: PageWalk, settings: ExtractionSettings['rulings']): boolean {
  if (segment.body.length === 0) return false;
  const rules = rowRules(segment, page.tokens.rulings, settings, page.tokens.height);
  const bands = rules.slice(1).map((y1, k) => ({ y0: rules[k]!, y1 }));
  const heights = bands.filter((b) => b.y1 <= previousBottom + settings.rowRuleSlackPt && segment.body.some((l) => centreY(l) > b.y0 && centreY(l) < b.y1))
    .map((b) => b.y1 - b.y0);
  const band = bands.find((b) => b.y0 >= previousBottom && b.y0 <= centreY(line) && b.y1 >= centreY(line));
  if (!band || heights.length === 0) return false;
  const height = band.y1 - band.y0, share = settings.ruledRowHeightShare;
  return height >= Math.min(...heights) * (1 - share) && height <= Math.max(...heights) * (1 + share);
}

/**
 * A line below the table's segment on this page: a body line, unless it is too far below the
 * last (and no cell border bridges the gap, nor do row rules band it as a row, and no row starts
 * there, nor a tall row's lines leading to one) or outside the table's sides.
 */
function extendSegment(walk: Walk, page: PageWalk, table: OpenTable, segment: Segment, i: number): void {
  const { settings } = walk;
  const line = page.lines[i]!;
  const fitsSides = withinSides(line, table, settings.lines.speck);
  const previousBottom = segment.body.at(-1)?.y1 ?? segment.headerBand.y1;
  const gap = line.y0 - previousBottom;
  const farBelow = gap > settings.body.maxRowGap * table.size && !bridgedByBorders(previousBottom, line, table, page.tokens.rulings)
    && !inRuledRow(segment, line, previousBottom, page, settings.rulings)
    && !(gap <= settings.body.maxRowGapBeforeRow * table.size && (rowStartsAt(page.lines, i, segment, settings) || leadsToRow(page.lines, i, segment, settings)));
  if (farBelow || !fitsSides) rejectLine(walk, page, line);
  else segment.body.push(line);
}

/**
 * Does the header band found at its first line read better from the next line (the same spec,
 * as many columns named, fewer it does not know)? Then its first line is noise over the header
 * (specks OCR read as "oe"), not the header's first line, and would make a column of its own.
 */
function cleanerHeaderBelow(header: HeaderMatch, lines: readonly TextLine[], rulings: readonly Ruling[], walk: Walk): boolean {
  if (header.cells.every((c) => c.field !== null)) return false;
  const below = matchHeaderAt(lines, header.startLine + 1, [header.spec], rulings, walk.settings);
  const named = (m: HeaderMatch) => m.cells.filter((c) => c.field !== null).length;
  return below !== null && named(below) >= named(header) && below.cells.length - named(below) < header.cells.length - named(header);
}

/**
 * Is the header another table's, found on a line set as close under the open table's last body
 * line on this page as a header's own lines are (header.lineGap)? A header starts where the text
 * above it is set apart; this is a row's wrapped lines whose words happen to name another table's
 * columns (a place and a policy's last word under a row's first line, fresh seed 506119431).
 */
function withinOpenRow(header: HeaderMatch, walk: Walk, page: PageWalk, i: number): boolean {
  const above = page.lines[i - 1], line = page.lines[i]!, segment = page.segment;
  return segment !== null && header.spec !== segment.owner.spec && above !== undefined && segment.body.at(-1) === above
    && line.y0 - above.y1 <= walk.settings.header.lineGap * line.size
    && header.cells.filter((c) => c.field !== null).length < walk.settings.header.underRowMinNamed;
}

/**
 * The lines a page took as the open table's continuation, before its header is found repeated
 * below them, go back to free text: a producer repeats a header at the top of the page, above the
 * rest of a row the page break cut, so what sits above it is the page's running text (a running
 * header OCR read differently on each page, so furniture did not know it, that fell within one
 * column: fresh seed 506119443). The header then opens the page's segment as a repeated one.
 */
function withdrawContinuation(page: PageWalk): void {
  const segment = page.segment!;
  const without = (list: Segment[]) => list.splice(list.indexOf(segment), 1);
  without(segment.owner.segments);
  without(segment.columnGroup.segments);
  without(page.segments);
  page.freeLines.push(...segment.body);
  page.freeLines.sort((a, b) => a.y0 - b.y0);
  page.segment = null;
}

/** Stage 3 (per line): where line i goes. Returns the index of the next line to look at (a header takes several). */
function walkLine(walk: Walk, page: PageWalk, i: number): number {
  const line = page.lines[i]!;
  const { tokens } = page;
  // A speck before a heading (". Part Two:") is no part of it; a dash within it ("Part Two -") is.
  const text = line.words.slice(Math.max(0, line.words.findIndex(holdsText))).map((w) => w.text).join(' ');
  if (walk.stopPatterns.some((re) => re.test(text))) {
    endTable(walk, page, line);
    page.ended = null;
    return i + 1;
  }
  const adopted = walk.adopted.get(tokens.page);
  const found = (adopted?.startLine === i ? adopted : null) ?? matchHeaderAt(page.lines, i, walk.specs, tokens.rulings, walk.settings);
  const header = found && !withinOpenRow(found, walk, page, i) ? found : null;
  if (header && cleanerHeaderBelow(header, page.lines, tokens.rulings, walk)) {
    // Noise over a header: no part of any table.
    page.freeLines.push(line);
    return i + 1;
  }
  if (header) {
    page.ended = null;
    if (page.segment?.header === null && header.spec === page.segment.owner.spec) withdrawContinuation(page);
    page.segment = openAt(header, tokens.page, tokens.width, tokens.rulings, page.lines, walk.tables, walk.openTables, walk.settings);
    walk.open = page.segment.owner;
    page.segments.push(page.segment);
    return header.endLine;
  }
  if (!walk.open) freeLine(walk, page, i);
  else if (!page.segment) continuePage(walk, page, walk.open, line);
  else extendSegment(walk, page, walk.open, page.segment, i);
  return i + 1;
}

/** Stage 3: one page's lines into the open tables' segments and free text. */
function walkPage(walk: Walk, tokens: PageTokens, lines: readonly TextLine[]): PageWalk {
  const page: PageWalk = { tokens, lines, freeLines: [], segments: [], segment: null, ended: null };
  for (let i = 0; i < lines.length;) i = walkLine(walk, page, i);
  // Provisional boundaries (from the pages so far) decide whether the next page continues the table.
  for (const seg of page.segments) if (seg.body.length) seg.layout = placeColumns(seg, walk.settings);
  return page;
}

/** The document's words: all it prints (broken-word joins), and those OCR read with some confidence (isNoiseLine). */
interface Vocabularies { printed: ReadonlySet<string>; confident: ReadonlySet<string> }

/** Stage 4: final boundaries from every page of each table, then its rows in page order; each segment is drawn on its page's overlay. */
function buildTables(openTables: readonly OpenTable[], debug: readonly PageDebug[], settings: ExtractionSettings, vocabulary: Vocabularies, unread: ReadonlyMap<number, readonly Box[]>): void {
  // Every body is whole by now: one pool per header geometry serves all its segments.
  const pools = new Map<ColumnGroup, TextLine[]>();
  for (const open of openTables) {
    for (const seg of open.segments) {
      if (seg.body.length === 0) continue;
      seg.layout = placeColumns(seg, settings, pools);
      const rows = buildRows(open, seg, seg.rulings, settings, vocabulary, unread.get(seg.page) ?? []);
      if (!open.table.pages.includes(seg.page)) open.table.pages.push(seg.page);
      debug.find((d) => d.page === seg.page)!.segments.push({
        table: open.spec.name, header: seg.header?.box ?? null, headerCells: seg.header ? seg.cells : [], layout: seg.layout,
        region: unionBox([seg.headerBand, ...seg.body]), rows,
      });
    }
    joinWrappedForms(open.table.rows, open.spec);
    const kept = open.table.rows.filter((row) => !repeatsHeader(row.cells, open.spec, row.source === 'ocr', settings));
    if (kept.length < open.table.rows.length) open.table.rows = kept.map((row, i) => ({ ...row, index: i + 1 }));
  }
}

/**
 * Headers the matcher rejected because OCR lost some of their words (a grey band at 150 DPI read as
 * three cells of eight), on OCR'd pages where their table was not found, while its
 * header was read whole on another page of the file: a line, not prose, that holds the texts of at
 * least header.adoptMinCells of that header's cells, each where the cell is once the whole header
 * is moved by one shift (their median, within repeatTolerance, like completedFromEarlier), is
 * that header, moved. Keyed by page.
 */
function adoptedHeaders(walk: Walk, walked: readonly PageWalk[]): Map<number, HeaderMatch> {
  const adopted = new Map<number, HeaderMatch>();
  const { settings } = walk;
  for (const open of walk.openTables) {
    const whole = open.segments.find((seg) => seg.header !== null);
    if (!whole?.header) continue;
    const pagesWithTable = new Set(walk.openTables.filter((o) => o.spec === open.spec).flatMap((o) => o.segments.map((seg) => seg.page)));
    const tolerance = settings.header.repeatTolerance * open.size;
    for (const page of walked) {
      if (page.tokens.source !== 'ocr' || pagesWithTable.has(page.tokens.page) || adopted.has(page.tokens.page)) continue;
      const found = page.lines.map((line) => (proseLike(line, settings) ? null : cellsFoundIn(line, whole.cells, tolerance)));
      const i = found.findIndex((f) => f !== null && f.matched >= settings.header.adoptMinCells);
      if (i < 0) continue;
      const { dx, dy } = found[i]!;
      const box = { x0: whole.header.box.x0 + dx, x1: whole.header.box.x1 + dx, y0: whole.header.box.y0 + dy, y1: whole.header.box.y1 + dy };
      const inBand = page.lines.map((line, j) => (line.y1 > box.y0 && line.y0 < box.y1 ? j : -1)).filter((j) => j >= 0);
      const startLine = Math.min(i, ...inBand);
      const endLine = Math.max(i, ...inBand) + 1;
      const cells = whole.cells.map((c) => ({ ...c, x0: c.x0 + dx, x1: c.x1 + dx, y0: c.y0 + dy, y1: c.y1 + dy }));
      adopted.set(page.tokens.page, { spec: open.spec, startLine, endLine, cells, box });
    }
  }
  return adopted;
}

/**
 * Where a line holds the words of a header's one-line cells (their texts, up to case and
 * punctuation): how many, and the shift that puts the header there, when the cells found agree on
 * it within `tolerance`; null when none is found or they disagree.
 */
function cellsFoundIn(line: TextLine, cells: readonly HeaderCell[], tolerance: number): { matched: number; dx: number; dy: number } | null {
  // One key per word of the text, each with the OCR word it is in (one word "a/b" holds two).
  const keys = line.words.flatMap((w) => headerKey(w.text).split(' ').filter(Boolean).map((key) => ({ key, word: w })));
  const shifts = cells.flatMap((cell) => {
    const wanted = headerKey(cell.text).split(' ').filter(Boolean);
    if (wanted.length === 0) return [];
    const at = keys.findIndex((_, k) => wanted.every((word, n) => keys[k + n]?.key === word));
    if (at < 0) return [];
    const words = [...new Set(keys.slice(at, at + wanted.length).map((k) => k.word))];
    return [{ dx: centreX(unionBox(words)) - centreX(cell), dy: words[0]!.y0 - cell.y0 }];
  });
  if (shifts.length === 0) return null;
  const dx = median(shifts.map((s) => s.dx));
  const dy = median(shifts.map((s) => s.dy));
  const agreeing = shifts.filter((s) => Math.abs(s.dx - dx) <= tolerance && Math.abs(s.dy - dy) <= tolerance);
  return agreeing.length === shifts.length ? { matched: shifts.length, dx, dy } : null;
}

/** A line moved down by `dy` points (up when negative), its words with it. */
function movedLine(line: TextLine, dy: number): TextLine {
  return { ...line, y0: line.y0 + dy, y1: line.y1 + dy, words: line.words.map((w) => ({ ...w, y0: w.y0 + dy, y1: w.y1 + dy })) };
}

/**
 * Headers a page break cut: a page's last lines that are no header on their own, and the next
 * page's first lines, read as one header once the latter are set right under the former (a
 * LibreOffice table breaks its header row across pages: "Country of" at the foot of the page,
 * "Citizenship" at the top of the next; fresh seed 276994120, born-digital, a table lost). The
 * header opens its table on the next page (in its coordinates), as an adopted one; keyed by page.
 */
function headersAcrossPageBreaks(pages: readonly PageTokens[], lines: readonly (readonly TextLine[])[], walk: Walk): Map<number, HeaderMatch> {
  const { specs, settings } = walk;
  const found = new Map<number, HeaderMatch>();
  for (let p = 0; p + 1 < pages.length; p++) {
    const foot = lines[p]!, head = lines[p + 1]!;
    if (foot.length === 0 || head.length === 0 || matchHeaderAt(head, 0, specs, pages[p + 1]!.rulings, settings)) continue;
    for (let k = 1; k < settings.header.maxLines && k <= foot.length; k++) {
      const start = foot.length - k;
      if (matchHeaderAt(foot, start, specs, pages[p]!.rulings, settings)) break;
      // The next page's lines set as far under the foot's last line as the foot's lines are apart.
      const gap = k > 1 ? Math.max(0, foot[start + 1]!.y0 - foot[start]!.y1) : 0;
      const dy = foot.at(-1)!.y1 + gap - head[0]!.y0;
      const joined = [...foot.slice(start), ...head.slice(0, settings.header.maxLines - k).map((line) => movedLine(line, dy))];
      const match = matchHeaderAt(joined, 0, specs, [], settings);
      if (!match || match.endLine <= k) continue;
      const back = <B extends Box>(box: B): B => ({ ...box, y0: box.y0 - dy, y1: box.y1 - dy });
      found.set(pages[p + 1]!.page, { ...match, startLine: 0, endLine: match.endLine - k, cells: match.cells.map(back), box: back(match.box) });
      break;
    }
  }
  return found;
}

/**
 * Runs the engine over a document's pages: lines (stage 1), furniture (2), the walk that opens
 * tables at headers and gives them body lines page by page (3), then columns and rows (4).
 */
export function extractTables(pages: readonly PageTokens[], specs: readonly TableLayoutSpec[], options: ExtractionOptions = {}): ExtractionResult {
  const settings = options.settings ?? DEFAULT_EXTRACTION_SETTINGS;
  const pageLines = linesOfPages(pages, settings);
  const furniture = findFurniture(pageLines, settings.furniture, options.furniturePatterns);
  const walkAll = (adopted: Walk['adopted']) => {
    const walk: Walk = { specs, stopPatterns: options.stopPatterns ?? [], settings, tables: [], openTables: [], open: null, leftOut: [], adopted };
    const lines = pages.map((tokens, p) => withoutFurniture(pageLines[p]!.lines, furniture.get(tokens.page)!, tokens, walk));
    walk.adopted = new Map([...headersAcrossPageBreaks(pages, lines, walk), ...adopted]);
    const walked = pages.map((tokens, p) => walkPage(walk, tokens, lines[p]!));
    return { walk, walked };
  };
  // A header read in part where its table was not found is looked for again once the walk has
  // found that table's header on another page; the pages are walked again with it.
  const first = walkAll(new Map());
  const adopted = adoptedHeaders(first.walk, first.walked);
  const { walk, walked } = adopted.size > 0 ? walkAll(adopted) : first;
  const text: PageText[] = [];
  const debug: PageDebug[] = [];

  for (const [p, tokens] of pages.entries()) {
    const furnitureIndexes = furniture.get(tokens.page)!;
    const allLines = pageLines[p]!.lines;
    const page = walked[p]!;
    text.push({ page: tokens.page, source: tokens.source, lines: page.freeLines });
    debug.push({
      page: tokens.page, width: tokens.width, height: tokens.height, words: tokens.words,
      lines: allLines.map(boxOf),
      furniture: [...furnitureIndexes].map((i) => boxOf(allLines[i]!)),
      rulings: tokens.rulings,
      segments: [],
    });
  }

  const leftOut = [...walk.leftOut, ...rowsOnPagesWithout(walk, text)];
  const unread = new Map(pages.map((p) => [p.page, p.unread ?? []]));
  const words = pages.flatMap((p) => p.words);
  const vocabulary = { printed: vocabularyOf(words), confident: vocabularyOf(words.filter((w) => w.confidence >= settings.body.noiseLine.maxConfidence)) };
  buildTables(walk.openTables, debug, settings, vocabulary, unread);
  return { tables: walk.tables, text, debug, leftOut };
}

/**
 * A closed-form cell (a date, a count) that a narrow column wrapped inside its value ("2/5/20" over
 * "17") reads as one value joined without the space: only when the spaced text does not have the
 * column's form and the joined text does.
 */
function joinWrappedForms(rows: readonly ExtractedRow[], spec: TableLayoutSpec): void {
  for (const column of spec.columns) {
    if (!column.recheck) continue;
    const form = new RegExp(column.recheck.pattern, 'u');
    for (const row of rows) {
      const cell = row.cells[column.field];
      if (!cell || cell.lines.length < 2 || form.test(cell.text)) continue;
      const joined = cell.lines.join('');
      if (form.test(joined)) cell.text = joined;
    }
  }
}

const boxOf = (b: Box): Box => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
