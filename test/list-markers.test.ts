/**
 * Bullets Tesseract dropped, found in the pixels left of a word (src/ocr/list-markers.ts): drawn
 * shapes on a synthetic page, so each rule (size, roundness, fill, height, isolation) can fail.
 */
import { describe, expect, it } from 'vitest';
import type { Word } from '../src/layout/tokens.ts';
import { despeckle } from '../src/ocr/despeckle.ts';
import type { GrayImage } from '../src/ocr/gray.ts';
import { findListMarkers, ListMarkerSettingsSchema } from '../src/ocr/list-markers.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';

const SETTINGS = ListMarkerSettingsSchema.parse({});
const SCALE = 4; // pixels per point

function page(): GrayImage {
  return { width: 400, height: 200, data: new Uint8Array(400 * 200).fill(255) };
}
/** Ink in a box given in points: a filled ellipse, a ring or a rectangle. */
function draw(image: GrayImage, box: { x0: number; y0: number; x1: number; y1: number }, shape: 'disc' | 'ring' | 'bar'): void {
  const cx = ((box.x0 + box.x1) / 2) * SCALE, cy = ((box.y0 + box.y1) / 2) * SCALE;
  const rx = ((box.x1 - box.x0) / 2) * SCALE, ry = ((box.y1 - box.y0) / 2) * SCALE;
  for (let y = Math.floor(box.y0 * SCALE); y < Math.ceil(box.y1 * SCALE); y++) {
    for (let x = Math.floor(box.x0 * SCALE); x < Math.ceil(box.x1 * SCALE); x++) {
      const d = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2;
      const ink = shape === 'bar' || (shape === 'disc' ? d <= 1 : d <= 1 && d >= 0.45);
      if (ink) image.data[y * image.width + x] = 0;
    }
  }
}
const word = (text: string, x0: number, x1: number, y0 = 20, y1 = 26): Word => ({ text, x0, x1, y0, y1, size: 8, confidence: 0.95, source: 'ocr' });
const find = (image: GrayImage, words: Word[]) => findListMarkers(words, image, SCALE, 128, SETTINGS);

