/** `extract`: PDFs → one dataset folder (and, with --debug, the overlay images). */
import { join } from 'node:path';
import { buildDataset } from '../build-dataset.ts';
import { datasetKind, displayPath } from '../pipeline/sources.ts';
import { DATASET_OWNER, writeDatasetAtomically } from '../dataset/write.ts';
import { extractFile, type FileExtraction } from '../extract-file.ts';
import type { FamilyReport } from '../family.ts';
import { createOcrPool, type OcrPool } from '../ocr/pool.ts';
import { engineSettings } from '../settings.ts';
import { PdfInputError } from '../pdf/load.ts';
import { checkPdfInputs, CliError, ensureOutputFolder, findingsExitCode, requireString, workerCount, loggerFor, type CommandContext } from './context.ts';

export async function extractCommand(ctx: CommandContext): Promise<number> {
  const out = requireString(ctx, 'out', 'dir');
  if (ctx.positionals.length === 0) throw new CliError(`give at least one PDF file, e.g. "extract report.pdf --out /tmp/${ctx.family.name}"`);
  const log = loggerFor(ctx);
  await ensureOutputFolder(out, DATASET_OWNER);
  await checkPdfInputs(ctx.positionals);
  const ocr: OcrPool | null = ctx.values['no-ocr'] ? null : createOcrPool({ workers: workerCount(ctx), ocr: engineSettings(ctx.family).ocr });
  const reports: FamilyReport[] = [];
  const stopCapture = log.captureConsole('tesseract');
  try {
    for (const file of ctx.positionals) {
      const name = displayPath(file);
      let extraction: FileExtraction;
      const debug = ctx.values.debug;
      try {
        extraction = await extractFile(ctx.family, file, {
          ocr, forceOcr: ctx.values['force-ocr'] === true, displayName: name,
          onEvent: (e) => { if (e.type === 'page-start') log.progress('extract', `${name} p.${e.page}/${e.pageCount} (${e.method})`, { file: name, page: e.page, method: e.method }); },
          ...(typeof debug === 'string' ? { inspect: async (opened: FileExtraction) => {
            // Imported only for --debug, as rendering is (src/pdf/canvas.ts).
            const { writeDebugImages } = await import('../debug/images.ts');
            const images = await writeDebugImages(opened, debug);
            for (const f of images.findings) log.finding(f);
            log.info(`debug overlays: ${images.written.length} pages in ${debug}`);
          } } : {}),
        });
      } catch (error) {
        if (error instanceof PdfInputError) throw new CliError(error.message);
        throw new CliError((error as Error).message);
      }
      reports.push(extraction.report);
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
