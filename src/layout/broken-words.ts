/**
 * Words a cell's edge broke across two lines. A producer that cannot fit a word on one line of a
 * narrow cell (LibreOffice) prints as much of it as fits and the rest on the next line, with no
 * hyphen: "Citizenshi" over "p", "2/18/201" over "7", "Snohomis" over "h County". Read as two
 * lines, the header names nothing and the cell reads "Snohomis h County". The evidence that a line
 * break is such a break, not a wrap at a space, is where the line ends: at the cell's edge, with
 * no room left for even one glyph of what follows (see ExtractionSettings.brokenWords), and
 * that what follows goes on with the word: a lower-case letter after a letter, a digit after a
 * digit. That alone cannot tell a broken word from a wrap at a space in a cell as wide as its
 * first line ("Willing" over "to accept"), so the words decide (readBreak).
 */
import { isEnglishWord } from '../text/english-words.ts';
import { holdsText, trimSpecks, type Word } from './tokens.ts';

export interface BrokenWordSettings {
  edgeSlack: number;
  unconfirmedConfidence: number;
}

/** The mean glyph width of a word: a forced break leaves less room than one glyph of what follows. */
const glyphWidth = (w: Word) => (w.x1 - w.x0) / Math.max(1, [...w.text].length);

/** Does `tail` go on with `head`'s last character: a lower-case letter after a letter, a digit after a digit? A capital starts a word. */
const goesOn = (head: string, tail: string) => (/\p{L}$/u.test(head) && /^\p{Ll}/u.test(tail)) || (/\p{N}$/u.test(head) && /^\p{N}/u.test(tail));

/**
 * May the break between a cell line and the next one be inside a word? `head` holds the line's
 * words in the cell, `tail` is the first word of the cell's next line, and `textWidth` the widest
 * text the cell's column (or the header cell) prints.
 */
export function mayBeBrokenWord(head: readonly Word[], tail: Word, textWidth: number, settings: Pick<BrokenWordSettings, 'edgeSlack'>): boolean {
  const word = head.length === 1 ? head[0] : undefined;
  if (word === undefined || word.source !== tail.source || !holdsText(word) || !goesOn(word.text, tail.text)) return false;
  return word.x1 - word.x0 + glyphWidth(tail) + settings.edgeSlack * word.size >= textWidth;
}

/** A piece that stands as a word of its own: an English word, or a number. */
const standsAlone = (piece: string) => /^\p{N}+$/u.test(piece) || isEnglishWord(piece);

/**
 * How to read a break mayBeBrokenWord allows, from the words: `joined` when the document prints
 * the joined word whole elsewhere (`printed`: in another table) or the joined word is
 * English and its pieces are not both words ("Citizenshi" + "p"); `spaced` when both pieces are
 * words and the joined one is not ("Willing" over "to": a wrap at a space); `doubtful` otherwise
 * (joined, as the geometry says, but for review).
 */
export function readBreak(head: string, tail: string, printed: (key: string) => boolean): 'joined' | 'spaced' | 'doubtful' {
  const joined = vocabularyKey(head + tail);
  if (printed(joined)) return 'joined';
  const pieces = standsAlone(vocabularyKey(head)) && standsAlone(vocabularyKey(tail));
  if (isEnglishWord(joined)) return pieces ? 'doubtful' : 'joined';
  return pieces ? 'spaced' : 'doubtful';
}

/** A word as the document's vocabulary holds it: lower case, without the punctuation around it ("Snohomish," is "snohomish"). */
export const vocabularyKey = (text: string) => trimSpecks(text.toLowerCase());

/** Every word the document prints, as vocabularyKey has it: a joined word printed whole elsewhere is confirmed. */
export function vocabularyOf(words: Iterable<Word>): Set<string> {
  const known = new Set<string>();
  for (const w of words) known.add(vocabularyKey(w.text));
  return known;
}
