/** `run`: the whole pipeline, sources → dataset folder, through the stage cache. */
import { join } from 'node:path';
import { findingsReport } from '../findings.ts';
import type { PipelineEvent, PipelineResult } from '../pipeline/run.ts';
import type { SourceKind } from '../pipeline/sources.ts';
import { DATASET_OWNER } from '../dataset/write.ts';
import { checkPdfInputs, CliError, ensureOutputFolder, findingsExitCode, workerCount, loggerFor, type CommandContext } from './context.ts';
import type { Logger } from './log.ts';

export const RUN_USAGE = `run [<file.pdf|url>...] [--source samples|catalog] [--out <dir>] [options]

  Runs the whole pipeline: download → read pages (text layer, or OCR for scanned pages) →
  extract tables (doubtful OCR dates and counts read a second time) → assemble each report →
  validate → write the dataset folder (the same files as "extract"). Without arguments it reads the bundled sample PDFs, fully offline.

  Every stage's result is cached under <cache>/stages/ by content hash (PDF bytes, settings and
  the code of the stage), so an interrupted run resumes where it stopped, a re-run redoes only
  what changed, and the same inputs always give byte-identical files. A source that fails
  (download, damaged file, not a report) is reported on its own and the others finish; the
  dataset is then not written unless --allow-partial.

Sources (one of):
  --source samples   the bundled sample PDFs (default; generated look-alikes, not ICE data)
  --source catalog   the published reports listed in the family's catalog, downloaded into
                     <cache>/downloads/ (a cached copy is used without asking the server unless
                     --revalidate)
  <file.pdf|url>...  these files and URLs

Options:
  --out <dir>        dataset folder (default: output/<family>/candidate); replaced atomically
  --cache <dir>      download and stage cache (default: .cache)
  --fresh            recompute every stage instead of using cached results (downloads stay cached)
  --revalidate       ask the server whether cached downloads are still current
  --allow-partial    write the dataset even when it is incomplete: of the reports that worked
                     when others failed, or with error findings (a table not found, a page not
                     read fully, rows disagreeing with the stated totals); exit 0
  --no-ocr           do not OCR scanned pages (they are reported as failed pages)
  --force-ocr        OCR every page, even those with a text layer
  --workers <n>      OCR worker threads (default: 2, or 1 on a 1-core machine)
  --debug <dir>      also write one PNG per page drawing words, lines, header cells, column
                     boundaries and rows over the page, as extract --debug does (each report is
                     then read again from its page stages, not taken whole from the cache)
  --strict           warnings fail too (exit 1)
  --json             JSON log lines on stderr instead of readable ones
  -q, --quiet        only errors
  -v, --verbose      also debug lines (e.g. what tesseract printed)

Exit codes: 0 dataset written; 1 a source failed or error findings (nothing written unless
--allow-partial: the previous dataset stays), or warnings with --strict; 2 bad usage or input.`;

export const RUN_OPTIONS = {
  source: { type: 'string' },
  out: { type: 'string', short: 'o' },
  cache: { type: 'string' },
  fresh: { type: 'boolean' },
  revalidate: { type: 'boolean' },
  'allow-partial': { type: 'boolean' },
  'no-ocr': { type: 'boolean' },
  'force-ocr': { type: 'boolean' },
  workers: { type: 'string' },
  strict: { type: 'boolean' },
  debug: { type: 'string' },
} as const;

function sourceKind(ctx: CommandContext): SourceKind {
  const source = ctx.values.source;
  if (ctx.positionals.length > 0) {
    if (source !== undefined) throw new CliError('give either --source or files/URLs, not both');
    return 'files';
  }
  if (source === undefined || source === 'samples') return 'samples';
  if (source === 'catalog') return 'catalog';
  throw new CliError(`--source must be "samples" or "catalog", got "${String(source)}"; to read your own PDFs, list them as arguments`);
}

const seconds = (s: number) => `${s.toFixed(s < 10 ? 1 : 0)} s`;

function progressOf(log: Logger): (event: PipelineEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'download': {
        const e = event.event;
        if (e.type === 'attempt') log.progress('download', `${e.url} (attempt ${e.attempt})`, { url: e.url, attempt: e.attempt });
        else if (e.type === 'retry') log.progress('download', `${e.url}: ${e.error.detail}; retrying in ${seconds(e.delayMs / 1000)}`, { url: e.url, attempt: e.attempt, delayMs: e.delayMs });
        else if (e.type === 'done') log.info(`${e.url}: ${e.result.fromCache ? 'in the download cache' : `downloaded ${e.result.bytes} bytes`}`, { url: e.url, sha256: e.result.sha256, fromCache: e.result.fromCache });
        break;
      }
      case 'page':
        log.progress(event.method === 'ocr' ? 'ocr' : 'text-layer', `${event.file} p.${event.page}/${event.pageCount}${event.cached ? ' (cached)' : ''}`,
          { file: event.file, page: event.page, method: event.method, cached: event.cached });
        break;
      case 'report':
        log.info(`${event.file}: ${Object.entries(event.rows).map(([t, n]) => `${t} ${n}`).join(', ')}${event.status === 'cached' ? ' (cached)' : ''}`,
          { file: event.file, cached: event.status === 'cached', rows: event.rows });
        break;
      case 'failure':
        log.error(`FAILED at ${event.failure.stage}: ${event.failure.message}`, { failure: event.failure });
        break;
    }
  };
}

