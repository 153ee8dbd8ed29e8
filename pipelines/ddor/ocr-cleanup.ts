/**
 * Column-aware cleanup of OCR'd cells, using what each column may contain: dates must parse as
 * dates, states must be states, counties must be counties of their state (Census list), countries
 * countries, offences the descriptions of the mapping table, and facility names the names the same
 * report prints elsewhere. Criteria bullets that OCR read as «, », = or * become bullets again.
 * Every correction is returned (raw text beside the cleaned value) so it is recorded and reviewed,
 * never applied silently; text that matches nothing within the edit limits is left as read.
 */
import { z } from 'zod';
import { editDistance, nearest } from '../../src/text/fuzzy.ts';
import { restoreLigatures } from '../../src/text/ligatures.ts';
import { inCaseOf, isEnglishWord, misreadLetters } from '../../src/text/english-words.ts';
import { joinCellLines, type ExtractedRow } from '../../src/table/extract.ts';
import { median, sameOcrLine } from '../../src/layout/lines.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../../src/table/settings.ts';
import { typicalTextHeight } from '../../src/table/header.ts';
import type { Word } from '../../src/layout/tokens.ts';
import { TABLE } from './contract.ts';
import { readDataCsv } from './normalise/data-files.ts';
import { MONTH_NAMES, parseMonthYear, parseUsDate } from './normalise/dates.ts';
import { countrySpellings, countryVocabulary, resolveCountry } from './normalise/countries.ts';
import { offenseVocabulary, splitStatus } from './normalise/offenses.ts';
import { countiesOf, placeNames, resolveCounty, resolveState, stateByCode, stateCodes, statesWithCounty, stateVocabulary } from './normalise/places.ts';
import { collapseWhitespace, foldCase, wordKey } from './normalise/text.ts';

export const OcrCleanupSettingsSchema = z.object({
  /** Largest edit distance for a correction against a known name ("Correctional Faeility 3"). */
  maxEdits: z.number().int().default(4),
  /** ... and at most this share of the name's length, so short names allow one edit or none. */
  maxEditShare: z.number().default(0.15),
  /**
   * ... but names of at least this many letters always allow one edit: 15% of five letters is
   * under one, yet one misread letter is OCR's commonest mistake ("Texaa").
   */
  oneEditFrom: z.number().int().default(5),
  /**
   * Share of a misread month's letters that may be edited: the twelve names lie at least two edits
   * apart ("June", "July"), three among the long ones, so two of seven ("Qetober") is that month,
   * and a reading as near two months is neither.
   */
  monthEditShare: z.number().default(0.3),
  /**
   * Share of a short word's length that may be edited when it is checked against one or two
   * expected words only (the county's name at the start of a facility, "Convicted" or
   * "Charged"): with so few candidates a third of the letters cannot reach the wrong one.
   */
  fewCandidatesEditShare: z.number().default(0.34),
  /**
   * Share of a field office's letters that may be edited where a lone closing parenthesis ends a
   * Section III place, so the words before it are an AOR: ICE's two dozen offices lie at least two
   * edits apart ("Boston", "Houston"), so two of seven ("Butialo") is that office, and a reading
   * as near two is neither.
   */
  aorEditShare: z.number().default(0.3),
  /** A name must be printed at least this many times elsewhere in the report to be a reference. */
  minReferenceCount: z.number().int().default(2),
  /**
   * Share of a word's length that may be edited when a name is checked word by word against the
   * facility and place vocabulary: one letter in words of 5-9 letters, two from 10 ("Enforcemerit").
   */
  maxWordEditShare: z.number().default(0.2),
  /**
   * Share of a list item's length that may be edited to meet an item the column prints at least
   * minReferenceCount times elsewhere: reports repeat a small set of criteria word for word, and
   * the nearest two of them differ by far more ("Will honor detainers" and "Will not honor
   * detainers": 17 %), while specks and misread letters change a few characters.
   */
  maxItemEditShare: z.number().default(0.06),
  /** Confidence given to a corrected cell, so corrections stay visible in the review queue. */
  correctedConfidence: z.number().default(0.7),
  /**
   * A Section II year that does not read is the one year the table's dates print within this many
   * edits of it ("26017" and "2817" are one from 2017, two from 2016).
   */
  yearMaxEdits: z.number().int().default(2),
  /**
   * Two words of one line of an OCR'd offence further apart than this many times the usual gap
   * between the table's offence words (each in em) have a dash between them that OCR lost: a
   * spaced hyphen ("Marijuana - Possess") is about three spaces wide, and at 150 DPI Tesseract
   * drops it, alike on every row, while reading the words beside it right.
   */
  lostDashGapRatio: z.number().default(2),
  /** ... the usual gap measured on at least this many pairs of neighbouring words, so one wide space in a short table is not taken for it. */
  lostDashMinPairs: z.number().int().default(8),
  /**
   * A word of a policy's name or criteria, this long or longer, that is no English word, is not
   * printed elsewhere in the table, and is one letter from exactly one English word, is that word
   * ("Palicy"). Shorter words have too many neighbours one letter away to choose from.
   */
  respellMinLetters: z.number().int().default(5),
  /**
   * A bullet read as letters is under this share of its cell's words' median height (see
   * withBullets): a round bullet stands about half as tall, capitals nine tenths ("LJ" at 0.56,
   * fresh seed 848391230, 300 DPI, was read as the item's first word, silently).
   */
  bulletMaxHeightShare: z.number().default(0.65),
  /**
   * ... and a capitalised word this long or longer too: a policy's name capitalises every word
   * ("Commiseioners"), and names this long a letter from an English word are rare; a shorter one
   * may be a name the word list lacks ("Chicago" is a letter from "Chicano") and goes to review.
   */
  respellCapitalisedMinLetters: z.number().int().default(9),
  /**
   * A column's list items start with a capital when at least minReferenceCount of them do and at
   * least this share of those whose first letter's case can be told: one speck OCR read as a
   * bullet before a wrapped line ("* judge", fresh seed 2050416715, 200 DPI) makes an item that
   * starts small among items that all start with a capital.
   */
  capitalItemsMinShare: z.number().default(0.9),
});
export type OcrCleanupSettings = z.infer<typeof OcrCleanupSettingsSchema>;
const DEFAULTS = OcrCleanupSettingsSchema.parse({});

export interface Correction {
  field: string;
  raw: string;
  corrected: string;
  reason: string;
  confidence: number;
}

/** Characters OCR confuses with digits in a numeric context. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', i: '1', '|': '1', '!': '1', L: '1', S: '5', s: '5', B: '8', Z: '2', z: '2', g: '9', q: '9', G: '6', b: '6', T: '7' };
/**
 * Glyphs OCR reads for a "•" at the start of a criteria line (no line of prose starts with ". ",
 * and a quotation mark with a space after it opens nothing: "“ Will", fresh seed 2050416715), or
 * glued to the item's capitalised first word ("«Will").
 */
