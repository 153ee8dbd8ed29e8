/**
 * Printed dates → ISO 8601. Section II prints M/D/YYYY (zero-padded or not); Section III prints
 * a month and year ("January 2017", "Jan. 2017"). Every failure says exactly what is wrong with
 * the printed text, because the reason ends up in a finding a reviewer reads.
 */
import { collapseWhitespace, foldCase } from './text.ts';
import { resolved, unresolved, type Resolved } from './resolved.ts';
import { DEFAULT_SETTINGS, type NormaliseSettings } from './settings.ts';

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
] as const;

/** The months as the reports print them ("January"); the one list of month names. */
export const MONTH_NAMES: readonly string[] = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));

/** 1–12 for a month name or its abbreviation ("feb", "Sept"), by its first three letters; 0 when none. */
export const monthNumber = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3).toLowerCase())) + 1;

const pad2 = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1]!;
}

function checkYear(year: number, printed: string, settings: NormaliseSettings): string | null {
  if (year < settings.earliestYear || year > settings.latestYear) {
    return `"${printed}": year ${year} is outside ${settings.earliestYear}–${settings.latestYear}; probably a misread digit`;
  }
  return null;
}

/**
 * "2/1/2017" or "02/01/2017" → "2017-02-01". OCR's spaces around the slashes are tolerated, and
 * one space inside the year: a narrow column wraps a date mid-number ("11/23/201" over "7").
 * Nowhere else, so a stray digit beside a date ("1 2/1/2017") is not taken into it.
 */
export function parseUsDate(text: string, settings: NormaliseSettings = DEFAULT_SETTINGS): Resolved<string> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the date is empty');
  const match = /^(\d{1,2}) ?\/ ?(\d{1,2}) ?\/ ?(\d+)(?: (\d+))?$/.exec(printed);
  if (!match) return unresolved(`"${printed}" is not a date in M/D/YYYY form`);
  const printedYear = `${match[3]}${match[4] ?? ''}`;
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(printedYear)];
  if (printedYear.length !== 4) return unresolved(`"${printed}": the year must have 4 digits`);
  const yearProblem = checkYear(year, printed, settings);
  if (yearProblem) return unresolved(yearProblem);
  if (month < 1 || month > 12) return unresolved(`"${printed}": month ${month} does not exist`);
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    return unresolved(`"${printed}": ${monthName(month)} ${year} has ${lastDay} days, not ${day}`);
  }
  return resolved(`${year}-${pad2(month)}-${pad2(day)}`);
}

function monthFromName(word: string): number | null {
  const key = foldCase(word).replace(/\.$/, '');
  // Three letters is the shortest abbreviation that names one month ("Ma" could be March or May).
  if (key.length < 3) return null;
  const index = MONTHS.findIndex((m) => m.startsWith(key));
  return index === -1 ? null : index + 1;
}

/**
 * "January 2017", "Jan. 2017", "Jan 2017", "January, 2017" or "1/2017" → "2017-01".
 */
export function parseMonthYear(text: string, settings: NormaliseSettings = DEFAULT_SETTINGS): Resolved<string> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the date is empty');
  const named = /^([A-Za-z]+\.?),? (\d{4})$/.exec(printed);
  const numeric = /^(\d{1,2}) ?\/ ?(\d{4})$/.exec(printed);
  let month: number | null = null;
  let year: number;
  if (named) {
    month = monthFromName(named[1]!);
    if (month === null) return unresolved(`"${printed}": "${named[1]}" is not a month`);
    year = Number(named[2]);
  } else if (numeric) {
    month = Number(numeric[1]);
    if (month < 1 || month > 12) return unresolved(`"${printed}": month ${month} does not exist`);
    year = Number(numeric[2]);
  } else {
    return unresolved(`"${printed}" is not a month and year such as "January 2017"`);
  }
  const yearProblem = checkYear(year, printed, settings);
  if (yearProblem) return unresolved(yearProblem);
  return resolved(`${year}-${pad2(month)}`);
}
