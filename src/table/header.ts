/**
 * Finding a table's header: a band of one to a few lines whose words group into header cells that
 * name the spec's columns. Header cells are found by layout (words close together on a line, or
 * stacked over each other on consecutive lines), then named by the spec's aliases; cells packed
 * too tightly to separate are split by matching alias phrases.
 */
import { centreX, holdsText, trimSpecks, unionBox, overlap, type Box, type Ruling, type Word } from '../layout/tokens.ts';
import { median, readByOcr, type TextLine } from '../layout/lines.ts';
import type { ExtractionSettings } from './settings.ts';
import { closedForms, headerKey, type TableLayoutSpec } from './spec.ts';
import { nearest } from '../text/fuzzy.ts';
import { mayBeBrokenWord, type BrokenWordSettings } from '../layout/broken-words.ts';

export interface HeaderCell extends Box {
  /** The spec field it names, or null for a column the spec does not know. */
  field: string | null;
  text: string;
}

export interface HeaderMatch {
  spec: TableLayoutSpec;
  /** Index of the first and one past the last line of the header band. */
  startLine: number;
  endLine: number;
  cells: HeaderCell[];
  box: Box;
}

/** The widest gap (points) between two words of one header cell: in em, or in spaces of the font, whichever is wider. */
function wordGapLimit(a: Word, b: Word, gaps: ExtractionSettings['header']): number {
  return Math.max(gaps.cellGap * Math.min(a.size, b.size), gaps.cellGapSpaces * Math.max(a.space ?? 0, b.space ?? 0));
}

/** Is there a vertical ruling between two boxes, beside both (each may overlap it by `slack` points)? */
function separatedByRuling(a: Box, b: Box, rulings: readonly Ruling[], slack: number): boolean {
  const [left, right] = a.x1 <= b.x0 ? [a, b] : [b, a];
  return rulings.some((r) => r.orientation === 'v' && r.x0 >= left.x1 - slack && r.x1 <= right.x0 + slack
    && overlap(r.y0, r.y1, Math.min(a.y0, b.y0), Math.max(a.y1, b.y1)) > 0);
}

