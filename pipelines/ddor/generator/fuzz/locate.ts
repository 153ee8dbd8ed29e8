/**
 * Which page each table row landed on, for producers that paginate by themselves (Chromium,
 * LibreOffice). Rows come in order, so each row is the first page, from the previous row's page
 * on, whose words still hold the row's key words (its dates for Section II); a row broken across
 * a page end is on the page it starts on.
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

/**
 * The indexes of the words that hold the key's words, one each, or null when some key word is
 * missing. A key word may be printed in two pieces: a narrow column wraps a date mid-number
 * ("11/23/201" over "7"), and pdftotext gives the second piece where its line comes in the
 * content, up to `window` words on; a word of letters, in two pieces side by side.
 */
function claim(words: readonly string[], key: readonly string[], window = 24): number[] | null {
  const taken = new Set<number>();
  const free = (i: number) => !taken.has(i);
  for (const k of key) {
    const whole = words.findIndex((w, i) => free(i) && w === k);
    let found: number[] | null = whole >= 0 ? [whole] : null;
    // Only dates wrap mid-value: a count ("12") would be found as any "1" and "2" nearby. A word
    // of letters may come in two pieces side by side: pdftotext splits a Type 3 font's word where
    // its glyphs are set apart ("New Y" / "ork").
    const reach = k.includes('/') ? window : /^\p{L}[\p{L}.,'’-]{3,}$/u.test(k) ? 1 : 0;
    for (let i = 0; i < words.length && !found && reach > 0; i++) {
      const head = words[i]!;
      if (!free(i) || head.length === 0 || head.length >= k.length || !k.startsWith(head)) continue;
      const tail = k.slice(head.length);
      for (let j = i + 1; j < Math.min(words.length, i + 1 + reach); j++) {
        if (free(j) && words[j] === tail) { found = [i, j]; break; }
      }
    }
    if (!found) return null;
    for (const i of found) taken.add(i);
  }
  return [...taken];
}

const without = (words: readonly string[], indexes: readonly number[]) => words.filter((_, i) => !indexes.includes(i));

/** Locates tables in print order: each call continues from the page the previous row was found on. */
export interface RowLocator { pageCount: number; pagesOf: (keys: string[][]) => number[] }

export async function locateRows(pdf: Uint8Array): Promise<RowLocator> {
  const left = await pageWords(pdf);
  let page = 0;
  return {
    pageCount: left.length,
    pagesOf: (keys) => keys.map((key, row) => {
      for (; page < left.length; page++) {
        const here = claim(left[page]!, key);
        if (here) {
          left[page] = without(left[page]!, here);
          return page + 1;
        }
        // A row the producer broke across the page end: its key words on both pages. Not a row
        // wholly on the next page whose key words also occur on this one (a header's "County,").
        const next = left[page + 1];
        const across = next && !claim(next, key) ? claim([...left[page]!, ...next], key) : null;
        const split = left[page]!.length;
        if (next && across?.some((i) => i < split) && across.some((i) => i >= split)) {
          left[page] = without(left[page]!, across.filter((i) => i < split));
          left[page + 1] = without(next, across.filter((i) => i >= split).map((i) => i - split));
          return page + 1;
        }
      }
      throw new Error(`fuzz: row ${row + 1} (${key.join(' ')}) is on no page of the printed PDF; the producer dropped or split it`);
    }),
  };
}
