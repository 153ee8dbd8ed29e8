/**
 * Which page each table row landed on, for producers that paginate by themselves (Chromium,
 * LibreOffice). Rows are kept whole and come in order, so each row is the first page, from the
 * previous row's page on, whose words still hold the row's key words (its dates for Section II).
 * Each page's words are consumed as rows claim them, so equal keys on one page are counted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from './tools.ts';

async function pageWords(pdf: Uint8Array): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-fuzz-locate-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const text = await runTool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
    // pdftotext ends every page with a form feed.
    return text.split('\f').slice(0, -1).map((page) => page.split(/\s+/).filter(Boolean));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The page's words without one of each key word, or null when the page lacks one. */
function claim(words: readonly string[], key: readonly string[]): string[] | null {
  const rest = [...words];
  for (const k of key) {
    const at = rest.indexOf(k);
    if (at < 0) return null;
    rest.splice(at, 1);
  }
  return rest;
}

/** Locates tables in print order: each call continues from the page the previous row was found on. */
export interface RowLocator { pageCount: number; pagesOf: (keys: string[][]) => number[] }

export async function locateRows(pdf: Uint8Array): Promise<RowLocator> {
  const left = await pageWords(pdf);
  let page = 0;
  return {
    pageCount: left.length,
    pagesOf: (keys) => keys.map((key, row) => {
      for (; page < left.length; page++) {
        const rest = claim(left[page]!, key);
        if (rest) {
          left[page] = rest;
          return page + 1;
        }
      }
      throw new Error(`fuzz: row ${row + 1} (${key.join(' ')}) is on no page of the printed PDF; the producer dropped or split it`);
    }),
  };
}