/** Groups the band's words into header cells: near on a line, or overlapping across lines. */
export function clusterHeaderCells(lines: readonly TextLine[], gaps: ExtractionSettings['header'], rulings: readonly Ruling[]): Word[][] {
  // Specks read as "?" or "." in a scanned header would open a column of their own.
  const words = lines.flatMap((l) => l.words).filter(holdsText);
  const parent = words.map((_, i) => i);
  const find = (i: number): number => {
    if (parent[i] !== i) parent[i] = find(parent[i]!);
    return parent[i]!;
  };
  // Words in order of their left edges: once a word starts further right of another's end than
  // any two words of the band may be apart, so do all after it, and the pairs left are few.
  const widestGap = Math.max(0, ...words.map((w) => Math.max(gaps.cellGap * w.size, gaps.cellGapSpaces * (w.space ?? 0))));
  const byLeft = words.map((_, i) => i).sort((i, j) => words[i]!.x0 - words[j]!.x0);
  for (let p = 0; p < byLeft.length; p++) {
    for (let q = p + 1; q < byLeft.length; q++) {
      if (words[byLeft[q]!]!.x0 - words[byLeft[p]!]!.x1 >= widestGap) break;
      // The pair in the words' own order: separatedByRuling is not symmetric for overlapping words.
      const i = Math.min(byLeft[p]!, byLeft[q]!), j = Math.max(byLeft[p]!, byLeft[q]!);
      const a = words[i]!, b = words[j]!;
      const sameLine = overlap(a.y0, a.y1, b.y0, b.y1) > 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
      const gap = Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1);
      const near = sameLine ? gap < wordGapLimit(a, b, gaps) : gap < 0;
      if (near && !separatedByRuling(a, b, rulings, gaps.borderOverlapPt)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Word[]>();
  words.forEach((w, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(w);
    else groups.set(root, [w]);
  });
  return [...groups.values()].sort((a, b) => Math.min(...a.map((w) => w.x0)) - Math.min(...b.map((w) => w.x0)));
}

/**
 * A cell's words in reading order: by line, then left to right. Lines are told apart by the middles
 * of the words' boxes, not their tops: an OCR box stretched by a speck above a word ("Toa" for a
 * garbled "Issued") must not put that word a line above its neighbours.
 */
function readingText(words: readonly Word[]): string {
  return readingOrder(words).map((w) => w.text).join(' ');
}

const middleOf = (w: Word) => (w.y0 + w.y1) / 2;
const readingOrder = (words: readonly Word[]) =>
  [...words].sort((a, b) => (Math.abs(middleOf(a) - middleOf(b)) > 0.5 * a.size ? middleOf(a) - middleOf(b) : a.x0 - b.x0));

/**
 * A header cell's text with the words its edge broke across lines joined again ("Citizenshi" over
 * "p"), or null when no line break of the cell is such a break (see mayBeBrokenWord). The cell's
 * widest line is the width of its text.
 */
function textAcrossBrokenWords(words: readonly Word[], settings: Pick<BrokenWordSettings, 'edgeSlack'>): string | null {
  const lines: Word[][] = [];
  for (const word of readingOrder(words)) {
    const line = lines.at(-1);
    if (line && Math.abs(middleOf(line[0]!) - middleOf(word)) <= 0.5 * line[0]!.size) line.push(word);
    else lines.push([word]);
  }
  if (lines.length < 2) return null;
  const width = Math.max(...lines.map((l) => Math.max(...l.map((w) => w.x1)) - Math.min(...l.map((w) => w.x0))));
  let joined = false;
  const text = lines.reduce((acc, line, k) => {
    const own = line.map((w) => w.text).join(' ');
    if (k === 0) return own;
    const broken = mayBeBrokenWord(lines[k - 1]!, line[0]!, width, settings);
    joined ||= broken;
    return broken ? `${acc}${own}` : `${acc} ${own}`;
  }, '');
  return joined ? text : null;
}

interface AliasIndex {
  get(key: string): string | undefined;
  /**
   * The columns an OCR'd key may name by its start or with one word off, when more than one fits
   * and get names none ("Detainer Toa Date": issued or declined). Empty for a text layer.
   */
  candidates(key: string): Set<string>;
  /** Is the key one of the aliases itself, not a misreading of one? */
  isAlias(key: string): boolean;
  /** Keys longer than this match no alias, not even within the edits allowed. */
  longestMatchable: number;
}

/** Built once per spec and tolerances: headers are looked for at every line of every page. */
const aliasIndexes = new WeakMap<TableLayoutSpec, Map<string, AliasIndex>>();

/**
 * Alias lookup: header key → field. An exact match first; then, for OCR'd headers ("Date
 * Decliried"), the one alias within `maxEditShare` edits of the key's length, if only one is,
 * or the one column whose aliases start with the key (see `ocrAliasPrefix`), or the one column
 * with an alias of as many words, at least `minOneWordOff`, all but one the key's.
 */
function aliasIndex(spec: TableLayoutSpec, maxEditShare: number, minPrefix: ExtractionSettings['header']['ocrAliasPrefix'], minOneWordOff: number): AliasIndex {
  const bySpec = aliasIndexes.get(spec) ?? new Map<string, AliasIndex>();
  aliasIndexes.set(spec, bySpec);
  const tolerances = `${maxEditShare}/${minPrefix.chars}/${minPrefix.share}/${minOneWordOff}`;
  const known = bySpec.get(tolerances);
  if (known) return known;
  const index = new Map<string, string>();
  for (const column of spec.columns) for (const alias of column.aliases) index.set(headerKey(alias), column.field);
  const compact = (key: string) => key.replaceAll(' ', '');
  const compactAliases = [...index].map(([key, field]) => ({ key: compact(key), field }));
  const longestAlias = Math.max(0, ...[...index.keys()].map((k) => k.length));
  // A key n long is at least n - longestAlias edits from every alias, and may be at most
  // maxEditShare × n edits from one.
  const longestMatchable = maxEditShare > 0 ? (maxEditShare < 1 ? longestAlias / (1 - maxEditShare) : Infinity) : longestAlias;
  // The first line of a wrapped header cell whose other lines OCR lost ("Country of" over a
  // "Citizenship" read as nothing), its word space perhaps lost too ("Countryof"): the start of
  // an alias, long enough not to be a chance prefix.
  const byStart = (key: string) => {
    const start = compact(key);
    return new Set(compactAliases.filter((a) => a.key.startsWith(start) && start.length >= Math.max(minPrefix.chars, minPrefix.share * a.key.length)).map((a) => a.field));
  };
  // One word of a longer alias garbled beyond any edit allowance ("CL, State" for "County,
  // State" in a shaded cell): every other word in place. A word that is itself another column's
  // alias is no garbled word but that column's name, set close to this one's (one column's name
  // beside the next one's second word is two cells, not the next one's alias misread).
  const byOneWordOff = (key: string) => {
    const words = key.split(' ');
    if (words.length < minOneWordOff) return new Set<string>();
    return new Set([...index].filter(([alias, field]) => {
      const aliasWords = alias.split(' ');
      if (aliasWords.length !== words.length) return false;
      const off = words.filter((w, i) => w !== aliasWords[i]);
      return off.length === 1 && (index.get(off[0]!) ?? field) === field;
    }).map(([, field]) => field));
  };
  const built: AliasIndex = {
    longestMatchable,
    get(key) {
      if (key.length > longestMatchable) return undefined;
      const exact = index.get(key);
      if (exact !== undefined || maxEditShare <= 0) return exact;
      const close = nearest(key, index.keys(), Math.floor(maxEditShare * key.length), maxEditShare);
      if (close !== null) return index.get(close);
      // Either names a column only when it fits one column's aliases only.
      for (const fields of [byStart(key), byOneWordOff(key)]) if (fields.size === 1) return [...fields][0];
      return undefined;
    },
    candidates(key) {
      if (maxEditShare <= 0 || key.length > longestMatchable) return new Set();
      return new Set([...byStart(key), ...byOneWordOff(key)]);
    },
    isAlias: (key) => index.has(key),
  };
  bySpec.set(tolerances, built);
  return built;
}

/**
 * Splits a one-line cluster into consecutive phrases that each match an alias (longest first),
 * for headers whose cells sit closer together than a normal column gap.
 */
function splitByAliases(words: readonly Word[], aliases: AliasIndex): HeaderCell[] | null {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  // The key of words joined by spaces is their own keys joined by spaces (headerKey turns every
  // run of other characters into one space), so a phrase's key grows word by word.
  const wordKeys = sorted.map((w) => headerKey(w.text));
  const cells: HeaderCell[] = [];
  let i = 0;
  while (i < sorted.length) {
    const phraseKeys: string[] = [];
    for (let end = i + 1, key = ''; end <= sorted.length; end++) {
      const next = wordKeys[end - 1]!;
      key = key && next ? `${key} ${next}` : key || next;
      if (key.length > aliases.longestMatchable) break;
      phraseKeys.push(key);
    }
    let matched = 0;
    // Longest phrase first; longer ones than phraseKeys holds match no alias.
    for (let end = i + phraseKeys.length; end > i; end--) {
      const phrase = sorted.slice(i, end);
      const field = aliases.get(phraseKeys[end - i - 1]!);
      if (field) {
        cells.push({ ...unionBox(phrase), field, text: phrase.map((w) => w.text).join(' ') });
        matched = end - i;
        break;
      }
    }
    if (!matched) return null;
    i += matched;
  }
  return cells;
}

/**
 * Joins neighbouring clusters whose words together name a column that no part names otherwise
 * ("County," + "State", "Criteria" + "for" + "Honoring Detainer"). OCR words carry no font, so
 * the space-width rule of clusterHeaderCells cannot tell a monospace space, wider than the cell
 * gap in em, from a gap between cells; the alias phrase can. Parts split by a ruling, or further
 * apart than `phraseGap`, are never joined.
 */
function joinAliasPhrases(found: readonly Word[][], aliases: AliasIndex, rulings: readonly Ruling[], gaps: ExtractionSettings['header']): Word[][] {
  const fieldOf = (words: readonly Word[]) => aliases.get(headerKey(readingText(words)));
  const clusters = withWordsRegrouped(found, fieldOf, gaps.phraseGap);
  const boxes = clusters.map((c) => unionBox(c));
  const joined: Word[][] = [];
  for (let i = 0; i < clusters.length;) {
    let last = i;
    for (let j = i + 1; j < clusters.length; j++) {
      const left = boxes[j - 1]!, right = boxes[j]!;
      const besideEachOther = overlap(left.y0, left.y1, right.y0, right.y1) > 0 && setAsPhrase(clusters[j - 1]!, clusters[j]!, gaps.phraseGap);
      if (!besideEachOther || separatedByRuling(left, right, rulings, gaps.borderOverlapPt)) break;
      const parts = clusters.slice(i, j + 1);
      const words = parts.flat();
      if (headerKey(words.map((w) => w.text).join(' ')).length > aliases.longestMatchable) break;
      const field = fieldOf(words);
      if (field !== undefined && parts.every((p) => { const own = fieldOf(p); return own === undefined || own === field; })) last = j;
    }
    joined.push(clusters.slice(i, last + 1).flat());
    i = last + 1;
  }
  return joined;
}

/**
 * Two neighbouring one-line clusters, one of which names nothing, give a word or two across their
 * border when both then name a column: OCR measures gaps between words unevenly, so a cell's
 * border may fall inside a phrase (the gap inside a two-word alias read wider than the one after
 * it, so its first word stood alone: fresh seed 257311831). Only clusters set as close as a
 * phrase's words (`setAsPhrase`): a word 220 pt before a two-word alias is no word of it (fresh
 * seed 239346119, where it and the alias's first word named the same column as its second word).
 */
function withWordsRegrouped(clusters: readonly Word[][], fieldOf: (words: readonly Word[]) => string | undefined, phraseGap: number): Word[][] {
  const moved = clusters.map((c) => [...c].sort((a, b) => a.x0 - b.x0));
  for (let i = 0; i + 1 < moved.length; i++) {
    const left = moved[i]!, right = moved[i + 1]!;
    if (!setAsPhrase(left, right, phraseGap)) continue;
    if (!onOneLine([...left, ...right]) || (fieldOf(left) !== undefined && fieldOf(right) !== undefined)) continue;
    const words = [...left, ...right];
    const cuts = [-2, -1, 1, 2].map((k) => left.length + k).filter((cut) => cut > 0 && cut < words.length);
    const cut = cuts.find((at) => fieldOf(words.slice(0, at)) !== undefined && fieldOf(words.slice(at)) !== undefined);
    if (cut === undefined) continue;
    moved[i] = words.slice(0, cut);
    moved[i + 1] = words.slice(cut);
  }
  return moved;
}

/** Is the right cluster set after the left one no further than a phrase's words (phraseGap em of the smaller words)? */
function setAsPhrase(left: readonly Word[], right: readonly Word[], phraseGap: number): boolean {
  const size = Math.min(...left.map((w) => w.size), ...right.map((w) => w.size));
  return unionBox(right).x0 - unionBox(left).x1 < phraseGap * size;
}

/** Do the words sit on one line: each overlaps the first vertically? */
const onOneLine = (words: readonly Word[]) => words.every((w) => overlap(w.y0, w.y1, words[0]!.y0, words[0]!.y1) > 0);

/** A cluster's words in stacks: runs of words whose x ranges overlap, split where no line has a word. */
function stacksOf(words: readonly Word[]): Word[][] {
  const stacks: { x1: number; words: Word[] }[] = [];
  for (const word of [...words].sort((a, b) => a.x0 - b.x0)) {
    const last = stacks.at(-1);
    if (last && word.x0 <= last.x1) { last.words.push(word); last.x1 = Math.max(last.x1, word.x1); }
    else stacks.push({ x1: word.x1, words: [word] });
  }
  return stacks.map((s) => s.words);
}

/**
 * The clusters with each one of several lines that names no column split into its stacks, for
 * joinAliasPhrases to join again another way; the same array when none is. Two lines of a wrapped
 * header touch the cells beside them unevenly: in a monospace header, a cell's lower line ran
 * into the last word of the cell on its left, while its upper line stood a space apart from its
 * own second word (fresh seed 1307624180), so one cluster held parts of two cells and that second
 * word was a cluster of its own.
 */
function inStacks(clusters: readonly Word[][], aliases: AliasIndex): readonly Word[][] {
  const split = (cluster: readonly Word[]) => !onOneLine(cluster) && aliases.get(headerKey(readingText(cluster))) === undefined;
  return clusters.some(split) ? clusters.flatMap((c) => (split(c) ? stacksOf(c) : [c])) : clusters;
}

/**
 * The clusters with neighbours that no vertical ruling separates joined, where rulings bound the
 * band's cells on both sides: words of one ruled cell are one cell however far apart OCR put
 * them; the same array when nothing joins. A garbled word's box is shorter than the word (a
 * monospace header word read as "Sobor" left three em before the next word of its cell: fresh
 * seed 992905811).
 */
function inRuledCells(clusters: readonly Word[][], rulings: readonly Ruling[], gaps: ExtractionSettings['header']): readonly Word[][] {
  if (rulings.length < 2) return clusters;
  const boxes = clusters.map((c) => unionBox(c));
  const left = Math.min(...rulings.map((r) => r.x0)), right = Math.max(...rulings.map((r) => r.x1));
  const joined: Word[][] = [];
  clusters.forEach((cluster, i) => {
    const previous = boxes[i - 1];
    const inside = boxes[i]!.x0 > left && boxes[i]!.x1 < right;
    if (previous && inside && previous.x0 > left && !separatedByRuling(previous, boxes[i]!, rulings, gaps.borderOverlapPt)) joined.at(-1)!.push(...cluster);
    else joined.push([...cluster]);
  });
  return joined.length < clusters.length ? joined : clusters;
}

/**
 * Splits a cluster of several lines that names no column into the stacks it is made of, when each
 * stack, or run of neighbouring stacks, names one: wrapped header cells of a narrow monospace
 * table ("Country of / Citizenship" beside "Date / Issued") sit one space apart, as close as the
 * words of one cell, but no word bridges the gap between them.
 */
function splitByStacks(cluster: readonly Word[], aliases: AliasIndex, gaps: ExtractionSettings['header']): HeaderCell[] | null {
  const stacks = stacksOf(cluster);
  if (stacks.length < 2) return null;
  const cells = joinAliasPhrases(stacks, aliases, [], gaps).map((words) => ({ ...unionBox(words), field: aliases.get(headerKey(readingText(words))) ?? null, text: readingText(words) }));
  return cells.every((c) => c.field !== null) ? cells : null;
}

function nameCells(clusters: readonly Word[][], aliases: AliasIndex, gaps: ExtractionSettings['header'], broken: Pick<BrokenWordSettings, 'edgeSlack'>): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (const cluster of clusters) {
    const spaced = readingText(cluster);
    const rejoined = aliases.get(headerKey(spaced)) === undefined ? textAcrossBrokenWords(cluster, broken) : null;
    // A word the cell's edge broke names its column only as one word again.
    const text = rejoined !== null && aliases.get(headerKey(rejoined)) !== undefined ? rejoined : spaced;
    const field = aliases.get(headerKey(text)) ?? null;
    const split = field || cluster.length < 2 ? null : onOneLine(cluster) ? splitByAliases(cluster, aliases) : splitByStacks(cluster, aliases, gaps);
    if (split) cells.push(...split);
    else cells.push({ ...unionBox(cluster), field, text });
  }
  return cells;
}

/** The key words of a line's words, once per line: every line is in up to maxLines bands. */
const lineKeyWords = new WeakMap<TextLine, Set<string>>();
function keyWordsOf(line: TextLine): Set<string> {
  let known = lineKeyWords.get(line);
  if (!known) {
    known = new Set(line.words.flatMap((w) => headerKey(w.text).split(' ')));
    lineKeyWords.set(line, known);
  }
  return known;
}

/**
 * The words a line and the next one spell when a word of the first is stacked on one of the next
 * ("Citizenshi" over "p"), once per pair of lines: every pair is in up to maxLines - 1 bands, for
 * every spec, and the pairing is quadratic in the lines' words.
 */
const brokenWordsBelow = new WeakMap<TextLine, { below: TextLine; words: Set<string> }>();
function brokenWordsAcross(line: TextLine, below: TextLine): Set<string> {
  const known = brokenWordsBelow.get(line);
  if (known?.below === below) return known.words;
  const words = new Set<string>();
  for (const head of line.words) {
    for (const tail of below.words) {
      if (overlap(head.x0, head.x1, tail.x0, tail.x1) <= 0) continue;
      const [a, b] = [headerKey(head.text).split(' ').at(-1), headerKey(tail.text).split(' ')[0]];
      if (a && b) words.add(a + b);
    }
  }
  brokenWordsBelow.set(line, { below, words });
  return words;
}

/** For each required column, the key words of each of its aliases. */
const requiredAliasWords = new WeakMap<TableLayoutSpec, string[][][]>();

/**
 * Whether every required column has an alias whose key words all occur in the band. Without that,
 * no exact alias match (a cell's key is its words' keys joined) can name them all, so text bands
 * that fail it are not clustered at all; OCR'd bands, matched within edits, are always clustered.
 */
function mayNameRequired(spec: TableLayoutSpec, band: readonly TextLine[]): boolean {
  let columns = requiredAliasWords.get(spec);
  if (!columns) {
    columns = spec.columns.filter((c) => c.required).map((c) => c.aliases.map((a) => headerKey(a).split(' ')));
    requiredAliasWords.set(spec, columns);
  }
  // A word a cell's edge broke ("Citizenshi" over "p") is present as its two stacked parts;
  // nameCells decides whether the break is one. Looked for only when a word is not there whole.
  const present = (word: string) => band.some((line) => keyWordsOf(line).has(word))
    || band.some((line, k) => k + 1 < band.length && brokenWordsAcross(line, band[k + 1]!).has(word));
  return columns.every((aliases) => aliases.some((aliasWords) => aliasWords.every(present)));
}

/**
 * Unnamed OCR'd cells that fit several columns' aliases (see AliasIndex.candidates) name the one
 * of them no other cell names, repeatedly, as each naming may settle another: "Detainer Toa Date"
 * is the issued date when "Date Declined" names the declined one.
 */
function nameByCandidates(cells: HeaderCell[], aliases: AliasIndex): HeaderCell[] {
  const named = new Set(cells.flatMap((c) => (c.field === null ? [] : [c.field])));
  const candidates = new Map(cells.filter((c) => c.field === null).map((c) => [c, aliases.candidates(headerKey(c.text))]));
  const fields = new Map<HeaderCell, string>();
  for (let settled = true; settled;) {
    settled = false;
    for (const [cell, fits] of candidates) {
      const open = [...fits].filter((f) => !named.has(f));
      if (open.length !== 1) continue;
      fields.set(cell, open[0]!);
      named.add(open[0]!);
      candidates.delete(cell);
      settled = true;
    }
  }
  return fields.size ? cells.map((c) => (fields.has(c) ? { ...c, field: fields.get(c)! } : c)) : cells;
}

/** How many columns a header must name before the one required column it lacks is placed by elimination (see nameByElimination). */
function minNamedForElimination(spec: TableLayoutSpec, settings: Pick<ExtractionSettings['header'], 'minNamedForElimination' | 'minNamedForEliminationSmall'>): number {
  const others = spec.columns.filter((c) => c.required).length - 1;
  return Math.max(settings.minNamedForEliminationSmall, Math.min(settings.minNamedForElimination, others));
}

/**
 * An OCR'd header that names every required column but one, with exactly one cell naming nothing
 * (or cells OCR split from one, see oneCellSplit), names that cell by elimination (a one-word name
 * a 150 DPI scan garbled beyond any edit allowance, read "P="). Only with at least
 * `minNamedForElimination` columns named otherwise (or all the others of a table with fewer, and
 * at least `minNamedForEliminationSmall`), so a short header, or a body row, is never named this way.
 */
function nameByElimination(spec: TableLayoutSpec, cells: HeaderCell[], em: number, settings: Pick<ExtractionSettings['header'], 'minNamedForElimination' | 'minNamedForEliminationSmall' | 'phraseGap'>): HeaderCell[] {
  const minNamed = minNamedForElimination(spec, settings);
  const named = new Set(cells.flatMap((c) => (c.field === null ? [] : [c.field])));
  const unnamed = cells.filter((c) => c.field === null);
  // An empty ruled cell (withEmptyRuledCells) may be an optional column too, when it is the only one missing.
  const missing = spec.columns.filter((c) => (c.required || (unnamed.length === 1 && unnamed[0]!.text === '')) && !named.has(c.field));
  if (missing.length !== 1 || named.size < minNamed || !oneCellSplit(unnamed, cells, settings.phraseGap * em)) return cells;
  const merged: HeaderCell = { ...unionBox(unnamed), field: missing[0]!.field, text: unnamed.map((c) => c.text).join(' ') };
  return cells.flatMap((c) => (c === unnamed[0] ? [merged] : unnamed.includes(c) ? [] : [c]));
}

/**
 * Whether the unnamed cells are one, or one OCR split: each set as close after the ones before as
 * a phrase's words (`gap` points), with no named cell among them (a two-line monospace name whose
 * garbled second line stacked under its first word, leaving the first line's last word a cluster
 * of its own; fresh seed 981215851).
 */
function oneCellSplit(unnamed: readonly HeaderCell[], cells: readonly HeaderCell[], gap: number): boolean {
  if (unnamed.length <= 1) return unnamed.length === 1;
  const sorted = [...unnamed].sort((a, b) => a.x0 - b.x0);
  const x0 = sorted[0]!.x0, x1 = Math.max(...sorted.map((c) => c.x1));
  return sorted.every((c, i) => i === 0 || c.x0 - Math.max(...sorted.slice(0, i).map((b) => b.x1)) < gap)
    && !cells.some((c) => c.field !== null && c.x0 < x1 && c.x1 > x0);
}

/**
 * A header cell OCR read nothing in (a short word in a shaded cell, "City"), between two vertical
 * rulings that cross the header band: an empty cell, so its column's words do not run into the
 * neighbouring column. Needs two rulings between the cells around it, at least `minWidth` apart.
 */
function withEmptyRuledCells(cells: readonly HeaderCell[], band: Box, rulings: readonly Ruling[], minWidth: number): HeaderCell[] {
  const crossing = rulings.filter((r) => r.orientation === 'v' && r.y0 <= band.y0 && r.y1 >= band.y1).map((r) => (r.x0 + r.x1) / 2).sort((a, b) => a - b);
  return cells.flatMap((cell, i) => {
    const next = cells[i + 1];
    if (!next) return [cell];
    const between = crossing.filter((x) => x > cell.x1 && x < next.x0);
    const [first, last] = [between[0], between.at(-1)];
    return first !== undefined && last !== undefined && last - first >= minWidth
      ? [cell, { x0: first, x1: last, y0: band.y0, y1: band.y1, field: null, text: '' }]
      : [cell];
  });
}

/** The required columns of the spec that no cell names. */
const missingRequired = (spec: TableLayoutSpec, cells: readonly HeaderCell[]) =>
  spec.columns.filter((c) => c.required && !cells.some((cell) => cell.field === c.field));

/**
 * The gaps between consecutive header cells, the page's edges included, as [x0, x1) ranges: where
 * a column whose header cell OCR lost entirely must lie.
 */
function gapsBetween(cells: readonly HeaderCell[]): { x0: number; x1: number }[] {
  const edges = [-Infinity, ...cells.flatMap((c) => [c.x0, c.x1]), Infinity];
  return cells.length ? Array.from({ length: cells.length + 1 }, (_, i) => ({ x0: edges[2 * i]!, x1: edges[2 * i + 1]! })) : [];
}

/** The words of a line that start a column: each with text and at least `gap` points clear of the word before it. */
function columnStarts(line: TextLine, gap: number): Word[] {
  const words = line.words.filter(holdsText).sort((a, b) => a.x0 - b.x0);
  return words.filter((w, i) => i === 0 || w.x0 - words[i - 1]!.x1 >= gap);
}

/** The first body lines under a header band that hold text: what the columns below look like. */
function bodyLinesBelow(below: readonly TextLine[], settings: ExtractionSettings['header']): TextLine[] {
  return below.filter((l) => l.words.filter(holdsText).length >= 2).slice(0, settings.unheadedColumn.lookaheadLines);
}

/** Body lines with a word under a named anchor column's header cell that starts a value there (its anchorPattern). */
function anchorLines(spec: TableLayoutSpec, cells: readonly HeaderCell[], body: readonly TextLine[]): TextLine[] {
  const anchors = spec.columns.flatMap((column) => {
    const cell = column.anchor ? cells.find((c) => c.field === column.field) : undefined;
    return cell ? [{ cell, start: column.anchorPattern ? new RegExp(column.anchorPattern, 'iu') : null }] : [];
  });
  return body.filter((line) => anchors.some(({ cell, start }) =>
    line.words.some((w) => holdsText(w) && w.x0 < cell.x1 && w.x1 > cell.x0 && (start === null || start.test(w.text)))));
}

/**
 * Two columns' names set as close as one name's words, which OCR read without their second lines
 * (two wrapped cells whose lower lines it lost): their first lines together happen to be one
 * column's alias, and the column the header misses has no cell (fresh seed 2009010888).
 * The body tells them apart: on at least `minShare` of its lines a column starts under the
 * cell's first words and another under its last ones. The cell is cut there when one part still
 * names the cell's column and the other may name the missing one (by an alias, or as the start
 * of one). Null when no cell is two columns.
 */
function splitByBodyColumns(cells: readonly HeaderCell[], bandWords: readonly Word[], lines: readonly TextLine[], missing: string, aliases: AliasIndex, clear: number, minShare: number): HeaderCell[] | null {
  if (lines.length === 0) return null;
  for (const cell of cells) {
    const words = bandWords.filter((w) => holdsText(w) && w.x0 >= cell.x0 && w.x1 <= cell.x1).sort((a, b) => a.x0 - b.x0);
    for (let k = 1; k < words.length; k++) {
      const left = words.slice(0, k), right = words.slice(k);
      const starting = lines.filter((line) => {
        const starts = columnStarts(line, clear);
        return starts.some((w) => w.x0 >= cell.x0 - clear && w.x0 < right[0]!.x0 - clear) && starts.some((w) => w.x0 >= right[0]!.x0 - clear && w.x0 <= cell.x1);
      });
      if (starting.length < minShare * lines.length) continue;
      const part = (ws: readonly Word[], field: string | null): HeaderCell => ({ x0: ws[0]!.x0, x1: ws.at(-1)!.x1, y0: cell.y0, y1: cell.y1, field, text: ws.map((w) => w.text).join(' ') });
      const key = (ws: readonly Word[]) => headerKey(ws.map((w) => w.text).join(' '));
      const mayName = (ws: readonly Word[], field: string) => aliases.get(key(ws)) === field || aliases.candidates(key(ws)).has(field);
      const pair = aliases.get(key(right)) === cell.field && mayName(left, missing) ? [part(left, missing), part(right, cell.field)]
        : aliases.get(key(left)) === cell.field && mayName(right, missing) ? [part(left, cell.field), part(right, missing)] : null;
      if (pair) return cells.flatMap((c) => (c === cell ? pair : [c]));
    }
  }
  return null;
}

/**
 * See settings.header.unheadedColumn: the one required column an OCR'd header does not name gets
 * an empty cell in the one gap between header cells where the body lines below start a column.
 */
function withUnheadedColumn(
  spec: TableLayoutSpec,
  cells: readonly HeaderCell[],
  band: Box,
  bandWords: readonly Word[],
  below: readonly TextLine[],
  em: number,
  aliases: AliasIndex,
  settings: ExtractionSettings['header'],
): HeaderCell[] {
  const named = new Set(cells.map((c) => c.field));
  const missing = missingRequired(spec, cells);
  const { minShare, gap } = settings.unheadedColumn;
  const body = bodyLinesBelow(below, settings);
  const clear = gap * em;
  if (missing.length === 0) return withTrailingColumn(spec, cells, band, body, clear, settings.unheadedColumn);
  if (missing.length !== 1 || named.has(null) || named.size < minNamedForElimination(spec, settings)) return [...cells];
  const startsIn = (range: { x0: number; x1: number }, line: TextLine) =>
    columnStarts(line, clear).filter((w) => w.x0 >= range.x0 + clear && w.x0 <= range.x1 - clear);
  // Tall rows print their long cells' further lines alone (a list of criteria): the lines that
  // start a value under an anchor column, a row's own lines, show where its columns start.
  const anchored = anchorLines(spec, cells, body);
  const lines = anchored.length >= 2 ? anchored : body;
  const split = splitByBodyColumns(cells, bandWords, lines, missing[0]!.field, aliases, clear, minShare);
  if (split) return withTrailingColumn(spec, split, band, body, clear, settings.unheadedColumn);
  const columns = gapsBetween(cells).filter((range) => lines.length && lines.filter((l) => startsIn(range, l).length).length >= minShare * lines.length);
  if (columns.length !== 1) return [...cells];
  // A line's first start only: a second one further right is the start of a column lost beside it.
  const starts = lines.flatMap((l) => startsIn(columns[0]!, l).slice(0, 1));
  if (starts.length === 0) return [...cells];
  const cell: HeaderCell = { x0: Math.min(...starts.map((w) => w.x0)), x1: Math.max(...starts.map((w) => w.x1)), y0: band.y0, y1: band.y1, field: missing[0]!.field, text: '' };
  return withTrailingColumn(spec, [...cells, cell].sort((a, b) => a.x0 - b.x0), band, body, clear, settings.unheadedColumn);
}

/**
 * See settings.header.unheadedColumn.trailingMinShare: a header that names every required column
 * but lost an optional one at its right end (a shaded "Convicted/Charged" read as nothing) gets a
 * cell for it where the body starts a column past the last header cell, beside text under that
 * cell, so the column's words do not join the last column's ("Larceny Convicted"). The cell is
 * the missing optional column whose closed form most of its values have; else, when no missing
 * optional column has a form and only one is missing, that one; else it names nothing, and its
 * text is reported, not lost. A column named by its form may show on one line (a header at a
 * page's foot); one that is not needs two.
 */
function withTrailingColumn(spec: TableLayoutSpec, cells: readonly HeaderCell[], band: Box, body: readonly TextLine[], clear: number, settings: ExtractionSettings['header']['unheadedColumn']): HeaderCell[] {
  const last = cells.at(-1);
  if (!last) return [...cells];
  const underLast = (line: TextLine) => line.words.some((w) => holdsText(w) && w.x0 < last.x1 && w.x1 > last.x0);
  // Clear of every word before it, a dash included: "Burglary - Forced" is one value, not two columns.
  const startPast = (line: TextLine) => {
    const words = [...line.words].sort((a, b) => a.x0 - b.x0);
    return words.find((w, i) => holdsText(w) && w.x0 >= last.x1 + clear && i > 0 && w.x0 - words[i - 1]!.x1 >= clear);
  };
  const values = body.flatMap((line) => {
    const start = startPast(line);
    return start && underLast(line) ? [line.words.filter((w) => holdsText(w) && w.x0 >= start.x0)] : [];
  });
  if (values.length === 0 || values.length < settings.trailingMinShare * body.length) return [...cells];
  const optional = spec.columns.filter((c) => !c.required && !cells.some((cell) => cell.field === c.field));
  const forms = closedForms(spec);
  const withForm = optional.filter((c) => forms.has(c.field));
  const fitting = withForm.filter((c) => values.filter((words) => forms.get(c.field)!.test(words.map((w) => w.text).join(' '))).length >= settings.minShare * values.length);
  const field = fitting.length === 1 ? fitting[0]!.field : withForm.length === 0 && optional.length === 1 ? optional[0]!.field : null;
  // A header at a page's foot has one row under it: its form names the column; one value of no
  // known form is too little to make a column of.
  if (fitting.length === 0 && values.length < 2) return [...cells];
  const words = values.flat();
  return [...cells, { x0: Math.min(...words.map((w) => w.x0)), x1: Math.max(...words.map((w) => w.x1)), y0: band.y0, y1: band.y1, field, text: '' }];
}

/**
 * A header too short for elimination by count (two columns, one garbled beyond reading: "County,
 * State" beside "ormisrtiscons") names its one unnamed cell by the body under it: when the one
 * required column missing has a closed form (a count, a date), and on at least
 * `unheadedColumn.minShare` of the first body lines the column starting in the cell's gap between
 * the named cells (as withUnheadedColumn finds one) is a whole value of that form. The gap, not
 * the cell: a count set right under a wide header lies beyond the part of it OCR read.
 */
function nameByBodyForm(spec: TableLayoutSpec, cells: HeaderCell[], below: readonly TextLine[], em: number, settings: ExtractionSettings['header']): HeaderCell[] {
  const unnamed = cells.filter((c) => c.field === null);
  const named = cells.filter((c) => c.field !== null);
  const missing = missingRequired(spec, named);
  const form = missing.length === 1 ? closedForms(spec).get(missing[0]!.field) : undefined;
  if (!form || unnamed.length !== 1 || named.length === 0) return cells;
  const cell = unnamed[0]!;
  const gap = gapsBetween(named).find((g) => g.x0 <= cell.x0 && cell.x1 <= g.x1);
  if (!gap) return cells;
  const clear = settings.unheadedColumn.gap * em;
  const under = (line: TextLine) => {
    const start = columnStarts(line, clear).find((w) => w.x0 >= gap.x0 + clear && w.x0 <= gap.x1 - clear);
    return start ? line.words.filter((w) => holdsText(w) && w.x0 >= start.x0 && w.x1 <= gap.x1 - clear).map((w) => w.text).join(' ') : '';
  };
  const body = bodyLinesBelow(below, settings);
  const fitting = body.filter((l) => form.test(under(l))).length;
  return body.length && fitting >= settings.unheadedColumn.minShare * body.length ? cells.map((c) => (c === cell ? { ...c, field: missing[0]!.field } : c)) : cells;
}

/** The median height of the words that hold text: the measure a speck is small against. */
export const typicalTextHeight = (words: readonly Word[]) => median(words.filter(holdsText).map((w) => w.y1 - w.y0));

/**
 * A word much shorter than the text around it (`typical`, typicalTextHeight) that OCR is unsure
 * of: a speck read as letters ("LJ" 2.9 pt tall at 0.40 beside 7 pt text). See doubtfulSpeckMaxHeightShare.
 * Digits and capitals stand as tall as the text's capitals, so one of those that short is a speck
 * however sure OCR is ("0" 1.9 pt tall at 0.54 beside 6.5 pt text, fresh seed 236893314, which
 * opened a column of its own in the middle of a header cell).
 */
export const doubtfulSpeck = (w: Word, typical: number, settings: ExtractionSettings['header']) =>
  (w.y1 - w.y0) / typical < settings.doubtfulSpeckMaxHeightShare
  && (w.confidence < settings.doubtfulSpeckMaxConfidence || /^[\p{Lu}\p{N}]+$/u.test(trimSpecks(w.text)));

/**
 * The band without specks: words with no letter or digit (no alias needs one: header keys drop
 * them) and words too short to be text (see settings.header.speckMaxHeightShare).
 */
function withoutSpecks(band: readonly TextLine[], settings: ExtractionSettings['header']): TextLine[] {
  const typical = typicalTextHeight(band.flatMap((l) => l.words));
  const kept = (w: Word) => holdsText(w) && (w.y1 - w.y0) / typical >= settings.speckMaxHeightShare && !doubtfulSpeck(w, typical, settings);
  return band.every((l) => l.words.every(kept)) ? [...band] : band.map((l) => ({ ...l, words: l.words.filter(kept) })).filter((l) => l.words.length);
}

function isAcceptable(spec: TableLayoutSpec, cells: readonly HeaderCell[], maxUnknownShare: number): boolean {
  const fields = cells.map((c) => c.field).filter((f): f is string => f !== null);
  if (new Set(fields).size !== fields.length) return false;
  if (!spec.columns.every((c) => !c.required || fields.includes(c.field))) return false;
  return cells.length - fields.length <= maxUnknownShare * cells.length;
}

/**
 * The vertical rulings beside the band's words: the only ones separatedByRuling can find between
 * two of its words or cells. A ruled page has hundreds of rulings, and every pair of nearby
 * words of every band was checked against all of them.
 */
function verticalRulingsAcross(band: readonly TextLine[], rulings: readonly Ruling[]): Ruling[] {
  const words = band.flatMap((l) => l.words);
  const y0 = Math.min(...words.map((w) => w.y0)), y1 = Math.max(...words.map((w) => w.y1));
  return rulings.filter((r) => r.orientation === 'v' && overlap(r.y0, r.y1, y0, y1) > 0);
}

/** Tries every spec and band height at line `start`; returns the best header there, if any. */
export function matchHeaderAt(
  lines: readonly TextLine[],
  start: number,
  specs: readonly TableLayoutSpec[],
  rulings: readonly Ruling[],
  settings: ExtractionSettings,
): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  let bestByAlias = -1;
  /** The best band's cells named by their aliases, for a taller band to keep. */
  let aliasNamed: { spec: TableLayoutSpec | null; cells: HeaderCell[] } = { spec: null, cells: [] };
  for (let height = 1; height <= settings.header.maxLines && start + height <= lines.length; height++) {
    const band = lines.slice(start, start + height);
    const last = band[band.length - 1]!, previous = band[band.length - 2];
    if (previous && last.y0 - previous.y1 > settings.header.lineGap * last.size) break;
    const ocr = readByOcr(band);
    const candidates = ocr ? specs : specs.filter((spec) => mayNameRequired(spec, band));
    if (candidates.length === 0) continue;
    const across = verticalRulingsAcross(band, rulings);
    const clusters = clusterHeaderCells(ocr ? withoutSpecks(band, settings.header) : band, settings.header, across);
    const below = lines.slice(start + height);
    for (const spec of candidates) {
      const aliases = aliasIndex(spec, ocr ? settings.header.ocrAliasEditShare : 0, settings.header.ocrAliasPrefix, settings.header.ocrAliasOneWordOffMinWords);
      const cellsOf = (from: readonly Word[][]) => {
        const read = nameCells(joinAliasPhrases(from, aliases, across, settings.header), aliases, settings.header, settings.brokenWords);
        const named = ocr ? withEmptyRuledCells(read, unionBox(band), across, settings.header.emptyRuledCellMinWidth * last.size) : read;
        const eliminated = ocr ? nameByElimination(spec, nameByCandidates(named, aliases), last.size, settings.header) : named;
        const cells = ocr ? nameByBodyForm(spec, withUnheadedColumn(spec, eliminated, unionBox(band), band.flatMap((l) => l.words), below, last.size, aliases, settings.header), below, last.size, settings.header) : eliminated;
        return { named, cells };
      };
      let { named, cells } = cellsOf(clusters);
      // Named another way when the clusters name no acceptable header: wrapped clusters in stacks,
      // or a ruled band's clusters by its cells.
      for (const other of [inStacks(clusters, aliases), ocr ? inRuledCells(clusters, across, settings.header) : clusters]) {
        if (isAcceptable(spec, cells, settings.header.maxUnknownShare) || other === clusters) continue;
        ({ named, cells } = cellsOf(other));
      }
      if (!isAcceptable(spec, cells, settings.header.maxUnknownShare)) continue;
      const known = cells.filter((c) => c.field).length;
      const byAlias = named.filter((c) => c.field).length;
      const unknown = cells.length - known;
      // A taller band that still names as many columns has absorbed a wrapped header line
      // ("Detainer / Issued / Date"), so it wins the tie, unless it names fewer by their aliases:
      // then it has taken a body line into a header cell that only elimination still names (the
      // first line of a cell centred up against the header, "Detention Facility" over "Los Angeles
      // County Men's"), and that line would be lost from the table.
      const bestKnown = best ? best.cells.filter((c) => c.field).length : -1;
      const better = known > bestKnown || (known === bestKnown && (byAlias > bestByAlias || (byAlias === bestByAlias && unknown <= best!.cells.length - bestKnown)));
      // Nor does a taller band win that names a column the shorter one named by its alias as
      // another: a wrapped header line adds to a cell's words, a body line changes what they
      // name ("Convicted - Fraud" under "Offense" made "Offense Convicted" a status column).
      // A name read within OCR's allowance gives way to an exact alias, though: with one word off,
      // "Detainer Issued .Detainer" (the next cell's first word a space and a speck away) named
      // Issued, and the taller band's exact "Detainer Declined" under it is no renaming (fresh
      // seed 1162716735, a 150 DPI scan: the two dates swapped on one page).
      const exactly = (cell: HeaderCell) => aliases.isAlias(headerKey(cell.text));
      const renames = aliasNamed.spec === spec && aliasNamed.cells.some((b) => cells.some((c) => c.field !== null && c.field !== b.field && c.x0 < b.x1 && c.x1 > b.x0
        && !(exactly(c) && !exactly(b))));
      if (!best || (better && !renames)) {
        best = { spec, startLine: start, endLine: start + height, cells, box: unionBox(band) };
        bestByAlias = byAlias;
        aliasNamed = { spec, cells: named.filter((c) => c.field !== null) };
      }
    }
  }
  return best;
}

