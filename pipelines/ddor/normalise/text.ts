/**
 * Text normal forms shared by the DDOR normalisers: the published whitespace form (DATASET.md
 * "Normal forms") and the matching keys used to compare printed spellings with reference names.
 */

/** Trims and collapses whitespace runs (including line wraps) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lower case without accents, so "Doña Ana" and "DONA ANA" compare equal. */
export function foldCase(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Key for comparing words: folded case, "&" as "and", every other non-alphanumeric run as one
 * space. "Assault - Domestic" → "assault domestic".
 */
export function wordKey(text: string): string {
  return collapseWhitespace(foldCase(text).replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' '));
}

/**
 * Key for comparing place names: like wordKey, but "Saint"/"St." and "Sainte"/"Ste." unified and
 * spaces dropped, because printed and Census spellings differ in exactly these ways
 * ("Saint Lawrence" / "St. Lawrence", "De Kalb" / "DeKalb", "La Salle" / "LaSalle").
 */
export function placeKey(text: string): string {
  return wordKey(text.replace(/'/g, ''))
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bsainte\b/g, 'ste')
    .replace(/ /g, '');
}
