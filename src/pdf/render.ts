/**
 * Rendering a page to pixels with pdfjs-dist and @napi-rs/canvas (the canvas pdf.js itself uses
 * in Node). Used for OCR, for the --debug overlays and for the review page.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface RenderedPage {
  canvas: Canvas;
  /** Pixels per PDF point. */
  scale: number;
  widthPt: number;
  heightPt: number;
}

export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const scale = dpi / 72;
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as unknown as never, canvasContext: context as never, viewport }).promise;
    const base = page.getViewport({ scale: 1 });
    return { canvas, scale, widthPt: base.width, heightPt: base.height };
  } finally {
    page.cleanup();
  }
}
