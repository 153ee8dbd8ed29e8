/**
 * A PDF page turned into what Tesseract reads: rendered (src/pdf/render.ts), deskewed, grayscale.
 * Rendering stays on the main thread (pdf.js owns the document); the resulting image is a plain
 * byte array that can be posted to a worker thread.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Ruling } from '../layout/tokens.ts';
import { dpiWithin, releaseCanvas, renderPage, type RenderedPage } from '../pdf/render.ts';
import { estimateSkew, rotateCanvas } from './deskew.ts';
import { withoutDitheredFills } from './descreen.ts';
import { despeckle } from './despeckle.ts';
import { canvasToGray, type GrayImage } from './gray.ts';
import { detectRulings, withoutRulings } from './rulings.ts';
import { findShadedAreas, withoutShading } from './shading.ts';
import type { OcrSettings } from './settings.ts';

export interface OcrPageImage {
  /** The PDF the page comes from, for error messages. */
  file: string;
  /** 1-based page number. */
  page: number;
  widthPt: number;
  heightPt: number;
  dpi: number;
  /** The DPI configured; `dpi` is lower when the page is too large for maxPixels. */
  dpiAsked: number;
  /** Pixels per PDF point. */
  scale: number;
  /** Skew found on the page and corrected (0 when below minSkewCorrectionDegrees); see deskew.ts. */
  skewDegrees: number;
  /** Isolated specks painted out before recognition; see despeckle.ts. */
  specks: number;
  /** Table rulings found in the deskewed pixels, in points. */
  rulings: Ruling[];
  /** The deskewed, despeckled page (cleaned, when so prepared): what Tesseract reads, and what cells are cut from for a second look. */
  pixels: GrayImage;
  /**
   * The deskewed page before despeckling, where dropped list markers are looked for: the bullet of
   * small text is as small and as isolated as a speck, and despeckling may have painted it out.
   * Its dithered fills are lifted as in `pixels`: among a fill's dots no bullet stands alone
   * (fresh seed 3120427769, a zebra row's four bullets lost, silent).
   */
  undespeckled: GrayImage;
}

/** The configured DPI, lowered for pages so large that it would exceed maxPixels. */
export const dpiForPage = (widthPt: number, heightPt: number, settings: Pick<OcrSettings, 'dpi' | 'maxPixels'>) =>
  dpiWithin(widthPt, heightPt, settings.dpi, settings.maxPixels);

async function renderForOcr(doc: PDFDocumentProxy, file: string, pageNumber: number, settings: OcrSettings, pdfBytes?: Uint8Array): Promise<RenderedPage & { dpi: number }> {
  try {
    const page = await doc.getPage(pageNumber);
    const { width, height } = page.getViewport({ scale: 1 });
    const dpi = dpiForPage(width, height, settings);
    return { ...(await renderPage(doc, pageNumber, dpi, { maxPixels: settings.maxPixels }, settings.nativeJpegDecoding ? pdfBytes : undefined)), dpi };
  } catch (error) {
    throw new Error(`${file} p.${pageNumber}: cannot render the page for OCR (${error instanceof Error ? error.message : String(error)}); the PDF may be damaged, try repairing it (e.g. qpdf)`, { cause: error });
  }
}

/**
 * How a page is prepared for recognition. `plain`: deskewed, despeckled, its dithered fills lifted
 * (a one-bit scan's grey bands and stripes, descreen.ts). `cleaned`: its table rulings painted
 * out and its shading lifted as well (rulings.ts, shading.ts), which reads a header sitting on a
 * rule or a grey band that the plain page loses, but which moves Tesseract's reading of other
 * cells either way; it is what a table the plain reading did not find is looked for in
 * (extract-file.ts). `cleaned-whole-page`: cleaned, and recognised with the whole-page
 * segmentation (OcrSettings.wholePageSegmentation) instead of the sparse one: sparse text loses
 * some headers outright, bold words in a closed grid cell among them, which a whole-page layout
 * reads; the last place a lost table is looked for.
 */
export type PagePreparation = 'plain' | 'cleaned' | 'cleaned-whole-page';

/**
 * The deskewed page with what lifting dithered fills whitened in the despeckled one (`lifted`
 * differs from `despeckled` there) whitened too; the page itself when no fill was lifted.
 */
function withFillsLifted(deskewed: GrayImage, despeckled: GrayImage, lifted: GrayImage): GrayImage {
  if (lifted === despeckled) return deskewed;
  const data = Uint8Array.from(deskewed.data);
  for (let i = 0; i < data.length; i++) if (lifted.data[i] !== despeckled.data[i]) data[i] = lifted.data[i]!;
  return { ...deskewed, data };
}

/** `pdfBytes`, the file's bytes, let a scanned page's JPEG be decoded natively (nativeJpegDecoding, renderPage). */
export async function preparePageImage(doc: PDFDocumentProxy, file: string, pageNumber: number, settings: OcrSettings, pdfBytes?: Uint8Array, preparation: PagePreparation = 'plain'): Promise<OcrPageImage> {
  const rendered = await renderForOcr(doc, file, pageNumber, settings, pdfBytes);
  const skew = estimateSkew(rendered.canvas, settings);
  const corrected = skew !== 0 && Math.abs(skew) >= settings.minSkewCorrectionDegrees;
  const rotated = corrected ? rotateCanvas(rendered.canvas, skew) : null;
  const deskewed = canvasToGray(rotated ?? rendered.canvas);
  releaseCanvas(rendered.canvas);
  if (rotated) releaseCanvas(rotated);
  const { image: despeckled, specks } = despeckle(deskewed, rendered.scale, settings);
  // Every preparation: Tesseract reads a dithered band or zebra row as letters.
  const gray = withoutDitheredFills(despeckled, rendered.scale, settings);
  const rulings = detectRulings(gray, rendered.scale, settings);
  return {
    file,
    page: pageNumber,
    widthPt: rendered.widthPt,
    heightPt: rendered.heightPt,
    dpi: rendered.dpi,
    dpiAsked: settings.dpi,
    scale: rendered.scale,
    skewDegrees: corrected ? skew : 0,
    specks,
    rulings,
    pixels: preparation !== 'plain' ? withoutShading(withoutRulings(gray, rendered.scale, rulings, settings), findShadedAreas(gray, rendered.scale, settings), settings) : gray,
    undespeckled: withFillsLifted(deskewed, despeckled, gray),
  };
}
