/**
 * Rendering a page to pixels with pdfjs-dist and @napi-rs/canvas (the canvas pdf.js itself uses
 * in Node). Used for OCR, for the --debug overlays and for the review page.
 */
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import { z } from 'zod';
import { finding, type Finding } from '../findings.ts';
import { nativeCanvas } from './canvas.ts';
import { pageJpeg, type PageJpeg } from './page-jpeg.ts';
import { Util } from './pdfjs.ts';

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

/**
 * pdf.js's smoothing rule for an image (getImageSmoothingEnabled in pdf.mjs): smoothed when it
 * asks for interpolation, or when it is not enlarged past CSS pixels per PDF point (96/72) either
 * way; enlarged further, it is drawn with nearest-neighbour pixels.
 */
const PDFJS_SMOOTHING_MAX_ENLARGEMENT = Math.fround(96 / 72);
/** pdf.js halves an image in steps (its _scaleImage) when drawing it smaller than half size; not reproduced here. */
const PDFJS_MAX_SINGLE_STEP_REDUCTION = 2;

/**
 * Draws a page that is one upright JPEG as pdf.js would (drawImageAtIntegerCoords: the image
 * snapped to whole device pixels, pdf.js's smoothing rule), decoded by @napi-rs/canvas's native
 * decoder. False, drawing nothing, for what pdf.js would draw differently: a rotated, sheared or
 * mirrored image, or one reduced by more than half.
 */
async function drawPageJpeg(context: SKRSContext2D, viewport: PageViewport, image: PageJpeg): Promise<boolean> {
  const [a, b, c, d, e, f] = Util.transform(viewport.transform, image.matrix);
  const widthScale = a / image.width, heightScale = -d / image.height;
  if (b !== 0 || c !== 0 || widthScale <= 0 || heightScale <= 0) return false;
  if (1 / widthScale > PDFJS_MAX_SINGLE_STEP_REDUCTION || 1 / heightScale > PDFJS_MAX_SINGLE_STEP_REDUCTION) return false;
  // A JPEG the native decoder refuses goes to pdf.js, whose decoder copes with some damage.
  const decoded = await nativeCanvas().loadImage(Buffer.from(image.jpeg.buffer, image.jpeg.byteOffset, image.jpeg.byteLength)).catch(() => null);
  if (!decoded || decoded.width !== image.width || decoded.height !== image.height) return false;
  const left = Math.round(e), top = Math.round(d + f);
  context.imageSmoothingEnabled = image.interpolate || (widthScale <= PDFJS_SMOOTHING_MAX_ENLARGEMENT && heightScale <= PDFJS_SMOOTHING_MAX_ENLARGEMENT);
  context.drawImage(decoded, left, top, Math.abs(Math.round(a + e) - left) || 1, Math.abs(Math.round(f) - top) || 1);
  return true;
}

/**
 * The page at `dpi` (lowered to stay within maxPixels). Given the PDF's bytes, a page that is one
 * JPEG (a scan) has it decoded natively (page-jpeg.ts) instead of by pdf.js's JavaScript decoder.
 */
export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, dpi: number, settings: RenderSettings = RENDER_DEFAULTS, pdfBytes?: Uint8Array): Promise<RenderedPage> {
  const page = await doc.getPage(pageNumber);
  try {
    const size = page.getViewport({ scale: 1 });
    const used = dpiWithin(size.width, size.height, dpi, settings.maxPixels);
    const scale = used / 72;
    const viewport = page.getViewport({ scale });
    const canvas = nativeCanvas().createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    const jpeg = pdfBytes ? await pageJpeg(pdfBytes, pageNumber, doc.numPages) : null;
    if (!jpeg || !(await drawPageJpeg(context, viewport, jpeg))) {
      // pdf.js types its canvas as the DOM's; @napi-rs/canvas implements what it draws with.
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
    }
    const base = page.getViewport({ scale: 1 });
    return { canvas, dpi: used, scale, widthPt: base.width, heightPt: base.height };
  } finally {
    page.cleanup();
  }
}

/**
 * Frees a canvas's pixels now, for a canvas done with. @napi-rs/canvas does not report a canvas's
 * pixel memory to V8 (33 MB for a Letter page at 300 DPI), so the garbage collector, which sees
 * only a small object, leaves dropped canvases uncollected for long: a dozen dropped 300 DPI
 * canvases held 460 MB of RSS. A canvas sized to zero holds none.
 */
export function releaseCanvas(canvas: Canvas): void {
  canvas.width = 0;
  canvas.height = 0;
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
