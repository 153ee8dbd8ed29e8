/**
 * Every knob of the downloader in one place, with the defaults a polite, patient client needs for
 * a few government PDFs. Tests shrink the delays and timeouts; nothing else hard-codes a number.
 */
import { z } from 'zod';

const ms = z.number().int().nonnegative();

export const DownloadSettingsSchema = z.object({
  cacheDir: z.string().min(1).describe('folder holding objects/<sha256>.pdf, urls/<hash>.json and tmp/'),
  userAgent: z.string().min(1).default('ddor-downloader/0.1 (research dataset builder; Node.js)')
    .describe('sent with every request so server operators can tell who is fetching'),
  connectTimeoutMs: ms.default(15_000).describe('time allowed to open the TCP/TLS connection'),
  idleTimeoutMs: ms.default(30_000).describe('longest silence while waiting for headers or body bytes; a stalled server fails instead of hanging'),
  requestTimeoutMs: ms.default(10 * 60_000).describe('ceiling for one whole attempt, however slowly bytes trickle in'),
  maxAttempts: z.number().int().positive().default(4).describe('attempts per URL, first one included'),
  retryBaseDelayMs: ms.default(1_000).describe('backoff before the 2nd attempt; doubles for each further attempt'),
  retryMaxDelayMs: ms.default(60_000).describe('cap on one backoff delay, also on a server-sent Retry-After'),
  retryJitter: z.number().min(0).max(1).default(0.5)
    .describe('fraction of each delay that is randomised, so parallel clients do not retry in lockstep'),
  maxRedirects: z.number().int().nonnegative().default(5),
  maxBytes: z.number().int().positive().default(64 * 1024 * 1024)
    .describe('largest body accepted, checked against Content-Length and against the bytes actually received'),
  pdfContentTypes: z.array(z.string()).default(['application/pdf', 'application/x-pdf', 'application/octet-stream', 'binary/octet-stream'])
    .describe('content types accepted for a PDF body (a missing Content-Type is accepted too; the magic bytes decide)'),
  revalidate: z.boolean().default(true)
    .describe('true: ask the server whether a cached copy is current (If-None-Match/If-Modified-Since); false: use a cached copy without any request'),
  perHostConcurrency: z.number().int().positive().default(2).describe('simultaneous downloads from one host in downloadAll'),
});

export type DownloadSettings = z.infer<typeof DownloadSettingsSchema>;
export type DownloadOptions = z.input<typeof DownloadSettingsSchema>;
