/**
 * Page furniture: running headers, footers and page numbers. They are recognised the way a reader
 * does, as text that recurs at the same height in the page margins on many pages (digits masked,
 * so "Page 3 of 35" and "Page 4 of 35" are the same line), plus any patterns a report family adds.
 */
import type { TextLine } from './lines.ts';

export interface FurnitureSettings {
  minPageShare: number;
  minPages: number;
  yTolerance: number;
  marginShare: number;
}

export interface PageLines {
  page: number;
  height: number;
  lines: TextLine[];
}

/**
 * A line's text with digits masked and punctuation read as spaces: an OCR'd page reads the en dash
 * of a running header as a hyphen, or loses a comma, where a page of the same file with a text
 * layer has them, and the header must still be one line across both; OCR may also lose the space
 * after a point and read a speck there ("Agency.and": fresh seed 617283950, whose running header
 * then ran into the last row of a table the page before ended).
 */
const shape = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/[^\p{L}\p{N}#\s]/gu, ' ').replace(/\s+/g, ' ').trim();

/** A page number alone on its line: one number, perhaps between dashes or brackets. */
const PAGE_NUMBER = /^[^\p{L}\p{N}]*\d+[^\p{L}\p{N}]*$/u;

/**
 * Lines that read alike once the number that counts the pages is masked in each: some number of
 * the first, less its page, is the same offset on every page ("Page 1" on page 1, "Page 2" on 2).
 */
function pageNumbered(lines: readonly { page: number; text: string }[]): boolean {
  const [first] = lines;
  if (!first || lines.length < 2) return false;
  const masked = (line: { page: number; text: string }, offset: number) => line.text.replace(/\d+/g, (n) => (Number(n) - line.page === offset ? '#' : n));
  return [...first.text.matchAll(/\d+/g)].some(([n]) => {
    const offset = Number(n) - first.page;
    return new Set(lines.map((line) => masked(line, offset))).size === 1;
  });
}

function inMargin(line: TextLine, pageHeight: number, share: number): boolean {
  return line.y1 <= pageHeight * share || line.y0 >= pageHeight * (1 - share);
}

/** Returns, per page, the indexes of the lines that are furniture. */
export function findFurniture(pages: readonly PageLines[], settings: FurnitureSettings, patterns: readonly RegExp[] = []): Map<number, Set<number>> {
  const result = new Map<number, Set<number>>(pages.map((p) => [p.page, new Set<number>()]));
  const occurrences = new Map<string, { page: number; index: number; y: number; text: string }[]>();
  for (const p of pages) {
    p.lines.forEach((line, index) => {
      if (patterns.some((re) => re.test(line.text))) result.get(p.page)!.add(index);
      if (!inMargin(line, p.height, settings.marginShare)) return;
      const key = shape(line.text);
      const list = occurrences.get(key) ?? [];
      list.push({ page: p.page, index, y: line.y0, text: line.text });
      occurrences.set(key, list);
    });
  }
  // One page shows nothing recurring. A file shorter than minPages shows it on every page, printed
  // exactly alike but for its page number ("- 1 -", "Enforcement - Page 1"): with all digits
  // masked, two rows of one facility at the same height would do, and so would two lines of dates.
  const short = pages.length < settings.minPages;
  const needed = Math.max(2, Math.min(settings.minPages, pages.length), Math.ceil(settings.minPageShare * pages.length));
  for (const list of occurrences.values()) {
    // Cluster by height: the same text at the same place on many pages.
    const sorted = [...list].sort((a, b) => a.y - b.y);
    let cluster: typeof list = [];
    const flush = () => {
      const alike = !short || new Set(cluster.map((o) => o.text)).size === 1 || cluster.every((o) => PAGE_NUMBER.test(o.text)) || pageNumbered(cluster);
      if (alike && new Set(cluster.map((o) => o.page)).size >= needed) for (const o of cluster) result.get(o.page)!.add(o.index);
      cluster = [];
    };
    for (const o of sorted) {
      if (cluster.length && o.y - cluster[0]!.y > settings.yTolerance) flush();
      cluster.push(o);
    }
    flush();
  }
  return result;
}
