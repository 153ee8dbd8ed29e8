/** The --debug overlay images of one file, drawn while it is open (ExtractFileOptions.inspect). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileExtraction } from '../extract-file.ts';
import { rotateCanvas } from '../ocr/deskew.ts';
import type { Finding } from '../findings.ts';
import { dpiLoweredFinding, renderPage } from '../pdf/render.ts';
import { drawPageDebug } from './overlay.ts';

/** Low enough to keep a page's PNG small, high enough to read a word's box against its text. */
const DEBUG_DPI = 110;

/**
 * One PNG per page that has tables, named `<file stem>-p<page>.png` after the file's name in
 * messages, and a warning for each page too large to draw at DEBUG_DPI under the pixel cap.
 */
export async function writeDebugImages(extraction: FileExtraction, dir: string): Promise<{ written: string[]; findings: Finding[] }> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const findings: Finding[] = [];
  const stem = extraction.report.source.file.split('/').pop()!.replace(/\.pdf$/i, '');
  for (const page of extraction.extraction.debug) {
    const image = await renderPage(extraction.pdf.doc, page.page, DEBUG_DPI);
    const lowered = dpiLoweredFinding(extraction.report.source.file, page.page, 'for --debug', DEBUG_DPI, image);
    if (lowered) findings.push(lowered);
    // OCR boxes are in the deskewed frame: draw them over the page turned the same way.
    const skew = extraction.readings.find((r) => r.page === page.page)?.skewDegrees ?? 0;
    const canvas = skew ? rotateCanvas(image.canvas, skew) : image.canvas;
    drawPageDebug(canvas, image.scale, page);
    const path = join(dir, `${stem}-p${String(page.page).padStart(3, '0')}.png`);
    await writeFile(path, await canvas.encode('png'));
    written.push(path);
  }
  return { written, findings };
}
