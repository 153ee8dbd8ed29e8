/**
 * The source PDFs, found by SHA-256 (datapackage.json names them by basename or URL, never by a
 * machine path), and their pages rendered to JPEG files inside the site.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { objectPath } from '../download/cache.ts';
import { openPdf } from '../pdf/load.ts';
import type { Finding } from '../findings.ts';
import { dpiLoweredFinding, renderPage } from '../pdf/render.ts';

export interface PageImage {
  page: number;
  /** Relative to the site folder. */
  src: string;
  widthPt: number;
  heightPt: number;
}

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && /\.pdf$/i.test(e.name)).map((e) => join(e.parentPath, e.name)).sort();
}

export interface PdfSearch {
  /** Folders searched recursively for PDFs. */
  dirs: readonly string[];
  /** Single files, e.g. the family's samples. */
  files: readonly string[];
  /** A download cache holding objects/<sha256>.pdf. */
  downloadCache: string | null;
}

/**
 * Maps each wanted SHA-256 to a local file with exactly those bytes. Files named like the source
 * (`preferredNames`) are hashed first, so the usual case reads each candidate once at most.
 */
export async function locatePdfs(wanted: ReadonlySet<string>, search: PdfSearch, preferredNames: ReadonlySet<string> = new Set()): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (search.downloadCache) {
    for (const sha of wanted) if (await isFile(objectPath(search.downloadCache, sha))) found.set(sha, objectPath(search.downloadCache, sha));
  }
  const candidates = [...new Set([...search.files, ...(await Promise.all(search.dirs.map(pdfsUnder))).flat()])];
  candidates.sort((a, b) => Number(preferredNames.has(basename(b))) - Number(preferredNames.has(basename(a))));
  for (const file of candidates) {
    if (found.size === wanted.size) break;
    const sha = await fileSha256(file);
    if (wanted.has(sha) && !found.has(sha)) found.set(sha, file);
  }
  return found;
}

/**
 * Renders every page of `pdf` into `assetsDir` as `<prefix>-p<NNN>.jpg`, with a warning for each
 * page too large to render at `dpi`.
 */
export async function renderPageImages(pdf: string, assetsDir: string, prefix: string, dpi: number, jpegQuality: number): Promise<{ images: PageImage[]; findings: Finding[] }> {
  const opened = await openPdf(pdf);
  const images: PageImage[] = [];
  const findings: Finding[] = [];
  try {
    for (let page = 1; page <= opened.pageCount; page++) {
      const rendered = await renderPage(opened.doc, page, dpi);
      const lowered = dpiLoweredFinding(pdf, page, 'for the review site', dpi, rendered);
      if (lowered) findings.push(lowered);
      const name = `${prefix}-p${String(page).padStart(3, '0')}.jpg`;
      await writeFile(join(assetsDir, name), await rendered.canvas.encode('jpeg', jpegQuality));
      images.push({ page, src: `assets/${name}`, widthPt: rendered.widthPt, heightPt: rendered.heightPt });
    }
  } finally {
    await opened.doc.destroy();
  }
  return { images, findings };
}
