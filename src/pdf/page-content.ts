/**
 * What pdf.js parses out of one page, read once: classification and the text layer both need the
 * text items and the operator list, and parsing the page's content stream is most of the cost of
 * reading a born-digital page.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { TextContent } from 'pdfjs-dist/types/src/display/api.js';
import { pageJpeg, type PageJpeg } from './page-jpeg.ts';
import { OPS } from './pdfjs.ts';

export interface PageContent {
  /** 1-based page number. */
  page: number;
  /** The viewport at scale 1: points, origin top-left. */
  viewport: PageViewport;
  text: TextContent;
  ops: { fnArray: number[]; argsArray: unknown[][] };
}

/**
 * The operator list pdf.js gives a page that is one image, built without pdf.js: listing a page's
 * operators, pdf.js also decodes its images (~0.4 s of CPU for a 300 DPI JPEG, in JavaScript),
 * which nothing reading the list looks at; OCR renders the page later (render.ts).
 */
function oneImageOperators(image: PageJpeg): PageContent['ops'] {
  return {
    fnArray: [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore],
    argsArray: [[], image.matrix, [image.name, image.width, image.height], []],
  };
}

/**
 * `pdfBytes`, the file's bytes, spare a page without text that is one JPEG (a scan) the decoding
 * of its image (see oneImageOperators); a page with text never has pdf-lib parse the file.
 */
export async function readPageContent(doc: PDFDocumentProxy, pageNumber: number, pdfBytes?: Uint8Array): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    const text = await page.getTextContent();
    const scan = text.items.length === 0 && pdfBytes ? await pageJpeg(pdfBytes, pageNumber, doc.numPages) : null;
    const ops = scan ? oneImageOperators(scan) : await page.getOperatorList();
    return { page: pageNumber, viewport: page.getViewport({ scale: 1 }), text, ops };
  } finally {
    // The content above is plain data; pdf.js's own copies of the page's resources can go.
    page.cleanup();
  }
}
