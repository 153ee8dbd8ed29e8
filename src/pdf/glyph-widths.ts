/**
 * Typical glyph advance widths (Helvetica's AFM metrics, in 1/1000 em) for estimating where each
 * word of a multi-word pdf.js text item lies. The estimates are scaled to the item's measured
 * width, so only the proportions matter: they are close enough for Arial, Helvetica, Calibri and
 * Times to put each word on the right side of a column gap.
 */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space .. /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 .. ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ .. O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P .. _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` .. o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p .. ~
];
const DEFAULT_WIDTH = 556;
const SPECIAL: Record<string, number> = { '•': 350, '–': 556, '—': 1000, '’': 222, '‘': 222, '“': 333, '”': 333 };

export function glyphWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 32 && code <= 126) return ASCII_WIDTHS[code - 32] ?? DEFAULT_WIDTH;
  if (/\s/.test(ch)) return ASCII_WIDTHS[0]!;
  const special = SPECIAL[ch];
  if (special) return special;
  const base = ch.normalize('NFD')[0];
  return base && base !== ch ? glyphWidth(base) : DEFAULT_WIDTH;
}
