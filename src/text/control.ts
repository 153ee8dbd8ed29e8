/** Control characters in text read from a PDF. */

/**
 * C0 and C1 control characters and DEL: never part of printed text, and harmful downstream (NUL
 * in files, ESC sequences that rewrite a terminal when a finding quotes the value).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this does
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

export const stripControlCharacters = (text: string) => text.replace(CONTROL_CHARACTERS, '');

/** The same characters made visible (\x1b), for text printed to a terminal. */
export const escapeControlCharacters = (text: string) =>
  text.replace(CONTROL_CHARACTERS, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
