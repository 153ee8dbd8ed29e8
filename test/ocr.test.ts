import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateSkew } from '../src/ocr/deskew.ts';
import { dpiForPage, preparePageImage } from '../src/ocr/page-image.ts';
import { createOcrPool, type OcrPool } from '../src/ocr/pool.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';
import { openPdf, type OpenedPdf } from '../src/pdf/load.ts';
import { renderPage } from '../src/pdf/render.ts';
import { makeTablePdf, pairWords, scanPdf, tempDir, writePdf, type TablePdf } from './support/ocr-fixtures.ts';

const SETTINGS = OcrSettingsSchema.parse({});
/** Points an OCR box edge may be off the drawn glyphs (ink vs advance width, JPEG blur, 0.1° skew residue). */
const BOX_TOLERANCE = 3;
const DESCENDERS = /[gjpqy,()]/;

describe('skew estimation', { timeout: 30_000 }, () => {
  let dir: string;
  let table: TablePdf;
  beforeAll(async () => {
    dir = await tempDir();
    table = await makeTablePdf();
  });

  for (const skew of [0, 1, -2.2]) {
    it(`finds a ${skew}° skew within 0.3°`, async () => {
      const pdf = await openPdf(await writePdf(dir, `skew${skew}.pdf`, await scanPdf(table.bytes, dir, { skewDegrees: skew })));
      const { canvas } = await renderPage(pdf.doc, 1, 150);
      expect(Math.abs(estimateSkew(canvas, SETTINGS) - skew)).toBeLessThanOrEqual(0.3);
      await pdf.doc.destroy();
    });
  }

  it('names the file and page it cannot render', async () => {
    const pdf = await openPdf(await writePdf(dir, 'one-page.pdf', table.bytes));
    await expect(preparePageImage(pdf.doc, pdf.file, 9, SETTINGS)).rejects.toThrow(/one-page\.pdf p\.9: cannot render the page for OCR/);
    await pdf.doc.destroy();
  });

  it('lowers the DPI only for oversized pages', () => {
    expect(dpiForPage(612, 792, SETTINGS)).toBe(300);
    expect(dpiForPage(2592, 3456, SETTINGS)).toBeLessThan(300); // 36 x 48 inch plot
  });
});

describe('rulings from pixels', { timeout: 30_000 }, () => {
  it('finds every ruling of a skewed scanned grid table, and nothing in the text', async () => {
    const dir = await tempDir();
    const grid = await makeTablePdf({ grid: true });
    const pdf = await openPdf(await writePdf(dir, 'grid.pdf', await scanPdf(grid.bytes, dir, { skewDegrees: 1.5, dpi: 200, jpegQuality: 70 })));
    const image = await preparePageImage(pdf.doc, pdf.file, 1, SETTINGS);
    await pdf.doc.destroy();
    expect(image.rulings).toHaveLength(grid.lines.length);
    for (const drawn of grid.lines) {
      const match = image.rulings.find((r) => r.orientation === drawn.orientation
        && Math.abs(r.x0 - drawn.x0) <= 2 && Math.abs(r.x1 - drawn.x1) <= 2
        && Math.abs(r.y0 - drawn.y0) <= 2 && Math.abs(r.y1 - drawn.y1) <= 2);
      expect(match, `${drawn.orientation} ruling at ${drawn.x0},${drawn.y0}`).toBeDefined();
    }
  });
});

describe('OCR pool on scanned table pages', () => {
  let dir: string;
  let table: TablePdf;
  let pool: OcrPool;
  const opened: OpenedPdf[] = [];

  beforeAll(async () => {
    dir = await tempDir();
    table = await makeTablePdf();
    // Recycle after every page, so that the third page is read by a recreated worker.
    pool = createOcrPool({ workers: 2, recycleAfterPages: 1 });
  });
  afterAll(async () => {
    await pool.close();
    await Promise.all(opened.map((p) => p.doc.destroy()));
  });

  const scan = async (name: string, skewDegrees: number) => {
    const pdf = await openPdf(await writePdf(dir, name, await scanPdf(table.bytes, dir, { skewDegrees, dpi: 200, jpegQuality: 80 })));
    opened.push(pdf);
    return pdf;
  };

  it('reads a straight and a 1° skewed scan: words, places, skew', async () => {
    const [straight, skewed] = await Promise.all([scan('straight.pdf', 0), scan('skewed.pdf', 1)]);
    const results = await Promise.all([pool.ocrPage(straight, 1), pool.ocrPage(skewed, 1)]);
    for (const [i, tokens] of results.entries()) {
      expect(tokens).toMatchObject({ page: 1, width: 612, height: 792, source: 'ocr', dpi: 300 });
      expect(Math.abs(tokens.skewDegrees - [0, 1][i]!)).toBeLessThanOrEqual(0.3);
      const pairs = pairWords(table.words, tokens.words);
      const found = pairs.filter(([, w]) => w !== null);
      expect(found.length / pairs.length).toBeGreaterThanOrEqual(0.95);
      for (const [d, w] of found) {
        expect(Math.abs(w!.x0 - d.x0), `${d.text} x0`).toBeLessThanOrEqual(BOX_TOLERANCE);
        expect(Math.abs(w!.x1 - d.x1), `${d.text} x1`).toBeLessThanOrEqual(BOX_TOLERANCE);
        if (!DESCENDERS.test(d.text)) expect(Math.abs(w!.y1 - d.baseline), `${d.text} baseline`).toBeLessThanOrEqual(BOX_TOLERANCE);
        expect(w!.confidence).toBeGreaterThan(0.5);
        expect(w!.confidence).toBeLessThanOrEqual(1);
        expect(w!.source).toBe('ocr');
      }
    }
  }, 120_000);

  it('recycles workers and still reads the next page right', async () => {
    const pdf = await scan('third.pdf', -0.5);
    const image = await preparePageImage(pdf.doc, pdf.file, 1, SETTINGS);
    const tokens = await pool.recognize(image);
    expect(tokens.words.map((w) => w.text)).toEqual(expect.arrayContaining(['Washington', 'Guatemala', 'Nassau', 'Correctional']));
    expect(pool.stats()).toEqual({ pages: 3, workerStarts: 2 + 3 });
  }, 120_000);

  it('names the file and page when a page image cannot be read', async () => {
    const bad = { file: 'broken.pdf', page: 7, widthPt: 612, heightPt: 792, dpi: 300, dpiAsked: 300, scale: 300 / 72, skewDegrees: 0, specks: 0, rulings: [], pixels: { width: 0, height: 0, data: new Uint8Array() }, undespeckled: { width: 0, height: 0, data: new Uint8Array() } };
    await expect(pool.recognize(bad)).rejects.toThrow(/broken\.pdf p\.7: OCR failed/);
  }, 120_000);
});
