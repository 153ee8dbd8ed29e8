import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { descreen, isDithered, withoutDots } from '../src/ocr/descreen.ts';
import { canvasToGray, type GrayImage } from '../src/ocr/gray.ts';
import { detectRulings, withoutRulings } from '../src/ocr/rulings.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';
import { findShadedAreas, withoutShading } from '../src/ocr/shading.ts';
import { openPdf } from '../src/pdf/load.ts';
import { renderPage } from '../src/pdf/render.ts';
import { preparePageImage } from '../src/ocr/page-image.ts';
import { createOcrPool } from '../src/ocr/pool.ts';
import { PAGE, tempDir, writePdf } from './support/ocr-fixtures.ts';

const SETTINGS = OcrSettingsSchema.parse({});
const DPI = 200;
const SCALE = DPI / 72;
/** A grey header band (origin top-left, points) with bold column names on it. */
const BAND = { x: 40, y: 100, width: 500, height: 16, gray: 0.82 };
/** A table border 2 pt under the band, with a row's text sitting on it. */
const RULE_Y = 140;

/** A page with a shaded header band, a ruled row whose letters touch its rule, and plain text on paper. */
async function tablePage(): Promise<GrayImage> {
  const pdf = await PDFDocument.create();
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const roman = await pdf.embedFont(StandardFonts.TimesRoman);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const top = (y: number) => PAGE.height - y;
  page.drawRectangle({ x: BAND.x, y: top(BAND.y + BAND.height), width: BAND.width, height: BAND.height, color: rgb(BAND.gray, BAND.gray, BAND.gray) });
  ['Facility', 'State', 'County', 'Citizenship', 'Detainer Issued'].forEach((name, i) => {
    page.drawText(name, { x: BAND.x + 4 + i * 95, y: top(BAND.y + 11), size: 9, font: bold, color: rgb(0, 0, 0) });
  });
  page.drawLine({ start: { x: BAND.x, y: top(RULE_Y) }, end: { x: BAND.x + BAND.width, y: top(RULE_Y) }, thickness: 1 });
  page.drawText('Hall, Nebraska', { x: BAND.x + 2, y: top(RULE_Y) + 0.2, size: 10, font: roman, color: rgb(0, 0, 0) });
  page.drawText('SECTION II: Jurisdictions with Recorded Declined Detainers, a long bold line of text', { x: 40, y: top(200), size: 12, font: bold, color: rgb(0, 0, 0) });
  page.drawText('Plain body text on paper, with no fill behind it at all, over a whole line.', { x: 40, y: top(230), size: 10, font: roman, color: rgb(0, 0, 0) });
  const dir = await tempDir();
  const opened = await openPdf(await writePdf(dir, 'shaded.pdf', await pdf.save()));
  const { canvas } = await renderPage(opened.doc, 1, DPI);
  await opened.doc.destroy();
  return canvasToGray(canvas);
}

const px = (pt: number) => Math.round(pt * SCALE);
const at = (image: GrayImage, xPt: number, yPt: number) => image.data[px(yPt) * image.width + px(xPt)]!;

describe('shaded areas', { timeout: 30_000 }, () => {
  it('finds a grey header band, and no fill behind plain or bold text on paper', async () => {
    const image = await tablePage();
    const areas = findShadedAreas(image, SCALE, SETTINGS);
    expect(areas).toHaveLength(1);
    const [band] = areas;
    const cell = SETTINGS.shadeCellPt * SCALE;
    expect(Math.abs(band!.x0 - px(BAND.x))).toBeLessThanOrEqual(cell + 1);
    expect(Math.abs(band!.x1 - px(BAND.x + BAND.width))).toBeLessThanOrEqual(cell + 1);
    expect(Math.abs(band!.y0 - px(BAND.y))).toBeLessThanOrEqual(cell + 1);
    expect(Math.abs(band!.y1 - px(BAND.y + BAND.height))).toBeLessThanOrEqual(cell + 1);
    expect(Math.abs(band!.fill - 255 * BAND.gray)).toBeLessThan(3);
  });

  it('lifts the fill to white and keeps the ink on it dark; pixels outside the area are untouched', async () => {
    const image = await tablePage();
    const lifted = withoutShading(image, findShadedAreas(image, SCALE, SETTINGS), SETTINGS);
    // Fill between two column names, then the stem of the F of "Facility".
    expect(at(image, BAND.x + 80, BAND.y + 8)).toBeLessThan(220);
    expect(at(lifted, BAND.x + 80, BAND.y + 8)).toBe(255);
    const inkBefore = [...image.data].filter((v) => v < 100).length;
    const inkAfter = [...lifted.data].filter((v) => v < 100).length;
    expect(inkAfter).toBeGreaterThan(inkBefore * 0.97);
    const outside = (i: number) => Math.floor(i / image.width) > px(BAND.y + BAND.height) + 2 * SETTINGS.shadeCellPt * SCALE;
    expect([...lifted.data].every((v, i) => !outside(i) || v === image.data[i])).toBe(true);
  });

  it('does nothing when turned off', async () => {
    const image = await tablePage();
    expect(findShadedAreas(image, SCALE, { ...SETTINGS, minShadeDepth: 0 })).toEqual([]);
  });
});

