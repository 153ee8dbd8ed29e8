/**
 * The one error a download can end with: which URL, after how many attempts, why (a stable
 * reason code), and what the user can do about it.
 */
export type DownloadFailure =
  | 'bad-url' // not an http(s) URL
  | 'http-status' // the server answered with an error status
  | 'timeout' // connect, stall or whole-attempt timeout
  | 'network' // connection refused/reset, DNS failure, ...
  | 'too-many-redirects'
  | 'too-large' // over maxBytes
  | 'html' // the server sent a web page instead of the PDF
  | 'not-pdf' // some other non-PDF body
  | 'truncated' // fewer bytes than announced, or no %%EOF
  | 'cache'; // the cache folder cannot be written

/** Failures worth another attempt: the same request may well succeed a moment later. */
const TRANSIENT: ReadonlySet<DownloadFailure> = new Set(['timeout', 'network', 'truncated']);

export function isTransient(reason: DownloadFailure, status?: number): boolean {
  if (reason === 'http-status') return status === 429 || (status !== undefined && status >= 500);
  return TRANSIENT.has(reason);
}

function adviceFor(reason: DownloadFailure, status?: number): string {
  switch (reason) {
    case 'bad-url': return 'use an absolute http:// or https:// URL';
    case 'http-status':
      if (status === 404 || status === 410) return 'the file is not (or no longer) at this URL; correct the URL in the catalog or use a mirror';
      if (status === 401 || status === 403) return 'the server refuses access; try a mirror or download it in a browser and pass the local file';
      if (status === 429) return 'the server is rate-limiting; wait and retry later, or lower perHostConcurrency';
      return 'the server is failing; retry later or use a mirror';
    case 'timeout': return 'the server is too slow or unreachable; retry later, check your network, or raise the timeouts';
    case 'network': return 'check your network connection and the host name, or retry later';
    case 'too-many-redirects': return 'the URL redirects in a loop; open it in a browser to find the real file URL';
    case 'too-large': return 'the body exceeds maxBytes; check that the URL is the PDF you expect, or raise maxBytes';
    case 'html': return 'the URL probably moved or points at a landing page; open it in a browser and use the direct PDF link';
    case 'not-pdf': return 'the URL does not serve a PDF; check it in a browser';
    case 'truncated': return 'the transfer was cut short; retry later or use a mirror';
    case 'cache': return 'check that the cache folder is writable and the disk has free space';
  }
}

export class DownloadError extends Error {
  readonly advice: string;

  constructor(
    readonly url: string,
    readonly reason: DownloadFailure,
    readonly detail: string,
    readonly attempts: number,
    readonly status?: number,
  ) {
    const advice = adviceFor(reason, status);
    super(`${url}: ${detail} (after ${attempts} attempt${attempts === 1 ? '' : 's'}); ${advice}`);
    this.name = 'DownloadError';
    this.advice = advice;
  }

  get transient(): boolean {
    return isTransient(this.reason, this.status);
  }

  /** The same failure, recounted after `attempts` tries. */
  withAttempts(attempts: number): DownloadError {
    return new DownloadError(this.url, this.reason, this.detail, attempts, this.status);
  }
}
