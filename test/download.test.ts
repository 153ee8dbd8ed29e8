/**
 * The downloader against a local fault-injecting HTTP server on 127.0.0.1: every case ends either
 * with the exact bytes in the cache or with a clear DownloadError, and never with a partial or
 * corrupt file in the cache folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../src/download/error.ts';
import { backoffDelay, download, downloadAll, type DownloadEvent } from '../src/download/download.ts';
import { DownloadSettingsSchema, type DownloadOptions } from '../src/download/settings.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let pdf: Buffer;
let pdfV2: Buffer;
let server: Server;
let base: string;
let cacheDir: string;
const hits = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;
let currentEtag = '"v1"';

async function makePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 3; i++) doc.addPage().drawText(`${text} page ${i + 1}`, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const sendPdf = (res: ServerResponse, body: Buffer, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(body.length), ...headers });
  res.end(body);
};

/** Each path is one misbehaviour; `n` is how many times this path has been requested. */
function route(req: IncomingMessage, res: ServerResponse, n: number): void {
  const path = new URL(req.url!, base).pathname;
  const half = pdf.subarray(0, pdf.length >> 1);
  switch (path) {
    case '/ok.pdf':
    case '/ok-again.pdf':
      if (req.headers['if-none-match'] === currentEtag) {
        res.writeHead(304, { etag: currentEtag });
        res.end();
        return;
      }
      sendPdf(res, currentEtag === '"v1"' ? pdf : pdfV2, { etag: currentEtag, 'last-modified': 'Mon, 20 Mar 2017 12:00:00 GMT' });
      return;
    case '/flaky.pdf': // two server errors, then the file
      if (n === 1) { res.writeHead(500).end('boom'); return; }
      if (n === 2) { res.writeHead(503, { 'retry-after': '0' }).end('busy'); return; }
      sendPdf(res, pdf);
      return;
    case '/always-500.pdf':
      res.writeHead(500).end('boom');
      return;
    case '/rate-limited.pdf':
      if (n === 1) { res.writeHead(429, { 'retry-after': '0' }).end(); return; }
      sendPdf(res, pdf);
      return;
    case '/stall-once.pdf': // half the body, then silence; the retry gets everything
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
        res.write(half);
        return;
      }
      sendPdf(res, pdf);
      return;
    case '/stall-always.pdf': // never answers at all
      return;
    case '/truncated.pdf': // announces the full length, sends half, hangs up
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
      res.write(half, () => res.socket?.destroy());
      return;
    case '/no-eof.pdf': // no Content-Length, ends cleanly, but the PDF is cut short
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(half);
      return;
    case '/html.pdf':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><body>Page not found</body></html>');
      return;
    case '/html-as-octet.pdf': // mislabelled error page: only the bytes tell
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('<!DOCTYPE html><html><body>Access denied</body></html>');
      return;
    case '/redirect.pdf':
      res.writeHead(302, { location: '/moved/step.pdf' }).end();
      return;
    case '/moved/step.pdf':
      res.writeHead(301, { location: `${base}/ok.pdf` }).end();
      return;
    case '/loop.pdf':
      res.writeHead(302, { location: '/loop.pdf' }).end();
      return;
    case '/big.pdf':
      sendPdf(res, pdf);
      return;
    case '/big-unannounced.pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(pdf);
      return;
    case '/slow.pdf': // for the concurrency test
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => { inFlight--; sendPdf(res, pdf); }, 40);
      return;
    default:
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

const options = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({
  cacheDir,
  connectTimeoutMs: 1_000,
  idleTimeoutMs: 300,
  requestTimeoutMs: 2_000,
  maxAttempts: 3,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 20,
  ...extra,
});

/** Every file under the cache, relative, sorted. */
async function listCache(): Promise<string[]> {
  const entries = await readdir(cacheDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(cacheDir.length + 1)).sort();
}

/** No temp leftovers, and every object is exactly the bytes its name promises. */
async function expectCacheSound(): Promise<string[]> {
  const files = await listCache();
  expect(files.filter((f) => !/^objects\/[0-9a-f]{64}\.pdf$|^urls\/[0-9a-f]{64}\.json$/.test(f))).toEqual([]);
  for (const f of files.filter((f) => f.startsWith('objects/'))) {
    expect(sha256(await readFile(join(cacheDir, f)))).toBe(f.slice('objects/'.length, -'.pdf'.length));
  }
  return files;
}

