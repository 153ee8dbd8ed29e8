/**
 * The staged pipeline: download → read pages (text layer or OCR) → extract + assemble each report
 * → build and validate the dataset → write it. Each stage's results are cached on disk (see
 * stage-cache.ts), so a run that was killed resumes where it stopped and an unchanged re-run only
 * rebuilds the dataset. A source that fails (download, unreadable file, not a report of the
 * family) is reported on its own and the others finish; the dataset is then written only when
 * the caller allows a partial one.
 */
import { join } from 'node:path';
import PQueue from 'p-queue';
import { buildDataset, type BuiltDataset } from '../build-dataset.ts';
import { writeDatasetAtomically } from '../dataset/write.ts';
import type { DownloadEvent } from '../download/download.ts';
import type { FamilyReport, ReportFamily } from '../family.ts';
import { finding, type Finding } from '../findings.ts';
import { writeDebugImages } from '../debug/images.ts';
import { createOcrPool } from '../ocr/pool.ts';
import { engineSettings } from '../settings.ts';
import { PipelineSettingsSchema, type PipelineOptions, type PipelineSettings } from './settings.ts';
import { forgetCachedUrl } from '../download/cache.ts';
import { PdfInputError } from '../pdf/load.ts';
import { acquireSources, downloadCacheDir, sourceFailure, type LocalSource, type PlannedSource, type SourceFailure, type SourceKind } from './sources.ts';
import { StageCache, type StageStats } from './stage-cache.ts';
import { readReport } from './stages.ts';

export type PipelineEvent =
  | { type: 'download'; event: DownloadEvent }
  | { type: 'page'; file: string; page: number; pageCount: number; method: 'text' | 'ocr'; cached: boolean }
  | { type: 'report'; file: string; status: 'cached' | 'done'; rows: Record<string, number> }
  | { type: 'failure'; failure: SourceFailure };

export interface PipelineRun {
  family: ReportFamily;
  kind: SourceKind;
  sources: readonly PlannedSource[];
  /** The dataset folder, replaced atomically. */
  out: string;
  /** Write a dataset of the reports that worked even when others failed. */
  allowPartial?: boolean;
  /** Also draw every report's pages with what the engine found (src/debug/images.ts) into this folder. */
  debugDir?: string;
  settings?: PipelineOptions;
  onEvent?: (event: PipelineEvent) => void;
}

export interface PipelineResult {
  /** The reports read, in source order. */
  reports: FamilyReport[];
  failures: SourceFailure[];
  /** Every finding of the run, also when the dataset was not written. */
  findings: Finding[];
  /** Null when nothing was written (failures or error findings without allowPartial, or no report at all). */
  dataset: BuiltDataset | null;
  stages: Record<string, StageStats>;
  /** Tesseract worker threads started (0 when every page came from the text layer or the cache). */
  ocrWorkerStarts: number;
  seconds: number;
}

export const stageCacheDir = (cacheDir: string) => join(cacheDir, 'stages');

/**
 * A downloaded copy pdf.js cannot read whole passed the downloader's checks: forget it, so the
 * next run fetches it again instead of failing on the same bytes. Returns what to tell the user.
 */
async function evictDamaged(settings: PipelineSettings, source: LocalSource): Promise<string> {
  if (!source.downloadedFrom) return '';
  await forgetCachedUrl(downloadCacheDir(settings.cacheDir), source.downloadedFrom);
  return '; this copy came from the download cache and was removed from it, so the next run downloads it again';
}

const rowCounts = (report: FamilyReport) => Object.fromEntries(Object.entries(report.rows).map(([t, rows]) => [t, rows.length]));

async function readAll(run: PipelineRun, settings: PipelineSettings, cache: StageCache, sources: readonly LocalSource[]) {
  const ocr = createOcrPool({ workers: settings.ocrWorkers, ocr: engineSettings(run.family).ocr });
  const queue = new PQueue({ concurrency: settings.reportConcurrency });
  // Indexed by source, so the dataset does not depend on which report finished first.
  const reports: (FamilyReport | null)[] = sources.map(() => null);
  const failures: SourceFailure[] = [];
  const emit = run.onEvent ?? (() => undefined);
  const { debugDir } = run;
  try {
    await Promise.all(sources.map((source, i) => queue.add(async () => {
      try {
        const { report, cached } = await readReport(run.family, source, cache, ocr,
          { ocr: settings.ocr, forceOcr: settings.forceOcr, ocrPagesInFlight: settings.ocrPagesInFlight },
          (page, pageCount, method, pageCached) => emit({ type: 'page', file: source.name, page, pageCount, method, cached: pageCached }),
          debugDir === undefined ? undefined : async (file) => { await writeDebugImages(file, debugDir); });
        if (report.findings.some((f) => f.code === 'pdf-damaged')) await evictDamaged(settings, source);
        reports[i] = report;
        emit({ type: 'report', file: source.name, status: cached ? 'cached' : 'done', rows: rowCounts(report) });
      } catch (error) {
        const evicted = error instanceof PdfInputError ? await evictDamaged(settings, source) : '';
        const failure = sourceFailure(source.name, 'report', error);
        failure.message += evicted;
        failures.push(failure);
        emit({ type: 'failure', failure });
      }
    })));
  } finally {
    await ocr.close();
  }
  return { reports: reports.filter((r): r is FamilyReport => r !== null), failures, ocrWorkerStarts: ocr.stats().workerStarts };
}

export async function runPipeline(run: PipelineRun): Promise<PipelineResult> {
  const started = performance.now();
  const settings = PipelineSettingsSchema.parse(run.settings ?? {});
  const cache = new StageCache(stageCacheDir(settings.cacheDir), settings.fresh);
  const emit = run.onEvent ?? (() => undefined);

  const acquired = await cache.timed('download', () => acquireSources(run.sources, settings.download, settings.cacheDir, (event) => emit({ type: 'download', event })),
    (a) => ({ computed: a.downloaded, cached: a.fromCache, failed: a.failures.length }));
  for (const failure of acquired.failures) emit({ type: 'failure', failure });
  const read = await readAll(run, settings, cache, acquired.sources);
  // Failures in source order, whichever stage they happened in.
  const order = new Map(run.sources.map((s, i) => [s.name, i]));
  const failures = [...acquired.failures, ...read.failures].sort((a, b) => order.get(a.source)! - order.get(b.source)!);

  let dataset: BuiltDataset | null = null;
  let findings: Finding[] = read.reports.flatMap((r) => r.findings);
  if (read.reports.length > 0 && (failures.length === 0 || run.allowPartial)) {
    const failureFindings = failures.map((f) => finding({ severity: 'error', code: 'source-failed', message: `not in the dataset: ${f.message}`, file: f.source }));
    dataset = await cache.timed('dataset', async () => {
      const built = buildDataset(run.family, read.reports, run.kind, [...failureFindings, ...cache.warnings()]);
      findings = built.findings;
      // An incomplete result never replaces a dataset unless the caller accepts it.
      if (!run.allowPartial && built.findings.some((f) => f.severity === 'error')) return null;
      await writeDatasetAtomically(run.out, built.files);
      return built;
    }, () => ({ computed: 1 }));
  }
  return {
    reports: read.reports,
    failures,
    findings,
    dataset,
    stages: cache.summary(),
    ocrWorkerStarts: read.ocrWorkerStarts,
    seconds: (performance.now() - started) / 1000,
  };
}
