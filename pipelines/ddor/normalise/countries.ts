/**
 * Printed country of citizenship → ISO 3166-1 alpha-2, from i18n-iso-countries (English names
 * only, offline) plus the reviewed `data/country-aliases.csv` for the names it lacks (Burma, Laos,
 * renamed and dissolved states). An alias with an empty code is a deliberate non-answer
 * ("Congo", "Yugoslavia") whose comment is the reason.
 */
import { createRequire } from 'node:module';
import type { LocaleData } from 'i18n-iso-countries';
import { readDataCsv } from './data-files.ts';
import { collapseWhitespace, foldCase, wordKey } from './text.ts';
import { resolved, unresolved, type Resolved } from './resolved.ts';

const require = createRequire(import.meta.url);

/** Compares country names: "St." as "Saint", no leading "the", punctuation and accents ignored. */
function countryKey(text: string): string {
  return wordKey(text.replace(/\bSt\.?(?=\s)/gi, 'Saint')).replace(/^the /, '');
}

type Entry = { code: string } | { ambiguous: string[] } | { noCode: string };

let index: Map<string, Entry> | undefined;

function englishNames(): Map<string, string[]> {
  // The browser entry registers nothing; the package's Node entry would load every locale.
  const countries = require('i18n-iso-countries/index.js') as typeof import('i18n-iso-countries');
  countries.registerLocale(require('i18n-iso-countries/langs/en.json') as LocaleData);
  return new Map(Object.entries(countries.getNames('en', { select: 'all' })));
}

function countryIndex(): Map<string, Entry> {
  if (index) return index;
  const codesByKey = new Map<string, Set<string>>();
  for (const [code, names] of englishNames()) {
    for (const name of names) {
      const key = countryKey(name);
      codesByKey.set(key, (codesByKey.get(key) ?? new Set()).add(code));
    }
  }
  index = new Map<string, Entry>();
  for (const [key, codes] of codesByKey) index.set(key, codes.size === 1 ? { code: [...codes][0]! } : { ambiguous: [...codes].sort() });
  for (const r of readDataCsv('country-aliases.csv', ['printed', 'code', 'comment'])) {
    if (r.code !== '' && !/^[A-Z]{2}$/.test(r.code!)) {
      throw new Error(`data/country-aliases.csv: "${r.printed}" has code "${r.code}"; use an ISO 3166-1 alpha-2 code or leave it empty`);
    }
    index.set(countryKey(r.printed!), r.code ? { code: r.code } : { noCode: r.comment! });
  }
  return index;
}

function lookup(name: string): Entry | undefined {
  return countryIndex().get(countryKey(name));
}

/** "Korea, South" → "South Korea", "Bahamas, The" → "The Bahamas": list order back to reading order. */
function readingOrder(printed: string): string | undefined {
  const parts = printed.split(',').map((p) => p.trim());
  return parts.length === 2 && parts[1] ? `${parts[1]} ${parts[0]}` : undefined;
}

/** "Mexico" → "MX", "Burma" → "MM", "Korea, South" → "KR", "Côte d'Ivoire" → "CI". */
export function resolveCountry(text: string): Resolved<string> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the citizenship is empty');
  const reordered = readingOrder(printed);
  const entry = lookup(printed) ?? (reordered === undefined ? undefined : lookup(reordered));
  if (!entry) return unresolved(`no ISO 3166-1 country is named "${printed}"; if it is a real spelling, add it to data/country-aliases.csv`);
  if ('code' in entry) return resolved(entry.code);
  if ('ambiguous' in entry) return unresolved(`"${printed}" names more than one country (${entry.ambiguous.join(', ')})`);
  return unresolved(`"${printed}": ${entry.noCode}`);
}

let vocabulary: string[] | undefined;
let spellingsByFold: Map<string, string[]> | undefined;

/** English country names and the alias file's spellings: what a misread citizenship is checked against. */
export function countryVocabulary(): string[] {
  if (vocabulary) return vocabulary;
  const names = [...englishNames().values()].flat();
  const aliases = readDataCsv('country-aliases.csv', ['printed', 'code', 'comment']).map((r) => r.printed!);
  vocabulary = [...new Set([...names, ...aliases])];
  return vocabulary;
}

/** The vocabulary's spellings of `text` once case and accents are set aside ("Mexico" for "México"). */
export function countrySpellings(text: string): string[] {
  if (!spellingsByFold) {
    spellingsByFold = new Map();
    for (const name of countryVocabulary()) spellingsByFold.set(foldCase(name), [...(spellingsByFold.get(foldCase(name)) ?? []), name]);
  }
  return spellingsByFold.get(foldCase(text)) ?? [];
}
