/**
 * Real PDFs for the classification and OCR tests, made on the fly: a born-digital table page drawn
 * with pdf-lib (whose word boxes we know exactly from the font metrics), and "scans" of it made the
 * way copies of the reports circulate: rendered, optionally rotated a little, JPEG-compressed and
 * wrapped in an image-only PDF.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { openPdf } from '../src/pdf/load.ts';
import { renderPage } from '../src/pdf/render.ts';

export const PAGE = { width: 612, height: 792 };

/** A word as drawn: box in PDF points, origin top-left; `baseline` is the y of the text baseline. */
export interface DrawnWord {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
}

export interface TablePdf {
  bytes: Uint8Array;
  words: DrawnWord[];
}

const COLUMNS = [
  { header: 'State', x: 40 },
  { header: 'County', x: 90 },
  { header: 'Facility', x: 175 },
  { header: 'Citizenship', x: 330 },
  { header: 'Issued', x: 420 },
  { header: 'Offense', x: 490 },
];

const SAMPLE_ROWS = [
  ['TX', 'Travis', 'Travis County Jail', 'Mexico', '1/30/2017', 'Assault'],
  ['NV', 'Clark', 'Clark County Detention', 'Honduras', '2/1/2017', 'Burglary'],
  ['OR', 'Washington', 'Washington County Jail', 'Guatemala', '1/29/2017', 'Traffic Offense'],
  ['IA', 'Franklin', 'Franklin County Jail', 'El Salvador', '2/2/2017', 'Dangerous Drugs'],
  ['NY', 'Nassau', 'Nassau County Correctional', 'Ecuador', '1/31/2017', 'Weapon Offense'],
  ['FL', 'Alachua', 'Alachua County Jail', 'Cuba', '2/3/2017', 'Larceny'],
];

function drawWords(page: PDFPage, font: PDFFont, text: string, x: number, baselineTop: number, size: number, out: DrawnWord[]): void {
  page.drawText(text, { x, y: PAGE.height - baselineTop, size, font, color: rgb(0, 0, 0) });
  let offset = 0;
  for (const part of text.split(/( +)/)) {
    const width = font.widthOfTextAtSize(part, size);
    if (part.trim()) out.push({ text: part, x0: x + offset, x1: x + offset + width, baseline: baselineTop, size });
    offset += width;
  }
}

/**
 * A page with a title and a ruled table of `rowCount` rows (the sample rows repeated), 10 pt
 * Helvetica like the reports. Enough rows make a dense page for timing.
 */
export async function makeTablePdf(rowCount = SAMPLE_ROWS.length, rowPitch = 18): Promise<TablePdf> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const words: DrawnWord[] = [];
  drawWords(page, bold, 'Jurisdictions with Recorded Declined Detainers', 40, 60, 14, words);
  const tableTop = 90;
  COLUMNS.forEach((c) => drawWords(page, bold, c.header, c.x, tableTop + 13, 10, words));
  for (let r = 0; r < rowCount; r++) {
    const row = SAMPLE_ROWS[r % SAMPLE_ROWS.length]!;
    const baseline = tableTop + rowPitch * (r + 1) + 13;
    row.forEach((cell, i) => drawWords(page, font, cell, COLUMNS[i]!.x, baseline, 10, words));
  }
  const tableBottom = tableTop + rowPitch * (rowCount + 1) + 4;
  for (let r = 0; r <= rowCount + 1; r++) {
    const y = PAGE.height - Math.min(tableTop + rowPitch * r, tableBottom);
    page.drawLine({ start: { x: 35, y }, end: { x: 577, y }, thickness: 0.6, color: rgb(0, 0, 0) });
  }
  return { bytes: await pdf.save(), words };
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'ddor-ocr-'));
}

export interface ScanOptions {
  dpi?: number;
  /** Clockwise rotation of the page content on the "scanner", in degrees. */
  skewDegrees?: number;
  jpegQuality?: number;
  /** Born-digital text drawn over the scan (a stamp or header), making a mixed page. */
  overlayText?: string;
}

/** Render page 1 of `pdfBytes`, rotate it, JPEG it and wrap it in an image-only PDF. */
export async function scanPdf(pdfBytes: Uint8Array, dir: string, options: ScanOptions = {}): Promise<Uint8Array> {
  const { dpi = 200, skewDegrees = 0, jpegQuality = 85, overlayText } = options;
  const source = join(dir, `source-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(source, pdfBytes);
  const opened = await openPdf(source);
  const { canvas } = await renderPage(opened.doc, 1, dpi);
  await opened.doc.destroy();
  const rotated = createCanvas(canvas.width, canvas.height);
  const ctx = rotated.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, rotated.width, rotated.height);
  ctx.translate(rotated.width / 2, rotated.height / 2);
  ctx.rotate((skewDegrees * Math.PI) / 180);
  ctx.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  const jpeg = await rotated.encode('jpeg', jpegQuality);

  const pdf = await PDFDocument.create();
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const image = await pdf.embedJpg(jpeg);
  page.drawImage(image, { x: 0, y: 0, width: PAGE.width, height: PAGE.height });
  if (overlayText) {
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    page.drawText(overlayText, { x: 40, y: PAGE.height - 25, size: 9, font });
  }
  return pdf.save();
}

/** Write bytes to `dir/name` and return the path. */
export async function writePdf(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}
