/**
 * Tesseract's block tree (blocks → paragraphs → lines → words, pixel boxes, confidence 0..100)
 * flattened into the engine's PageTokens, in PDF points of the deskewed page, with cell borders
 * read as glyphs taken off the words.
 */
import type Tesseract from 'tesseract.js';
import type { PageTokens, Ruling, Word } from '../layout/tokens.ts';
import { otsuThreshold } from './gray.ts';
import { findListMarkers } from './list-markers.ts';
import { findUnreadInk } from './unread-ink.ts';
import type { OcrPageImage } from './page-image.ts';
import type { OcrSettings } from './settings.ts';

export interface OcrPageTokens extends PageTokens {
  source: 'ocr';
  dpi: number;
  /** The DPI configured; `dpi` is lower when the page is too large for maxPixels. */
  dpiAsked: number;
  /** Skew corrected before recognition; boxes are in the deskewed frame. */
  skewDegrees: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function toWord(word: Tesseract.Word, line: Tesseract.Line, scale: number): Word {
  return {
    text: word.text.trim(),
    x0: round2(word.bbox.x0 / scale),
    y0: round2(word.bbox.y0 / scale),
    x1: round2(word.bbox.x1 / scale),
    y1: round2(word.bbox.y1 / scale),
    size: round2((line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0) / scale),
    confidence: Math.max(0, Math.min(1, word.confidence / 100)),
    source: 'ocr',
  };
}

/**
 * The words of one Tesseract line, each ending where the next begins. Now and then a word's box
 * runs on over the words after it (a header word 100 pt wide over a speck and the next
 * cell's word, fresh seed 257311829): it would bridge the gap between two header cells, and no column could part them.
 */
export function clippedAtNextWord(words: readonly Word[]): Word[] {
  return words.map((word) => {
    const next = Math.min(...words.filter((w) => w.x0 > word.x0).map((w) => w.x0));
    return next < word.x1 ? { ...word, x1: next } : word;
  });
}

/** Glyphs Tesseract reads for a cell border. */
const RULING_GLYPHS = new Set(['|', '[', ']']);

/** Is there a vertical ruling across the word's height between x0 and x1? */
function rulingAt(word: Word, rulings: readonly Ruling[], x0: number, x1: number): boolean {
  return rulings.some((r) => r.orientation === 'v' && r.x1 >= x0 && r.x0 <= x1 && r.y1 >= word.y0 && r.y0 <= word.y1);
}

/**
 * A word without the cell border Tesseract read into it: a "|", "[" or "]" at either end that
 * sits on a vertical ruling found in the pixels ("Issued|", "1/18/2017]") is the ruling, not
 * text, and leaving it would stretch the word's box across the border into the next column.
 * Null when nothing but the border remains.
 */
export function withoutRulingGlyphs(word: Word, rulings: readonly Ruling[]): Word | null {
  const chars = [...word.text];
  // One glyph's width, at most: the box is shared evenly among its characters.
  const glyph = (word.x1 - word.x0) / Math.max(1, chars.length);
  let { x0, x1 } = word;
  while (chars.length > 0 && RULING_GLYPHS.has(chars[0]!) && rulingAt(word, rulings, x0 - 1, x0 + glyph)) { chars.shift(); x0 += glyph; }
  while (chars.length > 0 && RULING_GLYPHS.has(chars.at(-1)!) && rulingAt(word, rulings, x1 - glyph, x1 + 1)) { chars.pop(); x1 -= glyph; }
  if (chars.length === word.text.length) return word;
  return chars.length === 0 ? null : { ...word, text: chars.join(''), x0: round2(x0), x1: round2(x1) };
}

/**
 * A word Tesseract ran together with the next one across a lost space ("CountyJail", "ateCounty"),
 * split where a capital follows three or more lower-case letters; names with an inner capital
 * have a short prefix ("McHenry", "DeKalb", "DuPage", "LaSalle") and stay whole. The box is
 * shared evenly among the characters.
 */
export function splitRunTogether(word: Word): Word[] {
  const parts = /^(\p{Lu}?\p{Ll}{3,})(\p{Lu}\p{Ll}.*)$/u.exec(word.text);
  if (!parts) return [word];
  const glyph = (word.x1 - word.x0) / [...word.text].length;
  const cut = round2(word.x0 + glyph * [...parts[1]!].length);
  return [{ ...word, text: parts[1]!, x1: cut }, ...splitRunTogether({ ...word, text: parts[2]!, x0: cut })];
}

/** What Tesseract reads a vertical border as, when it reads it into a word. */
const BORDER_LOOKALIKES = new Set([...RULING_GLYPHS, 'l', 'I', '1', '!']);

/**
 * A word Tesseract ran across a cell border ("Montgomery|Montgomery", "CalifornialSan": the end of
 * one cell, the border, the start of the next) split into the words on either side of it. Text
 * never crosses a cell border, so a vertical ruling found in the pixels that passes through a
 * word, more than a glyph from either end, splits it at the character nearest the ruling (the
 * box shared evenly among the characters); that character goes when it is a border lookalike.
 */
export function splitAtRulings(word: Word, rulings: readonly Ruling[]): Word[] {
  const chars = [...word.text];
  const glyph = (word.x1 - word.x0) / Math.max(1, chars.length);
  const cuts = rulings
    .filter((r) => r.orientation === 'v' && r.y1 >= word.y0 && r.y0 <= word.y1)
    .map((r) => (r.x0 + r.x1) / 2)
    .filter((x) => x > word.x0 + glyph && x < word.x1 - glyph)
    .sort((a, b) => a - b);
  if (cuts.length === 0) return [word];
  const parts: Word[] = [];
  let start = 0, left = word.x0;
  for (const x of cuts) {
    // The character under the ruling, or the boundary nearest it when no character is a border.
    const under = Math.min(chars.length - 1, Math.floor((x - word.x0) / glyph));
    const border = BORDER_LOOKALIKES.has(chars[under]!);
    const end = border ? under : Math.round((x - word.x0) / glyph);
    if (end > start) parts.push({ ...word, text: chars.slice(start, end).join(''), x0: round2(left), x1: round2(Math.min(x, word.x0 + end * glyph)) });
    start = border ? under + 1 : end;
    left = Math.max(x, word.x0 + start * glyph);
  }
  if (start < chars.length) parts.push({ ...word, text: chars.slice(start).join(''), x0: round2(left), x1: word.x1 });
  return parts.length > 0 ? parts : [word];
}

export function toPageTokens(blocks: readonly Tesseract.Block[] | null, image: OcrPageImage, settings: Pick<OcrSettings, 'minWordConfidence' | 'minLetterWordHeightPt' | 'listMarkers' | 'unreadInk'>): OcrPageTokens {
  const { minWordConfidence, minLetterWordHeightPt } = settings;
  const flatSmear = (word: Word) => word.y1 - word.y0 < minLetterWordHeightPt && (word.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 2;
  const read = (blocks ?? [])
    .flatMap((block) => block.paragraphs)
    .flatMap((paragraph) => paragraph.lines)
    .flatMap((line) => clippedAtNextWord(line.words.map((word) => toWord(word, line, image.scale))))
    .filter((word) => word.text !== '' && word.confidence >= minWordConfidence && !flatSmear(word))
    .flatMap((word) => splitAtRulings(word, image.rulings))
    .flatMap(splitRunTogether)
    .map((word) => withoutRulingGlyphs(word, image.rulings))
    .filter((word): word is Word => word !== null);
  const words = [...read, ...findListMarkers(read, image.undespeckled, image.scale, otsuThreshold(image.undespeckled), settings.listMarkers)];
  return {
    page: image.page,
    width: image.widthPt,
    height: image.heightPt,
    words,
    rulings: image.rulings,
    unread: findUnreadInk(words, image.pixels, image.scale, otsuThreshold(image.pixels), settings.unreadInk),
    source: 'ocr',
    dpi: image.dpi,
    dpiAsked: image.dpiAsked,
    skewDegrees: image.skewDegrees,
  };
}
