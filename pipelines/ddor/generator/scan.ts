/**
 * Turning born-digital pages into scans: render with pdfjs (src/pdf/render.ts), optionally skew and
 * dirty them with @napi-rs/canvas, encode as JPEG, and embed full-page in a new PDF with pdf-lib.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { PDFDocument, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { openPdf } from '../../../src/pdf/load.ts';
import { renderPage } from '../../../src/pdf/render.ts';
import { seededRng } from './prng.ts';
import { SETTINGS } from './settings.ts';

export interface Degradation {
  skewDegrees: number;
  /** Even pages skewed the other way (a stack fed alternately from both sides). */
  alternateSkew?: boolean;
  noise: number;
  /** Gaussian blur radius in pixels of the scan (a soft focus); none when absent. */
  blur?: number;
  specks: number;
  seed: string;
}

export interface ScanOptions {
  dpi: number;
  jpegQuality: number;
  /** One bit per pixel, grey dithered (a scanner's black-and-white mode), stored losslessly instead of as a JPEG. */
  bilevel?: boolean;
  degradation: Degradation | null;
}

/** Rows of pixels packed 8 to a byte, most significant bit first, 1 = white (PDF DeviceGray at 1 bit). */
export interface OneBitImage {
  width: number;
  height: number;
  rows: Uint8Array;
}

export type ScannedPage = { widthPt: number; heightPt: number } & ({ jpeg: Uint8Array } | { oneBit: OneBitImage });

/**
 * Floyd-Steinberg error diffusion to one bit: a grey fill becomes a field of dots, as a scanner's
 * halftone makes it. Pixels darker than mid-grey are ink as they are (its text mode): diffused, a
 * blurred thin stroke breaks into dots no scanner prints.
 */
function dither(canvas: Canvas): OneBitImage {
  const { width, height } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const level = new Float32Array(width * height);
  for (let i = 0; i < level.length; i++) {
    const grey = rgba[i * 4]! * 0.3 + rgba[i * 4 + 1]! * 0.59 + rgba[i * 4 + 2]! * 0.11;
    level[i] = grey < 128 ? 0 : grey;
  }
  const stride = Math.ceil(width / 8);
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const white = level[i]! >= 128;
      const error = level[i]! - (white ? 255 : 0);
      if (white) rows[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
      if (x + 1 < width) level[i + 1]! += (error * 7) / 16;
      if (y + 1 < height) {
        if (x > 0) level[i + width - 1]! += (error * 3) / 16;
        level[i + width]! += (error * 5) / 16;
        if (x + 1 < width) level[i + width + 1]! += error / 16;
      }
    }
  }
  return { width, height, rows };
}

/** A page fed crooked through a dusty scanner: rotated, grey noise, dark specks. */
function degrade(source: Canvas, d: Degradation, page: number): Canvas {
  const canvas = createCanvas(source.width, source.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const skew = d.alternateSkew && page % 2 === 0 ? -d.skewDegrees : d.skewDegrees;
  ctx.translate(canvas.width / 2, canvas.height / 2);
  ctx.rotate((skew * Math.PI) / 180);
  if (d.blur) ctx.filter = `blur(${d.blur}px)`;
  ctx.drawImage(source, -source.width / 2, -source.height / 2);
  ctx.filter = 'none';
  ctx.setTransform(1, 0, 0, 1, 0, 0);

  const rng = seededRng(`${d.seed}:page-${page}`);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const px = image.data;
  for (let i = 0; i < px.length; i += 4) {
    // Sum of two uniforms: a cheap bell-shaped noise, same on all channels so the page stays grey.
    const grey = 0.3 * px[i]! + 0.59 * px[i + 1]! + 0.11 * px[i + 2]!;
    const noisy = grey + (rng.next() + rng.next() - 1) * d.noise;
    px[i] = px[i + 1] = px[i + 2] = Math.max(0, Math.min(255, noisy));
  }
  ctx.putImageData(image, 0, 0);
  ctx.fillStyle = '#1a1a1a';
  const scale = canvas.width / 1700;
  for (let s = 0; s < d.specks; s++) {
    const r = (0.6 + rng.next() * 1.6) * scale;
    ctx.beginPath();
    ctx.arc(rng.next() * canvas.width, rng.next() * canvas.height, r, 0, 2 * Math.PI);
    ctx.fill();
  }
  return canvas;
}

/** Renders the given pages of a PDF (1-based numbers) into JPEG scans. */
export async function scanPages(pdfBytes: Uint8Array, pages: number[], options: ScanOptions): Promise<ScannedPage[]> {
  // openPdf takes a path: hand it a private temporary copy.
  const dir = await mkdtemp(join(tmpdir(), 'ddor-scan-'));
  try {
    const file = join(dir, 'source.pdf');
    await writeFile(file, pdfBytes);
    const { doc } = await openPdf(file);
    try {
      const scanned: ScannedPage[] = [];
      for (const page of pages) {
        const rendered = await renderPage(doc, page, options.dpi);
        const canvas = options.degradation ? degrade(rendered.canvas, options.degradation, page) : rendered.canvas;
        const size = { widthPt: rendered.widthPt, heightPt: rendered.heightPt };
        scanned.push(options.bilevel ? { oneBit: dither(canvas), ...size } : { jpeg: new Uint8Array(await canvas.encode('jpeg', options.jpegQuality)), ...size });
      }
      return scanned;
    } finally {
      await doc.destroy();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A page of the output: a scan, or a page copied as is (text layer kept) from the source PDF. */
export type OutputPage = { scan: ScannedPage } | { copyOf: number };

export async function assemblePdf(source: Uint8Array, pages: OutputPage[], title: string): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const sourceDoc = await PDFDocument.load(source, { updateMetadata: false });
  for (const page of pages) {
    if ('copyOf' in page) {
      const [copied] = await out.copyPages(sourceDoc, [page.copyOf - 1]);
      out.addPage(copied!);
    } else if ('jpeg' in page.scan) {
      const image = await out.embedJpg(page.scan.jpeg);
      const added = out.addPage([page.scan.widthPt, page.scan.heightPt]);
      added.drawImage(image, { x: 0, y: 0, width: page.scan.widthPt, height: page.scan.heightPt });
    } else {
      // pdf-lib embeds only JPEG and PNG (at 8 bits): a one-bit image is written as its own XObject.
      const { width, height, rows } = page.scan.oneBit;
      const image = out.context.register(out.context.flateStream(rows, { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ColorSpace: 'DeviceGray', BitsPerComponent: 1 }));
      const added = out.addPage([page.scan.widthPt, page.scan.heightPt]);
      const name = added.node.newXObject('Scan', image);
      added.pushOperators(pushGraphicsState(), concatTransformationMatrix(page.scan.widthPt, 0, 0, page.scan.heightPt, 0, 0), drawObject(name), popGraphicsState());
    }
  }
  out.setTitle(title);
  out.setCreator('Scanner copy (ddor sample generator)');
  out.setProducer('pdf-lib (https://github.com/Hopding/pdf-lib)');
  out.setCreationDate(SETTINGS.fixedDate);
  out.setModificationDate(SETTINGS.fixedDate);
  return out.save();
}
