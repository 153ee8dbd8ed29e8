/**
 * One download attempt over node:http(s): redirects followed (bounded), and every way a server
 * can misbehave (refuses, stalls, trickles, lies about the length, sends too much, sends a web
 * page) turned into a `DownloadError` instead of a hang or a silently short body.
 */
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { DownloadError, type DownloadFailure } from './error.ts';
import type { DownloadSettings } from './settings.ts';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type AttemptOutcome =
  | ({ kind: 'body'; finalUrl: string; body: Uint8Array; contentType: string } & Validators)
  | ({ kind: 'not-modified'; finalUrl: string } & Validators)
  | { kind: 'failed'; error: DownloadError; retryAfterMs?: number };

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
  body?: Uint8Array;
}

class HopFailure extends Error {
  constructor(readonly reason: DownloadFailure, detail: string) {
    super(detail);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function validatorsOf(headers: IncomingHttpHeaders): Validators {
  return {
    ...(headers.etag ? { etag: headers.etag } : {}),
    ...(headers['last-modified'] ? { lastModified: headers['last-modified'] } : {}),
  };
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkDetail(error: NodeJS.ErrnoException): string {
  return `connection failed (${error.code ?? error.name}: ${error.message})`;
}

/** One request/response; a 200 body is read whole, within the size and time limits. */
function hop(target: URL, headers: OutgoingHttpHeaders, s: DownloadSettings, deadline: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    let req: http.ClientRequest | undefined;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      action();
    };
    const fail = (reason: DownloadFailure, detail: string) => {
      settle(() => reject(new HopFailure(reason, detail)));
      req?.destroy();
    };

    // agent: false gives each request its own connection, so the connect timeout always applies
    // and a misbehaving connection is never reused; a handful of PDFs does not need keep-alive.
    const client = target.protocol === 'https:' ? https : http;
    try {
      req = client.request(target, { method: 'GET', headers, agent: false });
    } catch (error) {
      fail('bad-url', `cannot request this URL (${(error as Error).message})`);
      return;
    }
    const connectedEvent = target.protocol === 'https:' ? 'secureConnect' : 'connect';
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => fail('timeout', `could not connect within ${s.connectTimeoutMs} ms`), s.connectTimeoutMs);
      timers.push(timer);
      socket.once(connectedEvent, () => clearTimeout(timer));
    });
    req.setTimeout(s.idleTimeoutMs, () => fail('timeout', `the server sent nothing for ${s.idleTimeoutMs} ms (stalled)`));
    timers.push(setTimeout(
      () => fail('timeout', `the attempt took longer than ${s.requestTimeoutMs} ms`),
      Math.max(0, deadline - Date.now()),
    ));
    let received = 0;
    let inBody = false;
    req.on('error', (error) => fail(inBody ? 'truncated' : 'network', inBody
      ? `the connection broke after ${received} bytes (${(error as NodeJS.ErrnoException).code ?? error.message})`
      : networkDetail(error)));

    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.on('error', () => { /* reported through 'close' below */ });
      if (status !== 200) {
        settle(() => resolve({ status, headers: res.headers }));
        req?.destroy();
        return;
      }
      const type = mediaType(res.headers['content-type']);
      if (type === 'text/html' || type === 'application/xhtml+xml') {
        fail('html', `the server returned an HTML page (Content-Type ${type}), not a PDF`);
        return;
      }
      if (type && !s.pdfContentTypes.includes(type)) {
        fail('not-pdf', `the server returned Content-Type ${type}, not a PDF`);
        return;
      }
      const announced = res.headers['content-length'] !== undefined ? Number(res.headers['content-length']) : undefined;
      if (announced !== undefined && announced > s.maxBytes) {
        fail('too-large', `the body is ${announced} bytes (Content-Length), over the limit of ${s.maxBytes}`);
        return;
      }
      inBody = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > s.maxBytes) fail('too-large', `the body exceeds the limit of ${s.maxBytes} bytes`);
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (announced !== undefined && received !== announced) {
          fail('truncated', `received ${received} bytes but Content-Length announced ${announced}`);
        } else {
          settle(() => resolve({ status, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) }));
        }
      });
      res.on('close', () => {
        if (!res.complete) fail('truncated', `the connection closed after ${received} of ${announced ?? 'an unknown number of'} bytes`);
      });
    });
    req.end();
  });
}

/**
 * Fetches `url` once (following redirects), sending the cached validators so that an unchanged
 * file costs a 304 instead of a download. Never throws: failures come back as `kind: 'failed'`.
 */
export async function fetchOnce(url: string, s: DownloadSettings, validators: Validators): Promise<AttemptOutcome> {
  const failed = (reason: DownloadFailure, detail: string, status?: number, retryAfter?: number): AttemptOutcome => ({
    kind: 'failed',
    error: new DownloadError(url, reason, detail, 1, status),
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
  });
  const headers: OutgoingHttpHeaders = {
    'user-agent': s.userAgent,
    accept: 'application/pdf, application/octet-stream;q=0.5, */*;q=0.1',
    'accept-encoding': 'identity',
    ...(validators.etag ? { 'if-none-match': validators.etag } : {}),
    ...(validators.lastModified ? { 'if-modified-since': validators.lastModified } : {}),
  };
  const deadline = Date.now() + s.requestTimeoutMs;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return failed('bad-url', 'not a valid URL');
  }
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return failed('bad-url', `unsupported protocol ${current.protocol} (at ${current.href})`);
    }
    let response: Hop;
    try {
      response = await hop(current, headers, s, deadline);
    } catch (error) {
      if (error instanceof HopFailure) return failed(error.reason, redirects ? `${error.message} (at ${current.href})` : error.message);
      throw error;
    }
    const { status, headers: got } = response;
    if (REDIRECTS.has(status) && got.location) {
      if (redirects >= s.maxRedirects) return failed('too-many-redirects', `more than ${s.maxRedirects} redirects (last to ${got.location})`);
      try {
        current = new URL(got.location, current);
      } catch {
        return failed('bad-url', `the server redirected to an invalid URL (${got.location})`);
      }
      continue;
    }
    if (status === 200 && response.body) {
      return { kind: 'body', finalUrl: current.href, body: response.body, contentType: mediaType(got['content-type']), ...validatorsOf(got) };
    }
    if (status === 304 && (validators.etag || validators.lastModified)) {
      return { kind: 'not-modified', finalUrl: current.href, ...validatorsOf(got) };
    }
    return failed('http-status', `the server answered HTTP ${status}${redirects ? ` at ${current.href}` : ''}`, status, retryAfterMs(got['retry-after']));
  }
}