function stageLine(name: string, s: PipelineResult['stages'][string]): string {
  const counts = [`${s.computed} run`, s.cached ? `${s.cached} cached` : '', s.failed ? `${s.failed} failed` : ''].filter(Boolean).join(', ');
  const time = s.busySeconds > s.wallSeconds * 1.2 ? `${seconds(s.busySeconds)} busy over ${seconds(s.wallSeconds)}` : seconds(s.busySeconds);
  return `${name} ${counts}, ${time}`;
}

function summarise(log: Logger, result: PipelineResult, planned: number): void {
  const rows = result.dataset ? Object.fromEntries(Object.entries(result.dataset.rows).map(([t, r]) => [t, r.length])) : {};
  const findings = result.findings;
  if (result.reports.length > 0) log.findingsSummary(findings);
  const cachedReports = result.stages.report?.cached ?? 0;
  log.info(`${planned} sources: ${result.reports.length} reports read (${cachedReports} from cache), ${result.failures.length} failed`, {
    summary: {
      sources: planned,
      reports: result.reports.length,
      failed: result.failures.map((f) => f.source),
      rows,
      findings: findingsReport(findings).counts,
      stages: result.stages,
      ocrWorkerStarts: result.ocrWorkerStarts,
      seconds: result.seconds,
    },
  });
  if (result.dataset) log.info(`rows: ${Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  log.info(`stages: ${Object.entries(result.stages).filter(([, s]) => s.computed + s.cached + s.failed > 0).map(([name, s]) => stageLine(name, s)).join('; ')}; total ${seconds(result.seconds)}`);
}

export async function runCommand(ctx: CommandContext): Promise<number> {
  // Imported here, not above: `run --help` loads this module for its usage text, and pdf.js and
  // the pipeline take longer to load than the help should.
  const { runPipeline } = await import('../pipeline/run.ts');
  const { datasetKind, displayPath, planSources } = await import('../pipeline/sources.ts');
  const kind = sourceKind(ctx);
  const out = typeof ctx.values.out === 'string' ? ctx.values.out : join('output', ctx.family.name, 'candidate');
  const log = loggerFor(ctx);
  await ensureOutputFolder(out, DATASET_OWNER);
  const sources = await planSources(ctx.family, kind, ctx.positionals);
  if (kind === 'files') await checkPdfInputs(sources.flatMap((s) => (s.path ? [s.path] : [])));
  if (sources.length === 0) throw new CliError(kind === 'samples' ? `${ctx.family.name} has no bundled samples; give PDF files or --source catalog` : 'the catalog lists no reports');

  const stopCapture = log.captureConsole('tesseract');
  const result = await runPipeline({
    family: ctx.family,
    kind: await datasetKind(ctx.family, kind, ctx.positionals),
    sources,
    out,
    allowPartial: ctx.values['allow-partial'] === true,
    ...(typeof ctx.values.debug === 'string' ? { debugDir: ctx.values.debug } : {}),
    settings: {
      ...(typeof ctx.values.cache === 'string' ? { cacheDir: ctx.values.cache } : {}),
      fresh: ctx.values.fresh === true,
      ocr: ctx.values['no-ocr'] !== true,
      forceOcr: ctx.values['force-ocr'] === true,
      ocrWorkers: workerCount(ctx),
      download: { revalidate: ctx.values.revalidate === true },
    },
    onEvent: progressOf(log),
  }).finally(stopCapture);
  summarise(log, result, sources.length);
  log.done();

  if (result.failures.length > 0 && !result.dataset) {
    const worked = result.reports.length;
    const advice = worked === 0
      ? 'no report could be read; fix the failures above (each says what to do) and run again'
      : `fix the failures above (each says what to do) and run again: finished reports are cached, so only the failed ones are redone; or add --allow-partial to write a dataset of the ${worked} report${worked === 1 ? '' : 's'} that worked`;
    log.error(`nothing written to ${displayPath(out)}: ${result.failures.length} of ${sources.length} sources failed (${result.failures.map((f) => f.source).join(', ')}); ${advice}`);
    return 1;
  }
  if (!result.dataset) {
    log.error(`nothing written to ${displayPath(out)}: the result is incomplete (error findings above); what is there stays. Fix the input, or add --allow-partial to write it anyway (or "extract" it to inspect)`);
    return 1;
  }
  log.info(`wrote ${displayPath(out)}${result.failures.length ? ` without ${result.failures.length} failed source${result.failures.length === 1 ? '' : 's'} (--allow-partial)` : ''}`);
  const code = findingsExitCode(ctx, result.dataset.findings);
  if (code !== 0) log.error('the result is flagged (findings above); exit 1');
  return code;
}
