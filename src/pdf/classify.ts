/**
 * Which pages need OCR. As OCRmyPDF does, every page gets a kind and the reason for it:
 *
 * - `text`: a usable text layer; the only kind read from the text layer.
 * - `no-text`: no text at all (an image-only scan, or a blank page).
 * - `unmapped-text`: text whose characters do not map to Unicode (U+FFFD, private-use or control
 *   characters), or that does not read as words (a font without a ToUnicode map yields glyph ids).
 * - `mixed`: text, but a large image also covers an area where there is no text, e.g. a scan with
 *   a typed header or a Bates stamp on top.
 * - `ocr-layer`: a page image with text nobody sees over it (text render mode 3, zero opacity, or
 *   text painted before an image that covers it): the OCR layer another tool (OCRmyPDF, a document-hosting
 *   site, a scanner) laid over a scan. Its words carry no confidence and its errors are not ours
 *   to vouch for, so the page is OCR'd again, as a scan.
 *
 * What `mixed` does: the page is OCR'd whole and its text layer is not used. The rendered page
 * shows both the image and the vector text, so OCR loses nothing, whereas merging the two sources
 * would duplicate every word the text layer and the image share.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { OPS, Util } from './pdfjs.ts';
import { z } from 'zod';
import { overlap, type Box } from '../layout/tokens.ts';
import { readPageContent, type PageContent } from './page-content.ts';

export const ClassifySettingsSchema = z.object({
  maxUnmappedFraction: z.number().min(0).max(1).default(0.1)
    .describe('share of non-space characters that may be U+FFFD, private-use or control characters before the text layer is judged unusable; fonts without ToUnicode typically give 15-100 %'),
  maxImplausibleWordFraction: z.number().min(0).max(1).default(0.2)
    .describe('share of words that may fail to read as words (letters mixed with symbols, four or more letters without a vowel) before the text is judged gibberish; English prose and tables stay under a few percent'),
  minWordsForPlausibility: z.number().int().positive().default(10)
    .describe('fewer judged words than this are too few to call gibberish'),
  minImageAreaFraction: z.number().min(0).max(1).default(0.3)
    .describe('images smaller than this share of the page (logos, signatures, seals) never make a page mixed'),
  minTextCoverageOfImage: z.number().min(0).max(1).default(0.25)
    .describe('share of a large image\'s horizontal bands that must hold text for the text layer to count as covering it; a scan with an OCR text layer covers most bands, a stamped scan one or two'),
  bandHeightPt: z.number().positive().default(36)
    .describe('height of the bands an image is cut into for the coverage measure (half an inch: a few lines of text)'),
  minHiddenTextFraction: z.number().min(0).max(1).default(0.5)
    .describe('share of the text\'s glyphs that must be invisible (render mode 3 or 7, zero opacity, or painted before an image that covers them) over a large image for the page to carry a foreign OCR layer; born-digital pages hide none, OCR sandwiches hide all'),
});

export type ClassifySettings = z.infer<typeof ClassifySettingsSchema>;
export type ClassifyOptions = z.input<typeof ClassifySettingsSchema>;

export type PageKind = 'text' | 'no-text' | 'unmapped-text' | 'mixed' | 'ocr-layer';

export interface PageClassification {
  /** 1-based page number. */
  page: number;
  kind: PageKind;
  /** One sentence a reviewer can check against the page. */
  reason: string;
  measures: {
    /** Non-whitespace characters in the text layer. */
    characters: number;
    unmappedFraction: number;
    implausibleWordFraction: number;
    /** Union-free sum of image areas over the page area (may exceed 1 with overlapping images). */
    imageAreaFraction: number;
    /** Lowest text coverage over the large images, null when there are none. */
    textCoverageOfImages: number | null;
    /** Share of the glyphs shown that nobody sees: invisible render modes, or covered by a later image. */
    hiddenTextFraction: number;
  };
}

type Matrix = number[];

interface TextRun extends Box {
  text: string;
}

/** The page's text runs with their boxes in points, origin top-left (the viewport at scale 1). */
function readTextRuns({ viewport, text }: PageContent): TextRun[] {
  const runs: TextRun[] = [];
  for (const item of text.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const m: Matrix = Util.transform(viewport.transform, item.transform);
    // Text space: x runs along the baseline, y up; (m[2], m[3]) is the font's height vector.
    const along = Math.hypot(m[0]!, m[1]!) || 1;
    const advance = [(m[0]! / along) * item.width, (m[1]! / along) * item.width];
    const up = [m[2]!, m[3]!];
    const xs = [m[4]!, m[4]! + advance[0]!, m[4]! + up[0]!, m[4]! + advance[0]! + up[0]!];
    const ys = [m[5]!, m[5]! + advance[1]!, m[5]! + up[1]!, m[5]! + advance[1]! + up[1]!];
    runs.push({ text: item.str, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
  }
  return runs;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
]);

const TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);

