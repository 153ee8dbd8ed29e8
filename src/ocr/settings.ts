/**
 * Every knob of the OCR engine in one place. Defaults are what the measurements in the tests and
 * the bench settled on for table pages; nothing else in src/ocr hard-codes a tolerance.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ListMarkerSettingsSchema } from './list-markers.ts';
import { UnreadInkSettingsSchema } from './unread-ink.ts';

export const PAGE_SEGMENTATION_MODES = ['SINGLE_BLOCK', 'AUTO', 'SPARSE_TEXT'] as const;
export type PageSegmentation = (typeof PAGE_SEGMENTATION_MODES)[number];

export const OcrSettingsSchema = z.object({
  dpi: z.number().positive().default(300)
    .describe('render resolution; Tesseract is trained on text around 300 DPI, and 10 pt table text gets too small below ~200'),
  maxPixels: z.number().int().positive().default(40_000_000)
    .describe('ceiling on rendered pixels per page: an oversized page (a plotter-sized sheet) is rendered at a lower DPI instead of exhausting memory'),
  nativeJpegDecoding: z.boolean().default(false)
    .describe('a scanned page that is one JPEG is decoded by @napi-rs/canvas (libjpeg-turbo, native) instead of pdf.js\'s JavaScript decoder: ~0.5 s less CPU per 300 DPI page, but its pixels differ from pdf.js\'s by one level here and there, which moves OCR on borderline cells (samples/…-scan-degraded.pdf: 2 cells lost, 1 gained, under its bar; the other two scanned samples and four fuzz scans read the same). Off until the accuracy bars are measured with it'),
  maxSkewDegrees: z.number().nonnegative().default(3)
    .describe('skew angles searched, either way; scans of the reports are off by a degree or two'),
  skewStepDegrees: z.number().positive().default(0.1).describe('step of the skew search'),
  skewAnalysisWidth: z.number().int().positive().default(1000)
    .describe('the skew is estimated on a copy downscaled to this width: fast, and still 1.7 px of drift across the page per 0.1°'),
  minSkewCorrectionDegrees: z.number().nonnegative().default(0.05)
    .describe('smaller estimated skews are left alone: rotating resamples (blurs) the whole image for no gain'),
  despeckleMaxAreaPt: z.number().nonnegative().default(3)
    .describe('largest isolated blob of ink, in square points, painted out as a speck before recognition (a dot about 2 pt across; 0 turns despeckling off). See despeckle.ts'),
  despeckleIsolationPt: z.number().nonnegative().default(2)
    .describe('a small blob counts as a speck only with no other ink this close to its box: the dot of an i or the tilde of a ñ sits nearer its letter'),
  despeckleInlinePt: z.number().nonnegative().default(6)
    .describe('nor with ink this close to its left or right on its own rows: punctuation follows its letter on the baseline, within about a letter\'s width'),
  despeckleKeepBarAspect: z.number().positive().default(2)
    .describe('a blob at least this many times as wide as it is tall, level with the middle of text within twice despeckleInlinePt, is a dash, kept: a spaced "-" in a monospace font is as small and as isolated as a speck'),
  despeckleDashMinLengthPt: z.number().nonnegative().default(1.5)
    .describe('... and at least this long: the shortest hyphen of 6.5 pt text; a few pixels in a row are JPEG noise'),
  despeckleDashInsetPt: z.number().nonnegative().default(1)
    .describe('... level with the middle: that text has ink this far above the bar\'s top and below its bottom (a hyphen sits at half the x-height, 1.5-2.5 pt from either edge of 9-12 pt lower-case letters)'),
  pageSegmentation: z.enum(PAGE_SEGMENTATION_MODES).default('SPARSE_TEXT')
    .describe('Tesseract page segmentation mode. test/ocr-bench.ts psm, share of 323 table words read right: SPARSE_TEXT 98-100 % on grid and plain tables; AUTO 94-100 %; SINGLE_BLOCK 5-18 % on a grid (vertical rulings break its lines)'),
  wholePageSegmentation: z.enum(PAGE_SEGMENTATION_MODES).default('AUTO')
    .describe('segmentation of a cleaned-whole-page reading (PagePreparation), the last one a table lost by the plain and cleaned readings is looked for in: sparse text reads nothing of some headers (bold words in a closed grid cell, at 200 DPI) that AUTO reads'),
  minRulingLengthPt: z.number().positive().default(36)
    .describe('shortest run of ink taken for a table ruling (half an inch: shorter than any cell border, longer than any stroke of text)'),
  maxRulingThicknessPt: z.number().positive().default(3)
    .describe('thicker dark bands are filled areas (shading, redaction bars), not rulings'),
  rulingGapPt: z.number().nonnegative().default(0.5)
    .describe('breaks in a ruling bridged as JPEG or scanner noise; gaps between letters are wider'),
  minRulingInk: z.number().min(0).max(1).default(0.9).describe('share of a ruling\'s length that must be dark'),
  paintOutRulings: z.boolean().default(true)
    .describe('a cleaned page (PagePreparation: read again for a table the plain page lost) has its rulings painted white: Tesseract drops letters that touch a border together with it (a header on its band\'s rule). They stay on the page\'s tokens. See rulings.ts'),
  paintedRulingMaxSideInk: z.number().min(0).max(1).default(0.5)
    .describe('... but not a "ruling" with ink just outside it along more than this share of its length on both sides: that is a run of bold letters blurred together, and painting it would cut the word in half'),
  descreenRadiusPt: z.number().nonnegative().default(0.5)
    .describe('every page is searched for dithered fills (a one-bit scan\'s grey, printed as dots: Tesseract reads them as letters), which show as shading only averaged: each pixel over a square this far around it (at least 1 px), wider than a dither\'s dot spacing at 150 DPI and up. See descreen.ts'),
  descreenWideRadiusPt: z.number().nonnegative().default(0.75)
    .describe('... and searched again averaged this far around each pixel: a light (10 %) fill of a 150 DPI scan spaces its dots about 1.4 pt apart, which descreenRadiusPt does not span (fresh seed 2050416736: every striped row read but for its first line; test/shading.test.ts), while a darker fill\'s dots, closer together, are found only by the narrower square (a 20-25 % fill dithered at 150 DPI and rendered at 300, tried by hand). 0 searches once'),
  ditherMinDotsPerPt: z.number().nonnegative().default(0.25)
    .describe('... a fill so found holding at least this many dots (ditherDotMaxAreaPt) per square point is a dither, lifted by painting out its dots: a one-bit 300 DPI fill of 10-20 % ink holds 0.8 or more, a grey fill\'s specks and punctuation 0.02-0.05'),
  ditherDotMaxAreaPt: z.number().nonnegative().default(0.6)
    .describe('... and in them, blobs of ink up to this area (square points) are the dither\'s dots, painted white: a dot is a pixel or a few of the scan (0.1-0.3 pt² at 150-300 DPI); a letter\'s stroke is larger, though the dot of an i (0.5 pt² at 8 pt) is close'),
  ditherCellPt: z.number().nonnegative().default(6)
    .describe('... and fills are also searched for by their dots, on a grid of cells this size: a cell holding ditherMinDotsPerPt dots with a dark core per square point is dithered (a 5 % fill of a 200 DPI one-bit scan holds 10-16 in a 6 pt cell, a grey scan\'s cells none or one; fresh seed 286531539): a light fill whose dots stand too far apart to average to an even grey beside the words. A run of such cells shorter than minShadeLengthPt is no fill (a 150 DPI scan\'s broken letters, fresh seed 107557754). 0 searches by the grey alone'),
  ditherHairPasses: z.number().int().nonnegative().default(2)
    .describe('... and the dots that touch a letter, left on it as hairs (a bold header on a dense fill: Tesseract read none of its words, fresh seed 1767526146, one-bit 200 DPI), are shaved this many times: each pass whitens the fill\'s ink pixels with at most ditherHairMaxNeighbours inked neighbours of eight. 0 shaves nothing'),
  ditherHairMaxNeighbours: z.number().int().min(0).max(8).default(3)
    .describe('... a hair\'s pixel touches three inked pixels or fewer, a stroke\'s (two pixels wide or more) five or more, its ends and corners three: each pass shortens a stroke\'s ends by a pixel'),
  ditherHairMinDotsPerPt: z.number().nonnegative().default(0.6)
    .describe('... shaved only in fills holding this many dots per square point or more, dense enough for dots to touch the letters: the header bands whose words were lost held 0.84-0.93; light zebra rows, whose letters stand on paper (0.26-0.40), read worse shaved (their strokes\' jagged edges go too; fresh seed 2050416741, Section III 43 → 29 cells of 104 shaved)'),
  shadeCellPt: z.number().positive().default(2)
    .describe('a cleaned page (PagePreparation) has its shaded areas (grey header bands, zebra rows) lifted to white; they are found on a grid of cells this size: smaller than a row, larger than a stroke. See shading.ts'),
  shadeCellMinPaperShare: z.number().min(0).max(1).default(0.25)
    .describe('a cell with less than this share of pixels lighter than ink (a bold letter\'s stroke) has no background to judge: it neither starts nor breaks a shaded run'),
  minShadeDepth: z.number().nonnegative().default(14)
    .describe('a cell whose background is this many gray levels (of 255) under the page\'s paper is shaded; 0 turns lifting shading off. Paper\'s own noise moves a cell\'s background by 1-3 levels'),
  minShadeLengthPt: z.number().positive().default(36)
    .describe('shortest run of shaded cells taken for a fill (as long as the shortest ruling): a blot or a dark word is shorter'),
  minShadeHeightPt: z.number().positive().default(4)
    .describe('... and least height: thicker than a ruling, as tall as a line of small text'),
  shadeNoiseLevels: z.number().nonnegative().default(16)
    .describe('a shaded area\'s pixels this far under its fill\'s level still turn white: the fill\'s own noise'),
  listMarkers: ListMarkerSettingsSchema.prefault({})
    .describe('list bullets Tesseract dropped, found in the pixels left of words; see list-markers.ts'),
  unreadInk: UnreadInkSettingsSchema.prefault({}),
  minWordConfidence: z.number().min(0).max(1).default(0)
    .describe('words below this confidence are dropped; 0 keeps all and leaves judging to the cell-level checks downstream'),
  minLetterWordHeightPt: z.number().nonnegative().default(1.5)
    .describe('a word of two or more letters or digits flatter than this (pt) is dropped: it is a border or a smear Tesseract read as text ("DCoTacy" 0.5 pt tall on a row rule); the x-height of 6 pt type is about 3 pt, and a dash is one character'),
});

export type OcrSettings = z.infer<typeof OcrSettingsSchema>;
export type OcrOptions = z.input<typeof OcrSettingsSchema>;

/**
 * Two workers, or one on a one-core machine: each keeps a core busy, and a third worker on two
 * cores only adds memory (the main thread renders pages and extracts tables meanwhile).
 */