async function expectFailure(path: string, extra: Partial<DownloadOptions> = {}): Promise<DownloadError> {
  const error = await download(`${base}${path}`, options(extra)).then(
    () => { throw new Error(`${path} should have failed`); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  const failure = error as DownloadError;
  expect(failure.url).toBe(`${base}${path}`);
  expect(failure.message).toContain(`${base}${path}`);
  expect(failure.advice.length).toBeGreaterThan(10);
  expect(await expectCacheSound()).toEqual([]);
  return failure;
}

beforeAll(async () => {
  pdf = await makePdf('Weekly Declined Detainer Outcome Report');
  pdfV2 = await makePdf('Weekly Declined Detainer Outcome Report (corrected)');
  server = createServer((req, res) => {
    const key = new URL(req.url!, 'http://x').pathname;
    const n = (hits.get(key) ?? 0) + 1;
    hits.set(key, n);
    route(req, res, n);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections(); // the stalled responses are still open
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  hits.clear();
  currentEtag = '"v1"';
  cacheDir = await mkdtemp(join(tmpdir(), 'ddor-dl-'));
  return () => rm(cacheDir, { recursive: true, force: true });
});

describe('download: success paths', () => {
  it('stores the exact bytes under their SHA-256 and records the URL', async () => {
    const result = await download(`${base}/ok.pdf`, options());
    expect(result).toMatchObject({ url: `${base}/ok.pdf`, finalUrl: `${base}/ok.pdf`, sha256: sha256(pdf), bytes: pdf.length, fromCache: false, contentType: 'application/pdf', etag: '"v1"', attempts: 1 });
    expect(result.path).toBe(join(cacheDir, 'objects', `${sha256(pdf)}.pdf`));
    expect(Buffer.compare(await readFile(result.path), pdf)).toBe(0);
    expect(await expectCacheSound()).toHaveLength(2);
  });

  it('retries 500 and 503 with backoff, then succeeds', async () => {
    const events: DownloadEvent[] = [];
    const result = await download(`${base}/flaky.pdf`, options(), (e) => events.push(e));
    expect(result.sha256).toBe(sha256(pdf));
    expect(result.attempts).toBe(3);
    expect(hits.get('/flaky.pdf')).toBe(3);
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.error.status)).toEqual([500, 503]);
    await expectCacheSound();
  });

  it('retries a 429 (rate limit)', async () => {
    const result = await download(`${base}/rate-limited.pdf`, options());
    expect(result.attempts).toBe(2);
    expect(result.sha256).toBe(sha256(pdf));
  });

  it('times out a stalled body and succeeds on the retry', async () => {
    const started = Date.now();
    const result = await download(`${base}/stall-once.pdf`, options());
    expect(result.sha256).toBe(sha256(pdf));
    expect(result.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(3_000);
    await expectCacheSound();
  });

  it('follows redirects and reports the final URL', async () => {
    const result = await download(`${base}/redirect.pdf`, options());
    expect(result.finalUrl).toBe(`${base}/ok.pdf`);
    expect(result.url).toBe(`${base}/redirect.pdf`);
    expect(result.sha256).toBe(sha256(pdf));
  });

  it('revalidates with If-None-Match: 304 serves the cached file, a new ETag replaces it', async () => {
    const first = await download(`${base}/ok.pdf`, options());
    const second = await download(`${base}/ok.pdf`, options());
    expect(second).toMatchObject({ fromCache: true, sha256: first.sha256, path: first.path, etag: '"v1"', attempts: 1 });
    expect(hits.get('/ok.pdf')).toBe(2);

    currentEtag = '"v2"';
    const third = await download(`${base}/ok.pdf`, options());
    expect(third).toMatchObject({ fromCache: false, sha256: sha256(pdfV2), etag: '"v2"' });
    const files = await expectCacheSound();
    expect(files.filter((f) => f.startsWith('objects/'))).toHaveLength(2); // old content stays addressable
  });

  it('uses the cached copy without any request when revalidate is false', async () => {
    await download(`${base}/ok.pdf`, options());
    const cached = await download(`${base}/ok.pdf`, options({ revalidate: false }));
    expect(cached).toMatchObject({ fromCache: true, attempts: 0, sha256: sha256(pdf) });
    expect(hits.get('/ok.pdf')).toBe(1);
  });

  it('does not trust a damaged cache object: downloads it again', async () => {
    const first = await download(`${base}/ok.pdf`, options());
    await writeFile(first.path, pdf.subarray(0, 100));
    const again = await download(`${base}/ok.pdf`, options());
    expect(again.fromCache).toBe(false);
    expect(Buffer.compare(await readFile(again.path), pdf)).toBe(0);
    await expectCacheSound();
  });
});

describe('download: failures are clear and leave no partial file', () => {
  it('404 fails at once, without retries', async () => {
    const error = await expectFailure('/missing.pdf');
    expect(error).toMatchObject({ reason: 'http-status', status: 404, attempts: 1 });
    expect(error.message).toMatch(/HTTP 404/);
    expect(error.advice).toMatch(/catalog|mirror/);
    expect(hits.get('/missing.pdf')).toBe(1);
  });

  it('a server that keeps failing gives up after maxAttempts', async () => {
    const error = await expectFailure('/always-500.pdf');
    expect(error).toMatchObject({ reason: 'http-status', status: 500, attempts: 3 });
    expect(hits.get('/always-500.pdf')).toBe(3);
  });

  it('a server that never answers times out on every attempt', async () => {
    const started = Date.now();
    const error = await expectFailure('/stall-always.pdf', { maxAttempts: 2 });
    expect(error).toMatchObject({ reason: 'timeout', attempts: 2 });
    expect(error.message).toMatch(/stalled/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a whole-attempt deadline stops a server that trickles', async () => {
    const error = await expectFailure('/stall-always.pdf', { maxAttempts: 1, idleTimeoutMs: 5_000, requestTimeoutMs: 100 });
    expect(error).toMatchObject({ reason: 'timeout', attempts: 1 });
    expect(error.message).toMatch(/longer than 100 ms/);
  });

  it('a body shorter than its Content-Length is truncated (retried, then reported)', async () => {
    const error = await expectFailure('/truncated.pdf');
    expect(error).toMatchObject({ reason: 'truncated', attempts: 3 });
  });

  it('a body that ends without %%EOF is truncated', async () => {
    const error = await expectFailure('/no-eof.pdf', { maxAttempts: 1 });
    expect(error).toMatchObject({ reason: 'truncated' });
    expect(error.message).toMatch(/%%EOF/);
  });

  it('an HTML page is reported as such and not retried', async () => {
    const error = await expectFailure('/html.pdf');
    expect(error).toMatchObject({ reason: 'html', attempts: 1 });
    expect(error.message).toMatch(/returned an HTML page/);
  });

  it('an HTML page labelled as octet-stream is caught by its bytes', async () => {
    const error = await expectFailure('/html-as-octet.pdf');
    expect(error).toMatchObject({ reason: 'html', attempts: 1 });
  });

  it('a body over the size limit fails by Content-Length and by bytes received', async () => {
    const announced = await expectFailure('/big.pdf', { maxBytes: 1_000 });
    expect(announced).toMatchObject({ reason: 'too-large', attempts: 1 });
    expect(announced.message).toMatch(/Content-Length/);
    const unannounced = await expectFailure('/big-unannounced.pdf', { maxBytes: 1_000 });
    expect(unannounced).toMatchObject({ reason: 'too-large', attempts: 1 });
  });

  it('a redirect loop is bounded', async () => {
    const error = await expectFailure('/loop.pdf', { maxRedirects: 3 });
    expect(error).toMatchObject({ reason: 'too-many-redirects', attempts: 1 });
    expect(hits.get('/loop.pdf')).toBe(4);
  });

  it('a non-http URL is refused', async () => {
    await expect(download('ftp://127.0.0.1/x.pdf', options())).rejects.toMatchObject({ reason: 'bad-url' });
  });

  it('an unwritable cache is a clear error and leaves no temp file', async () => {
    await mkdir(join(cacheDir, 'objects', `${sha256(pdf)}.pdf`), { recursive: true }); // rename onto a folder fails
    const error = await download(`${base}/ok.pdf`, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ reason: 'cache', attempts: 1 });
    expect((error as DownloadError).message).toContain(cacheDir);
    expect(await listCache()).toEqual([]);
  });

  it('a failed revalidation leaves the good cached copy intact', async () => {
    const first = await download(`${base}/ok.pdf`, options());
    const files = await listCache();
    await expect(download(`${base}/ok.pdf`, options({ maxBytes: 100 }))).resolves.toMatchObject({ fromCache: true });
    currentEtag = '"v2"';
    await expect(download(`${base}/ok.pdf`, options({ maxBytes: 1_000 }))).rejects.toMatchObject({ reason: 'too-large' });
    expect(await listCache()).toEqual(files);
    expect(Buffer.compare(await readFile(first.path), pdf)).toBe(0);
  });
});

describe('downloadAll', () => {
  it('limits concurrency per host and reports each URL on its own', async () => {
    maxInFlight = 0;
    const urls = [1, 2, 3, 4, 5, 6].map((i) => `${base}/slow.pdf?copy=${i}`).concat(`${base}/missing.pdf`);
    const events: DownloadEvent[] = [];
    const outcomes = await downloadAll(urls, options({ perHostConcurrency: 2 }), (e) => events.push(e));
    expect(outcomes.map((o) => o.url)).toEqual(urls);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(6);
    const failed = outcomes[6]!;
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error).toMatchObject({ reason: 'http-status', status: 404 });
    expect(maxInFlight).toBe(2);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(6);
    const files = await expectCacheSound();
    expect(files.filter((f) => f.startsWith('objects/'))).toEqual([`objects/${sha256(pdf)}.pdf`]);
    expect(files.filter((f) => f.startsWith('urls/'))).toHaveLength(6);
  });
});

describe('settings and backoff', () => {
  it('has documented defaults for everything but the cache folder', () => {
    const s = DownloadSettingsSchema.parse({ cacheDir: '/tmp/x' });
    expect(s).toMatchObject({ maxAttempts: 4, maxRedirects: 5, revalidate: true, perHostConcurrency: 2 });
    expect(s.userAgent).toMatch(/ddor/);
    expect(() => DownloadSettingsSchema.parse({ cacheDir: '' })).toThrow();
  });

  it('backs off exponentially, with jitter, capped, and honours Retry-After', () => {
    const s = DownloadSettingsSchema.parse({ cacheDir: 'x', retryBaseDelayMs: 100, retryMaxDelayMs: 1_000, retryJitter: 0.5 });
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, s, undefined, 0))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(2, s, undefined, 1)).toBe(100);
    expect(backoffDelay(1, s, 700, 0)).toBe(700);
    expect(backoffDelay(1, s, 60_000, 0)).toBe(1_000);
  });
});