/**
 * Whether text drawn in this state paints nothing: render mode 3 (invisible) or 7 (clip only), or a
 * fill (modes 0, 4) or stroke (1, 5) whose opacity is zero, or both for fill-and-stroke (2, 6).
 */
function invisibleText(state: { renderMode: number; fillAlpha: number; strokeAlpha: number }): boolean {
  const { renderMode: mode, fillAlpha, strokeAlpha } = state;
  if (mode === 3 || mode === 7) return true;
  const fills = mode === 0 || mode === 2 || mode === 4 || mode === 6;
  const strokes = mode === 1 || mode === 2 || mode === 5 || mode === 6;
  return (!fills || fillAlpha === 0) && (!strokes || strokeAlpha === 0);
}

interface PaintedContent {
  /** Boxes of the images painted on the page, in points, origin top-left. */
  images: Box[];
  /** Glyphs shown, and how many of them nobody sees (invisible render mode, or under a later large image). */
  glyphs: number;
  hiddenGlyphs: number;
}

/** Glyphs in a show-text operator's arguments (spacing adjustments are numbers). */
function glyphCount(args: unknown[] | null): number {
  const glyphs = args?.at(-1);
  return Array.isArray(glyphs) ? glyphs.filter((g) => g !== null && typeof g === 'object').length : 0;
}

/**
 * The images painted on the page and whether its text can be seen. An image fills the unit square
 * of the current transformation matrix, which the operator list changes with save/restore,
 * transform and form XObjects; the text render mode is saved and restored with it. Text painted
 * before an image that covers most of the page is hidden by it (an OCR layer put under the scan).
 */
function readPaintedContent({ viewport, ops }: PageContent, largeImageArea: number): PaintedContent {
  const { fnArray, argsArray } = ops;
  let state = { ctm: [1, 0, 0, 1, 0, 0] as Matrix, renderMode: 0, fillAlpha: 1, strokeAlpha: 1 };
  const stack: (typeof state)[] = [];
  const images: Box[] = [];
  let glyphs = 0, invisible = 0, visibleBeforeLastLargeImage = 0, visibleSoFar = 0;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(state);
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform) state = { ...state, ctm: Util.transform(state.ctm, args as Matrix) };
    else if (fn === OPS.setTextRenderingMode) state = { ...state, renderMode: Number(args?.[0] ?? 0) };
    else if (fn === OPS.setGState) {
      // An ExtGState's constant opacities: `ca` for fills, `CA` for strokes.
      for (const [key, value] of (args?.[0] as [string, unknown][] | undefined) ?? []) {
        if (key === 'ca') state = { ...state, fillAlpha: Number(value) };
        if (key === 'CA') state = { ...state, strokeAlpha: Number(value) };
      }
    }
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(state);
      const matrix = args?.[0] as Matrix | null | undefined;
      if (matrix) state = { ...state, ctm: Util.transform(state.ctm, matrix) };
    } else if (fn === OPS.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (TEXT_OPS.has(fn)) {
      const count = glyphCount(args);
      glyphs += count;
      if (invisibleText(state)) invisible += count;
      else visibleSoFar += count;
    } else if (IMAGE_OPS.has(fn)) {
      const bounds = [Infinity, Infinity, -Infinity, -Infinity];
      Util.axialAlignedBoundingBox([0, 0, 1, 1], Util.transform(viewport.transform, state.ctm), bounds);
      const clipped = {
        x0: Math.max(0, bounds[0]!),
        y0: Math.max(0, bounds[1]!),
        x1: Math.min(viewport.width, bounds[2]!),
        y1: Math.min(viewport.height, bounds[3]!),
      };
      if (clipped.x1 > clipped.x0 && clipped.y1 > clipped.y0) {
        images.push(clipped);
        if (area(clipped) >= largeImageArea) visibleBeforeLastLargeImage = visibleSoFar;
      }
    }
  }
  return { images, glyphs, hiddenGlyphs: invisible + visibleBeforeLastLargeImage };
}

const area = (b: Box) => (b.x1 - b.x0) * (b.y1 - b.y0);

/** U+FFFD, private-use planes and C0/C1 controls: what glyphs without a Unicode mapping come out as. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what unmapped glyphs come out as
const UNMAPPED = /[\uFFFD\uE000-\uF8FF\u{F0000}-\u{10FFFD}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

function unmappedFraction(characters: readonly string[]): number {
  if (characters.length === 0) return 0;
  return characters.filter((c) => UNMAPPED.test(c)).length / characters.length;
}

/**
 * Whether a word reads as a word: letters (inner apostrophes, hyphens, dots, ampersands and slashes
 * allowed) including a vowel once longer than three. Text decoded from glyph ids instead mixes
 * letters with symbols and loses its vowels. Words with digits (dates, numbers, codes) and bare
 * punctuation are not judged: null.
 */
