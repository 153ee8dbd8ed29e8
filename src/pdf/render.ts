/**
 * Rendering a page to pixels with pdfjs-dist and @napi-rs/canvas (the canvas pdf.js itself uses
 * in Node). Used for OCR, for the --debug overlays and for the review page.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { z } from 'zod';

export const RenderSettingsSchema = z.object({
  maxPixels: z.number().int().positive().default(40_000_000)
    .describe('ceiling on the pixels of one rendered page (OCR, --debug overlays, review images): a page that large (PDF allows 200 inches a side) is rendered at a lower DPI instead of taking gigabytes'),
});

export type RenderSettings = z.infer<typeof RenderSettingsSchema>;

const RENDER_DEFAULTS = RenderSettingsSchema.parse({});

/** The DPI asked for, lowered as far as needed to keep the page within maxPixels. */
export function dpiWithin(widthPt: number, heightPt: number, dpi: number, maxPixels: number): number {
  const squareInches = (widthPt / 72) * (heightPt / 72);
  return Math.min(dpi, Math.floor(Math.sqrt(maxPixels / squareInches)));
}

export interface RenderedPage {
  canvas: Canvas;
  /** Pixels per PDF point. */
  scale: number;
  widthPt: number;
  heightPt: number;
}

export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number, settings: RenderSettings = RENDER_DEFAULTS): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const size = page.getViewport({ scale: 1 });
    const scale = dpiWithin(size.width, size.height, dpi, settings.maxPixels) / 72;
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    // pdf.js types its canvas as the DOM's; @napi-rs/canvas implements what it draws with.
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const base = page.getViewport({ scale: 1 });
    return { canvas, scale, widthPt: base.width, heightPt: base.height };
  } finally {
    page.cleanup();
  }
}
