/**
 * `review`: a dataset folder → a static review site (index.html + assets/ with page images) that
 * opens from disk or a CI artifact with no server and no network. Generic over report families.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkNotInput, replaceOwnedFolder } from '../dataset/folders.ts';
import type { ReportFamily } from '../family.ts';
import type { Finding } from '../findings.ts';
import { diffDatasets } from '../versions/diff.ts';
import { renderReviewPage } from './html.ts';
import { readReviewDataset } from './input.ts';
import { buildReviewModel } from './model.ts';
import { locatePdfs, renderPageImages, type PageImage } from './pages.ts';
import { ReviewSettingsSchema, type ReviewSettingsInput } from './settings.ts';

export interface ReviewSiteOptions {
  family: Pick<ReportFamily, 'title' | 'tables' | 'diffSettings' | 'samples' | 'reviewThreshold'>;
  datasetDir: string;
  /** The version to diff against; null shows no diff. */
  previousDir: string | null;
  outDir: string;
  /** Folders searched (recursively) for the source PDFs, before the family's samples and the download cache. */
  pdfDirs?: readonly string[];
  settings?: ReviewSettingsInput;
  onProgress?: (message: string) => void;
}

export interface ReviewSiteResult {
  index: string;
  reports: number;
  pages: number;
  rows: number;
  queue: number;
  /** Sources whose PDF was not found (shown without page images), by title. */
  missing: string[];
  /** What rendering the page images met (a page too large for its DPI). */
  findings: Finding[];
}

/** The marker's owner for review sites (see dataset/folders.ts). */
export const REVIEW_OWNER = 'review site';

export async function buildReviewSite(options: ReviewSiteOptions): Promise<ReviewSiteResult> {
  const settings = ReviewSettingsSchema.parse(options.settings ?? {});
  const { family } = options;
  const progress = options.onProgress ?? (() => {});
  const dataset = await readReviewDataset(family.tables, options.datasetDir);
  const diff = options.previousDir === null ? null : await diffDatasets(family.tables, options.previousDir, options.datasetDir, family.diffSettings);

  const wanted = new Set(dataset.sources.map((s) => s.sha256).filter((sha): sha is string => typeof sha === 'string'));
  const located = await locatePdfs(wanted, {
    dirs: options.pdfDirs ?? [],
    files: await family.samples(),
    downloadCache: resolve(settings.downloadCache),
  }, new Set(dataset.sources.map((s) => s.path).filter((p): p is string => typeof p === 'string')));

  const out = resolve(options.outDir);
  // Writing over its own input would delete what it reviews.
  checkNotInput(out, [options.datasetDir, ...(options.previousDir ? [options.previousDir] : [])]);
  let result: ReviewSiteResult | null = null;
  await replaceOwnedFolder(out, REVIEW_OWNER, async (dir) => {
    const assets = join(dir, 'assets');
    await mkdir(assets, { recursive: true });
    const pages = new Map<string, PageImage[]>();
    const findings: Finding[] = [];
    for (const [index, source] of dataset.sources.entries()) {
      const pdf = source.sha256 ? located.get(source.sha256) : undefined;
      if (!pdf || !source.sha256) continue;
      progress(`rendering ${source.title} (${index + 1}/${dataset.sources.length})`);
      const rendered = await renderPageImages(pdf, assets, `s${index + 1}-${source.sha256.slice(0, 12)}`, settings.dpi, settings.jpegQuality);
      pages.set(source.sha256, rendered.images);
      findings.push(...rendered.findings);
    }
    const data = buildReviewModel({
      title: family.title, tables: family.tables, dataset, diff, pages,
      lowConfidence: settings.lowConfidence ?? family.reviewThreshold, highConfidence: settings.highConfidence, cropMargin: settings.cropMargin,
    });
    await writeFile(join(dir, 'index.html'), renderReviewPage({ tables: family.tables, dataset, diff, data, groupColumn: settings.groupColumn, chartBars: settings.chartBars }));
    result = {
      index: join(out, 'index.html'),
      reports: data.reports.length,
      pages: [...pages.values()].reduce((n, list) => n + list.length, 0),
      rows: data.rows.length,
      queue: data.queue.length,
      missing: data.reports.filter((r) => r.missing !== null).map((r) => r.title),
      findings,
    };
  });
  return result!;
}
