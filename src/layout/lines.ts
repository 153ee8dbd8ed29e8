/**
 * Words → text lines. A line is a run of words whose vertical centres agree; within a line, runs
 * that touch (a word the producer wrote as several items) are joined back into one word.
 */
import { centreY, overlap, unionBox, type Box, type Ruling, type Word } from './tokens.ts';

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
export function joinTouchingWords(sortedByX: readonly Word[], settings: Omit<LineSettings, 'sameLineTolerance'>, rulings: readonly Ruling[] = []): Word[] {
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
  return groups.map((g) => makeLine(g, settings, rulings));
}

export { median };