/** The page at one bit per pixel, grey ordered-dithered (a 4×4 Bayer matrix), as a scanner's black-and-white mode prints a fill. */
function dithered(image: GrayImage): GrayImage {
  const bayer = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5];
  const data = image.data.map((v, i) => (v * 16 > (bayer[((Math.floor(i / image.width) % 4) * 4) + ((i % image.width) % 4)]! + 0.5) * 255 ? 255 : 0));
  return { ...image, data };
}

describe('a one-bit scan\'s dithered fill', { timeout: 30_000 }, () => {
  it('is no shading as it stands (its cells\' lighter half is paper), is found once descreened, and lifted by painting out its dots', async () => {
    const grey = await tablePage();
    const oneBit = dithered(grey);
    expect(findShadedAreas(oneBit, SCALE, SETTINGS)).toEqual([]);
    const areas = findShadedAreas(descreen(oneBit, SCALE, SETTINGS), SCALE, SETTINGS);
    expect(areas).toHaveLength(1);
    expect(isDithered(oneBit, areas[0]!, SCALE, SETTINGS)).toBe(true);
    // The grey band, found as it is, holds only the punctuation of its words: no dither.
    expect(isDithered(grey, findShadedAreas(grey, SCALE, SETTINGS)[0]!, SCALE, SETTINGS)).toBe(false);
    const cell = SETTINGS.shadeCellPt * SCALE;
    expect(Math.abs(areas[0]!.y0 - px(BAND.y))).toBeLessThanOrEqual(cell + 1);
    expect(Math.abs(areas[0]!.y1 - px(BAND.y + BAND.height))).toBeLessThanOrEqual(cell + 1);
    // Its dots painted out, the fill between two column names is white paper, and the F of
    // "Facility" stays ink, as sharp as it was.
    const lifted = withoutDots(oneBit, areas, SCALE, SETTINGS);
    const fill = { x0: px(BAND.x + 70), x1: px(BAND.x + 90), y0: px(BAND.y + 2), y1: px(BAND.y + 14) };
    for (let y = fill.y0; y < fill.y1; y++) expect([...lifted.data.subarray(y * lifted.width + fill.x0, y * lifted.width + fill.x1)].every((v) => v === 255)).toBe(true);
    // The word "Facility": its strokes (the grey page's ink) are still ink.
    const word = { x0: px(BAND.x + 4), x1: px(BAND.x + 40), y0: px(BAND.y + 3), y1: px(BAND.y + 13) };
    const strokes = (img: GrayImage, keep: (i: number) => boolean) => {
      let n = 0;
      for (let y = word.y0; y < word.y1; y++) for (let x = word.x0; x < word.x1; x++) if (grey.data[y * img.width + x]! < 64 && keep(y * img.width + x)) n++;
      return n;
    };
    expect(strokes(lifted, (i) => lifted.data[i] === 0)).toBeGreaterThan(0.95 * strokes(lifted, () => true));
  });
});

/** The ink (pixels under mid-grey) of a one-page fixture prepared for OCR with each of the settings. */
async function inkPrepared(file: string, settings: readonly (typeof SETTINGS)[]): Promise<number[]> {
  const opened = await openPdf(file);
  try {
    const counts: number[] = [];
    for (const s of settings) counts.push((await preparePageImage(opened.doc, opened.file, 1, s)).pixels.data.filter((v) => v < 128).length);
    return counts;
  } finally {
    await opened.doc.destroy();
  }
}

describe('a light dithered fill of a 150 DPI one-bit scan (test/fixtures/dither/README.md)', { timeout: 60_000 }, () => {
  it('is found only averaged over the wider square, and lifted', async () => {
    // Averaging alone (no search by dots per cell, which finds this fill too).
    const [narrow, both] = await inkPrepared('test/fixtures/dither/light-dither-150dpi-p2.pdf', [{ ...SETTINGS, descreenWideRadiusPt: 0, ditherCellPt: 0 }, { ...SETTINGS, ditherCellPt: 0 }]);
    // The striped rows' dots are a third of the page's ink (the narrower square alone lifts none).
    expect(both!).toBeLessThan(0.8 * narrow!);
  });
});

describe('a light dithered zebra of a 200 DPI one-bit scan (test/fixtures/dither/README.md)', { timeout: 60_000 }, () => {
  it('is found by its dots, where averaging finds slivers of it, and lifted', async () => {
    const [averaged, dotted] = await inkPrepared('test/fixtures/dither/light-zebra-200dpi-p2.pdf', [{ ...SETTINGS, ditherCellPt: 0 }, SETTINGS]);
    // The striped rows' dots are over a quarter of the page's ink, which averaging alone leaves.
    expect(dotted!).toBeLessThan(0.8 * averaged!);
  });
});

