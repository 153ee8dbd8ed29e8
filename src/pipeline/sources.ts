/**
 * Where a run's PDFs come from, and the download stage: the family's bundled samples (offline),
 * its catalog of published URLs, or files and URLs given on the command line. URLs are fetched
 * into the download cache politely (per-host queue, retries); each source that cannot be had is
 * a failure of its own, and the others go on.
 */
import { join, relative, resolve } from 'node:path';
import type { DownloadListener } from '../download/download.ts';
import type { DownloadOptions } from '../download/settings.ts';
import type { ReportFamily, SourceDocument, SourceKind } from '../family.ts';

export type { SourceKind } from '../family.ts';

export type SourceHints = Partial<Pick<SourceDocument, 'url' | 'published' | 'edition'>>;

/** A source before anything is fetched: a local path or a URL, with what the catalog knows. */
export interface PlannedSource {
  /** How the source is named in messages and in the dataset (a relative path or the URL). */
  name: string;
  path?: string;
  url?: string;
  hints: SourceHints;
}

/** A source as a local PDF, ready to read. */
export interface LocalSource {
  name: string;
  path: string;
  hints: SourceHints;
  /** The URL whose download-cache copy `path` is; absent for local files. */
  downloadedFrom?: string;
}

export interface SourceFailure {
  source: string;
  stage: string;
  /** Starts with the source's name, says what went wrong and what to do. */
  message: string;
}

export function sourceFailure(source: string, stage: string, error: unknown): SourceFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { source, stage, message: message.startsWith(source) ? message : `${source}: ${message}` };
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

export async function planSources(family: ReportFamily, kind: SourceKind, inputs: readonly string[] = []): Promise<PlannedSource[]> {
  if (kind === 'samples') return (await family.samples()).map((path) => ({ name: displayPath(path), path, hints: {} }));
  if (kind === 'catalog') {
    return (await family.catalog()).map((c) => ({ name: c.url, url: c.url, hints: { url: c.url, published: c.published, edition: c.edition } }));
  }
  return inputs.map((input) => (isUrl(input)
    ? { name: input, url: input, hints: { url: input } }
    : { name: displayPath(input), path: input, hints: {} }));
}

export const downloadCacheDir = (cacheDir: string) => join(cacheDir, 'downloads');

/** Local sources pass through; URLs are downloaded (or found in the download cache). Order is kept. */
export async function acquireSources(
  planned: readonly PlannedSource[],
  download: Omit<DownloadOptions, 'cacheDir'>,
  cacheDir: string,
  onEvent?: DownloadListener,
): Promise<{ sources: LocalSource[]; failures: SourceFailure[]; fromCache: number; downloaded: number }> {
  const urls = planned.flatMap((p) => (p.url ? [p.url] : []));
  // Imported here: `extract` and `check` read local files through this module and never download.
  const { downloadAll } = await import('../download/download.ts');
  const outcomes = new Map((await downloadAll(urls, { ...download, cacheDir: downloadCacheDir(cacheDir) }, onEvent)).map((o) => [o.url, o]));
  const sources: LocalSource[] = [];
  const failures: SourceFailure[] = [];
  let fromCache = 0;
  for (const p of planned) {
    if (p.path) {
      sources.push({ name: p.name, path: p.path, hints: p.hints });
      continue;
    }
    const outcome = outcomes.get(p.url!)!;
    if (!outcome.ok) {
      failures.push(sourceFailure(p.name, 'download', outcome.error));
      continue;
    }
    if (outcome.result.fromCache) fromCache++;
    sources.push({ name: p.name, path: outcome.result.path, hints: p.hints, downloadedFrom: p.url! });
  }
  return { sources, failures, fromCache, downloaded: urls.length - failures.length - fromCache };
}

/**
 * What the dataset is built from, for its description: explicit files that are all bundled
 * samples still make a sample dataset (so it is never mistaken for the published data).
 */
export async function datasetKind(family: ReportFamily, kind: SourceKind, files: readonly string[]): Promise<SourceKind> {
  if (kind !== 'files' || files.length === 0) return kind;
  const samples = new Set((await family.samples()).map((f) => resolve(f)));
  return files.every((f) => !isUrl(f) && samples.has(resolve(f))) ? 'samples' : 'files';
}

/** Paths in messages and datasets are relative to the working directory, so outputs do not depend on where the clone lives. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel;
}
