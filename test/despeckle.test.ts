import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { despeckle } from '../src/ocr/despeckle.ts';
import { canvasToGray, type GrayImage } from '../src/ocr/gray.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';
import { openPdf } from '../src/pdf/load.ts';
import { renderPage } from '../src/pdf/render.ts';
import { PAGE, tempDir, writePdf } from './support/ocr-fixtures.ts';

const SETTINGS = OcrSettingsSchema.parse({});
const DPI = 300;
/** Lines rich in the small marks a despeckler must not take for specks. */
const LINES = [
  'For Recorded Declined Detainers Jan. 28 - Feb. 3, 2017',
  'Burglary - Forced Entry - Residence; Doña Ana; St. Louis',
  'Men\'s Central Jail: "Convicted" (Larceny; Assault), 2/11/2017. Fijian? Yes!',
];
const LINE_PITCH = 40;
const TOP = 60;

async function renderedText(size: number, fontName: StandardFonts = StandardFonts.Helvetica): Promise<GrayImage> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(fontName);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  LINES.forEach((text, i) => {
    page.drawText(text, { x: 40, y: PAGE.height - TOP - i * LINE_PITCH, size, font, color: rgb(0, 0, 0) });
  });
  const dir = await tempDir();
  const opened = await openPdf(await writePdf(dir, 'marks.pdf', await pdf.save()));
  const { canvas } = await renderPage(opened.doc, 1, DPI);
  await opened.doc.destroy();
  return canvasToGray(canvas);
}

/** Square dots of toner `side` pixels wide, in the white space between the lines; their pixel indexes. */
function sprinkle(image: GrayImage, side: number): Set<number> {
  const scale = DPI / 72;
  const dots = new Set<number>();
  for (let i = 0; i < LINES.length; i++) {
    // Halfway between baselines: 20 pt from either line's ink at 10-12 pt.
    const y = Math.round((TOP + i * LINE_PITCH + LINE_PITCH / 2) * scale);
    for (let x = Math.round(50 * scale); x < Math.round(500 * scale); x += Math.round(37 * scale)) {
      for (let dy = 0; dy < side; dy++) for (let dx = 0; dx < side; dx++) {
        const p = (y + dy) * image.width + x + dx;
        image.data[p] = 0;
        dots.add(p);
      }
    }
  }
  return dots;
}

describe('despeckle', { timeout: 30_000 }, () => {
  for (const size of [9, 12]) {
    it(`paints out isolated dots and leaves every pixel of ${size} pt text (full stops, commas, hyphens, i dots, ñ) as it was`, async () => {
      const clean = await renderedText(size);
      const noisy: GrayImage = { ...clean, data: Uint8Array.from(clean.data) };
      const dots = sprinkle(noisy, 5); // 1.2 pt across at 300 DPI
      const { image, specks } = despeckle(noisy, DPI / 72, SETTINGS);
      expect(specks).toBe(dots.size / 25);
      let changedText = 0;
      for (let p = 0; p < image.data.length; p++) {
        if (dots.has(p)) expect(image.data[p]).toBe(255);
        else if (image.data[p] !== clean.data[p]) changedText++;
      }
      expect(changedText).toBe(0);
    });
  }

  it('keeps blobs larger than despeckleMaxAreaPt, and does nothing when it is 0', async () => {
    const clean = await renderedText(10);
    const noisy: GrayImage = { ...clean, data: Uint8Array.from(clean.data) };
    sprinkle(noisy, 12); // 2.9 pt across: 8 pt², over the default 3 pt²
    expect(despeckle(noisy, DPI / 72, SETTINGS).specks).toBe(0);
    const speckled: GrayImage = { ...clean, data: Uint8Array.from(clean.data) };
    sprinkle(speckled, 5);
    expect(despeckle(speckled, DPI / 72, { ...SETTINGS, despeckleMaxAreaPt: 0 })).toEqual({ image: speckled, specks: 0 });
  });

  it('keeps a spaced dash in a monospace font, as far from its words as a speck', async () => {
    const clean = await renderedText(9, StandardFonts.Courier);
    const noisy: GrayImage = { ...clean, data: Uint8Array.from(clean.data) };
    const dots = sprinkle(noisy, 5);
    const { image } = despeckle(noisy, DPI / 72, SETTINGS);
    let changedText = 0;
    for (let p = 0; p < image.data.length; p++) if (!dots.has(p) && image.data[p] !== clean.data[p]) changedText++;
    expect(changedText).toBe(0);
    // Without the rule for bars, the dashes go.
    const { image: bare } = despeckle(noisy, DPI / 72, { ...SETTINGS, despeckleKeepBarAspect: 1000 });
    expect(bare.data.some((v, p) => !dots.has(p) && v !== clean.data[p])).toBe(true);
  });
});
