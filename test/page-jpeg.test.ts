/**
 * A scanned page read without pdf.js decoding its JPEG: classification gets the same operators
 * pdf.js would list, and the native decoder draws the pixels pdf.js would (to a level), or leaves
 * the page to pdf.js.
 */
import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { classifyPageContent } from '../src/pdf/classify.ts';
import { openPdf } from '../src/pdf/load.ts';
import { readPageContent } from '../src/pdf/page-content.ts';
import { pageJpeg, singleImagePainting } from '../src/pdf/page-jpeg.ts';
import { renderPage } from '../src/pdf/render.ts';
import { tempDir, writePdf } from './support/ocr-fixtures.ts';

const SCAN = 'samples/ddor-2017-02-11-scan300.pdf';
const MIXED = 'samples/ddor-2017-02-04-mixed.pdf';
const BORN_DIGITAL = 'samples/ddor-2017-02-04.pdf';

/** Largest and mean difference of two renderings' RGBA bytes. */
async function pixelDifference(file: string, page: number, dpi: number): Promise<{ largest: number; mean: number }> {
  const pdf = await openPdf(file);
  const native = await renderPage(pdf.doc, page, dpi, undefined, pdf.bytes);
  const pdfjs = await renderPage(pdf.doc, page, dpi);
  await pdf.doc.destroy();
  expect([native.canvas.width, native.canvas.height]).toEqual([pdfjs.canvas.width, pdfjs.canvas.height]);
  const a = native.canvas.getContext('2d').getImageData(0, 0, native.canvas.width, native.canvas.height).data;
  const b = pdfjs.canvas.getContext('2d').getImageData(0, 0, pdfjs.canvas.width, pdfjs.canvas.height).data;
  let largest = 0, sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > largest) largest = d;
  }
  return { largest, mean: sum / a.length };
}

/** A one-page PDF of the scan's first JPEG, drawn by pdf-lib at the given place. */
async function jpegPage(name: string, draw: { x: number; y: number; width: number; height: number; rotate?: number }): Promise<string> {
  const source = await openPdf(SCAN);
  const image = await pageJpeg(source.bytes, 1, source.pageCount);
  await source.doc.destroy();
  const doc = await PDFDocument.create();
  const jpeg = await doc.embedJpg(image!.jpeg);
  doc.addPage([612, 792]).drawImage(jpeg, { ...draw, rotate: degrees(draw.rotate ?? 0) });
  return writePdf(await tempDir(), name, await doc.save());
}

describe('a page that is one JPEG', { timeout: 60_000 }, () => {
  it('reads the painting of a q/cm/Do/Q content stream, and nothing else', () => {
    expect(singleImagePainting('q 612 0 0 792 0 0 cm /Im0 Do Q')).toEqual({ name: 'Im0', matrix: [612, 0, 0, 792, 0, 0] });
    expect(singleImagePainting('q 1 0 0 1 10 20 cm\nq 2 0 0 3 0 0 cm /X Do Q Q')).toEqual({ name: 'X', matrix: [2, 0, 0, 3, 10, 20] });
    expect(singleImagePainting('q 612 0 0 792 0 0 cm /Im0 Do Q BT /F1 12 Tf (hidden) Tj ET')).toBeNull();
    expect(singleImagePainting('/Im0 Do /Im1 Do')).toBeNull();
    expect(singleImagePainting('Q /Im0 Do')).toBeNull();
    expect(singleImagePainting('q 1 0 0 1 cm /Im0 Do Q')).toBeNull();
    expect(singleImagePainting('q Q')).toBeNull();
  });

  it('finds the JPEG of a scanned page, and none on pages with text', async () => {
    for (const [file, page, expected] of [[SCAN, 1, true], [MIXED, 1, false], [MIXED, 2, true], [BORN_DIGITAL, 1, false]] as const) {
      const pdf = await openPdf(file);
      const image = await pageJpeg(pdf.bytes, page, pdf.pageCount);
      await pdf.doc.destroy();
      expect(image !== null, `${file} p.${page}`).toBe(expected);
      if (image) expect([...image.jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    }
  });

  it('classifies the page as pdf.js\'s own operator list would', async () => {
    for (const [file, page] of [[SCAN, 1], [SCAN, 4], [MIXED, 2], [MIXED, 1]] as const) {
      const pdf = await openPdf(file);
      const spared = await readPageContent(pdf.doc, page, pdf.bytes);
      const full = await readPageContent(pdf.doc, page);
      await pdf.doc.destroy();
      expect(classifyPageContent(spared), `${file} p.${page}`).toEqual(classifyPageContent(full));
    }
  });

  it('is drawn natively within one level of pdf.js, enlarged (nearest pixels) or not', async () => {
    for (const dpi of [300, 450]) {
      const { largest, mean } = await pixelDifference(SCAN, 1, dpi);
      expect(largest, `${dpi} DPI`).toBeLessThanOrEqual(1);
      expect(mean, `${dpi} DPI`).toBeLessThan(0.02);
    }
  });

  it('is drawn natively off whole points, and left to pdf.js when rotated', async () => {
    const shifted = await jpegPage('shifted.pdf', { x: 10.3, y: 20.7, width: 550.2, height: 712.1 });
    expect((await pixelDifference(shifted, 1, 300)).largest).toBeLessThanOrEqual(1);
    const rotated = await jpegPage('rotated.pdf', { x: 600, y: 20, width: 550, height: 712, rotate: 90 });
    const pdf = await openPdf(rotated);
    expect(await pageJpeg(pdf.bytes, 1, pdf.pageCount)).not.toBeNull();
    await pdf.doc.destroy();
    expect(await pixelDifference(rotated, 1, 150)).toEqual({ largest: 0, mean: 0 });
  });
});
