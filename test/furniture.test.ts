/**
 * Page furniture (running headers, footers): the same text at the same height on many pages,
 * digits masked. A mixed file reads some pages from their text layer and OCRs the others, and the
 * two disagree on punctuation (an en dash read as a hyphen): the header is still one line.
 */
import { describe, expect, it } from 'vitest';
import { findFurniture, type PageLines } from '../src/layout/furniture.ts';
import type { TextLine } from '../src/layout/lines.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';

const line = (text: string, y0: number): TextLine => ({ x0: 26, x1: 300, y0, y1: y0 + 7, size: 8, words: [], text });
const page = (n: number, header: string): PageLines => ({ page: n, height: 612, lines: [line(header, 17), line(`Row text ${n * 7}`, 300), line(`Page ${n} of 5`, 583)] });

describe('page furniture', () => {
  it('is the same line on text-layer and OCR pages that differ in punctuation only', () => {
    const ocr = 'Declined Detainer Outcome Report - June 24 - June 30, 2017';
    const text = 'Declined Detainer Outcome Report - June 24 – June 30, 2017';
    const pages = [page(1, ocr), page(2, ocr), page(3, text), page(4, text), page(5, ocr)];
    const furniture = findFurniture(pages, DEFAULT_EXTRACTION_SETTINGS.furniture);
    for (const p of pages) expect([...furniture.get(p.page)!].sort()).toEqual([0, 2]);
  });

  it('is the same line where OCR lost a space after a point and read a speck there (fresh seed 617283950)', () => {
    const header = 'U.S. Immigration and Customs Enforcement';
    const pages = [page(1, header), page(2, header), page(3, header), page(4, 'U.S. Immigration.and Customs Enforcement.')];
    const furniture = findFurniture(pages, DEFAULT_EXTRACTION_SETTINGS.furniture);
    for (const p of pages) expect([...furniture.get(p.page)!].sort()).toEqual([0, 2]);
  });

  it('is a line on both pages of a 2-page file, and nothing on a 1-page file', () => {
    const header = 'U.S. Immigration and Customs Enforcement';
    const two = findFurniture([page(1, header), page(2, header)], DEFAULT_EXTRACTION_SETTINGS.furniture);
    // "Page 1 of 5" and "Page 2 of 5" read alike once the number that counts the pages is masked
    // (fresh seed 180426548: "U.S. Immigration and Customs Enforcement - Page 1" ran into a row).
    expect([...two.values()].map((s) => [...s].sort())).toEqual([[0, 2], [0, 2]]);
    const footer = (n: number): PageLines => ({ page: n, height: 612, lines: [line(`Row text ${n * 7}`, 300), line(`${header} - Page ${n}`, 583)] });
    expect([...findFurniture([footer(1), footer(2)], DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[1], [1]]);
    // ... but not a number that changes otherwise ("Page 1", "Page 3").
    const skipping = (n: number): PageLines => ({ page: n, height: 612, lines: [line(`${header} - Page ${2 * n - 1}`, 583)] });
    expect([...findFurniture([skipping(1), skipping(2)], DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[], []]);
    expect([...findFurniture([page(1, header)], DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[]]);
    // A page number with no words ("- 1 -", "- 2 -") is one line on both pages, digits masked.
    const numbered = (n: number): PageLines => ({ page: n, height: 612, lines: [line(`Row text ${n * 7}`, 300), line(`- ${n} -`, 583)] });
    expect([...findFurniture([numbered(1), numbered(2)], DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[1], [1]]);
    // A line of dates at the same height on both pages is no page number.
    const dated = (n: number): PageLines => ({ page: n, height: 612, lines: [line(`Row text ${n * 7}`, 300), line(`2/${n}/2017 2/${n + 5}/2017`, 583)] });
    expect([...findFurniture([dated(1), dated(2)], DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[], []]);
    // Rows of one facility at the same height on both pages differ in their dates: not furniture
    // (the page numbers under them are).
    const rows = [page(1, 'Cook County Jail IL Cook 2/1/2017'), page(2, 'Cook County Jail IL Cook 2/7/2017')];
    expect([...findFurniture(rows, DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[2], [2]]);
  });

  it('is not a line whose words differ', () => {
    const pages = [page(1, 'Section II continued'), page(2, 'Section III follows'), page(3, 'Summary of the week')];
    expect([...findFurniture(pages, DEFAULT_EXTRACTION_SETTINGS.furniture).values()].map((s) => [...s])).toEqual([[2], [2], [2]]);
  });
});
