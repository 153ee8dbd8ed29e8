/**
 * Words Tesseract dropped whole (src/ocr/unread-ink.ts): letter-shaped ink no word covers is
 * found, specks and rules are not, and the table stage sends the cell it lies in to review with
 * its text as read. Drawn shapes on a synthetic page, and synthetic OCR words through the real
 * extractTables.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import type { GrayImage } from '../src/ocr/gray.ts';
import { findUnreadInk, UnreadInkSettingsSchema } from '../src/ocr/unread-ink.ts';
import { extractTables } from '../src/table/extract.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SCALE = 4; // pixels per point
const SETTINGS = UnreadInkSettingsSchema.parse({});

function page(): GrayImage {
  return { width: 800, height: 400, data: new Uint8Array(800 * 400).fill(255) };
}
function fill(image: GrayImage, box: { x0: number; y0: number; x1: number; y1: number }): void {
  for (let y = Math.floor(box.y0 * SCALE); y < Math.ceil(box.y1 * SCALE); y++) {
    for (let x = Math.floor(box.x0 * SCALE); x < Math.ceil(box.x1 * SCALE); x++) image.data[y * image.width + x] = 0;
  }
}
/** A word's letters: `count` frames of 1 pt strokes (an "o", paper inside), 4 pt wide and `height` tall, 1.5 pt apart. */
function letters(image: GrayImage, x0: number, top: number, count: number, height = 6): void {
  for (let i = 0; i < count; i++) {
    const left = x0 + 5.5 * i, right = left + 4, bottom = top + height;
    for (const stroke of [{ x0: left, y0: top, x1: right, y1: top + 1 }, { x0: left, y0: bottom - 1, x1: right, y1: bottom }, { x0: left, y0: top, x1: left + 1, y1: bottom }, { x0: right - 1, y0: top, x1: right, y1: bottom }]) fill(image, stroke);
  }
}
const word = (text: string, x0: number, x1: number, y0: number, y1: number): Word => ({ text, x0, x1, y0, y1, size: 8, confidence: 0.95, source: 'ocr' });

describe('finding words OCR dropped whole', () => {
  it('finds letters no word covers, and none under the words read', () => {
    const image = page();
    letters(image, 10, 20, 7); // "Traffic", read
    letters(image, 10, 32, 7); // "Offense", dropped
    const unread = findUnreadInk([word('Traffic', 10, 48.5, 20, 26)], image, SCALE, 128, SETTINGS);
    expect(unread).toHaveLength(1);
    expect(unread[0]!.x0).toBeCloseTo(10, 0);
    expect(unread[0]!.y0).toBeCloseTo(32, 0);
  });

  it('finds a word whose letters blur ran together into one blob (fresh seed 28454353, 150 DPI: "Offense" under "Traffic")', () => {
    const image = page();
    letters(image, 10, 20, 7);
    // One blob: a bar along the top and a stroke every 2.5 pt, paper between them.
    fill(image, { x0: 10, y0: 32, x1: 40, y1: 33 });
    for (let x = 10; x < 40; x += 2.5) fill(image, { x0: x, y0: 32, x1: x + 1, y1: 38 });
    expect(findUnreadInk([word('Traffic', 10, 48.5, 20, 26)], image, SCALE, 128, SETTINGS)).toMatchObject([{ y0: 32 }]);
    // A solid bar as tall and wide (a blot, a shaded strip) is no word.
    const blot = page();
    letters(blot, 10, 20, 7);
    fill(blot, { x0: 10, y0: 32, x1: 40, y1: 38 });
    expect(findUnreadInk([word('Traffic', 10, 48.5, 20, 26)], blot, SCALE, 128, SETTINGS)).toEqual([]);
  });

  it('finds no word in specks, a lone mark, or a rule', () => {
    const image = page();
    for (let i = 0; i < 6; i++) fill(image, { x0: 20 + 7 * i, y0: 60, x1: 20.8 + 7 * i, y1: 60.8 }); // specks in a row
    letters(image, 100, 60, 1); // a lone mark
    fill(image, { x0: 10, y0: 80, x1: 190, y1: 80.5 }); // a rule
    fill(image, { x0: 150, y0: 20, x1: 150.5, y1: 90 }); // a column border
    expect(findUnreadInk([word('Traffic', 10, 48.5, 20, 26)], image, SCALE, 128, SETTINGS)).toEqual([]);
  });
});

describe('a cell with a word OCR dropped', () => {
  it('goes to review with its text as read; the row\'s other cells keep their confidence', () => {
    const spec = TableLayoutSpecSchema.parse({
      name: 'holds',
      columns: [{ field: 'state', aliases: ['State'], anchor: true }, { field: 'offence', aliases: ['Offence'] }],
    });
    const w = (text: string, x0: number, top: number) => word(text, x0, x0 + 6 * text.length, top, top + 6);
    const tokens: PageTokens = {
      page: 1, width: 612, height: 792, rulings: [], source: 'ocr',
      words: [w('State', 60, 80), w('Offence', 200, 80), w('Texas', 60, 100), w('Traffic', 200, 100), w('Ohio', 60, 125), w('Burglary', 200, 125)],
      // "Offense" after "Traffic" on its line, dropped.
      unread: [{ x0: 246, y0: 100, x1: 286, y1: 106 }],
    };
    const [table] = extractTables([tokens], [spec], { settings: DEFAULT_EXTRACTION_SETTINGS }).tables;
    const [texas, ohio] = table!.rows;
    expect(texas!.cells.offence).toMatchObject({ text: 'Traffic', confidence: DEFAULT_EXTRACTION_SETTINGS.body.unreadInkConfidence });
    expect(texas!.cells.state!.confidence).toBeCloseTo(0.95);
    expect(ohio!.cells.offence!.confidence).toBeCloseTo(0.95);
  });
});
