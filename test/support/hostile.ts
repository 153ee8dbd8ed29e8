/**
 * Hostile inputs for test/hostile.test.ts, made from the real samples at test time: damaged PDFs
 * (a blanked cross-reference region, a corrupt content stream), a very long blank PDF, a tmpfs to
 * fill, and a loopback server for download-cache cases.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname } from 'node:path';
import { PDFDocument } from 'pdf-lib';

/** Deterministic bytes for a seeded corruption (mulberry32). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The reproduction: 8,000 bytes blanked in the middle of the pdfkit sample, through
 * object headers the cross-reference table points at. The file keeps %PDF- and %%EOF.
 */
export async function blankedXrefPdf(out: string): Promise<string> {
  const bytes = await readFile('samples/ddor-2017-02-04-alt-producer.pdf');
  bytes.fill(0x20, 12963, 12963 + 8000);
  await writeFile(out, bytes);
  return out;
}

/** [start, end) of every stream's data in a PDF. */
function streamRanges(bytes: Buffer): [number, number][] {
  const text = bytes.toString('latin1');
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    const start = match.index! + match[0].indexOf('\n') + 1;
    ranges.push([start, start + match[1]!.length]);
  }
  return ranges;
}

/**
 * 200 seeded random bytes written over the second half of one page's compressed content stream
 * (report 2, page 18: Section III rows). Read leniently, pdf.js drops part of the page with no
 * error (seed 1: 17 of 120 rows), or decodes nothing and the page looks blank (seed 17).
 */
export async function corruptContentStreamPdf(out: string, seed: number): Promise<string> {
  const bytes = await readFile('samples/ddor-2017-02-04.pdf');
  const [start, end] = streamRanges(bytes)[17]!;
  const random = seededRandom(seed);
  const from = start + 1000;
  for (let i = 0; i < 200; i++) bytes[from + Math.floor(random() * (end - from))] = Math.floor(random() * 256);
  await writeFile(out, bytes);
  return out;
}

/** A PDF of `pages` empty pages (no text layer: every page would need OCR). */
export async function blankPdf(out: string, pages: number, size: [number, number] = [612, 792]): Promise<string> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage(size);
  await writeFile(out, await doc.save());
  return out;
}

/** Mounts a tmpfs of `size` (e.g. "5m") at `dir`, or returns why it cannot (not root, no mount). */
export async function mountTmpfs(dir: string, size: string, readOnly = false): Promise<string | null> {
  await mkdir(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})`;
  }
}

export function unmount(dir: string): void {
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // Already unmounted, or never mounted.
  }
}

/** Fills a file system until `leaveBytes` are free (the rest of a small tmpfs). */
export function fillDisk(dir: string, leaveBytes: number): void {
  const free = Number(execFileSync('df', ['--output=avail', '-B1', dir]).toString().split('\n')[1]!.trim());
  const fill = Math.max(0, free - leaveBytes);
  execFileSync('sh', ['-c', `head -c ${fill} /dev/zero > "${dir}/filler"`]);
}

/** A loopback server answering every path with `body` as a PDF; counts the requests. */
export async function serveBody(body: Uint8Array | string): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.pdf`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * What an output folder's parent holds besides the folder and the slot it links to (see
 * src/dataset/folders.ts): leftovers of a write, which must be none.
 */
export async function leftBeside(dir: string): Promise<string[]> {
  const live = await readlink(dir).catch(() => null);
  return (await readdir(dirname(dir))).filter((name) => name !== basename(dir) && name !== live);
}