describe('finding dropped list bullets', () => {
  it('adds a bullet for a round solid dot level with the word\'s middle, just left of it', () => {
    const image = page();
    draw(image, { x0: 32, y0: 21.8, x1: 34.4, y1: 24.2 }, 'disc');
    const markers = find(image, [word('Will', 40, 52)]);
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ text: '•', confidence: SETTINGS.confidence });
    expect(markers[0]!.x0).toBeCloseTo(32, 0);
  });

  it('adds no bullet for a speck, a hollow ring, a dot at the baseline, or a dot with two neighbours', () => {
    const cases: Array<[string, (image: GrayImage) => void]> = [
      ['speck', (i) => draw(i, { x0: 33, y0: 22.5, x1: 33.6, y1: 23.1 }, 'disc')],
      ['ring', (i) => draw(i, { x0: 31, y0: 20.5, x1: 35, y1: 24.5 }, 'ring')],
      ['baseline dot', (i) => draw(i, { x0: 33, y0: 24.6, x1: 34.4, y1: 26 }, 'disc')],
      ['two dots', (i) => { draw(i, { x0: 32, y0: 21.8, x1: 34.4, y1: 24.2 }, 'disc'); draw(i, { x0: 27, y0: 21.8, x1: 29.4, y1: 24.2 }, 'disc'); }],
    ];
    for (const [name, paint] of cases) {
      const image = page();
      paint(image);
      expect(find(image, [word('Will', 40, 52)]), name).toEqual([]);
    }
  });

  it('leaves a dot alone when another word sits in the strip (Tesseract read something there)', () => {
    const image = page();
    draw(image, { x0: 32, y0: 21.8, x1: 34.4, y1: 24.2 }, 'disc');
    expect(find(image, [word('.', 32, 34.4), word('Will', 40, 52)])).toEqual([]);
  });

  it('ignores a cell border through the strip and still finds the bullet beside it', () => {
    const image = page();
    draw(image, { x0: 28, y0: 0, x1: 28.5, y1: 100 }, 'bar');
    draw(image, { x0: 32, y0: 21.8, x1: 34.4, y1: 24.2 }, 'disc');
    expect(find(image, [word('Will', 40, 52)])).toHaveLength(1);
  });

  it('adds a dash for a lone thin level bar between two words of a line, and none for an underscore or a rule', () => {
    const words = [word('Cocaine', 10, 40), word('Sell', 48, 62)];
    const dash = page();
    draw(dash, { x0: 42, y0: 23, x1: 45.5, y1: 23.8 }, 'bar');
    expect(find(dash, words).map((w) => w.text)).toEqual(['-']);
    const underscore = page();
    draw(underscore, { x0: 42, y0: 25.8, x1: 45.5, y1: 26.6 }, 'bar');
    expect(find(underscore, words)).toEqual([]);
    const wrapped = page();
    draw(wrapped, { x0: 38, y0: 23, x1: 41.5, y1: 23.8 }, 'bar');
    expect(find(wrapped, [word('Sell', 48, 62)]).map((w) => w.text)).toEqual(['-']);
    const rule = page();
    draw(rule, { x0: 0, y0: 23, x1: 100, y1: 23.8 }, 'bar');
    expect(find(rule, words)).toEqual([]);
  });

  it('adds a dash after the last word of a line, where a wrapped line ended on a spaced dash, and none for a full stop there', () => {
    // "Aggravated Assault - Family -" over "Strong-Arm" (fresh seed 264084274, 200 DPI).
    const dash = page();
    draw(dash, { x0: 43, y0: 23, x1: 46, y1: 23.8 }, 'bar');
    expect(find(dash, [word('Family', 10, 40)]).map((w) => w.text)).toEqual(['-']);
    // A bar right of one column's last word and left of the next column's first word is one dash.
    const shared = page();
    draw(shared, { x0: 45, y0: 22.6, x1: 47.5, y1: 23.4 }, 'bar');
    expect(find(shared, [word('7/7/2017', 10, 40), word('Carnal', 59, 80)]).map((w) => w.text)).toEqual(['-']);
    const stop = page();
    draw(stop, { x0: 41, y0: 24.8, x1: 42, y1: 25.8 }, 'disc');
    expect(find(stop, [word('Family', 10, 40)])).toEqual([]);
  });

  it('takes a hyphen blur has thickened for a dash, not a bullet (fresh seed 264084274, 200 DPI)', () => {
    // 2 pt long and 1.25 pt thick beside a 6 pt word (8 by 5 pixels): round enough for a dot before, but too flat for one.
    const image = page();
    draw(image, { x0: 36, y0: 22.6, x1: 37.9, y1: 23.7 }, 'bar');
    expect(find(image, [word('Carnal', 40, 62)]).map((w) => w.text)).toEqual(['-']);
  });

  it('adds no dash for a flat speck between two words, far shorter than a hyphen (fresh seed 1154424647)', () => {
    const speck = page();
    draw(speck, { x0: 42, y0: 23, x1: 43, y1: 23.4 }, 'bar');
    expect(find(speck, [word('Central', 10, 40), word('Booking', 48, 75)])).toEqual([]);
  });
});

describe('bullets of small text, which despeckling paints out', () => {
  it('are gone from the despeckled page but found in the page before despeckling, which is where they are looked for', () => {
    // A 7 pt monospace "• Will": a 1.4 pt dot, and the word's first letter 6.2 pt to its right.
    const image = page();
    draw(image, { x0: 32.6, y0: 22.3, x1: 34, y1: 23.7 }, 'disc');
    draw(image, { x0: 40, y0: 20, x1: 44, y1: 26 }, 'bar');
    const { image: despeckled, specks } = despeckle(image, SCALE, OcrSettingsSchema.parse({}));
    expect(specks).toBe(1);
    expect(find(despeckled, [word('Will', 40, 52)])).toEqual([]);
    expect(find(image, [word('Will', 40, 52)]).map((m) => m.text)).toEqual(['•']);
  });
});
