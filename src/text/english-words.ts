/**
 * The English words of the `word-list` package (274,000, lower case), loaded on first use: what
 * OCR'd prose is checked against where a report's own spellings are too few to say.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

let englishWords: ReadonlySet<string> | undefined;

export const isEnglishWord = (word: string): boolean => {
  englishWords ??= new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  return englishWords.has(word.toLowerCase());
};

/** `word` in the case of `like`: all capitals, a leading capital, or as it is. */
export function inCaseOf(like: string, word: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  return /^\p{Lu}/u.test(like) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/**
 * The words of `text` that are no English word but one letter away from exactly one (a letter
 * misread: "Palicy" for "Policy"), each with that word in its case. Words of fewer than
 * `minLetters` letters have too many neighbours to choose from, and words `keep` accepts (names
 * the document prints elsewhere) are not English words to begin with; both are left out.
 */
export function misreadLetters(text: string, minLetters: number, keep: (word: string) => boolean): { word: string; english: string }[] {
  return (text.match(/\p{L}+/gu) ?? []).flatMap((word) => {
    if (word.length < minLetters || isEnglishWord(word) || keep(word)) return [];
    const lower = word.toLowerCase();
    const found = new Set<string>();
    for (let at = 0; at < lower.length; at++) {
      for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
        const candidate = `${lower.slice(0, at)}${letter}${lower.slice(at + 1)}`;
        if (candidate !== lower && isEnglishWord(candidate)) found.add(candidate);
      }
    }
    return found.size === 1 ? [{ word, english: inCaseOf(word, [...found][0]!) }] : [];
  });
}
