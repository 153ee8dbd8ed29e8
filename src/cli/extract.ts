/** `extract`: PDFs → one dataset folder (and, with --debug, the overlay images). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDataset } from '../build-dataset.ts';
import { datasetKind, displayPath } from '../pipeline/sources.ts';
import { DATASET_OWNER, writeDatasetAtomically } from '../dataset/write.ts';
import { drawPageDebug } from '../debug/overlay.ts';
import { extractFile, type FileExtraction } from '../extract-file.ts';
import type { FamilyReport } from '../family.ts';
import { createOcrPool, type OcrPool } from '../ocr/pool.ts';
import { PdfInputError, openPdf } from '../pdf/load.ts';
import { dpiLoweredFinding, renderPage } from '../pdf/render.ts';
import type { Finding } from '../findings.ts';
import { rotateCanvas } from '../ocr/deskew.ts';
import { checkPdfInputs, CliError, ensureOutputFolder, findingsExitCode, requireString, workerCount, loggerFor, type CommandContext } from './context.ts';

const DEBUG_DPI = 110;

/** The overlay of every page, and a warning for each page too large to draw at DEBUG_DPI. */
export async function writeDebugImages(extraction: FileExtraction, dir: string): Promise<{ written: string[]; findings: Finding[] }> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const findings: Finding[] = [];
  const stem = extraction.pdf.file.split('/').pop()!.replace(/\.pdf$/i, '');
  const reopened = await openPdf(extraction.pdf.file);
  try {
    for (const page of extraction.extraction.debug) {
      const image = await renderPage(reopened.doc, page.page, DEBUG_DPI);
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
  } finally {
    await reopened.doc.destroy();
  }
  return { written, findings };
}

export async function extractCommand(ctx: CommandContext): Promise<number> {
  const out = requireString(ctx, 'out', 'dir');
  if (ctx.positionals.length === 0) throw new CliError(`give at least one PDF file, e.g. "extract report.pdf --out /tmp/${ctx.family.name}"`);
  const log = loggerFor(ctx);
  await ensureOutputFolder(out, DATASET_OWNER);
  await checkPdfInputs(ctx.positionals);
  const ocr: OcrPool | null = ctx.values['no-ocr'] ? null : createOcrPool({ workers: workerCount(ctx) });
  const reports: FamilyReport[] = [];
  const stopCapture = log.captureConsole('tesseract');
  try {
    for (const file of ctx.positionals) {
      const name = displayPath(file);
      let extraction: FileExtraction;
      try {
        extraction = await extractFile(ctx.family, file, {
          ocr, forceOcr: ctx.values['force-ocr'] === true, displayName: name,
          onEvent: (e) => { if (e.type === 'page-start') log.progress('extract', `${name} p.${e.page}/${e.pageCount} (${e.method})`, { file: name, page: e.page, method: e.method }); },
        });
      } catch (error) {
        if (error instanceof PdfInputError) throw new CliError(error.message);
        throw new CliError((error as Error).message);
      }
      reports.push(extraction.report);
      if (typeof ctx.values.debug === 'string') {
        const images = await writeDebugImages(extraction, ctx.values.debug);
        images.findings.forEach((f) => log.finding(f));
        log.info(`debug overlays: ${images.written.length} pages in ${ctx.values.debug}`);
      }
      const counts = Object.entries(extraction.report.rows).map(([t, rows]) => `${t} ${rows.length}`).join(', ');
      log.info(`${name}: ${counts}`, { file: name, rows: Object.fromEntries(Object.entries(extraction.report.rows).map(([t, r]) => [t, r.length])) });
    }
  } finally {
    await ocr?.close();
    stopCapture();
  }
  const built = buildDataset(ctx.family, reports, await datasetKind(ctx.family, 'files', ctx.positionals));
  await writeDatasetAtomically(out, built.files);
  log.findingsSummary(built.findings);
  log.info(`wrote ${out}`);
  log.done();
  const code = findingsExitCode(ctx, built.findings);
  if (code !== 0) log.error(`the result is incomplete or flagged (findings above, all in ${join(out, 'findings.json')}); exit 1. Add --allow-partial to accept it`);
  return code;
}