describe('broken letters of a 150 DPI one-bit scan (test/fixtures/dither/README.md)', { timeout: 120_000 }, () => {
  it('are no dithered fill: none of their fragments is lifted, and the period line reads', async () => {
    // A few cells in a line hold as many fragments as a fill holds dots, but no fill is that short.
    const [withoutSearch, withSearch] = await inkPrepared('test/fixtures/dither/broken-text-150dpi-p1.pdf', [{ ...SETTINGS, ditherCellPt: 0 }, SETTINGS]);
    expect(withSearch).toBe(withoutSearch);
    const opened = await openPdf('test/fixtures/dither/broken-text-150dpi-p1.pdf');
    const pool = createOcrPool({ workers: 1 });
    try {
      const read = (await pool.ocrPage(opened, 1)).words.map((w) => w.text);
      expect(read.some((word, i) => word === 'Aug.' && read[i + 1] === '26')).toBe(true);
    } finally {
      await pool.close();
      await opened.doc.destroy();
    }
  });
});

describe('a dense dithered header band of a 200 DPI one-bit scan (test/fixtures/dither/README.md)', { timeout: 120_000 }, () => {
  it('has the dots left touching its letters shaved, and Tesseract reads the header', async () => {
    const opened = await openPdf('test/fixtures/dither/dense-header-200dpi-p1.pdf');
    const headerRead = async (ditherHairPasses: number) => {
      const pool = createOcrPool({ workers: 1, ocr: { ditherHairPasses } });
      try {
        const read = (await pool.ocrPage(opened, 1)).words.map((w) => w.text);
        // The header's two words in a row (the page prints "Detainers Issued" in its prose).
        return read.some((word, i) => word === 'Issued' && read[i + 1] === 'Detainers');
      } finally {
        await pool.close();
      }
    };
    try {
      // Section I's header, bold on the band: "Issued Detainers" is not read with its hairs on.
      expect(await headerRead(SETTINGS.ditherHairPasses)).toBe(true);
      expect(await headerRead(0)).toBe(false);
    } finally {
      await opened.doc.destroy();
    }
  });
});

describe('bullets in dithered zebra rows of a 300 DPI one-bit scan (test/fixtures/dither/README.md)', { timeout: 120_000 }, () => {
  it('are looked for with the fill lifted, where each stands alone again', async () => {
    const opened = await openPdf('test/fixtures/dither/zebra-bullets-300dpi-p4.pdf');
    const pool = createOcrPool({ workers: 1 });
    try {
      const bullets = (await pool.ocrPage(opened, 1)).words.filter((w) => w.text === '•');
      // 16 printed; Tesseract reads 8 and the striped rows' others stood among dots.
      expect(bullets.length).toBeGreaterThanOrEqual(12);
    } finally {
      await pool.close();
      await opened.doc.destroy();
    }
  });
});

describe('rulings painted out for recognition', { timeout: 30_000 }, () => {
  it('paints a table border white, and the letters sitting on it stay', async () => {
    const image = await tablePage();
    const rulings = detectRulings(image, SCALE, SETTINGS);
    const rule = rulings.find((r) => r.orientation === 'h' && Math.abs(r.y0 - RULE_Y) < 2);
    expect(rule).toBeDefined();
    const painted = withoutRulings(image, SCALE, rulings, SETTINGS);
    expect(at(image, BAND.x + 300, RULE_Y)).toBeLessThan(100);
    expect(at(painted, BAND.x + 300, RULE_Y)).toBe(255);
    // The ink of "Hall, Nebraska" above the rule.
    const inkAbove = (img: GrayImage) => {
      let n = 0;
      for (let y = px(RULE_Y - 8); y < px(RULE_Y - 1.5); y++) for (let x = px(BAND.x); x < px(BAND.x + 80); x++) if (img.data[y * img.width + x]! < 100) n++;
      return n;
    };
    expect(inkAbove(painted)).toBe(inkAbove(image));
    expect(withoutRulings(image, SCALE, rulings, { ...SETTINGS, paintOutRulings: false })).toBe(image);
  });

  it('leaves a "ruling" with ink along both its sides: letters blurred together, not a border', () => {
    const width = 400, height = 60;
    const data = new Uint8Array(width * height).fill(255);
    // A dark run 2 px thick at rows 30-31, with strokes crossing it every 4 px, as bold letters do.
    for (let x = 50; x < 350; x++) { data[30 * width + x] = 0; data[31 * width + x] = 0; }
    for (let x = 50; x < 350; x += 4) for (let y = 22; y < 40; y++) { data[y * width + x] = 0; data[y * width + x + 1] = 0; data[y * width + x + 2] = 0; }
    const image = { width, height, data };
    const run = { orientation: 'h' as const, x0: 50 / SCALE, x1: 350 / SCALE, y0: 30 / SCALE, y1: 32 / SCALE };
    expect(withoutRulings(image, SCALE, [run], SETTINGS).data).toEqual(data);
  });
});
