import { describe, expect, it } from 'vitest';
import { createImageKeeper } from '../src/ocr/kept-images.ts';
import type { OcrPageImage } from '../src/ocr/page-image.ts';

/** A page-sized gray image with some structure (rows of "ink"), as preparePageImage returns it. */
function pageImage(page: number, width = 200, height = 260): OcrPageImage {
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 10 + page; y < height; y += 37) data.fill(0, y * width + 20, y * width + width - 20);
  return {
    file: 'scan.pdf', page, widthPt: 612, heightPt: 792, dpi: 100, dpiAsked: 100, scale: 100 / 72,
    skewDegrees: 0.4, specks: 3, rulings: [{ orientation: 'h', x0: 36, x1: 576, y0: 30, y1: 31 }],
    pixels: { width, height, data }, undespeckled: { width, height, data },
  };
}

describe('page images kept for the second look', () => {
  it('gives back the very image kept, once', async () => {
    const keeper = createImageKeeper(2 ** 20);
    const doc = {};
    const image = pageImage(1);
    keeper.keep(doc, image);
    // The copy from before despeckling serves the page's OCR only; the second look reads the pixels.
    const { undespeckled: _, ...read } = image;
    expect(await keeper.take(doc, 1)).toEqual(read);
    expect(await keeper.take(doc, 1)).toBeNull();
  });

  it('keeps images per document and page', async () => {
    const keeper = createImageKeeper(2 ** 20);
    const [a, b] = [{}, {}];
    keeper.keep(a, pageImage(1));
    keeper.keep(b, pageImage(2));
    expect(await keeper.take(a, 2)).toBeNull();
    expect(await keeper.take(b, 1)).toBeNull();
    expect((await keeper.take(b, 2))?.pixels).toEqual(pageImage(2).pixels);
  });

  it('stops keeping once the budget is spent, and keeps nothing with a budget of 0', async () => {
    const keeper = createImageKeeper(1);
    const doc = {};
    keeper.keep(doc, pageImage(1));
    keeper.keep(doc, pageImage(2));
    expect(await keeper.take(doc, 2)).toBeNull();
    expect(await keeper.take(doc, 1)).not.toBeNull();

    const none = createImageKeeper(0);
    none.keep(doc, pageImage(3));
    expect(await none.take(doc, 3)).toBeNull();
  });
});