export const DEFAULT_OCR_WORKERS = Math.max(1, Math.min(2, availableParallelism()));

export const OcrPoolSettingsSchema = z.object({
  workers: z.number().int().positive().default(DEFAULT_OCR_WORKERS)
    .describe('Tesseract workers (threads); each uses one core and ~100-200 MB'),
  pageTimeoutMs: z.number().int().positive().default(180_000)
    .describe('one page (or one cell of a second look) may take this long in Tesseract before the job fails and its worker is replaced: a page takes seconds, so only a runaway job hits it'),
  keptImageMegabytes: z.number().nonnegative().default(64)
    .describe('page images kept per file, deflated, for the second look at their cells, which otherwise renders, deskews and despeckles the page again (1.5-2 s of CPU at 300 DPI); a 300 DPI page takes 0.5-3 MB deflated (clean to noisy scans), so 64 MB keeps 20 to 120 pages. 0 keeps none. See kept-images.ts'),
  recycleAfterPages: z.number().int().positive().default(20)
    .describe('a worker is terminated and recreated after this many pages: the WebAssembly heap only grows, so recycling keeps memory flat on long files'),
  ocr: OcrSettingsSchema.prefault({}),
});

export type OcrPoolSettings = z.infer<typeof OcrPoolSettingsSchema>;
export type OcrPoolOptions = z.input<typeof OcrPoolSettingsSchema>;