const BULLET_LOOKALIKES = /^(?:(?:[«»=*•·°©®¢+~<>.,“‘"]{1,2}|e|o|-)\s+(?=\S)|[«»*•·¢+~](?=\p{Lu}\p{Ll}))/u;
/** Words that start English compounds with a hyphen ("non-violent", "re-entry", "self-reported"). */
const COMPOUND_PREFIXES = new Set(['non', 're', 'co', 'pre', 'post', 'anti', 'self', 'ex', 'multi', 'inter', 'sub', 'semi', 'well', 'long', 'short', 'full', 'part', 'high', 'low', 'one', 'two', 'three', 'first', 'second']);
/** A token with no letter or digit: a speck, a ruling read as "|" (dashes and ampersands are words). */
const NOISE_TOKEN = /^[^\p{L}\p{N}]+$/u;
/** Dashes of any length, and a hyphen read long beside one ("—-"), are words too. */
const KEPT_SYMBOLS = /^(?:[-–—]+|[&/])$/;
/** A run of dashes with a long one in it: a hyphen OCR read long (a monospaced font's hyphen is wide). */
const LONG_DASH_RUN = /[-–—]*[–—][-–—]*/gu;

/**
 * Specks and ruling fragments OCR attaches to a word's edges ("|Multnomah", "County,", "Détention.",
 * "Correctional®": a symbol or currency sign, which no name prints; fresh seed 155819082, silent).
 */
const EDGE_JUNK = /^[|.,:;'"`‘’“”*~_^°«»\p{So}\p{Sc}]+|[|.,:;'"`‘’“”*~_^°«»\p{So}\p{Sc}]+$/gu;
/** Two words run together through a speck read as punctuation ("Manhattan.Detention", "County-Jail"). */
const RUN_TOGETHER = /^(\p{L}+)[-.,:;|_~]+(\p{L}+)$/u;
const stripAccents = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');

/** The words a name prints in small letters (in a name printed in title case). */
const NAME_FUNCTION_WORDS = new Set(['of', 'at', 'in', 'on', 'by', 'to', 'de', 'la', 'el', 'le', 'du', 'da', 'and', 'the', 'for', 'del', 'las', 'los', 'von', 'van']);

/** The words facility names are made of, from data/facility-words.csv. */
function facilityWords(): string[] {
  return readDataCsv('facility-words.csv', ['word']).map((r) => r.word!);
}

/**
 * A name corrected word by word against `vocabulary` (institutional words, the place names of the
 * row's state, words the report prints elsewhere): junk at a word's edges, two words run together
 * by a speck, an accent a speck put over a letter, a misread letter or two. Words near no
 * vocabulary word, which are most proper names ("Maleng", "Rikers"), are left as read; so is
 * every word under five letters, where one edit reaches too many other words.
 */
export function fixNameWords(text: string, vocabulary: Iterable<string>, settings: OcrCleanupSettings = DEFAULTS): string {
  const words = [...vocabulary];
  const spellings = new Set(words.map((word) => word.toLowerCase()));
  // Case is the printer's choice; accents are not ("Doña" is a word, "Détention" a speck).
  const knownExactly = (word: string) => spellings.has(word.toLowerCase());
  const fixWord = (token: string): string[] => {
    if (knownExactly(token)) return [token];
    const trimmed = token.replace(EDGE_JUNK, '');
    if (trimmed === '') return [];
    if (knownExactly(trimmed)) return [trimmed];
    // A hyphen may belong to a name ("Curran-Fromhold"): split there only between two known words.
    const parts = RUN_TOGETHER.exec(trimmed);
    if (parts && (knownExactly(parts[1]!) && knownExactly(parts[2]!) || (!parts[0].includes('-') && (knownExactly(parts[1]!) || knownExactly(parts[2]!))))) return [parts[1]!, parts[2]!];
    const plain = stripAccents(trimmed);
    if (plain !== trimmed && knownExactly(plain)) return [plain];
    if (!/^\p{L}[\p{L}']{4,}$/u.test(trimmed)) return [trimmed];
    // OCR's classic confusions first: "ri" for "n" is two edits, more than a word may take.
    const word = nearestName(trimmed, words, settings, settings.maxWordEditShare);
    if (word === null) return [trimmed];
    return [trimmed === trimmed.toUpperCase() ? word.toUpperCase() : word];
  };
  return text.split(' ').flatMap(fixWord).join(' ');
}

/** Digits and strokes OCR reads for capitals, in a field that holds capitals only (a state code). */
const CAPITAL_LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I', '|': 'I', '!': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G' };
/** Slashes OCR reads as a digit or a bar ("2/7/2017" → "21712017"). */
const SLASH_LOOKALIKES = new Set(['1', '/', '7']);

/**
 * The readings of `digits` as M/D/YYYY where each of the two slashes was read as a look-alike
 * digit or lost: "21712017" → 2/7/2017; "42572017" → 4/25/2017 (its first slash lost, the second
 * read as a 7); "4292017" → 4/29/2017 (both lost). Readings with the first slash lost count only
 * when none has it read as a look-alike (which leaves a trace where a lost one leaves none).
 */
function slashReadings(digits: string, slashesMayBeLost: boolean): string[] {
  const byFirstSlash: Set<string>[] = [new Set(), new Set()];
  const year = digits.slice(-4);
  const beforeYear = digits.slice(0, -4);
  // The slash before the year read as a look-alike, or lost.
  const heads = [...(slashesMayBeLost ? [beforeYear] : []), ...(SLASH_LOOKALIKES.has(beforeYear.at(-1) ?? '') ? [beforeYear.slice(0, -1)] : [])];
  for (const head of heads) {
    for (const monthDigits of [1, 2]) {
      for (const slashLost of [0, 1]) {
        if (!slashLost && !SLASH_LOOKALIKES.has(head[monthDigits] ?? '')) continue;
        const day = head.slice(monthDigits + 1 - slashLost);
        if (day.length < 1 || day.length > 2) continue;
        const candidate = `${head.slice(0, monthDigits)}/${day}/${year}`;
        if (parseUsDate(candidate).ok) byFirstSlash[slashLost]!.add(candidate);
      }
    }
  }
  const readings = slashesMayBeLost ? byFirstSlash.find((found) => found.size > 0) : byFirstSlash[0];
  return [...(readings ?? [])];
}

/** "2/1l/2017" → "2/11/2017", "2/112017" → "2/11/2017", "21712017" → "2/7/2017"; null when no single repair makes a date. */
export function repairDate(text: string): string | null {
  // Dates begin and end with digits: anything outside them is specks ("12/12/2012-"), and any
  // other mark but a letter between them a slash misread ("10:20/2017", "10/17°2017"): a letter
  // there is a speck as likely ("10/10/20 c 8)").
  const compact = [...text.replace(/\s+/g, '')].map((ch) => DIGIT_LOOKALIKES[ch] ?? ch).join('')
    .replace(/^[^\d]+|[^\d]+$/g, '').replace(/[^\p{L}\d/]/gu, '/').replace(/\/+/g, '/');
  const candidates = [compact, compact.replace(/^(\d{1,2})\/(\d{1,2})(\d{4})$/, '$1/$2/$3'), compact.replace(/^(\d{1,2})(\d{1,2})\/(\d{4})$/, '$1/$2/$3')];
  const repaired = candidates.find((c) => c !== text && parseUsDate(c).ok);
  if (repaired) return repaired;
  // Separators lost or read as digits: accept only an unambiguous reading. A slash read as one
  // is a separator read, so no reading may lose one then ("3/2017" is no date, not 3/1/2017).
  if (!/^[\d/]{6,10}$/.test(compact)) return null;
  const readings = slashReadings(compact.replace(/\//g, '1'), !compact.includes('/'));
  return readings.length === 1 ? readings[0]! : null;
}

/**
 * Drops noise from a cell read by OCR: symbol-only tokens (but not the dash of "Assault - Domestic"),
 * punctuation stuck to the first or last word, an opening quote before any word in a text with no
 * closing one (a speck read as "‘": "Fremont ‘County"), and border glyphs at any word's ends. Used on fields whose values never carry them.
 */
export function stripNoise(text: string): string {
  // An opening quote is a speck unless a closing one follows it (a quoted name, “TRUST Act”).
  const quoted = /[’”]/.test(text);
  const tokens = collapseWhitespace(text).split(' ').filter((t) => t && !(NOISE_TOKEN.test(t) && !KEPT_SYMBOLS.test(t)))
    .map((t) => (quoted ? t : t.replace(/^[‘“`]+(?=\p{L})/u, '')));
  while (tokens.length && NOISE_TOKEN.test(tokens[0]!)) tokens.shift();
  while (tokens.length && NOISE_TOKEN.test(tokens.at(-1)!)) tokens.pop();
  if (tokens.length) {
    tokens[0] = tokens[0]!.replace(/^[.,;:'"`‘’“”]+/, '');
    tokens[tokens.length - 1] = tokens.at(-1)!.replace(/[.,;:'"`‘’“”]+$/, '');
  }
  return withoutBorderGlyphsInWords(tokens.filter(Boolean).join(' '));
}

/**
 * A word without brackets and bars at its ends: a cell border read as a glyph where the border was
 * not found in the pixels ("[Mexico", "December [2016"). Report values never begin or end with them.
 */
export function withoutBorderGlyphs(token: string): string {
  return token.replace(/^[[\]|]+|[[\]|]+$/g, '');
}

/** Text whose every word has lost the border glyphs at its ends (withoutBorderGlyphs). */
function withoutBorderGlyphsInWords(text: string): string {
  return text.split(' ').map(withoutBorderGlyphs).filter(Boolean).join(' ');
}

/**
 * Text with OCR's classic confusions folded together (I/l/1, rn/m, ri/n, ti/u, vv/w, ñ read as
 * "fi" or "fl"), so "lowa" meets "Iowa", "Urider" meets "Under", "Cotinty" meets "County" (fresh
 * seed 3120427749, 200 DPI, silent) and "Dofia Ana" meets "Doña Ana" even where an edit is too
 * much for a short name.
 */
export function confusableKey(text: string): string {
  return foldCase(text).replace(/fi|fl|ri/g, 'n').replace(/ti/g, 'u').replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[il1|!]/g, 'i').replace(/0/g, 'o');
}

/** The vocabulary entry nearest to `text`: equal up to OCR confusions, else within the edit limits. */
function nearestName(text: string, vocabulary: Iterable<string>, settings: OcrCleanupSettings, editShare = settings.maxEditShare): string | null {
  const byKey = new Map<string, string>();
  const byConfusable = new Map<string, Set<string>>();
  for (const name of vocabulary) {
    if (!byKey.has(foldCase(name))) byKey.set(foldCase(name), name);
    // An ñ's tilde read as the dot of an i makes two or three strokes of it ("Doiia Ana", fresh
    // seed 428834241; "Doiila Ana", 506788240).
    for (const variant of /ñ/iu.test(name) ? [name, name.replace(/ñ/giu, 'ii'), name.replace(/ñ/giu, 'iii')] : [name]) {
      byConfusable.set(confusableKey(variant), (byConfusable.get(confusableKey(variant)) ?? new Set()).add(foldCase(name)));
    }
  }
  const confusable = byConfusable.get(confusableKey(text));
  const key = confusable?.size === 1 ? [...confusable][0]! : nearest(foldCase(text), byKey.keys(), settings.maxEdits, editShare, settings.oneEditFrom);
  return key === null ? null : byKey.get(key)!;
}

/**
 * What a report prints in one table, gathered on first use and kept for the table's rows array:
 * cleanup asks the same questions of every row, and answering them anew each time made a
 * report's cleanup quadratic in its rows.
 */
interface ProseCounts {
  items: Map<string, number>;
  /** Each word in lower case, without its punctuation. */
  words: Map<string, number>;
  /** Each word as printed inside a sentence (not first in an item nor after a full stop), case kept. */
  printed: Map<string, number>;
  /** Items that start with a capital, and those that start with a small letter whose case OCR can tell (not SAME_SHAPE_SMALL). */
  itemStarts: { capital: number; small: number };
}
interface TableVocabulary {
  /** Names printed in a field at least minReferenceCount times, by field and count. */
  seen: Map<string, string[]>;
  /** How often each list item and each word (lower case, without its punctuation) is printed in a prose field, by field. */
  prose?: Map<string, ProseCounts>;
  /** The states printed beside each county (noise stripped), in row order; only those that resolve. */
  statesOfCounty?: Map<string, Set<string>>;
  /** The median gap (em) between neighbouring words on one line of a field's cells, by field. */
  wordGaps?: Map<string, number>;
  /** The years the table's dates print, where they read as dates. */
  years?: string[];
}
const vocabularies = new WeakMap<readonly ExtractedRow[], TableVocabulary>();
const vocabularyOf = (rows: readonly ExtractedRow[]): TableVocabulary => {
  let vocabulary = vocabularies.get(rows);
  if (!vocabulary) {
    vocabulary = { seen: new Map() };
    vocabularies.set(rows, vocabulary);
  }
  return vocabulary;
};

const SECTION_II_DATES = ['detainer_issued', 'detainer_declined'];

/** The years Section II's dates print on rows where they read as dates. */
function printedYears(rows: readonly ExtractedRow[]): string[] {
  const vocabulary = vocabularyOf(rows);
  vocabulary.years ??= [...new Set(rows.flatMap((row) => SECTION_II_DATES.flatMap((field) => {
    const date = parseUsDate(stripNoise(row.cells[field]?.text ?? ''));
    return date.ok ? [date.value.slice(0, 4)] : [];
  })))];
  return vocabulary.years;
}

/**
 * A date whose month and day read but whose year did not ("2/10/2601 7", "2/15/2817": a noisy
 * scan's 0 read as 6 or 8, a speck splitting the year): the one year the table's dates print
 * nearest to it, within yearMaxEdits. Null when none or two are that near.
 */
function dateWithPrintedYear(text: string, rows: readonly ExtractedRow[], settings: OcrCleanupSettings): string | null {
  const read = /^(\d{1,2}) ?\/ ?(\d{1,2}) ?\/ ?(\d[\d ]{2,6})$/.exec(text);
  if (!read) return null;
  const year = nearest(read[3]!.replace(/ /g, ''), printedYears(rows), settings.yearMaxEdits, 1);
  const date = year && `${read[1]}/${read[2]}/${year}`;
  return date && parseUsDate(date).ok ? date : null;
}

function seenNames(rows: readonly ExtractedRow[], field: string, settings: OcrCleanupSettings): string[] {
  const { seen } = vocabularyOf(rows);
  const key = `${field}\u0000${settings.minReferenceCount}`;
  const known = seen.get(key);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const row of rows) {
    const text = stripNoise(row.cells[field]?.text ?? '');
    if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const names = [...counts].filter(([, n]) => n >= settings.minReferenceCount).map(([name]) => name);
  seen.set(key, names);
  return names;
}

/** Names a field prints at least once: a reading another row shows even once settles a lost or added dash. */
const printedOnce = (rows: readonly ExtractedRow[], field: string, settings: OcrCleanupSettings) => seenNames(rows, field, { ...settings, minReferenceCount: 1 });

/** A text with its dashes (and the spaces around them) as single spaces, to compare names that differ only there. */
const withoutDashes = (text: string) => text.replace(/\s*-\s*/g, ' ');
const dashCount = (text: string) => text.split('-').length - 1;

/** ICE's field offices, the AORs of Section III, from data/field-offices.csv. */
function fieldOffices(): string[] {
  return readDataCsv('field-offices.csv', ['office']).map((r) => r.office!);
}

/** The "(AOR)" that ends a Section III jurisdiction, its closing parenthesis perhaps lost. */
const AOR_AT_END = /\(([^()]+)\)?\s*$/;

/**
 * An "(AOR)" at the end whose parentheses OCR read, one or both, as braces ("{San Antonio)");
 * brackets are border glyphs, dropped with the noise before this.
 */
const AOR_IN_BRACES = /(?:\{([^(){}]+)[)}]|\(([^(){}]+)\})\s*$/;

/** The AORs the report prints at least minReferenceCount times, gathered once per table (see seenNames). */
function seenAors(rows: readonly ExtractedRow[], settings: OcrCleanupSettings): string[] {
  const vocabulary = vocabularyOf(rows);
  const key = `aor\u0000${settings.minReferenceCount}`;
  const known = vocabulary.seen.get(key);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const row of rows) {
    const printed = AOR_AT_END.exec(collapseWhitespace(row.cells.jurisdiction?.text ?? ''))?.[1]?.trim();
    // A place's name holds no digit: "E1 Paso", read so on every row of a monospace scan, is a misread, not a name (fresh seed 428834272).
    if (printed && !/\d/.test(printed)) counts.set(printed, (counts.get(printed) ?? 0) + 1);
  }
  const names = [...counts].filter(([, n]) => n >= settings.minReferenceCount).map(([name]) => name);
  vocabulary.seen.set(key, names);
  return names;
}

/**
 * The marks after a prose word, without those a speck made: a full stop or a hyphen before a word
 * in lower case ("serious or. violent", "individuals- with"; not "e.g." or "U.S.", whose letters
 * hold points, nor an abbreviation, "etc."), and a closing quote that closes nothing ("Will not"
 * honor", "a judicial warrant’"; not the plural possessive "officers’").
 */
function specklessTrail(core: string, trail: string, tokens: readonly string[], i: number): string {
  const next = tokens[i + 1];
  if (/^[.-]$/u.test(trail) && next !== undefined && /^\p{Ll}/u.test(next) && /^\p{L}{2,}$/u.test(core) && !ABBREVIATIONS.has(core.toLowerCase())) return '';
  const opened = tokens.slice(0, i + 1).some((t, k) => /^[^\p{L}\p{N}]*[‘“"]/u.test(t) && (k < i || /^[‘“"]/u.test(t)));
  if (/^[’”"]$/u.test(trail) && !opened && !(trail === '’' && /s$/u.test(core)) && core !== '') return '';
  return trail;
}

/** English abbreviations a word in lower case may follow, their full stop kept. */
const ABBREVIATIONS = new Set(['etc', 'vs', 'approx', 'incl', 'esp']);

/** Marks a speck is read as, standing alone after a list item's last word, where prose prints none. */
const SPECK_MARKS = /^[|.,:;'"`*~_^°‘’\-–—]+$/u;

/**
 * Small letters whose capital has the same shape, only larger: OCR reads one for the other, most
 * often at the start of a line, where no neighbour sets the height ("will" for "Will", monospace).
 */
const SAME_SHAPE_SMALL = /^[cosvwxz]$/u;

/** Whether a text's first letter is small and not the same shape as its capital ("judge", not "will"). */
function startsSmall(text: string): boolean {
  const letter = /\p{L}/u.exec(text)?.[0];
  return letter !== undefined && letter !== letter.toUpperCase() && !SAME_SHAPE_SMALL.test(letter);
}

/** A prose word as lead punctuation, its letters and digits, and trailing punctuation. */
const PROSE_WORD = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u;

/** Whether the token at i of an item's (or a cell's) tokens is inside a sentence: not its first word, nor one after a full stop or a bullet. */
const midSentence = (tokens: readonly string[], i: number) => i > 0 && !/(?:[.!?:]|•)$/u.test(tokens[i - 1]!);

/** How often the column prints each list item (between "•"s) and each word of its prose. */
function proseCounts(rows: readonly ExtractedRow[], field: string, settings: OcrCleanupSettings): ProseCounts {
  const vocabulary = vocabularyOf(rows);
  vocabulary.prose ??= new Map();
  let counts = vocabulary.prose.get(field);
  if (!counts) {
    counts = { items: new Map(), words: new Map(), printed: new Map(), itemStarts: { capital: 0, small: 0 } };
    const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    for (const row of rows) {
      const text = withBullets(row.cells[field], settings);
      for (const item of listItems(text)) {
        add(counts.items, item);
        const letter = /\p{L}/u.exec(item)?.[0];
        if (letter && letter !== letter.toLowerCase()) counts.itemStarts.capital++;
        else if (startsSmall(item)) counts.itemStarts.small++;
      }
      const tokens = text.split(' ');
      for (const [i, token] of tokens.entries()) {
        const core = PROSE_WORD.exec(token)![2]!;
        if (core) add(counts.words, core.toLowerCase());
        if (core && midSentence(tokens, i)) add(counts.printed, core);
      }
    }
    vocabulary.prose.set(field, counts);
  }
  return counts;
}

/**
 * A list cell's lines as one text, with the glyphs OCR reads for a bullet at a line's start made
 * "•" again; a word wrapped at its hyphen stays one word ("non-" over "violent"), as the cell's text
 * does. Besides the usual glyphs, a line's first word of one or two characters that is no English
 * word and under bulletMaxHeightShare of the cell's words' height is a bullet read as letters ("LJ"
 * for a monospace font's round bullet at 300 DPI, at 0.8).
 */
function withBullets(cell: { lines: readonly string[]; words: readonly Word[] } | undefined, settings: OcrCleanupSettings): string {
  if (!cell) return '';
  const typical = typicalTextHeight(cell.words);
  const firstOnLine = (w: Word) => !cell.words.some((v) => v !== w && v.x1 <= w.x0 && sameOcrLine([v], [w], DEFAULT_EXTRACTION_SETTINGS.lines.ocrSameLineShare));
  // The word list has no one-letter words: "a" starts a wrapped line of prose, and is as low.
  const word = (text: string) => isEnglishWord(text) || /^[aI]$/iu.test(text);
  const bullets = new Set(cell.words.filter((w) => [...w.text].length <= 2 && !word(w.text) && w.y1 - w.y0 < settings.bulletMaxHeightShare * typical && firstOnLine(w)).map((w) => w.text));
  const bulleted = (line: string) => {
    const [first, ...rest] = line.split(' ');
    return bullets.has(first!) && rest.length > 0 ? `• ${rest.join(' ')}` : line.replace(BULLET_LOOKALIKES, '• ');
  };
  return collapseWhitespace(joinCellLines(cell.lines.map(bulleted)));
}

/** A text's letters and digits alone. */
const lettersOf = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '');

/** Whether `inner`'s characters all appear in `outer`, in order. */
function isSubsequence(inner: string, outer: string): boolean {
  let at = 0;
  for (let i = 0; i < outer.length && at < inner.length; i++) if (outer[i] === inner[at]) at++;
  return at === inner.length;
}

/** The items of a list cell, between its "•"s (a cell without bullets is one item). */
const listItems = (text: string) => text.split('•').map((item) => item.trim()).filter(Boolean);

/**
 * Prose (a list of criteria) corrected against what its column prints elsewhere in the report, at
 * least minReferenceCount times. Word by word first: a misread letter ("canvicted"; a letter added
 * or lost may be grammar, "request" beside "requests", and is left alone), two words run together
 * by a lost space, a speck or a lost space before a capital ("thedetainer", "Willing-to",
 * "Government:Code", "ofPersons"), and junk before an item (": Will"); a word the column prints often enough is left
 * alone, and so is the punctuation after a word. Then an item within maxItemEditShare of an item
 * printed elsewhere is that item: a speck read as a comma or a full stop; one that is two items
 * printed elsewhere run together is both, the bullet between them not read. "•" items stay items.
 */
function fixProse(text: string, counts: ProseCounts, settings: OcrCleanupSettings): string {
  const commonItems = [...counts.items].filter(([, n]) => n >= settings.minReferenceCount).map(([item]) => item);
  const common = (word: string) => (counts.words.get(word.toLowerCase()) ?? 0) >= settings.minReferenceCount;
  const commonWords = [...counts.words.keys()].filter(common);
  const fixCore = (core: string): string => {
    if (core === '' || common(core)) return core;
    // Two common words run together, with or without a speck between them; one way to cut only.
    const cuts = [...core].flatMap((_, i) => {
      if (i === 0) return [];
      const left = core.slice(0, i), right = core.slice(i).replace(/^[-.,:;|_~]/u, '');
      return right !== '' && common(left) && common(right) && /^\p{L}+$/u.test(left) && /^\p{L}+$/u.test(right) ? [`${left} ${right}`] : [];
    });
    if (cuts.length === 1) return cuts[0]!;
    // Prose never runs two words together through a colon, a bar or an opening quote: a speck did.
    const specked = /^(\p{L}+)[:;|‘“_~]+(\p{L}+)$/u.exec(core);
    if (specked) return `${specked[1]} ${specked[2]}`;
    // A capital inside a word starts the next one ("ofPersons").
    const camel = /^(\p{Ll}+)(\p{Lu}\p{Ll}+)$/u.exec(core);
    if (camel && common(camel[1]!)) return `${camel[1]} ${camel[2]}`;
    if (!/^\p{L}{5,}$/u.test(core)) return core;
    // Letters misread, not added or lost: "request" beside a common "requests" is a word of its own.
    const sameLength = commonWords.filter((word) => word.length === core.length);
    const near = nearest(core.toLowerCase(), sameLength, settings.maxEdits, settings.maxWordEditShare, settings.oneEditFrom);
    return near === null ? core : inCaseOf(core, near);
  };
  // A capital OCR misread inside a sentence ("by a Judicial warrant", j read as J): the column
  // prints the word inside sentences in lower case often enough, and more often than so.
  const lowerMidSentence = (core: string) => {
    if (!/^\p{Lu}\p{Ll}+$/u.test(core)) return core;
    const lower = core.toLowerCase();
    const inLower = counts.printed.get(lower) ?? 0;
    return inLower >= settings.minReferenceCount && inLower > (counts.printed.get(core) ?? 0) ? lower : core;
  };
  const fixItem = (item: string) => {
    const trimmed = item.trim();
    if (trimmed === '' || commonItems.includes(trimmed)) return trimmed;
    const words = fixWords(trimmed);
    return commonItems.includes(words) ? words : (nearest(words, commonItems, Infinity, settings.maxItemEditShare) ?? withoutAddedMarks(words) ?? lostBullet(words) ?? words);
  };
  // An item that is one printed elsewhere (once is enough) with marks and spaces added, and not a
  // letter changed, had specks read as marks ("individuals *with", "a state - database"): specks
  // add ink, so the reading with fewer marks is the printed one. One such item only.
  const withoutAddedMarks = (item: string) => {
    const letters = lettersOf(item);
    const printed = [...counts.items.keys()].filter((other) => other.length < item.length && lettersOf(other) === letters && isSubsequence(other, item));
    return printed.length === 1 ? printed[0]! : null;
  };
  const { capital, small } = counts.itemStarts;
  const capitalised = capital >= settings.minReferenceCount && capital >= settings.capitalItemsMinShare * (capital + small);
  // Two items the column prints as items elsewhere, run together: the bullet between them was not
  // read. Once each is evidence enough: no item is two others word for word. The second starts as
  // the column's items do: one a speck made of a wrapped line ("judge") splits no other cell.
  const lostBullet = (item: string) => {
    const words = item.split(' ');
    const cuts = words.slice(1).flatMap((_, i) => {
      const left = words.slice(0, i + 1).join(' '), right = words.slice(i + 1).join(' ');
      return counts.items.has(left) && counts.items.has(right) && !(capitalised && startsSmall(right)) ? [`${left} • ${right}`] : [];
    });
    return cuts.length === 1 ? cuts[0]! : null;
  };
  // An item starting with a same-shape small letter in a column whose items start with a capital
  // starts with that capital.
  const itemStart = (core: string) => (capitalised && SAME_SHAPE_SMALL.test(core.charAt(0)) ? core.charAt(0).toUpperCase() + core.slice(1) : core);
  const fixWords = (item: string) => item.split(' ').filter(Boolean).map((token, i, tokens) => {
    const [, lead, core, trail] = PROSE_WORD.exec(token)!;
    // Specks' punctuation before an item's first word (": Will") is not the text's, nor is a
    // speck read as a mark standing alone after its last word ("felony -", "cause ."), nor an
    // opening quote no closing one follows ("a judicial ‘warrant").
    if (i === tokens.length - 1 && i > 0 && core === '' && SPECK_MARKS.test(token)) return '';
    const unclosed = /^[‘“"]$/u.test(lead!) && core !== '' && !tokens.slice(i + 1).some((t) => /[’”"]/u.test(t)) && !/[’”"]$/u.test(trail!);
    const fixed = midSentence(tokens, i) ? lowerMidSentence(fixCore(core!)) : fixCore(core!);
    return `${(i === 0 && /^[|.,:;'"`*~_^°]*$/u.test(lead!)) || unclosed ? '' : lead}${i === 0 ? itemStart(fixed) : fixed}${specklessTrail(core!, trail!, tokens, i)}`;
  }).filter(Boolean).join(' ');
  // In a column whose items start with a capital, an item starting with a small letter of another
  // shape is the wrapped line of the one before it, and the "bullet" before it a speck.
  const [first, ...items] = text.split('•').reduce<string[]>((kept, item, i) => {
    if (i > 1 && capitalised && startsSmall(item.trim())) kept[kept.length - 1] += ` ${item.trim()}`;
    else kept.push(item);
    return kept;
  }, []);
  return [fixItem(first!), ...items.map((item) => `• ${fixItem(item)}`)].filter(Boolean).join(' ');
}

/** The states the report prints beside `county` on its other rows (those that are states). */
function statesPrintedWith(rows: readonly ExtractedRow[], county: string): ReadonlySet<string> {
  const vocabulary = vocabularyOf(rows);
  if (!vocabulary.statesOfCounty) {
    const byCounty = new Map<string, Set<string>>();
    for (const row of rows) {
      const state = stripNoise(row.cells.state?.text ?? '');
      if (!resolveState(state).ok) continue;
      const key = stripNoise(row.cells.county?.text ?? '');
      byCounty.set(key, (byCounty.get(key) ?? new Set()).add(state));
    }
    vocabulary.statesOfCounty = byCounty;
  }
  return vocabulary.statesOfCounty.get(county) ?? new Set();
}

/** A state as printed (name or code) or the nearest state name/code, with the corrected text. */
function fixState(text: string, settings: OcrCleanupSettings): { text: string; code: string } | null {
  const direct = resolveState(text);
  // A name's capital OCR read small ("Chelan County, washington"): the name as the list spells it.
  const listed = direct.ok ? stateByCode(direct.value)?.name : undefined;
  if (direct.ok) return { text: listed && /^\p{Ll}/u.test(text) && foldCase(text) === foldCase(listed) ? listed : text, code: direct.value };
  // Codes are two letters: one edit turns any code into several others, so a code is only read
  // again with digits taken for the capitals they resemble ("1A" is "IA"), and only names are fuzzy.
  // Among the few state names, one letter of a four-letter name ("Towa") reaches Iowa alone.
  const name = text.length > 3 ? nearestName(text, stateVocabulary().filter((s) => s.length > 2), { ...settings, oneEditFrom: Math.min(settings.oneEditFrom, 4) })
    : /^[A-Z0-9|!]{2}$/.test(text) ? text.replace(/[0-9|!]/g, (c) => CAPITAL_LOOKALIKES[c] ?? c)
    : null;
  const fixed = name ? resolveState(name) : null;
  return name && fixed?.ok ? { text: name, code: fixed.value } : null;
}

/** The suffix of a Census county's name, which reports often leave out ("Travis" for "Travis County"). */
const CENSUS_SUFFIX = /\s+(County|Parish|Borough|Census Area|Municipality|city)$/i;

/** A county of `state` as printed, or the nearest Census county (in the printed style, with or without "County"). */
function fixCounty(text: string, state: string, settings: OcrCleanupSettings): string | null {
  const resolved = resolveCounty(text, state);
  // A capital OCR read small ("washington County"), a point it lost ("St Lawrence County"), or an
  // accent it dropped ("Dona Ana", which Tesseract reads at full confidence) takes the Census's
  // spelling, in the printed style: the facility named after the county is corrected from it.
  if (resolved.ok) {
    const census = resolved.value.county;
    const printedStyle = CENSUS_SUFFIX.test(text) ? census : census.replace(CENSUS_SUFFIX, '');
    return wordKey(printedStyle) === wordKey(text) ? printedStyle : text;
  }
  const counties = countiesOf(state);
  const names = counties.flatMap((c) => [c.name, c.name.replace(CENSUS_SUFFIX, '')]);
  // A serif I whose bars read as a T's ("Towa" for Iowa County): only where that reaches a county
  // up to OCR's confusions, as an edit on a four-letter name is too much.
  const serifI = /^T/u.test(text) ? names.filter((name) => confusableKey(name) === confusableKey(text.replace(/^T/u, 'I'))) : [];
  return nearestName(text, names, settings) ?? (new Set(serifI).size === 1 ? serifI[0]! : null);
}

/**
 * The states with a current Census county that reads as `county` up to OCR's confusions: a county
 * misread alike on every row that prints it ("Dofia Ana" for Doña Ana), its state lost too, still
 * names its state when only one has such a county.
 */
function statesWithCountyReadAs(county: string): string[] {
  const key = confusableKey(county.replace(CENSUS_SUFFIX, ''));
  return stateCodes().filter((code) => countiesOf(code).some((c) => confusableKey(c.name.replace(CENSUS_SUFFIX, '')) === key));
}

type Cells = Record<string, string>;

/** Corrections for one OCR'd row of a table, given all rows of that table (the report's own vocabulary). */
export function cleanOcrRow(table: string, rows: readonly ExtractedRow[], row: ExtractedRow, settings: OcrCleanupSettings = DEFAULTS): Correction[] {
  const raw: Cells = Object.fromEntries(Object.entries(row.cells).map(([field, cell]) => [field, collapseWhitespace(cell.text)]));
  const fixed: Cells = Object.fromEntries(Object.entries(raw).map(([field, text]) => [field, field === 'criteria' ? withoutBorderGlyphsInWords(text) : stripNoise(text)]));
  const reasons = new Map<string, string>();
  const set = (field: string, value: string, reason: string) => {
    if (value === fixed[field]) return;
    fixed[field] = value;
    reasons.set(field, reason);
  };
  // The criteria are mended step by step, each step's reason added to those before it.
  const amendCriteria = (value: string | undefined, reason: string) => {
    if (value !== undefined) set('criteria', value, reasons.has('criteria') ? `${reasons.get('criteria')}; ${reason}` : reason);
  };
  for (const field of Object.keys(fixed)) if (fixed[field] !== raw[field]) reasons.set(field, 'specks or a ruling read as text at the cell edge');
  // A reading kept as it is, but sent to review: it is a correction to itself, with the reason.
  const doubt = (field: string, reason: string) => reasons.set(field, reason);

  if (table === TABLE.declined) cleanSectionII(fixed, row, rows, set, (field) => reasons.has(field) && fixed[field] !== stripNoise(raw[field]!), settings, doubt);
  else if (table === TABLE.top) {
    cleanPlaceWithState(fixed, 'county_state', true, set, settings);
    // A count is never signed: a sign before its digits is a speck or a rule's end ("-145", "+62").
    const signed = fixed.issued_detainers === undefined ? null : /^[-+–—=~]+\s*(\d[\d,]*)$/u.exec(fixed.issued_detainers);
    if (signed) set('issued_detainers', signed[1]!, 'a speck read as a sign before the count');
  }
  else if (table === TABLE.policies) {
    // The AOR's parenthesis read as a brace ("Travis County, Texas {San Antonio)"):
    // the jurisdiction then names no state and its AOR is lost. A name never holds either.
    const braced = fixed.jurisdiction === undefined ? null : AOR_IN_BRACES.exec(fixed.jurisdiction);
    if (braced) set('jurisdiction', `${fixed.jurisdiction!.slice(0, braced.index)}(${(braced[1] ?? braced[2])!.trim()})`, 'the AOR\'s parenthesis read as a brace');
    const common = [...new Set([...fieldOffices(), ...seenAors(rows, settings)])];
    // An opening parenthesis lost before the AOR ("Pueblo County, Colorado Denver)"): the words
    // before the closing one that name a field office are the AOR; failing that, those that read
    // as one misread ("Ithaca, New York Butialo)": fresh seed 155819069).
    const lostOpening = /^([^()]*\S)\s*\)$/u.exec(fixed.jurisdiction ?? '');
    if (lostOpening) {
      const words = lostOpening[1]!.split(' ');
      // The longest field office name first ("Salt Lake City" before "City").
      const longest = Math.max(...common.map((name) => name.split(' ').length));
      const counts = Array.from({ length: longest }, (_, k) => longest - k).filter((n) => n < words.length);
      const named = (n: number) => (common.includes(words.slice(-n).join(' ')) ? words.slice(-n).join(' ') : null);
      const misread = (n: number) => nearestName(words.slice(-n).join(' '), common, settings, settings.aorEditShare);
      const found = counts.map((n) => ({ n, name: named(n) })).find((c) => c.name) ?? counts.map((n) => ({ n, name: misread(n) })).find((c) => c.name);
      if (found) set('jurisdiction', `${words.slice(0, -found.n).join(' ')} (${found.name})`, 'the opening parenthesis of the AOR lost');
    }
    cleanPlaceWithState(fixed, 'jurisdiction', false, set, settings);
    // A state's own jurisdiction, "State of Oregon", has no comma before its state's name to split at.
    const stateOf = /^((?:State|Commonwealth) of )([^()]+?)(\s*\(.*)?$/u.exec(fixed.jurisdiction ?? '');
    const stateName = stateOf && !resolveState(stateOf[2]!).ok ? fixState(stateOf[2]!, settings) : null;
    if (stateName) set('jurisdiction', `${stateOf![1]}${stateName.text}${stateOf![3] ?? ''}`, 'the state name misread; nearest state name');
    // The AOR in parentheses is one of a few ICE field offices (data/field-offices.csv), which the
    // report prints over and over: a misread one ("San-Francisco") is corrected to the nearest.
    const aor = fixed.jurisdiction === undefined ? null : AOR_AT_END.exec(fixed.jurisdiction);
    if (aor) {
      const read = aor[1]!.trim();
      const name = common.includes(read) ? null : nearestName(read, common, settings);
      if (name && name !== read) set('jurisdiction', `${fixed.jurisdiction!.slice(0, aor.index)}(${name})`, 'the AOR misread; the field office the report prints elsewhere');
    }
    // A month and year holds nothing but its words: punctuation in it is specks or a border ("August (2016").
    const enacted = fixed.date_enacted;
    const plainDate = enacted === undefined ? undefined : collapseWhitespace(enacted.replace(/[^\p{L}\p{N}\s/]/gu, ' '));
    if (plainDate !== undefined && plainDate !== enacted && parseMonthYear(plainDate).ok) set('date_enacted', plainDate, 'specks or a border read as punctuation in a month and year');
    // ... and its word is a month: one a letter or two off a month's name is that month ("Qetober 2013").
    const monthYear = fixed.date_enacted === undefined ? null : /^(\p{L}+)\.?,? (\d{4})$/u.exec(collapseWhitespace(fixed.date_enacted));
    const month = monthYear && !parseMonthYear(fixed.date_enacted!).ok ? nearestName(monthYear[1]!, MONTH_NAMES, settings, settings.monthEditShare) : null;
    if (month) set('date_enacted', `${month} ${monthYear![2]}`, 'the month misread; the nearest month name');
    const lines = row.cells.criteria?.lines ?? [];
    const bulleted = withBullets(row.cells.criteria, settings);
    if (bulleted !== collapseWhitespace(lines.join(' '))) set('criteria', withoutBorderGlyphsInWords(bulleted), 'bullets read as other glyphs');
    // A speck read as a full stop between two words of prose ("release.date", "has.a"; not "U.S." or "e.g.").
    // (One after a word that a word in lower case follows is fixProse's: specklessTrail.)
    // A stop or comma standing alone after a word is a speck too: the printed one touches its word
    // ("Will not honor detainers . • Willing").
    // So is a colon or semicolon glued to the start of a word in lower case ("honor :detainers"),
    // and a full stop or an asterisk there ("without .a judicial", "individuals *with": no sentence
    // starts in lower case, and a footnote's mark follows its word),
    const spaced = fixed.criteria?.replace(/(\p{Ll}{2})\.(?=\p{Ll}{2}|\p{Ll} )/gu, '$1 ')
      .replace(/(?<=\p{L})(?: [.,·'‘’`]+)+(?= |$)/gu, '')
      .replace(/(?<= )(?:[:;]+(?=\p{Ll}{2})|[.*]+(?=\p{Ll}))/gu, '')
      // ... and a comma ending an item: items end on a word or a full stop ("judicial warrant,").
      .replace(/(?<=\p{L}),+(?=\s*(?:•|$))/gu, '');
    amendCriteria(spaced, 'a speck read as a full stop between words');
    // DHS forms are named "I-" and a number ("I-247N", "I-203"): a 1 or an l before the hyphen is
    // the I misread (fresh seed 1767526159, 300 DPI); no criterion counts a range "1-247N".
    const formNamed = fixed.criteria?.replace(/(?<![\p{L}\p{N}])[1l]-(\d{3}[A-Z]?)(?![\p{L}\p{N}])/gu, 'I-$1');
    amendCriteria(formNamed, 'a form\'s I read as 1');
    // Two words joined by a hyphen that other rows of the column print apart, and never joined,
    // are joined by a speck ("officers-access", fresh seed 848391220, a tesseract sandwich, silent);
    // a compound the column prints nowhere else ("non-violent") is left as read.
    const printedOnOtherRows = (text: string) => rows.some((r) => r !== row && (r.cells.criteria?.text ?? '').includes(text));
    const unhyphenated = fixed.criteria?.replace(/(?<![\p{L}-])(\p{Ll}+)-(\p{Ll}+)(?![\p{L}-])/gu, (joined, left: string, right: string) => (printedOnOtherRows(`${left} ${right}`) && !printedOnOtherRows(joined) ? `${left} ${right}` : joined));
    amendCriteria(unhyphenated, 'a speck read as a hyphen between two words other rows print apart');
    const prose = fixed.criteria === undefined ? undefined : fixProse(fixed.criteria, proseCounts(rows, 'criteria', settings), settings);
    amendCriteria(prose, 'words misread, checked against the column\'s other rows');
    // A policy's name never runs two words together through a symbol: a speck did ("Board of*Supervisors").
    const unspecked = fixed.policy?.replace(/(\p{L})[*:;|_~•]+(?=\p{L})/gu, '$1 ');
    if (unspecked !== undefined && unspecked !== fixed.policy) set('policy', unspecked, 'a speck read as a symbol between two words');
    // A colon or semicolon after a word inside a policy's name is rare, and a speck often ("Board of
    // Supervisors: Resolution", fresh seed 16616922, 200 DPI, silent): a person decides.
    if (fixed.policy && /\p{L}[:;]\s+\S/u.test(fixed.policy) && !reasons.has('policy')) doubt('policy', 'a colon inside the name: the name\'s own, or a speck OCR read as one');
    // A letter misread in a word the table prints once ("Palicy") cannot be checked against its
    // other rows; names it prints elsewhere (the jurisdiction's own) are not English words.
    const printedElsewhere = (word: string) => isPlaceWord(word) || ['jurisdiction', 'policy', 'criteria'].reduce((n, field) => n + (proseCounts(rows, field, settings).words.get(word.toLowerCase()) ?? 0), 0) >= settings.minReferenceCount;
    // The prose of the policy and its criteria is English: a ligature OCR read as one letter
    // ("Afirming") made it no word, alike on every row.
    for (const field of ['policy', 'criteria']) {
      if (fixed[field] === undefined) continue;
      const restored = restoreLigatures(fixed[field]);
      const ligatures = 'a ligature (ffi, ffl, ff) read as one letter; the English word list';
      if (restored !== fixed[field]) set(field, restored, reasons.has(field) ? `${reasons.get(field)}; ${ligatures}` : ligatures);
      // A word in lower case is mended, and a long capitalised one (respellCapitalisedMinLetters);
      // a shorter capitalised one may be a name the word list lacks, so it goes to review as read.
      const misread = misreadLetters(fixed[field], settings.respellMinLetters, printedElsewhere);
      const mendable = (m: { word: string }) => /^\p{Ll}/u.test(m.word) || m.word.length >= settings.respellCapitalisedMinLetters;
      const mended = misread.filter(mendable).reduce((text, m) => text.replace(new RegExp(`(?<!\\p{L})${m.word}(?!\\p{L})`, 'u'), m.english), fixed[field]);
      const letter = 'a letter misread in a word printed once; the one English word a letter away';
      if (mended !== fixed[field]) set(field, mended, reasons.has(field) ? `${reasons.get(field)}; ${letter}` : letter);
      const names = misread.filter((m) => !mendable(m));
      if (names.length > 0 && !reasons.has(field)) doubt(field, names.map((m) => `"${m.word}" is no English word, and a letter from "${m.english}": a misread letter, or a name`).join('; '));
      // Any other word of the criteria in lower case that is no English word nor place name is
      // OCR's ("req ied": letters lost), and which word it was nobody can say. The criteria are
      // English sentences, so a word the table prints on other rows is no exception: a column's
      // shading or a fold loses the same letters on every row that prints the item.
      const strange = field === 'criteria' ? [...new Set(fixed[field].match(/(?<![\p{L}'’.-])\p{Ll}{2,}(?![\p{L}'’.-])/gu) ?? [])].filter((w) => !isEnglishWord(w) && !isPlaceWord(w)) : [];
      if (strange.length > 0 && !reasons.has(field)) doubt(field, `${strange.map((w) => `"${w}"`).join(', ')} ${strange.length > 1 ? 'are' : 'is'} no English word: misread`);
      // One or two capitals standing alone that are no word, and that the column prints on no
      // other row ("LJ Will only honor": a bullet read as letters, fresh seed 848391230, 300 DPI,
      // silent), are a speck, or a term of the text's own: a person decides.
      const capitals = field === 'criteria' ? [...new Set(fixed[field].match(/(?<![\p{L}\p{N}.'’&-])\p{Lu}{1,2}(?![\p{L}\p{N}.'’&-])/gu) ?? [])]
        .filter((w) => !isEnglishWord(w) && !rows.some((r) => r !== row && new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'u').test(r.cells.criteria?.text ?? ''))) : [];
      // Two English words joined by a hyphen that no other row prints, the first no prefix
      // ("officers-access", fresh seed 848391220, a tesseract sandwich, silent; not "non-violent"):
      // the text's own compound, or a speck between two words.
      const joined = field === 'criteria' ? [...new Set(fixed[field].match(/(?<![\p{L}-])\p{Ll}+-\p{Ll}+(?![\p{L}-])/gu) ?? [])]
        .filter((w) => { const [left, right] = w.split('-'); return !COMPOUND_PREFIXES.has(left!) && isEnglishWord(left!) && isEnglishWord(right!) && !isEnglishWord(w) && !printedOnOtherRows(w); }) : [];
      const doubts = [
        ...capitals.map((w) => `"${w}" stands alone and is no word: a speck read as letters`),
        ...joined.map((w) => `"${w}": a hyphen between two words, the text's own or a speck`),
      ];
      if (doubts.length > 0 && !reasons.has(field)) doubt(field, doubts.join('; '));
      // A printer sets quotes in one style: straight and curly ones in one cell are one of them
      // misread, and which OCR cannot say ('"warrantless ... circumstances”').
      if (/"/u.test(fixed[field]) && /[“”]/u.test(fixed[field]) && !reasons.has(field)) doubt(field, 'quotes read both straight and curly: one of them misread');
      // A closing single quote after a word, with no opening one before it in the cell, is an
      // apostrophe or a speck ("such as’ violent", fresh seed 718313753, 150 DPI, silent); prose
      // this formal has few possessives, so a person decides.
      const unopened = /\p{L}[’'](?=\s|$)/u.exec(fixed[field]);
      if (unopened && !/(?:^|\s)[‘'`]\p{L}/u.test(fixed[field].slice(0, unopened.index)) && !reasons.has(field)) doubt(field, 'a closing quote after a word that no quote opens: an apostrophe, or a speck');
    }
  }
  return [...reasons].map(([field, reason]) => ({ field, raw: raw[field] ?? '', corrected: fixed[field]!, reason, confidence: settings.correctedConfidence }));
}

/**
 * Tesseract's English model reads accents poorly: it adds some ("México") and drops others ("Cote
 * d'Ivoire" for "Côte d'Ivoire"). A country name that meets the country list only once accents
 * are set aside takes the list's spelling; where the list spells the name both with and without
 * them, OCR cannot say which the report printed, and the cell goes to review.
 */
function accentedCountry(text: string): { spelling: string } | { doubtful: string[] } | null {
  // A speck read as a hyphen between two words ("El-Salvador"), where the list spells the name
  // only with a space; a name the list prints hyphenated ("Guinea-Bissau") meets itself first.
  const found = countrySpellings(text);
  const spellings = found.length > 0 ? found : countrySpellings(text.replace(/(\p{L})-(?=\p{L})/gu, '$1 '));
  if (spellings.length === 1) return spellings[0] === text ? null : { spelling: spellings[0]! };
  return spellings.length > 1 && spellings.includes(text) ? { doubtful: spellings } : null;
}

/** Neighbouring words on one line of a cell, left to right: each pair with its gap in em. */
function wordPairs(words: readonly Word[]): { left: Word; right: Word; gap: number }[] {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
  return sorted.flatMap((left) => {
    const right = sorted.find((w) => w.x0 >= left.x1 && sameOcrLine([left], [w], DEFAULT_EXTRACTION_SETTINGS.lines.ocrSameLineShare));
    return right && !sorted.some((w) => w !== left && w !== right && w.x0 >= left.x1 && w.x1 <= right.x0 && w.y1 > left.y0 && w.y0 < left.y1)
      ? [{ left, right, gap: (right.x0 - left.x1) / Math.max(left.size, right.size) }] : [];
  });
}

/** The usual gap (em) between neighbouring words of a field's cells across the table; null when too few pairs, or none apart, show it. */
function usualWordGap(rows: readonly ExtractedRow[], field: string, minPairs: number): number | null {
  const vocabulary = vocabularyOf(rows);
  vocabulary.wordGaps ??= new Map();
  if (!vocabulary.wordGaps.has(field)) {
    const gaps = rows.flatMap((row) => wordPairs(row.cells[field]?.words ?? []).map((p) => p.gap));
    vocabulary.wordGaps.set(field, gaps.length >= minPairs ? median(gaps) : NaN);
  }
  const gap = vocabulary.wordGaps.get(field)!;
  return Number.isNaN(gap) || gap <= 0 ? null : gap;
}

/**
 * The offence with a dash put back between two words of a line set far wider apart than the
 * table's offence words usually are (lostDashGapRatio), where OCR read nothing: a lost hyphen.
 */
function withLostDashes(text: string, words: readonly Word[], usualGap: number, settings: OcrCleanupSettings): string {
  let fixed = text;
  for (const { left, right, gap } of wordPairs(words)) {
    if (gap < settings.lostDashGapRatio * usualGap || !/\p{L}/u.test(left.text) || !/\p{L}/u.test(right.text)) continue;
    fixed = fixed.replace(`${left.text} ${right.text}`, `${left.text} - ${right.text}`);
  }
  return fixed;
}

/**
 * Whether a cell's lines were joined at a hyphen ending a line before a capital ("Maleng-" over
 * "Regional"): a name's own hyphen where it wrapped ("Miami-" over "Dade"), or a speck beside
 * the line's last word that OCR read as one, which the join then makes part of the name.
 */
const wrapsAtHyphen = (lines: readonly string[]) => lines.some((line, i) => i + 1 < lines.length && /\p{L}-$/u.test(line) && /^\p{Lu}/u.test(lines[i + 1]!));

/**
 * Whether a wrapped activity cell goes on past a line that ends on a whole description of the
 * offence table without a dash ("Aggravated Assault" over "Family - Strong-Arm"): qualifiers
 * usually follow a dash, and OCR drops a dash that ends a line.
 */
function goesOnPastDescription(lines: readonly string[], vocabulary: readonly string[]): boolean {
  const descriptions = new Set(vocabulary.map(wordKey));
  return lines.slice(0, -1).some((_, i) => {
    const head = joinCellLines(lines.slice(0, i + 1));
    // The dash may end the line or start the next ("Aggravated Assault" over "- Family").
    return !head.endsWith('-') && !/^[-–—]/u.test(lines[i + 1]!) && descriptions.has(wordKey(splitStatus(head).offense));
  });
}

/**
 * A state that has no county like the row's, while other states have that county: the state or
 * the county is misread ("CA" for CO beside "Denver County"; both are states, so nothing else
 * doubts it). The state other rows print with that county, when it is one of those, corrects it.
 */
function doubtStateOfCounty(county: string, state: string, rows: readonly ExtractedRow[], set: (f: string, v: string, r: string) => void, doubt: (f: string, r: string) => void) {
  const elsewhere = statesWithCounty(county).filter((code) => code !== state);
  if (elsewhere.length === 0) return;
  const printed = [...statesPrintedWith(rows, county)].filter((text) => {
    const code = resolveState(text);
    return code.ok && elsewhere.includes(code.value);
  });
  if (printed.length === 1) set('state', printed[0]!, `${state} has no county ${county}; every other row for it prints ${printed[0]}`);
  else doubt('state', `${state} has no county ${county}, but ${elsewhere.length === 1 ? elsewhere[0] : `${elsewhere.length} other states`} ${elsewhere.length === 1 ? 'has' : 'have'}: the state or the county is misread`);
}

/** Closed lists whose values a speck beside them may hide (withoutEdgeSpeck). */
const LISTED_FIELDS: ReadonlyArray<[string, (text: string) => boolean]> = [['state', (t) => resolveState(t).ok], ['citizenship', (t) => resolveCountry(t).ok]];

/**
 * A value of a closed list with a speck beside it read as a letter or two ("Mexico CY", "LJ
 * Mexico", "TX Ll": fresh seed 3280610877, a 200 DPI scan with 1,179 specks): the one list value
 * left when a token of at most two characters at either end is set aside; null when none or both are.
 */
function withoutEdgeSpeck(text: string, listed: (text: string) => boolean): string | null {
  const tokens = text.split(' ');
  if (tokens.length < 2 || listed(text)) return null;
  const kept = [[tokens[0]!, tokens.slice(1)], [tokens.at(-1)!, tokens.slice(0, -1)]] as const;
  const values = kept.filter(([speck, rest]) => speck.length <= 2 && listed(rest.join(' '))).map(([, rest]) => rest.join(' '));
  return values.length === 1 ? values[0]! : null;
}

function cleanSectionII(cells: Cells, row: ExtractedRow, rows: readonly ExtractedRow[], set: (f: string, v: string, r: string) => void, corrected: (f: string) => boolean, settings: OcrCleanupSettings, doubt: (f: string, r: string) => void) {
  const lines = (field: string) => row.cells[field]?.lines.map(collapseWhitespace) ?? [];
  for (const [field, listed] of LISTED_FIELDS) {
    const value = cells[field] ? withoutEdgeSpeck(cells[field], listed) : null;
    if (value) set(field, value, 'a speck beside the value read as a letter or two');
  }
  for (const field of SECTION_II_DATES) {
    const text = cells[field];
    if (text && !parseUsDate(text).ok) {
      const repaired = repairDate(text);
      // Or as the page first read it, before a second look that agreed on its first line alone
      // dropped the year's wrapped last digit ("10/18/7201" over "7": first read "10/18/72017",
      // fresh seed 506788257).
      const firstReading = row.cells[field]?.firstReading;
      const withYear = repaired ? null : dateWithPrintedYear(text, rows, settings) ?? (firstReading ? dateWithPrintedYear(collapseWhitespace(firstReading), rows, settings) : null);
      if (repaired) set(field, repaired, 'letters or a lost slash read into a date');
      else if (withYear) set(field, withYear, 'the year misread; the nearest year the table\'s dates print');
    }
  }
  if (cells.county && !(cells.state && fixState(cells.state, settings))) {
    // A state OCR lost or misread: the report's other rows for the same county all print one
    // state, or the Census knows the county in one state only.
    const what = cells.state ? `"${cells.state}" is not a state` : 'no state read';
    const states = statesPrintedWith(rows, cells.county);
    const exact = statesWithCounty(cells.county);
    const census = exact.length ? exact : statesWithCountyReadAs(cells.county);
    if (states.size === 1) set('state', [...states][0]!, `${what}; every other row for ${cells.county} prints ${[...states][0]}`);
    else if (census.length === 1) set('state', census[0]!, `${what}; the Census has ${cells.county} in ${census[0]} only`);
    else if (cells.state) {
      // A code OCR lost or misread a letter of ("L" for IL, "Cc" for NC beside Richmond County):
      // of the states with the county, the one code a letter from what was read.
      const near = census.filter((code) => editDistance(cells.state!.toUpperCase(), code) <= 1);
      if (near.length === 1) set('state', near[0]!, `${what}; of the states with a county ${cells.county}, only ${near[0]} is a letter from it`);
    }
  }
  const state = cells.state ? fixState(cells.state, settings) : null;
  if (state && state.text !== cells.state) set('state', state.text, 'not a state; nearest state name');
  // A state cell holding a word facility names are made of ("Detention", "County Jail") took it
  // from the facility beside it: the page's column bounds fell inside the names, and the facility
  // read lacks it ("Manhattan Complex", fresh seed 239346112, an OCRmyPDF copy, silent).
  const institutional = new Set(facilityWords().map((w) => w.toLowerCase()));
  const taken = !state && cells.state ? cells.state.split(' ').filter((w) => institutional.has(w.toLowerCase())) : [];
  if (cells.facility && taken.length > 0) doubt('facility', `the state column holds "${taken.join(' ')}", words of a facility's name: the column bounds may have cut this name`);
  if (state && cells.county) {
    const county = fixCounty(cells.county, state.code, settings);
    if (!county) doubtStateOfCounty(cells.county, state.code, rows, set, doubt);
    if (county && county !== cells.county) {
      set('county', county, `not a county of ${state.code}; nearest Census county`);
    }
    // The facility is usually named after its county: a misreading of the county's name at its
    // start ("Dofa Ana County Detention Center") is corrected to the county's name, when that name
    // is a Census county (a misread county, "cnver", must not spread to a facility read right).
    const base = county?.replace(/\s+county$/i, '');
    const words = base?.split(' ').length ?? 0;
    const head = cells.facility?.split(' ').slice(0, words).join(' ') ?? '';
    if (base && cells.facility && head !== base && nearestName(head, [base], { ...settings, maxEditShare: settings.fewCandidatesEditShare }) === base) {
      set('facility', [base, ...cells.facility.split(' ').slice(words)].join(' '), `the county's name misread at the start of the facility`);
    }
  }
  const accents = cells.citizenship ? accentedCountry(cells.citizenship) : null;
  if (accents && 'spelling' in accents) set('citizenship', accents.spelling, 'accents or a hyphen misread; the spelling of the country list');
  const recased = cells.citizenship && !corrected('citizenship') ? recaseWords(cells.citizenship, 'countries') : undefined;
  if (recased && recased !== cells.citizenship) set('citizenship', recased, 'a capital read as lower case: the country list prints the word capitalised');
  if (accents && 'doubtful' in accents) doubt('citizenship', `printed as one of ${accents.doubtful.map((a) => `"${a}"`).join(' or ')}, which differ only in accents OCR does not read reliably`);
  // A city too: a report lists a place's detainers together, and names its city on each row
  // ("Chatlotte" beside three rows of "Charlotte", fresh seed 2009010869, 200 DPI, silent).
  for (const field of ['facility', 'citizenship', 'county', 'city']) {
    const text = cells[field];
    // A correction from a reference list (Census, countries) outranks the report's own spellings,
    // which may repeat the same misreading.
    if (!text || corrected(field)) continue;
    if (field === 'county' && state && resolveCounty(text, state.code).ok) continue;
    const seen = seenNames(rows, field, settings);
    // A country the list does not know is no spelling of the report's, however often it prints
    // ("Mexigo" on two rows of a noisy scan): OCR misread it alike.
    const unknownCountry = field === 'citizenship' && !resolveCountry(text).ok;
    if (seen.includes(text) && !unknownCountry) continue;
    // A country that resolves may still be misspelt as printed ("El-Salvador"): the report's own
    // spelling is the reference; unknown names are checked against the country list too.
    const vocabulary = unknownCountry ? [...seen.filter((name) => name !== text), ...countryVocabulary()] : seen;
    const name = nearestName(text, vocabulary, settings);
    if (name && name !== text) set(field, name, field === 'citizenship' ? 'nearest country name' : 'nearest name printed elsewhere in the report');
  }
  // A facility named by its county's word alone ("County Jail") lost the name before it: OCR
  // dropped a word it could not read ("Alachua", fresh seed 28454375, silent).
  if (cells.facility && COUNTY_WORD_FIRST.test(cells.facility) && !corrected('facility')) doubt('facility', 'the name starts with "County": the word before it may be lost');
  // A facility named as its county alone ("Chester County" for "Chester County Prison") lost the
  // word that says what it is to the row above or below (fresh seed 2009010873, 200 DPI, silent).
  const countyName = cells.county?.replace(CENSUS_SUFFIX, '').toLowerCase();
  if (cells.facility && countyName && cells.facility.replace(CENSUS_SUFFIX, '').toLowerCase() === countyName && !corrected('facility')) {
    doubt('facility', 'the name is the county\'s alone: the word saying what the facility is may be lost');
  }
  const seenFacilities = seenNames(rows, 'facility', settings);
  // A facility other rows print whole, followed by the first words of a name they print
  // ("Washington County Jail Washington"), took them from the next row's: a row bound set a line
  // too low (fresh seed 506119445, 150 DPI, centred cells, silent; OCR cut four rows alike, so
  // the longer name is printed often too). A person decides.
  const startsOfNames = new Set(seenFacilities.flatMap((name) => name.split(' ').map((_, k, words) => words.slice(0, k + 1).join(' '))));
  const longer = cells.facility && !corrected('facility')
    ? seenFacilities.find((name) => cells.facility!.startsWith(`${name} `) && startsOfNames.has(cells.facility!.slice(name.length + 1))) : undefined;
  if (longer) doubt('facility', `"${longer}", printed on other rows, then the start of a name: the next row's words, perhaps`);
  if (cells.facility && !corrected('facility') && !seenFacilities.includes(cells.facility) && wrapsAtHyphen(lines('facility'))) {
    // Another row printing the same words with a space there settles it; else a person must.
    const other = printedOnce(rows, 'facility', settings).find((name) => dashCount(name) < dashCount(cells.facility!) && withoutDashes(name) === withoutDashes(cells.facility!));
    if (other) set('facility', other, 'a hyphen ending a wrapped line where another row prints a space: a speck OCR read as a hyphen');
    else doubt('facility', `a hyphen ends a wrapped line: the name's own, or a speck OCR read as one`);
  }
  // A hyphen after a word and before a space inside a line is a speck glued to the word: a name's
  // own hyphen joins its words ("Miami-Dade"), and one that ends a wrapped line is judged above
  // ("Snohomish County- Jail", fresh seed 99297580, a tesseract sandwich, silent). So is one after
  // a space and before a word ("Ramsey -County", fresh seed 848391212, an OCRmyPDF copy, silent).
  const unspecked = cells.facility?.replace(/(\p{L})-\s+(?=\p{L})/gu, '$1 ').replace(/(?<=\p{L})\s+-(?=\p{L})/gu, ' ');
  if (unspecked && unspecked !== cells.facility && !corrected('facility')) set('facility', unspecked, 'a speck read as a hyphen after a word');
  // Parentheses that do not pair are a misread letter or a speck ("Jail Centra)" for Central,
  // fresh seed 3571926505, an OCRmyPDF copy, silent); a name's own pair ("(Rikers Island)") pairs.
  const parenthesesPair = (text: string) => text.split('(').length === text.split(')').length;
  if (cells.facility && !parenthesesPair(cells.facility) && !corrected('facility')) doubt('facility', 'a parenthesis without its pair: a misread letter, or a speck');
  // A dash alone between two words of a name that no other row prints: a name may have one ("Main
  // Jail - North"), but so does a speck between words ("North Las Vegas - Detention Center", fresh
  // seed 257108946, a tesseract sandwich, silent).
  if (cells.facility && /\s[-–—]\s/u.test(cells.facility) && !corrected('facility') && !seenFacilities.includes(cells.facility)) {
    doubt('facility', 'a dash alone between two words: the name\'s own, or a speck OCR read as one');
  }
  if (cells.facility && !seenFacilities.includes(cells.facility)) {
    const vocabulary = [
      ...facilityWords(),
      ...stateVocabulary(),
      ...(state ? countiesOf(state.code).map((c) => c.name) : []),
      ...seenFacilities,
    ].flatMap((name) => name.split(' '));
    const words = fixNameWords(cells.facility, vocabulary, settings);
    if (words !== cells.facility) set('facility', words, 'words of the name misread; nearest facility or place word');
  }
  // A name's words are capitalised but for its function words: one of two letters or more in
  // small letters is a capital OCR misread ("Rikers island", a one-bit 300 DPI scan, fresh seed
  // 5550022, silent) or lost ("Hays County aw Enforcement Center", fresh seed 506788239, silent).
  // It takes its capital where the name's vocabulary has the word so; else review.
  const SMALL_WORD = /(?<![\p{L}'’.-])\p{Ll}{2,}(?![\p{L}'’.-])/gu;
  const smallWords = cells.facility && !corrected('facility') ? (cells.facility.match(SMALL_WORD) ?? []).filter((w) => !NAME_FUNCTION_WORDS.has(w)) : [];
  if (smallWords.length > 0) {
    const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);
    const known = (w: string) => institutional.has(w) || isPlaceWord(capital(w)) || seenFacilities.some((name) => name.split(/[^\p{L}]+/u).includes(capital(w)));
    if (smallWords.every(known)) set('facility', cells.facility!.replace(SMALL_WORD, (w) => (smallWords.includes(w) ? capital(w) : w)), 'a capital read as a small letter; the word as the names print it');
    else doubt('facility', `"${smallWords.find((w) => !known(w))}" in small letters: a name's words are capitalised, so a capital may be misread`);
  }
  if (cells.facility) {
    // A word under five letters is left as read, one edit reaching too many others; but one that
    // is no English word nor place name, a letter from exactly one facility word, reads as that
    // word misread ("Jajl"), and goes to review as read; so does one the report prints alike on
    // other rows, which OCR may misread the same way each time ("Jalil", fresh seed 2721330649).
    const words = cells.facility;
    const unknown = words.split(' ').filter((w) => /^\p{L}{3,}$/u.test(w) && !institutional.has(w.toLowerCase()) && !isEnglishWord(w) && !isPlaceWord(w));
    const misread = unknown.flatMap((w) => {
      const near = nearest(w.toLowerCase(), institutional, 1, 1);
      return near ? [`"${w}" is no word, and a letter from "${inCaseOf(w, near)}": a misread letter, or a name`] : [];
    });
    // A short lower-case word of a name is a function word ("of", "and"); one that is no word at
    // all is one misread ("House df Correction", fresh seed 992905816, 150 DPI, silent).
    const short = words.split(' ').filter((w) => /^\p{Ll}{1,2}$/u.test(w) && w !== 'a' && !isEnglishWord(w) && !isPlaceWord(w));
    misread.push(...short.map((w) => `"${w}" is no word: a short word of the name misread`));
    // So is a longer word a letter from exactly one English word, unless the report prints it in
    // other names ("Turher" for Turner, printed once: fresh seed 718313782, 200 DPI, silent).
    const named = (w: string) => isPlaceWord(w) || institutional.has(w.toLowerCase()) || rowsPrinting(rows, 'facility', w) >= settings.minReferenceCount;
    misread.push(...misreadLetters(words, settings.respellMinLetters, named).filter((m) => !misread.some((d) => d.startsWith(`"${m.word}"`)))
      .map((m) => `"${m.word}" is no word, and a letter from "${m.english}": a misread letter, or a name`));
    if (misread.length && !corrected('facility')) doubt('facility', misread.join('; '));
  }
  // A city is often named after a state or its county ("Iowa City", read "lowa City" alike on every
  // row, so the report's own spellings keep it): a word that is none of the states' names and codes
  // nor of the row's state's counties, but reads as exactly one of them up to OCR's confusions
  // (l for I, rn for m; a serif I's bars read as a T's, "Towa City"), is that word.
  if (cells.city && state) {
    const places = [...stateVocabulary(), ...countiesOf(state.code).map((c) => c.name)].flatMap((name) => name.split(' '));
    const known = new Set(places.map((w) => w.toLowerCase()));
    const words = cells.city.split(' ').map((word) => {
      if (known.has(word.toLowerCase())) return word;
      const readings = new Set([confusableKey(word), confusableKey(word.replace(/^T/u, 'I'))]);
      const alike = [...new Set(places.filter((w) => readings.has(confusableKey(w))))];
      return alike.length === 1 ? alike[0]! : word;
    }).join(' ');
    if (words !== cells.city) set('city', words, 'a place word misread; the state or county name it reads as');
  }
  // A longer city word one letter from a word of a state's or county's name, and neither that nor
  // an English word, is such a word misread, or a name those lists lack: review ("Plymauth" for
  // Plymouth, fresh seed 159818192, 150 DPI, silent), unless the report prints it on other rows
  // too ("Chicago", a letter from Chisago County, on every Cook County row).
  if (cells.city && !corrected('city')) {
    const misread = cells.city.split(' ').filter((w) => w.length >= settings.respellMinLetters && !isEnglishWord(w) && !isPlaceWord(w) && rowsPrinting(rows, 'city', w) < settings.minReferenceCount
      && [...placeWords()].some((p) => Math.abs(p.length - w.length) <= 1 && editDistance(p, w.toLowerCase()) === 1));
    if (misread.length) doubt('city', misread.map((w) => `"${w}" is a letter from a state's or county's name`).join('; '));
  }
  // A hyphen OCR read long ("Assault — Domestic", "Strong—-Arm"): offence descriptions print hyphens.
  const hyphenated = cells.activity?.replace(LONG_DASH_RUN, '-');
  if (hyphenated && hyphenated !== cells.activity) set('activity', hyphenated, 'a hyphen read as a long dash');
  // An offence never ends on a dash: one standing alone after its last word is a speck ("Larceny
  // -", fresh seed 16616903, 150 DPI, silent). A wrapped line's dash is followed by the next line.
  const offenseRead = cells.activity ? splitStatus(cells.activity).offense : '';
  const endsOnDash = /\s[-–—]+$/u.exec(offenseRead);
  if (endsOnDash) set('activity', cells.activity!.replace(offenseRead, offenseRead.slice(0, endsOnDash.index)), 'a speck read as a dash after the offence');
  const usualGap = usualWordGap(rows, 'activity', settings.lostDashMinPairs);
  const dashedByGap = cells.activity && usualGap !== null ? withLostDashes(cells.activity, row.cells.activity?.words ?? [], usualGap, settings) : cells.activity;
  if (dashedByGap && dashedByGap !== cells.activity) set('activity', dashedByGap, 'a gap as wide as a spaced dash where OCR read nothing: a dash OCR lost');
  if (cells.activity) {
    const { status, offense } = splitStatus(cells.activity);
    // The status is printed before the offence ("Convicted: Burglary") or after it ("Burglary (Convicted)").
    const at = cells.activity.endsWith(offense) ? cells.activity.length - offense.length : 0;
    const withOffense = (name: string) => `${cells.activity!.slice(0, at)}${name}${cells.activity!.slice(at + offense.length)}`;
    // The mapping table's descriptions outrank the report's own spellings, which may repeat a
    // misreading ("Carrying-Concealed Weapon" twice); those serve for offences the table lacks.
    const vocabulary = offenseVocabulary();
    // The other rows' offences with the same hyphens, so their long dashes do not pull this one back.
    const seen = seenNames(rows, 'activity', settings).map((a) => splitStatus(a.replace(LONG_DASH_RUN, '-')).offense);
    // OCR drops a dash far more often than it adds one ("Assault -" ending a wrapped line, a small
    // hyphen at 150 DPI): the same words printed with dashes between them on another row, even
    // once, are the offence, even where other rows lost the dash alike and so made their reading
    // a common one. The correction goes to review, as every one does.
    const offencesPrinted = () => printedOnce(rows, 'activity', settings).map((a) => splitStatus(a.replace(LONG_DASH_RUN, '-')).offense);
    const dashed = offense && !vocabulary.includes(offense) ? offencesPrinted().find((name) => dashCount(name) > dashCount(offense) && withoutDashes(name) === withoutDashes(offense)) : undefined;
    // A spaced dash read as a lone small letter or mark before a capitalised word ("Assault a
    // Domestic"), where another row prints the words with the dash.
    const readAsMark = offense?.replace(/(?<=\p{L}) [a-z=~] (?=\p{Lu})/gu, ' - ');
    const markedDash = readAsMark && readAsMark !== offense && offencesPrinted().includes(readAsMark) ? readAsMark : undefined;
    if (dashed) set('activity', withOffense(dashed), 'a dash OCR lost: the report prints these words with it on other rows');
    else if (markedDash) set('activity', withOffense(markedDash), 'a dash read as a letter: the report prints these words with a dash on other rows');
    else if (offense && !vocabulary.includes(offense)) {
      // Never towards a spelling without a dash this one has: dashes are lost, not added.
      const undashed = seen.filter((name) => withoutDashes(name) !== withoutDashes(offense));
      const name = nearestName(offense, vocabulary, settings) ?? (seen.includes(offense) ? null : nearestName(offense, undashed, settings));
      const recased = recaseWords(offense, 'offences');
      // A letter misread alike on the rows that print it ("Driving Urider Influence", "Liguor"):
      // word by word against the offence table's words, which the report's spellings cannot mend.
      const words = fixNameWords(recased, vocabulary.flatMap((entry) => entry.split(' ')), settings);
      if (name && name !== offense) set('activity', withOffense(name), 'nearest offence description');
      else if (recased !== offense) set('activity', withOffense(words), 'a capital read as lower case: the offence table prints the word, or any word starting a part, capitalised');
      else if (words !== offense) set('activity', withOffense(words), 'a word of the offence misread; nearest word of the offence table');
      else if (!seen.includes(offense) && goesOnPastDescription(lines('activity'), vocabulary)) doubt('activity', 'a wrapped line ends on an offence description without a dash: OCR may have dropped the dash before the qualifier');
    }
    // The same words with a dash on another row that a speck also marks ("Assault - «Domestic"):
    // not a spelling to take, but this row may have lost the dash (fresh seed 257108949, silent).
    const dashedSpeckled = offense && !corrected('activity') && !vocabulary.includes(offense)
      ? offencesPrinted().find((name) => dashCount(name) > dashCount(offense) && wordKey(name) === wordKey(offense)) : undefined;
    if (dashedSpeckled) doubt('activity', `the report prints these words with a dash on another row ("${dashedSpeckled}"): OCR may have lost it here`);
    // An offence that stops where one the report prints on another row, or one the offence table
    // lists, goes on without a dash ("Driving Under Influence" beside "Driving Under Influence
    // Drugs"; "Traffic" where the table lists "Traffic Offense"): the last words of a wrapped cell
    // may be lost. A qualifier after a dash makes a description of its own.
    const goesOn = (name: string) => name.startsWith(`${offense} `) && !/^[-–—]/u.test(name.slice(offense.length + 1));
    const longer = offense && !corrected('activity') ? offencesPrinted().find(goesOn) : undefined;
    const listed = offense && !corrected('activity') && !longer ? vocabulary.find(goesOn) : undefined;
    if (longer) doubt('activity', `the report prints "${longer}" on another row: the end of this offence may be lost`);
    else if (listed) doubt('activity', `the offence table lists "${listed}": the end of this offence may be lost`);
    // A word of the offence that is no English word, nor one of the offence table's or a place's,
    // is misread ("Residehce", fresh seed 257311816, silent): which word it was nobody can say.
    const tableWords = new Set(vocabulary.flatMap((entry) => entry.toLowerCase().split(/[\s-]+/u)));
    const strange = offense && !corrected('activity') && !longer && !listed
      ? offense.split(/[\s-]+/u).filter((w) => /^\p{L}{3,}$/u.test(w) && !tableWords.has(w.toLowerCase()) && !isEnglishWord(w) && !isPlaceWord(w)) : [];
    if (strange.length > 0) doubt('activity', `${strange.map((w) => `"${w}"`).join(', ')} ${strange.length > 1 ? 'are' : 'is'} no English word nor offence word: misread`);
    if (status === null) {
      const statusWord = (text: string) => nearestName(text, ['Convicted', 'Charged'], { ...settings, maxEditShare: settings.fewCandidatesEditShare });
      const misreadPrefix = /^(\S+?)\s*([:\-–—+=;.,]|\s)\s*(.+)$/.exec(cells.activity);
      const word = misreadPrefix ? statusWord(misreadPrefix[1]!) : null;
      if (word && misreadPrefix) set('activity', `${word}${misreadPrefix[2] === '-' ? ' -' : ':'} ${misreadPrefix[3]}`, 'status prefix misread');
      // "Forgery (Convieted) sts": a misread status in brackets at the end, specks after it.
      const misreadSuffix = word ? null : /^(.+?)\s*[([{]\s*(\p{L}+)\s*[)\]}]?[^\p{L}\p{N}]*(?:\s\p{L}{1,3}[^\p{L}\p{N}]*)?$/u.exec(cells.activity);
      const suffix = misreadSuffix ? statusWord(misreadSuffix[2]!) : null;
      if (suffix && misreadSuffix) set('activity', `${misreadSuffix[1]} (${suffix})`, 'status suffix misread');
    }
  }
}

const capitalsByList = new Map<string, Map<string, string>>();

/**
 * A name's words in lower case that a reference list prints only capitalised, capitalised: OCR
 * reads a capital I or S as a small one ("Driving Under influence Liquor", "st. Vincent and the
 * Grenadines"), and does so alike on many rows, so the report's own spellings cannot correct it.
 * `list` names the reference list, whose capitals are gathered once. An offence's word in lower
 * case that starts it or a part of it after a spaced dash ("Fraud - impersonating"), a word the
 * table may lack, is capitalised too: the offence table starts every description, and every part
 * after such a dash, with a capital, as NCIC-style descriptions do.
 */
function recaseWords(text: string, list: 'offences' | 'countries'): string {
  let capitals = capitalsByList.get(list);
  if (!capitals) {
    const names = list === 'offences' ? offenseVocabulary() : countryVocabulary();
    const words = names.flatMap((name) => name.split(/\s+/)).filter((w) => /^\p{L}+\.?$/u.test(w));
    const lower = new Set(words.filter((w) => /^\p{Ll}/u.test(w)));
    capitals = new Map(words.filter((w) => /^\p{Lu}\p{Ll}+\.?$/u.test(w) && !lower.has(w.toLowerCase())).map((w) => [w.toLowerCase(), w]));
    capitalsByList.set(list, capitals);
  }
  const words = text.split(' ');
  const startsPart = (i: number) => list === 'offences' && (i === 0 || /^[-–—]$/u.test(words[i - 1]!));
  return words.map((word, i) => capitals.get(word) ?? (startsPart(i) && /^\p{Ll}+$/u.test(word) ? word.charAt(0).toUpperCase() + word.slice(1) : word)).join(' ');
}

let placeWordSet: ReadonlySet<string> | undefined;
/** The words of every state's and Census county's name, in lower case. */
function placeWords(): ReadonlySet<string> {
  placeWordSet ??= new Set(placeNames().flatMap((name) => name.toLowerCase().match(/\p{L}+/gu) ?? []));
  return placeWordSet;
}
/** Whether a word is part of a state's or a Census county's name ("Fresno", not a misread "Fresco"). */
const isPlaceWord = (word: string) => placeWords().has(word.toLowerCase());

/** How many of the rows print `word` in `field` (in any case). */
const rowsPrinting = (rows: readonly ExtractedRow[], field: string, word: string) =>
  rows.filter((r) => (r.cells[field]?.text ?? '').toLowerCase().split(/\s+/u).includes(word.toLowerCase())).length;

/** The words that end a county's name. */
const COUNTY_WORDS = ['county', 'parish', 'borough'];
const COUNTY_WORD_FIRST = new RegExp(`^(${COUNTY_WORDS.join('|')})\\b`, 'i');
const PLACE_WORD = new RegExp(`^(${[...COUNTY_WORDS, 'city', 'town', 'township', 'village'].join('|')})$`, 'i');

/**
 * Where the place ends and its trailing state begins: at the last comma, or at a comma OCR read
 * as "." ";" ":" or lost ("Johnson County. lowa", "San Luis Obispo County California"), provided
 * what follows is a state. Null when no ending of the text is a state.
 */
function splitTrailingStateOf(place: string, settings: OcrCleanupSettings, countyFirst: boolean): { head: string; stateText: string; state: { text: string; code: string } } | null {
  const comma = place.lastIndexOf(',');
  const candidates: [string, string][] = [];
  if (comma >= 0) candidates.push([place.slice(0, comma), place.slice(comma + 1).trim()]);
  const separator = /^(.*\S)\s*[.;:]\s+(\S.*)$/.exec(place);
  if (separator) candidates.push([separator[1]!, separator[2]!]);
  // A lost comma after a place word ("... County California"), or in Section I's "County, State"
  // before a state whose county the words before it name ("Thurston Washington"), the longest
  // state name first ("Kanawha West Virginia"), or in Section III's places before a state after
  // any word but "of" ("Massachusetts Trial Court Massachusetts"; not "State of California"),
  // unless the whole place is a state ("West Virginia").
  const words = place.split(' ');
  const wholeState = resolveState(place).ok;
  for (let n = 3; n >= 1; n--) {
    if (n >= words.length) continue;
    const [head, tail] = [words.slice(0, -n).join(' '), words.slice(-n).join(' ')];
    const state = resolveState(tail);
    const countyBefore = countyFirst && state.ok && !head.includes(',') && resolveCounty(head, state.value).ok;
    const placeBefore = !countyFirst && state.ok && !wholeState && !/^of$/i.test(words.at(-n - 1)!);
    if (PLACE_WORD.test(words.at(-n - 1)!) || countyBefore || placeBefore) candidates.push([head, tail]);
    // A state name rejected here ("State of West Virginia") holds no shorter one ("Virginia").
    else if (state.ok && !countyFirst) break;
  }
  for (const [head, stateText] of candidates) {
    const state = fixState(stateText, settings);
    if (state && head.trim()) return { head, stateText, state };
  }
  return null;
}

/** A word read from specks after a place's state ("Yolo, California we as", "Washington’ d"): a short lower-case word or marks. */
const SPECK_WORD = /^(\p{Ll}{1,3}|[^\p{L}\p{N}]+)$/u;

/** The place's trailing state, or that of the place without up to two words read from specks after it. */
function splitTrailingStateOfSpecked(place: string, settings: OcrCleanupSettings, countyFirst: boolean) {
  const words = place.split(' ');
  for (let n = 0; n <= 2 && n < words.length; n++) {
    if (n > 0 && !SPECK_WORD.test(words.at(-n)!)) return null;
    const split = splitTrailingStateOf(n ? stripNoise(words.slice(0, -n).join(' ')) : place, settings, countyFirst);
    if (split) return split;
  }
  return null;
}

/** A Section III place part that names a county: it ends in the word for one. */
const COUNTY_PART = new RegExp(`\\s(${COUNTY_WORDS.join('|')})$`, 'i');

/**
 * "St. Lawrence Gounty": a place whose last word OCR misread a letter of ("County", "Parish",
 * "Borough") reads as a city named "St. Lawrence Gounty", confidently and wrongly. The word is
 * taken for the one it is a letter from only when the place then names a Census county of its
 * state (perhaps itself misread: the nearest); the cell goes to review as any correction does.
 */
function countyWithMisreadSuffix(part: string, state: string, settings: OcrCleanupSettings): string | null {
  const words = part.split(' ');
  const last = words.at(-1)!;
  if (words.length < 2) return null;
  // One letter misread, or one of OCR's confusions ("Courity": ri for n).
  const suffix = nearest(foldCase(last), COUNTY_WORDS, 1, 1) ?? COUNTY_WORDS.find((w) => confusableKey(w) === confusableKey(last)) ?? null;
  if (!suffix || suffix === foldCase(last)) return null;
  const mended = `${words.slice(0, -1).join(' ')} ${suffix.charAt(0).toUpperCase()}${suffix.slice(1)}`;
  // The name before it may be misread too ("Sarr Miguel Courity"): the nearest Census county.
  return fixCounty(mended, state, settings);
}

/**
 * "Los Angeles, Cdlifornia" / "lowa City, Johnson County, lowa" / "Ordnge County, California":
 * the trailing state, then the county (Section I's place, or a Section III place that ends in
 * "County").
 */
function cleanPlaceWithState(cells: Cells, field: string, countyFirst: boolean, set: (f: string, v: string, r: string) => void, settings: OcrCleanupSettings) {
  const text = cells[field];
  if (!text) return;
  const aor = /\s*\([^()]*\)?\s*$/.exec(text)?.[0] ?? '';
  // Specks read as punctuation, or a dash, at the start of a word (".New York", "Ithaca,.New
  // York", "-Newark"): a name's own hyphen joins two words ("Miami-Dade").
  const place = text.slice(0, text.length - aor.length).replace(/(^|\s|,)[.;:'"`|\-–—]+(?=\p{L})/gu, '$1').replace(/,(?=\p{L})/gu, ', ');
  const split = splitTrailingStateOfSpecked(place, settings, countyFirst);
  if (!split) return;
  const { stateText, state } = split;
  let head = split.head;
  // The same misread state name elsewhere in the cell ("lowa City, ..., lowa") is the same mistake.
  if (state.text !== stateText) head = head.replaceAll(stateText, state.text);
  // A speck read as a comma before the county word ("Marion, County, Oregon").
  if (!countyFirst) head = head.replace(new RegExp(`,\\s*(${COUNTY_WORDS.join('|')})\\s*$`, 'i'), ' $1');
  const lastComma = head.lastIndexOf(',');
  const countyPart = countyFirst ? head.trim() : head.slice(lastComma + 1).trim();
  const county = countyFirst || COUNTY_PART.test(countyPart) ? fixCounty(countyPart, state.code, settings)
    : countyWithMisreadSuffix(countyPart, state.code, settings);
  if (county) head = countyFirst ? county.replace(/\s+county$/i, '') : `${head.slice(0, lastComma + 1)}${lastComma >= 0 ? ' ' : ''}${county}`;
  const value = `${head.trim()}, ${state.text}${aor}`;
  if (value !== text) set(field, value, 'state or county name misread; nearest Census name');
}
