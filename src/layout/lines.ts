/**
 * Words → text lines. A line is a run of words whose vertical centres agree; within a line, runs
 * that touch (a word the producer wrote as several items) are joined back into one word.
 */
import { centreY, overlap, textWordsOr, unionBox, type Box, type Ruling, type Word } from './tokens.ts';

export interface TextLine extends Box {
  words: Word[];
  /** Median font size of the line's words (points). */
  size: number;
  text: string;
}

/** See ExtractionSettingsSchema.lines (src/table/settings.ts) for what each one is and why. */
export interface LineSettings {
  sameLineTolerance: number;
  joinGap: number;
  borderOverlapPt: number;
  ocrSameLineShare: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/**
 * Joins words of one line whose gap is too small to be a space, unless a vertical ruling (a cell
 * border) runs between them: text that overflows its cell touches the next cell's text. Two OCR
 * words are never joined: Tesseract has cut its words already, and one split where a space was
 * lost ("County" "Jail") must stay split.
 */
export function joinTouchingWords(sortedByX: readonly Word[], settings: Pick<LineSettings, 'joinGap' | 'borderOverlapPt'>, rulings: readonly Ruling[] = []): Word[] {
  const out: Word[] = [];
  const borderBetween = (a: Word, b: Word) => rulings.some((r) => r.orientation === 'v'
    && (r.x0 + r.x1) / 2 > a.x0 && (r.x0 + r.x1) / 2 <= b.x0 + settings.borderOverlapPt && overlap(r.y0, r.y1, a.y0, a.y1) > 0);
  for (const word of sortedByX) {
    const last = out[out.length - 1];
    if (last && !(last.source === 'ocr' && word.source === 'ocr') && word.x0 - last.x1 < settings.joinGap * Math.min(last.size, word.size) && word.x0 >= last.x0 && !borderBetween(last, word)) {
      out[out.length - 1] = {
        ...last,
        text: last.text + word.text,
        x1: Math.max(last.x1, word.x1),
        y0: Math.min(last.y0, word.y0),
        y1: Math.max(last.y1, word.y1),
        confidence: Math.min(last.confidence, word.confidence),
        ...(last.space || word.space ? { space: Math.max(last.space ?? 0, word.space ?? 0) } : {}),
      };
    } else out.push(word);
  }
  return out;
}

function makeLine(words: Word[], settings: LineSettings, rulings: readonly Ruling[]): TextLine {
  const joined = joinTouchingWords([...words].sort((a, b) => a.x0 - b.x0), settings, rulings);
  return { ...unionBox(joined), words: joined, size: median(joined.map((w) => w.size)), text: joined.map((w) => w.text).join(' ') };
}

/** The median top and bottom of some words: their line's span, whatever noise stretched one box. */
export const typicalSpan = (words: readonly Word[]) => ({ top: median(words.map((w) => w.y0)), bottom: median(words.map((w) => w.y1)) });

/** Are two OCR'd pieces one printed line? See LineSettings.ocrSameLineShare (ExtractionSettingsSchema.lines). */
export function sameOcrLine(a: readonly Word[], b: readonly Word[], share: number): boolean {
  if (![...a, ...b].every((w) => w.source === 'ocr')) return false;
  if (a.some((u) => b.some((v) => u.x0 < v.x1 && v.x0 < u.x1))) return false;
  // A speck's box says nothing of where the line is.
  const [u, v] = [typicalSpan(textWordsOr(a)), typicalSpan(textWordsOr(b))];
  const height = Math.min(u.bottom - u.top, v.bottom - v.top);
  return height > 0 && Math.min(u.bottom, v.bottom) - Math.max(u.top, v.top) >= share * height;
}

/** Whether any of the lines was read by OCR (a scanned page's), not from a text layer. */
export const readByOcr = (lines: readonly TextLine[]) => lines.some((l) => l.words.some((w) => w.source === 'ocr'));

export function groupIntoLines(words: readonly Word[], settings: LineSettings, rulings: readonly Ruling[] = []): TextLine[] {
  const sorted = [...words].sort((a, b) => centreY(a) - centreY(b) || a.x0 - b.x0);
  const groups: Word[][] = [];
  let current: Word[] = [];
  let currentCentre = 0;
  for (const word of sorted) {
    const tolerance = settings.sameLineTolerance * word.size;
    if (current.length && Math.abs(centreY(word) - currentCentre) <= tolerance) {
      current.push(word);
      currentCentre = median(current.map(centreY));
    } else {
      if (current.length) groups.push(current);
      current = [word];
      currentCentre = centreY(word);
    }
  }
  if (current.length) groups.push(current);
  // Consecutive groups that are pieces of one OCR'd line are one line.
  const merged: Word[][] = [];
  for (const group of groups) {
    const previous = merged.at(-1);
    if (previous && sameOcrLine(previous, group, settings.ocrSameLineShare)) previous.push(...group);
    else merged.push(group);
  }
  return merged.map((g) => makeLine(g, settings, rulings));
}

export { median };
