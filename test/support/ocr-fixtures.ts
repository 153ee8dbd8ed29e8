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
import type { Word } from '../../src/layout/tokens.ts';
import { openPdf } from '../../src/pdf/load.ts';
import { renderPage } from '../../src/pdf/render.ts';

export const PAGE = { width: 612, height: 792 };

/** A word as drawn: box in PDF points, origin top-left; `baseline` is the y of the text baseline. */
export interface DrawnWord {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
}

/** A ruling as drawn: centre line from (x0, y0) to (x1, y1), origin top-left. */
export interface DrawnLine {
  orientation: 'h' | 'v';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TablePdf {
  bytes: Uint8Array;
  words: DrawnWord[];
  lines: DrawnLine[];
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

export interface TableOptions {
  /** The sample rows are repeated to fill this many rows; ~38 fill a Letter page (a dense page for timing). */
  rows?: number;
  rowPitch?: number;
  /** Vertical rulings between columns too, as Word tables draw them. */
  grid?: boolean;
}

/** A page with a title and a ruled table, 10 pt Helvetica like the reports. */
export async function makeTablePdf({ rows: rowCount = SAMPLE_ROWS.length, rowPitch = 18, grid = false }: TableOptions = {}): Promise<TablePdf> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const words: DrawnWord[] = [];
  drawWords(page, bold, 'Jurisdictions with Recorded Declined Detainers', 40, 60, 14, words);
  const tableTop = 90;
  for (const c of COLUMNS) drawWords(page, bold, c.header, c.x, tableTop + 13, 10, words);
  for (let r = 0; r < rowCount; r++) {
    const row = SAMPLE_ROWS[r % SAMPLE_ROWS.length]!;
    const baseline = tableTop + rowPitch * (r + 1) + 13;
    row.forEach((cell, i) => {
      drawWords(page, font, cell, COLUMNS[i]!.x, baseline, 10, words);
    });
  }
  const tableBottom = tableTop + rowPitch * (rowCount + 1);
  const lines: DrawnLine[] = [];
  for (let r = 0; r <= rowCount + 1; r++) lines.push({ orientation: 'h', x0: 35, x1: 577, y0: tableTop + rowPitch * r, y1: tableTop + rowPitch * r });
  if (grid) {
    for (const x of [35, ...COLUMNS.slice(1).map((c) => c.x - 5), 577]) lines.push({ orientation: 'v', x0: x, x1: x, y0: tableTop, y1: tableBottom });
  }
  for (const l of lines) {
    page.drawLine({ start: { x: l.x0, y: PAGE.height - l.y0 }, end: { x: l.x1, y: PAGE.height - l.y1 }, thickness: 0.6, color: rgb(0, 0, 0) });
  }
  return { bytes: await pdf.save(), words, lines };
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

/** Each drawn word paired with the OCR word of the same text nearest to it (null when not found). */
export function pairWords(drawn: readonly DrawnWord[], ocr: readonly Word[]): [DrawnWord, Word | null][] {
  const free = new Set(ocr);
  return drawn.map((d) => {
    let best: Word | null = null;
    let bestDistance = 12;
    for (const w of free) {
      const distance = Math.hypot(w.x0 - d.x0, w.y1 - d.baseline);
      if (w.text === d.text && distance < bestDistance) {
        best = w;
        bestDistance = distance;
      }
    }
    if (best) free.delete(best);
    return [d, best];
  });
}