/**
 * Does the row repeat its table's header? A repeated header that was not recognised as one (on a
 * poor scan a word box stretched across a border merges two header cells) becomes a body row
 * whose cells name their own columns ("Name" under Name, "Date Issued" under Date Issued). It
 * is one when at least `repeatedRowShare` of the spec's required columns, and two or more, do.
 */
export function repeatsHeader(cells: Readonly<Record<string, { text: string }>>, spec: TableLayoutSpec, ocr: boolean, settings: ExtractionSettings): boolean {
  const aliases = aliasIndex(spec, ocr ? settings.header.ocrAliasEditShare : 0, settings.header.ocrAliasPrefix, settings.header.ocrAliasOneWordOffMinWords);
  const required = spec.columns.filter((c) => c.required);
  const naming = required.filter((c) => {
    const text = cells[c.field]?.text;
    return text !== undefined && aliases.get(headerKey(text)) === c.field;
  });
  return naming.length >= 2 && naming.length >= settings.header.repeatedRowShare * required.length;
}

/**
 * Does the line finish a header the page broke across two pages? Every word of it sits under a
 * named header cell (its centre within an em of the cell's sides), and each cell's text with
 * those words after it is one of its column's aliases: "Date" under "Order Issued", at the top
 * of the page after a header whose third line the page break cut (fresh seed 848391211, a
 * LibreOffice copy: "Date 8/24/2017" read as the first row's date).
 */
export function finishesHeader(line: TextLine, cells: readonly HeaderCell[], spec: TableLayoutSpec, settings: ExtractionSettings): boolean {
  const aliases = aliasIndex(spec, readByOcr([line]) ? settings.header.ocrAliasEditShare : 0, settings.header.ocrAliasPrefix, settings.header.ocrAliasOneWordOffMinWords);
  const words = line.words.filter(holdsText);
  const byCell = new Map<HeaderCell, Word[]>();
  for (const w of words) {
    const cell = cells.find((c) => c.field !== null && centreX(w) >= c.x0 - line.size && centreX(w) <= c.x1 + line.size);
    if (!cell) return false;
    byCell.set(cell, [...(byCell.get(cell) ?? []), w]);
  }
  return byCell.size > 0 && [...byCell].every(([cell, under]) => aliases.get(headerKey(`${cell.text} ${under.map((w) => w.text).join(' ')}`)) === cell.field);
}
