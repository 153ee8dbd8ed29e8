/**
 * The scanned page's JPEG, undecoded: a page whose content is one JPEG image and nothing else.
 *
 * pdf.js decodes a page's JPEGs with its own JavaScript decoder, ~0.5 s of CPU for a 300 DPI
 * page, even just to list the page's operators, and does not hand out an image's encoded bytes
 * (mozilla/pdf.js#18840). pdf-lib reads the PDF's objects without decoding them, so such a page
 * is classified without decoding its image (page-content.ts), and with nativeJpegDecoding the
 * JPEG goes to a native decoder for OCR (render.ts).
 * Anything that pdf.js would draw differently, or that this reader does not follow, makes the
 * page not qualify (null), and pdf.js renders it as before: other operators than q/Q/cm/Do,
 * several images, forms, masks, a Decode array or decode parameters, colour spaces other than
 * DeviceGray and DeviceRGB, optional content, annotations, encryption, a damaged file.
 */
import { Util } from './pdfjs.ts';

/** The undecoded image of a page that is one JPEG and nothing else. */
export interface PageJpeg {
  /** Its name in the page's resources. */
  name: string;
  /** The DCTDecode stream's bytes: a JPEG file. */
  jpeg: Uint8Array;
  /** Pixels of the image, as its dictionary states them. */
  width: number;
  height: number;
  /** The image's /Interpolate flag (pdf.js then always smooths it). */
  interpolate: boolean;
  /** The transformation matrix when the image is painted: maps its unit square to user space. */
  matrix: Matrix;
}

type Matrix = [number, number, number, number, number, number];

// Typed from the package, loaded from its single-file bundle: pdf-lib's module tree costs ~0.4 s
// of CPU to import, the bundle ~0.06 s.
type PdfLib = typeof import('pdf-lib');
type PDFDocument = import('pdf-lib').PDFDocument;
let pdfLib: Promise<PdfLib> | null = null;
const loadPdfLib = () => (pdfLib ??= import('pdf-lib/dist/pdf-lib.esm.min.js' as string) as Promise<PdfLib>);

/** The PDF parsed once per byte array (a document's pages share it); null when pdf-lib cannot read it. */
const parsed = new WeakMap<Uint8Array, Promise<PDFDocument | null>>();
function parse(bytes: Uint8Array): Promise<PDFDocument | null> {
  let doc = parsed.get(bytes);
  if (!doc) {
    // pdf-lib refuses encrypted files (their streams would need decrypting) and, thrown on
    // rather than logged, invalid objects: such a file's pages go to pdf.js. Parsed in one go,
    // not pausing every 100 objects (pdf-lib's default): the pauses only add time.
    doc = loadPdfLib()
      .then(({ PDFDocument, ParseSpeeds }) => PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true, parseSpeed: ParseSpeeds.Fastest }))
      .catch(() => null);
    parsed.set(bytes, doc);
  }
  return doc;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * The image name a content stream paints and the matrix it paints it with, when the stream holds
 * nothing but q, Q, cm and exactly one Do; null for anything else.
 */
export function singleImagePainting(content: string): { name: string; matrix: Matrix } | null {
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  let operands: string[] = [];
  let painted: { name: string; matrix: Matrix } | null = null;
  for (const token of content.split(/[\s\0]+/).filter(Boolean)) {
    if (NUMBER.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    if (token === 'q' && operands.length === 0) stack.push(ctm);
    else if (token === 'Q' && operands.length === 0 && stack.length > 0) ctm = stack.pop()!;
    else if (token === 'cm' && operands.length === 6 && operands.every((o) => NUMBER.test(o))) ctm = Util.transform(ctm, operands.map(Number)) as Matrix;
    else if (token === 'Do' && operands.length === 1 && operands[0]!.startsWith('/') && !painted) painted = { name: operands[0]!.slice(1), matrix: ctm };
    else return null;
    operands = [];
  }
  return operands.length === 0 ? painted : null;
}

/**
 * The JPEG a page consists of, undecoded, with how it is painted; null when the page is not just
 * that. `pageCount` is pdf.js's: a file whose page tree pdf-lib reads otherwise (a damaged one)
 * could give another page under the same number, so it never qualifies.
 */
export async function pageJpeg(bytes: Uint8Array, pageNumber: number, pageCount: number): Promise<PageJpeg | null> {
  const doc = await parse(bytes);
  if (!doc || doc.getPageCount() !== pageCount) return null;
  const lib = await loadPdfLib();
  const { PDFName, PDFArray, PDFRawStream, PDFNumber, PDFBool } = lib;
  try {
    const node = doc.getPage(pageNumber - 1).node;
    if (node.Annots()?.size()) return null;
    const contents = node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    if (!streams.every((s) => s instanceof PDFRawStream)) return null;
    const text = streams.map((s) => Buffer.from(lib.decodePDFRawStream(s as import('pdf-lib').PDFRawStream).decode()).toString('latin1')).join('\n');
    const painting = singleImagePainting(text);
    if (!painting) return null;
    const image = node.Resources()?.lookupMaybe(PDFName.of('XObject'), lib.PDFDict)?.lookup(PDFName.of(painting.name));
    if (!(image instanceof PDFRawStream)) return null;
    const { dict } = image;
    const name = (key: string) => dict.lookup(PDFName.of(key));
    const filter = name('Filter');
    const filters = filter instanceof PDFArray ? filter.asArray().map((f) => doc.context.lookup(f)) : [filter];
    const number = (key: string) => { const n = name(key); return n instanceof PDFNumber ? n.asNumber() : null; };
    const width = number('Width'), height = number('Height');
    const plain = ['Decode', 'DecodeParms', 'SMask', 'Mask', 'OC', 'ImageMask'].every((key) => name(key) === undefined);
    if (name('Subtype') !== PDFName.of('Image') || filters.length !== 1 || filters[0] !== PDFName.of('DCTDecode') || !plain
      || !['DeviceGray', 'DeviceRGB'].some((space) => name('ColorSpace') === PDFName.of(space)) || number('BitsPerComponent') !== 8
      || !width || !height) return null;
    const interpolate = name('Interpolate');
    return { name: painting.name, jpeg: image.contents, width, height, interpolate: interpolate instanceof PDFBool && interpolate.asBoolean(), matrix: painting.matrix };
  } catch {
    // A malformed object pdf-lib trips on: pdf.js, which is more forgiving, renders the page.
    return null;
  }
}
