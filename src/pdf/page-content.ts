/**
 * What pdf.js parses out of one page, read once: classification and the text layer both need the
 * text items and the operator list, and parsing the page's content stream is most of the cost of
 * reading a born-digital page.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { TextContent } from 'pdfjs-dist/types/src/display/api.js';

export interface PageContent {
  /** 1-based page number. */
  page: number;
  /** The viewport at scale 1: points, origin top-left. */
  viewport: PageViewport;
  text: TextContent;
  ops: { fnArray: number[]; argsArray: unknown[][] };
}

export async function readPageContent(doc: PDFDocumentProxy, pageNumber: number): Promise<PageContent> {
  const page = await doc.getPage(pageNumber);
  try {
    const [text, ops] = await Promise.all([page.getTextContent(), page.getOperatorList()]);
    return { page: pageNumber, viewport: page.getViewport({ scale: 1 }), text, ops };
  } finally {
    // The content above is plain data; pdf.js's own copies of the page's resources can go.
    page.cleanup();
  }
}
