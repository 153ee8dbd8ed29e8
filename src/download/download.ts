/**
 * Downloading PDFs into a content-addressed cache: retries with backoff for transient failures,
 * conditional revalidation of cached copies, PDF checks on every body, and a per-host queue for
 * downloading many URLs politely.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import { checkPdfBytes, looksLikeHtml, PdfInputError } from '../pdf/load.ts';
import { sha256Hex } from '../files.ts';
import { objectPath, readCacheEntry, storeObject, writeCacheEntry, type CacheEntry } from './cache.ts';
import { DownloadError } from './error.ts';
import { fetchOnce, type AttemptOutcome } from './http.ts';
import { DownloadSettingsSchema, type DownloadOptions, type DownloadSettings } from './settings.ts';

export interface DownloadResult {
  url: string;
  /** The URL the bytes finally came from, after redirects. */
  finalUrl: string;
  /** The cached object, `<cacheDir>/objects/<sha256>.pdf`. */
  path: string;
  sha256: string;
  bytes: number;
  /** True when no body was transferred (304 Not Modified, or a cached copy used without asking). */
  fromCache: boolean;
  contentType: string;
  etag?: string;
  lastModified?: string;
  /** Requests made; 0 when a cached copy was used without asking the server. */
  attempts: number;
}

export type DownloadEvent =
  | { type: 'attempt'; url: string; attempt: number }
  | { type: 'retry'; url: string; attempt: number; delayMs: number; error: DownloadError }
  | { type: 'done'; url: string; result: DownloadResult }
  | { type: 'failed'; url: string; error: DownloadError };

export type DownloadListener = (event: DownloadEvent) => void;

export type DownloadOutcome =
  | { url: string; ok: true; result: DownloadResult }
  | { url: string; ok: false; error: DownloadError };

