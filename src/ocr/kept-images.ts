/**
 * Page images kept between a page's OCR and the second look at its cells (recheck.ts), which cuts
 * the cells out of the very image the page was read from. Preparing a page again (render,
 * deskew, despeckle, rulings) costs 1.5-2 s of CPU at 300 DPI; a kept image is deflated at the
 * fastest level (a 300 DPI page: 0.5-3 MB, 30-100 ms, in libuv's thread pool, off the main
 * thread) and inflated in 10-40 ms. Each document keeps images up to a byte budget; a page beyond
 * it is prepared again. Images are keyed by the pdf.js document, so they go with it.
 */
import { promisify } from 'node:util';
import { constants, deflateRaw, inflateRaw } from 'node:zlib';
import type { OcrPageImage } from './page-image.ts';

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/** What the second look reads: the page as OCR read it, without the copy kept from before despeckling. */
export type RecheckImage = Omit<OcrPageImage, 'undespeckled'>;
type KeptImage = Omit<RecheckImage, 'pixels'> & { width: number; height: number; deflated: Buffer };

interface DocumentImages {
  bytes: number;
  pages: Map<number, Promise<KeptImage | null>>;
}

export interface ImageKeeper {
  /** Keeps the page's image for a later `take`, unless the document's budget is spent. */
  keep(doc: object, image: OcrPageImage): void;
  /** The kept image of the page, once (it is dropped when taken); null when none was kept. */
  take(doc: object, page: number): Promise<RecheckImage | null>;
}

/** Deflates the image; until it is done, it counts against the budget at its raw size. */
async function deflateImage({ pixels, undespeckled: _, ...rest }: OcrPageImage, documentImages: DocumentImages): Promise<KeptImage | null> {
  documentImages.bytes += pixels.data.byteLength;
  try {
    const deflated = await deflate(pixels.data, { level: constants.Z_BEST_SPEED });
    documentImages.bytes += deflated.byteLength;
    return { ...rest, width: pixels.width, height: pixels.height, deflated };
  } catch {
    return null; // the page is prepared again
  } finally {
    documentImages.bytes -= pixels.data.byteLength;
  }
}

export function createImageKeeper(budgetBytes: number): ImageKeeper {
  const byDocument = new WeakMap<object, DocumentImages>();
  return {
    keep(doc, image) {
      let documentImages = byDocument.get(doc);
      if (!documentImages) {
        documentImages = { bytes: 0, pages: new Map() };
        byDocument.set(doc, documentImages);
      }
      // The last image kept may overrun the budget by one page.
      if (documentImages.bytes >= budgetBytes) return;
      documentImages.pages.set(image.page, deflateImage(image, documentImages));
    },
    async take(doc, page) {
      const documentImages = byDocument.get(doc);
      const kept = await documentImages?.pages.get(page);
      if (!documentImages || !kept) return null;
      documentImages.pages.delete(page);
      documentImages.bytes -= kept.deflated.byteLength;
      const { deflated, width, height, ...rest } = kept;
      return { ...rest, pixels: { width, height, data: new Uint8Array(await inflate(deflated)) } };
    },
  };
}
