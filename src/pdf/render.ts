/**
 * Rendering a page to pixels with pdfjs-dist and @napi-rs/canvas (the canvas pdf.js itself uses
 * in Node). Used for OCR, for the --debug overlays and for the review page.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { z } from 'zod';
import { finding, type Finding } from '../findings.ts';

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
  /** The DPI rendered at: the one asked for, or lower to stay within maxPixels. */
  dpi: number;
  /** Pixels per PDF point. */
  scale: number;
  widthPt: number;
  heightPt: number;
}

export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number, settings: RenderSettings = RENDER_DEFAULTS): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const size = page.getViewport({ scale: 1 });
    const used = dpiWithin(size.width, size.height, dpi, settings.maxPixels);
    const scale = used / 72;
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    // pdf.js types its canvas as the DOM's; @napi-rs/canvas implements what it draws with.
    await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    const base = page.getViewport({ scale: 1 });
    return { canvas, dpi: used, scale, widthPt: base.width, heightPt: base.height };
  } finally {
    page.cleanup();
  }
}

/**
 * A warning for a page rendered below the DPI asked for, to stay within maxPixels: coarser pixels
 * can blur small print, so the user should hear of it. Null when the page got the DPI asked for.
 */
export function dpiLoweredFinding(file: string, page: number, use: string, asked: number, rendered: Pick<RenderedPage, 'dpi' | 'widthPt' | 'heightPt'>): Finding | null {
  if (rendered.dpi >= asked) return null;
  const inches = (pt: number) => Math.round(pt / 72);
  return finding({
    severity: 'warning', code: 'render-dpi-lowered', file, page, value: String(rendered.dpi),
    message: `rendered ${use} at ${rendered.dpi} DPI instead of ${asked}: at ${asked} DPI this ${inches(rendered.widthPt)} × ${inches(rendered.heightPt)} in page would exceed the pixel cap (maxPixels), and small print may be unreadable`,
  });
}
