/**
 * The two PDF producers behind the Pen interface: pdf-lib (like a word processor's export) and
 * pdfkit (a second library that writes its text runs and fonts differently). Both stamp the fixed
 * date from SETTINGS so their output is byte-identical across runs.
 */
import PDFKitDocument from 'pdfkit';
import { PDFDocument, StandardFonts, grayscale, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { FontRole, Pen } from './layout.ts';
import { SETTINGS } from './settings.ts';

export interface DocumentInfo {
  title: string;
  author: string;
  creator: string;
}

export interface FinishablePen extends Pen {
  finish(): Promise<Uint8Array>;
}

export type PdfLibFamily = 'Helvetica' | 'Times' | 'Courier';

const PDF_LIB_FONTS: Record<PdfLibFamily, Record<FontRole, StandardFonts>> = {
  Helvetica: { regular: StandardFonts.Helvetica, bold: StandardFonts.HelveticaBold, italic: StandardFonts.HelveticaOblique },
  Times: { regular: StandardFonts.TimesRoman, bold: StandardFonts.TimesRomanBold, italic: StandardFonts.TimesRomanItalic },
  Courier: { regular: StandardFonts.Courier, bold: StandardFonts.CourierBold, italic: StandardFonts.CourierOblique },
};

export async function pdfLibPen(size: [number, number], family: PdfLibFamily, info: DocumentInfo): Promise<FinishablePen> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = {} as Record<FontRole, PDFFont>;
  for (const role of ['regular', 'bold', 'italic'] as const) fonts[role] = await doc.embedFont(PDF_LIB_FONTS[family][role]);
  const [width, height] = size;
  const pages: PDFPage[] = [];
  const images: Promise<void>[] = [];
  let current: PDFPage | undefined;
  const page = () => {
    if (!current) throw new Error('pdfLibPen: draw called before addPage');
    return current;
  };
  return {
    width, height,
    addPage() {
      current = doc.addPage([width, height]);
      pages.push(current);
      return pages.length;
    },
    goToPage(n) {
      current = pages[n - 1];
    },
    text(text, x, top, role, fontSize) {
      const font = fonts[role];
      const baseline = height - top - font.heightAtSize(fontSize, { descender: false });
      page().drawText(text, { x, y: baseline, size: fontSize, font, color: rgb(0, 0, 0) });
    },
    measure: (text, role, fontSize) => fonts[role].widthOfTextAtSize(text, fontSize),
    line(x1, y1, x2, y2, thickness) {
      page().drawLine({ start: { x: x1, y: height - y1 }, end: { x: x2, y: height - y2 }, thickness, color: rgb(0, 0, 0) });
    },
    shade(x, y, w, h, gray) {
      page().drawRectangle({ x, y: height - y - h, width: w, height: h, color: grayscale(gray) });
    },
    image(png, x, top, w, h) {
      // Embedding is async in pdf-lib; finish() awaits every pending image.
      const target = page();
      images.push(doc.embedPng(png).then((embedded) => target.drawImage(embedded, { x, y: height - top - h, width: w, height: h })));
    },
    async finish() {
      await Promise.all(images);
      doc.setTitle(info.title);
      doc.setAuthor(info.author);
      doc.setCreator(info.creator);
      doc.setProducer('pdf-lib (https://github.com/Hopding/pdf-lib)');
      doc.setCreationDate(SETTINGS.fixedDate);
      doc.setModificationDate(SETTINGS.fixedDate);
      return doc.save();
    },
  };
}

export type PdfKitFamily = 'Times' | 'Courier' | 'Helvetica';

const PDFKIT_FONTS: Record<PdfKitFamily, Record<FontRole, string>> = {
  Times: { regular: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic' },
  Courier: { regular: 'Courier', bold: 'Courier-Bold', italic: 'Courier-Oblique' },
  Helvetica: { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' },
};

export function pdfKitPen(size: [number, number], family: PdfKitFamily, info: DocumentInfo): FinishablePen {
  const doc = new PDFKitDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    info: {
      Title: info.title, Author: info.author, Creator: info.creator, Producer: 'PDFKit',
      CreationDate: SETTINGS.fixedDate, ModDate: SETTINGS.fixedDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const [width, height] = size;
  let pageCount = 0;
  const use = (role: FontRole, fontSize: number) => doc.font(PDFKIT_FONTS[family][role]).fontSize(fontSize);
  return {
    width, height,
    addPage() {
      doc.addPage({ size: [width, height], margin: 0 });
      pageCount += 1;
      return pageCount;
    },
    goToPage(n) {
      doc.switchToPage(n - 1);
    },
    text(text, x, top, role, fontSize) {
      use(role, fontSize).fillColor('black').text(text, x, top, { lineBreak: false });
    },
    measure: (text, role, fontSize) => use(role, fontSize).widthOfString(text),
    line(x1, y1, x2, y2, thickness) {
      doc.moveTo(x1, y1).lineTo(x2, y2).lineWidth(thickness).strokeColor('black').stroke();
    },
    shade(x, y, w, h, gray) {
      const level = Math.round(gray * 255);
      doc.rect(x, y, w, h).fillColor([level, level, level]).fill();
    },
    image(png, x, top, w, h) {
      doc.image(Buffer.from(png), x, top, { width: w, height: h });
    },
    finish() {
      return new Promise((resolve, reject) => {
        doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        doc.on('error', reject);
        doc.end();
      });
    },
  };
}
