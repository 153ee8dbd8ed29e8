/**
 * Section II "notable criminal activity": the conviction/charge status (its own column, or a
 * "Convicted:" / "Charged -" prefix in the cell) and the NCIC-style offence category.
 *
 * Categories come from the reviewed table `data/offense-categories.csv`, matched on a normalised
 * form (case, accents and punctuation ignored): a printed category name or an `exact` row first,
 * then the longest `prefix` row, then `keyword` rows (a guess, so it carries a note). Anything else
 * is "Unclassified", with a note naming the printed text so a reviewer can extend the table.
 */
import { OFFENSE_CATEGORIES } from '../contract.ts';
import { readDataCsv } from './data-files.ts';
import { collapseWhitespace, wordKey } from './text.ts';
import { resolved, unresolved, type Resolved } from './resolved.ts';

export type OffenseCategory = (typeof OFFENSE_CATEGORIES)[number];
export type CriminalStatus = 'convicted' | 'charged';

interface OffenseRule {
  match: 'exact' | 'prefix' | 'keyword';
  key: string;
  category: OffenseCategory;
}

const STATUS_WORDS: Record<string, CriminalStatus> = {
  convicted: 'convicted', conviction: 'convicted', charged: 'charged', charge: 'charged',
};

/** "Convicted: Assault", "Charged - Burglary", "CONVICTED:" (separator required, so an offence is never eaten). */
const STATUS_PREFIX = /^(convicted|conviction|charged|charge)\s*[:\-–—]\s*/i;
/** "Assault (Convicted)", "Burglary [Charged]", "Assault - Convicted", "Burglary, Charged". */
const STATUS_SUFFIX = /\s*(?:[([]\s*(convicted|conviction|charged|charge)\s*[)\]]|\s[:\-–—]\s*(convicted|conviction|charged|charge)|,\s*(convicted|conviction|charged|charge))\s*$/i;

let rulesCache: OffenseRule[] | undefined;

function isCategory(name: string): name is OffenseCategory {
  return (OFFENSE_CATEGORIES as readonly string[]).includes(name);
}

function offenseRules(): OffenseRule[] {
  if (rulesCache) return rulesCache;
  const fromTable = readDataCsv('offense-categories.csv', ['match', 'pattern', 'category']).map((r, i): OffenseRule => {
    const where = `data/offense-categories.csv record ${i + 1} ("${r.pattern}")`;
    if (r.match !== 'exact' && r.match !== 'prefix' && r.match !== 'keyword') throw new Error(`${where}: match must be exact, prefix or keyword, not "${r.match}"`);
    if (!isCategory(r.category!)) throw new Error(`${where}: "${r.category}" is not in OFFENSE_CATEGORIES (contract.ts)`);
    return { match: r.match, key: wordKey(r.pattern!), category: r.category };
  });
  const categoryNames = OFFENSE_CATEGORIES.filter((c) => c !== 'Unclassified')
    .map((category): OffenseRule => ({ match: 'exact', key: wordKey(category), category }));
  // Longest first, so "sex assault" wins over "sex" and "driving under influence" over "driving".
  rulesCache = [...categoryNames, ...fromTable].sort((a, b) => b.key.length - a.key.length);
  return rulesCache;
}

const startsWithWords = (text: string, words: string) => text === words || text.startsWith(`${words} `);

/** Position of a whole-word occurrence of `words` in `text`, or -1. */
function wordPosition(text: string, words: string): number {
  return ` ${text} `.indexOf(` ${words} `);
}

/** "Dangerous Drugs" → Dangerous Drugs; "Driving Under Influence Liquor" → Traffic Offenses. */
export function classifyOffense(text: string): Resolved<OffenseCategory> {
  const printed = collapseWhitespace(text);
  const key = wordKey(printed);
  if (key === '') return unresolved('the offence is empty');
  const rules = offenseRules();
  const exact = rules.find((r) => r.match === 'exact' && r.key === key);
  if (exact) return resolved(exact.category);
  const prefix = rules.find((r) => r.match === 'prefix' && startsWithWords(key, r.key));
  if (prefix) return resolved(prefix.category);
  // The head of an offence description usually comes first ("Assault with a deadly weapon"),
  // so the earliest keyword wins; among keywords at the same place, the longest.
  const keyword = rules
    .filter((r) => r.match === 'keyword' && wordPosition(key, r.key) !== -1)
    .sort((a, b) => wordPosition(key, a.key) - wordPosition(key, b.key))[0];
  if (keyword) return resolved(keyword.category, `"${printed}" classified as ${keyword.category} by the keyword "${keyword.key}"`);
  return resolved('Unclassified', `no rule in data/offense-categories.csv matches "${printed}"`);
}

/**
 * Splits a status prefix or suffix off an activity cell: "Convicted: Assault" and "Assault
 * (Convicted)" → { status: "convicted", offense: "Assault" }; neither → { status: null, offense:
 * the whole cell }.
 */
export function splitStatus(text: string): { status: CriminalStatus | null; offense: string } {
  const printed = collapseWhitespace(text);
  const prefix = STATUS_PREFIX.exec(printed);
  if (prefix) return { status: STATUS_WORDS[prefix[1]!.toLowerCase()]!, offense: printed.slice(prefix[0].length) };
  const suffix = STATUS_SUFFIX.exec(printed);
  if (suffix && suffix.index > 0) return { status: STATUS_WORDS[(suffix[1] ?? suffix[2] ?? suffix[3])!.toLowerCase()]!, offense: printed.slice(0, suffix.index) };
  return { status: null, offense: printed };
}

/** A separate status column's cell: "Convicted" / "CHARGED" / "Conviction"; an empty cell is null. */
export function parseCriminalStatus(text: string): Resolved<CriminalStatus | null> {
  const printed = collapseWhitespace(text);
  if (printed === '') return resolved(null);
  const status = STATUS_WORDS[printed.toLowerCase().replace(/[.:]$/, '')];
  return status ? resolved(status) : unresolved(`"${printed}" is neither Convicted nor Charged`);
}

/** The offence descriptions of the mapping table (exact and prefix rows), as printed there. */
export function offenseVocabulary(): string[] {
  return readDataCsv('offense-categories.csv', ['match', 'pattern', 'category'])
    .filter((r) => r.match !== 'keyword')
    .map((r) => r.pattern!);
}