/** Exponential backoff with jitter; a server's Retry-After wins when it asks for longer. */
export function backoffDelay(attempt: number, s: DownloadSettings, serverAsked?: number, random = Math.random()): number {
  const exponential = Math.min(s.retryMaxDelayMs, s.retryBaseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential * (1 - s.retryJitter * random);
  return Math.round(Math.min(s.retryMaxDelayMs, Math.max(jittered, serverAsked ?? 0)));
}

function resultFromEntry(entry: CacheEntry, cacheDir: string, fromCache: boolean, attempts: number): DownloadResult {
  return {
    url: entry.url,
    finalUrl: entry.finalUrl,
    path: objectPath(cacheDir, entry.sha256),
    sha256: entry.sha256,
    bytes: entry.bytes,
    fromCache,
    contentType: entry.contentType,
    ...(entry.etag ? { etag: entry.etag } : {}),
    ...(entry.lastModified ? { lastModified: entry.lastModified } : {}),
    attempts,
  };
}

/** A 200 body becomes a cache entry only if it is a whole PDF. */
function pdfProblem(url: string, body: Uint8Array): DownloadError | null {
  try {
    checkPdfBytes(url, body);
    return null;
  } catch (error) {
    if (!(error instanceof PdfInputError)) throw error;
    if (error.problem === 'truncated') return new DownloadError(url, 'truncated', `the body (${body.length} bytes) has no %%EOF marker: the PDF is cut short`, 1);
    return looksLikeHtml(body)
      ? new DownloadError(url, 'html', 'the server returned an HTML page, not a PDF', 1)
      : new DownloadError(url, 'not-pdf', 'the body is not a PDF (no %PDF- header)', 1);
  }
}

async function settleAttempt(url: string, outcome: AttemptOutcome, cached: CacheEntry | null, s: DownloadSettings): Promise<CacheEntry | DownloadError> {
  if (outcome.kind === 'failed') return outcome.error;
  if (outcome.kind === 'not-modified') {
    // Only sent with validators from `cached`, so a 304 always has a cached copy behind it.
    const refreshed: CacheEntry = { ...cached!, finalUrl: outcome.finalUrl, ...validatorsKept(cached!, outcome), fetchedAt: new Date().toISOString() };
    await writeCacheEntry(s.cacheDir, refreshed);
    return refreshed;
  }
  const problem = pdfProblem(url, outcome.body);
  if (problem) return problem;
  const sha256 = sha256Hex(outcome.body);
  await storeObject(s.cacheDir, outcome.body, sha256);
  const entry: CacheEntry = {
    url,
    finalUrl: outcome.finalUrl,
    sha256,
    bytes: outcome.body.length,
    contentType: outcome.contentType || 'application/pdf',
    ...(outcome.etag ? { etag: outcome.etag } : {}),
    ...(outcome.lastModified ? { lastModified: outcome.lastModified } : {}),
    fetchedAt: new Date().toISOString(),
  };
  await writeCacheEntry(s.cacheDir, entry);
  return entry;
}

/** A 304 may carry fresh validators; otherwise the cached ones stay valid. */
function validatorsKept(cached: CacheEntry, fresh: { etag?: string; lastModified?: string }) {
  const etag = fresh.etag ?? cached.etag;
  const lastModified = fresh.lastModified ?? cached.lastModified;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/**
 * Downloads `url` into the cache (or confirms the cached copy is current) and returns where the
 * PDF is. Throws a `DownloadError` when every attempt failed or the failure cannot be fixed by
 * retrying (4xx, not a PDF, too large).
 */
export async function download(url: string, options: DownloadOptions, onEvent?: DownloadListener): Promise<DownloadResult> {
  const s = DownloadSettingsSchema.parse(options);
  const cached = await readCacheEntry(s.cacheDir, url);
  if (cached && !s.revalidate) {
    const result = resultFromEntry(cached, s.cacheDir, true, 0);
    onEvent?.({ type: 'done', url, result });
    return result;
  }
  const validators = { ...(cached?.etag ? { etag: cached.etag } : {}), ...(cached?.lastModified ? { lastModified: cached.lastModified } : {}) };
  for (let attempt = 1; ; attempt++) {
    onEvent?.({ type: 'attempt', url, attempt });
    const outcome = await fetchOnce(url, s, validators);
    const settled = await settleAttempt(url, outcome, cached, s).catch((error: NodeJS.ErrnoException) =>
      new DownloadError(url, 'cache', `cannot write the download cache in ${s.cacheDir} (${error.code ?? error.message})`, 1));
    if (!(settled instanceof DownloadError)) {
      const result = resultFromEntry(settled, s.cacheDir, outcome.kind === 'not-modified', attempt);
      onEvent?.({ type: 'done', url, result });
      return result;
    }
    const error = settled.withAttempts(attempt);
    if (!error.transient || attempt >= s.maxAttempts) {
      onEvent?.({ type: 'failed', url, error });
      throw error;
    }
    const delayMs = backoffDelay(attempt, s, outcome.kind === 'failed' ? outcome.retryAfterMs : undefined);
    onEvent?.({ type: 'retry', url, attempt, delayMs, error });
    await sleep(delayMs);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Downloads every URL, at most `perHostConcurrency` at a time per host, and reports each URL's
 * own success or failure; one failing URL never stops the others. Results keep the input order.
 */
export async function downloadAll(urls: readonly string[], options: DownloadOptions, onEvent?: DownloadListener): Promise<DownloadOutcome[]> {
  const s = DownloadSettingsSchema.parse(options);
  const queues = new Map<string, PQueue>();
  const queueFor = (host: string) => {
    let queue = queues.get(host);
    if (!queue) {
      queue = new PQueue({ concurrency: s.perHostConcurrency });
      queues.set(host, queue);
    }
    return queue;
  };
  return Promise.all(urls.map((url) => queueFor(hostOf(url)).add(async (): Promise<DownloadOutcome> => {
    try {
      return { url, ok: true, result: await download(url, s, onEvent) };
    } catch (error) {
      if (error instanceof DownloadError) return { url, ok: false, error };
      throw error;
    }
  })));
}
