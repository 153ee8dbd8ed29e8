/**
 * Words Tesseract dropped whole. A word it could not read, or read below minWordConfidence, leaves
 * no word behind, and the cell it belonged to reads as a shorter, plausible value (a two-word
 * name read as its first word, fresh seed 28454353) with the confidence of the words that are
 * left: a silent error. Its letters are still in the pixels. Ink that no word's box covers, in
 * blobs of letter height set side by side as wide as a short word (blur runs letters together, so
 * one blob may be the whole word), with paper between the strokes, is such a word; the table
 * stage caps the confidence of the cell it lies in (body.unreadInkConfidence), so the cell goes to
 * review with its text as read. Nothing is added to the text: a shape is no reading.
 */
import { z } from 'zod';
import { median } from '../layout/lines.ts';
import { centreX, centreY, holdsText, overlap, unionBox, type Box, type Word } from '../layout/tokens.ts';
import type { GrayImage } from './gray.ts';
import { blobsIn } from './list-markers.ts';

export const UnreadInkSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  minHeightShare: z.number().positive().default(0.4)
    .describe('shortest blob that may be a letter, as a share of the page\'s median word height (an x-height letter is about half a word\'s box; specks, dots and dashes are smaller)'),
  maxHeightShare: z.number().positive().default(1.4)
    .describe('tallest, as a share of the median word height (taller blobs are rulings, shading or images)'),
  maxWidthShare: z.number().positive().default(15)
    .describe('widest single blob, as a share of the median word height: blur at 150 DPI runs a whole word\'s letters together (a seven-letter word one blob 4 heights wide); a rule across a table is far wider'),
  maxFill: z.number().min(0).max(1).default(0.85)
    .describe('largest share of its box a blob\'s ink may fill: letters leave paper between their strokes, a blot or a shaded bar does not'),
  coverMargin: z.number().nonnegative().default(0.2)
    .describe('a blob whose centre lies within this share of the median word height of a word\'s box belongs to that word'),
  letterGap: z.number().positive().default(0.6)
    .describe('blobs level with each other and at most this share of the median word height apart are letters of one word'),
  minWidthShare: z.number().positive().default(1.2)
    .describe('narrowest word, as a share of the median word height: about three letters (a lone mark or two is narrower)'),
}).describe('words Tesseract dropped whole, found as text-shaped ink no word covers (unread-ink.ts)');
export type UnreadInkSettings = z.infer<typeof UnreadInkSettingsSchema>;

/** Blobs (in points) level enough with each other to be on one line: half the shorter one's height shared. */
const level = (a: Box, b: Box) => overlap(a.y0, a.y1, b.y0, b.y1) >= 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);

/**
 * The boxes (points) of word-shaped ink on a page that no OCR word covers. `scale` is pixels per
 * point; `threshold` the page's ink level (otsuThreshold).
 */
export function findUnreadInk(words: readonly Word[], image: GrayImage, scale: number, threshold: number, settings: UnreadInkSettings): Box[] {
  if (!settings.enabled) return [];
  const heights = words.filter(holdsText).map((w) => w.y1 - w.y0);
  if (heights.length === 0) return [];
  const usual = median(heights);
  const margin = settings.coverMargin * usual;
  const covered = (b: Box) => {
    const x = centreX(b), y = centreY(b);
    return words.some((w) => x >= w.x0 - margin && x <= w.x1 + margin && y >= w.y0 - margin && y <= w.y1 + margin);
  };
  const letters = blobsIn(image, threshold, 0, 0, image.width, image.height)
    .filter((b) => b.area <= settings.maxFill * (b.x1 - b.x0) * (b.y1 - b.y0))
    .map((b): Box => ({ x0: b.x0 / scale, y0: b.y0 / scale, x1: b.x1 / scale, y1: b.y1 / scale }))
    .filter((b) => {
      const height = b.y1 - b.y0;
      return height >= settings.minHeightShare * usual && height <= settings.maxHeightShare * usual && b.x1 - b.x0 <= settings.maxWidthShare * usual;
    })
    .filter((b) => !covered(b))
    .sort((a, b) => a.x0 - b.x0);
  // Letters into words: each joins the first word it is level with and close enough to.
  const found: Box[] = [];
  for (const letter of letters) {
    const i = found.findIndex((w) => level(w, letter) && letter.x0 - w.x1 <= settings.letterGap * usual);
    if (i >= 0) found[i] = unionBox([found[i]!, letter]);
    else found.push(letter);
  }
  return found.filter((w) => w.x1 - w.x0 >= settings.minWidthShare * usual);
}
