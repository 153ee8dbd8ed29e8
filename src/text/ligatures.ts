/**
 * Letters a ligature hid from OCR. Some fonts print "ffi", "ffl" and "ff" as one glyph, even
 * monospaced ones in a browser's print; Tesseract reads the glyph as "fi", "fl" or "f" at full
 * confidence ("Afirming", "oficers"), alike on every row, so a report's own spellings cannot
 * correct it. A word that is no English word, but becomes exactly one when a ligature's letters
 * are put back, is that word.
 */
import { isEnglishWord } from './english-words.ts';

/** What OCR reads for each ligature, and what it printed. */
const LIGATURE_READINGS: readonly (readonly [string, string])[] = [['fi', 'ffi'], ['fl', 'ffl'], ['f', 'ff']];

/** Every way of putting one ligature's letters back into `word`, in the word's case. */
function withLigatureRestored(word: string): string[] {
  const upper = word.length > 1 && word === word.toUpperCase();
  return LIGATURE_READINGS.flatMap(([read, printed]) => {
    const spellings: string[] = [];
    for (let at = word.toLowerCase().indexOf(read); at !== -1; at = word.toLowerCase().indexOf(read, at + 1)) {
      // The read letters' first keeps its case ("Ofice" → "Office"); the letters put back follow the word's.
      const letters = upper ? printed.toUpperCase() : `${word[at]}${printed.slice(1)}`;
      spellings.push(`${word.slice(0, at)}${letters}${word.slice(at + read.length)}`);
    }
    return spellings;
  });
}

/** `text` with each word that a hidden ligature made no English word put right, where only one way does. */
export function restoreLigatures(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => {
    if (!/f/i.test(word) || isEnglishWord(word)) return word;
    const words = [...new Set(withLigatureRestored(word).filter(isEnglishWord))];
    return words.length === 1 ? words[0]! : word;
  });
}