function isPlausibleWord(token: string): boolean | null {
  const word = token.replace(/^[("'[\u2018\u201C]+|[)"'\].,;:!?\u2019\u201D]+$/gu, '');
  if (!/\p{L}/u.test(word) || /\p{N}/u.test(word)) return null;
  if (!/^\p{L}[\p{L}\p{M}'\u2019.\-&/]*$/u.test(word)) return false;
  return word.length <= 3 || /[aeiouy\u00E0-\u00FF]/iu.test(word);
}

function implausibleWordFraction(text: string, minWords: number): number {
  const judged = text.split(/\s+/).map(isPlausibleWord).filter((v) => v !== null);
  if (judged.length < minWords) return 0;
  return judged.filter((plausible) => !plausible).length / judged.length;
}

/** Share of the image's horizontal bands that some text run overlaps. */
function textCoverage(image: Box, runs: readonly TextRun[], bandHeight: number): number {
  const bands = Math.max(1, Math.round((image.y1 - image.y0) / bandHeight));
  const height = (image.y1 - image.y0) / bands;
  let covered = 0;
  for (let b = 0; b < bands; b++) {
    const top = image.y0 + b * height;
    const hit = runs.some((r) => overlap(r.y0, r.y1, top, top + height) > 0 && overlap(r.x0, r.x1, image.x0, image.x1) > 0);
    if (hit) covered++;
  }
  return covered / bands;
}

const percent = (f: number) => `${Math.round(f * 100)} %`;

export function classifyPageContent(content: PageContent, options: ClassifyOptions = {}): PageClassification {
  const settings = ClassifySettingsSchema.parse(options);
  const { width, height } = content.viewport;
  const largeImageArea = settings.minImageAreaFraction * width * height;
  const runs = readTextRuns(content);
  const painted = readPaintedContent(content, largeImageArea);
  const { images } = painted;
  const text = runs.map((r) => r.text).join(' ');
  const characters = [...text].filter((c) => !/\s/u.test(c));
  const largeImages = images.filter((b) => area(b) >= largeImageArea);
  const coverages = largeImages.map((b) => textCoverage(b, runs, settings.bandHeightPt));
  const measures = {
    characters: characters.length,
    unmappedFraction: unmappedFraction(characters),
    implausibleWordFraction: implausibleWordFraction(text, settings.minWordsForPlausibility),
    imageAreaFraction: images.reduce((sum, b) => sum + area(b), 0) / (width * height),
    textCoverageOfImages: coverages.length > 0 ? Math.min(...coverages) : null,
    hiddenTextFraction: painted.glyphs > 0 ? painted.hiddenGlyphs / painted.glyphs : 0,
  };
  const result = (kind: PageKind, reason: string): PageClassification => ({ page: content.page, kind, reason, measures });

  if (measures.characters === 0) {
    return result('no-text', images.length > 0
      ? `no text layer; images cover ${percent(Math.min(1, measures.imageAreaFraction))} of the page (image-only scan)`
      : 'no text and no images (blank page)');
  }
  if (largeImages.length > 0 && measures.hiddenTextFraction >= settings.minHiddenTextFraction) {
    return result('ocr-layer', `an image covers ${percent(Math.min(1, measures.imageAreaFraction))} of the page and ${percent(measures.hiddenTextFraction)} of its text is invisible: an OCR layer laid over a scan by another tool, OCR'd again`);
  }
  if (measures.unmappedFraction > settings.maxUnmappedFraction) {
    return result('unmapped-text', `${percent(measures.unmappedFraction)} of the ${measures.characters} characters do not map to Unicode (U+FFFD, private-use or control characters)`);
  }
  if (measures.implausibleWordFraction > settings.maxImplausibleWordFraction) {
    return result('unmapped-text', `${percent(measures.implausibleWordFraction)} of the words do not read as words (a font without a ToUnicode map?)`);
  }
  if (measures.textCoverageOfImages !== null && measures.textCoverageOfImages < settings.minTextCoverageOfImage) {
    return result('mixed', `an image covering ${percent(Math.min(1, measures.imageAreaFraction))} of the page has text over only ${percent(measures.textCoverageOfImages)} of its height; the rest of it may hold text the text layer lacks`);
  }
  return result('text', `${measures.characters} characters of text that map to Unicode and read as words`);
}

export async function classifyPage(doc: PDFDocumentProxy, pageNumber: number, options: ClassifyOptions = {}): Promise<PageClassification> {
  return classifyPageContent(await readPageContent(doc, pageNumber), options);
}

export async function classifyPages(doc: PDFDocumentProxy, options: ClassifyOptions = {}): Promise<PageClassification[]> {
  const pages: PageClassification[] = [];
  for (let n = 1; n <= doc.numPages; n++) pages.push(await classifyPage(doc, n, options));
  return pages;
}

/** Only `text` pages are read from the text layer; see the module comment for `mixed`. */
export const needsOcr = (classification: Pick<PageClassification, 'kind'>): boolean => classification.kind !== 'text';
