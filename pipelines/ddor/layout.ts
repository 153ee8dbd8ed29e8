/**
 * How DDOR tables are printed: each section's columns with the header wordings seen across
 * editions (REPORT-FORMAT.md §3), which columns start a row, and the lines that end a table.
 * Titles changed between editions, so sections are known by their numeral, never by title text.
 */
import { TableLayoutSpecSchema, type TableLayoutSpec } from '../../src/table/spec.ts';
import { TABLE } from './contract.ts';

/** Closed-form columns: what a whole cell looks like, for a second look at doubtful OCR cells. */
const DATE_CELL = { pattern: '^\\d{1,2}/\\d{1,2}/\\d{4}$', charset: '0123456789/' };
const COUNT_CELL = { pattern: '^\\d{1,3}(,\\d{3})*$', charset: '0123456789,' };
/** A status column holds one word (normalise/offenses.ts STATUS_WORDS); its form also names the column when OCR lost its header. */
const STATUS_CELL = { pattern: '^(?:[Cc]onvict(?:ed|ion)|[Cc]harged?|CONVICT(?:ED|ION)|CHARGED?)$', charset: 'CONVICTEDHARGconvictedharg' };
/**
 * A month and year, named in title case ("March 2014", "Sept. 2016") or numeric ("3/2014"), the
 * forms the reports print (parseMonthYear reads more: "MARCH 2014", "3 / 2014"): read whole at
 * low confidence it still starts its row ("March 2014" at 0.00 on a noisy scan merged two
 * Section III rows).
 */
const MONTH_YEAR_CELL = { pattern: '^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\p{Ll}*\\.?,? \\d{4}|\\d{1,2}/\\d{4})$', charset: 'ADFJMNOSabceghilmnoprstuvy0123456789., /' };

/**
 * A date's first line: digits then a slash. A date wrapped inside a narrow column ("2/5/20" over
 * "17") leaves a second line of bare digits, which must not start a row; six to eight digits
 * alone are a whole date whose slashes a noisy scan read as digits ("1782017" for 1/8/2017),
 * and up to ten when it read both ("1071572017" for 10/15/2017).
 */
const DATE_START = '^(\\d+\\s*/|\\d{6,10}$)';
/** Words that end a two-word state name and so may be a wrapped state cell's second line. */
const STATE_SECOND_WORDS = 'carolina|dakota|hampshire|jersey|mexico|york|island|virginia|of|columbia';

export const SECTION_I_LAYOUT: TableLayoutSpec = TableLayoutSpecSchema.parse({
  name: TABLE.top,
  columns: [
    // A place's comma with a word after it ("Polk, Oregon") starts a row too: at 150 DPI OCR
    // loses most counts of a tight table, and rows of one line each then ran together (fresh seed
    // 617283970: 4 rows of 10). A place wrapped at its comma starts none, and its row starts at its
    // count as before.
    { field: 'county_state', aliases: ['County, State', 'County/State', 'County State', 'Jurisdiction', 'County, ST'], anchor: true, anchorPattern: '[,;][^\\p{L}]*\\p{L}' },
    { field: 'issued_detainers', aliases: ['Issued Detainers', 'Detainers Issued', 'Number of Detainers Issued', 'Detainers', 'Issued'], anchor: true, recheck: COUNT_CELL },
  ],
});

export const SECTION_II_LAYOUT: TableLayoutSpec = TableLayoutSpecSchema.parse({
  name: TABLE.declined,
  columns: [
    // A state name wrapped onto two lines ("North" / "Carolina") must not start a second row.
    { field: 'state', aliases: ['State'], anchor: true, anchorPattern: `^(?!(${STATE_SECOND_WORDS})\\b)` },
    { field: 'county', aliases: ['County'] },
    { field: 'city', aliases: ['City'], required: false },
    { field: 'facility', aliases: ['Facility', 'Facility Name', 'Detention Facility'] },
    { field: 'citizenship', aliases: ['Citizenship', 'Country of Citizenship', 'Country'] },
    { field: 'detainer_issued', aliases: ['Detainer Issued', 'Detainer Issued Date', 'Issued', 'Date Issued', 'Issued Date'], anchor: true, anchorPattern: DATE_START, recheck: DATE_CELL },
    { field: 'detainer_declined', aliases: ['Detainer Declined', 'Declined', 'Declined Date', 'Date Declined', 'Detainer Declined Date'], anchor: true, anchorPattern: DATE_START, recheck: DATE_CELL },
    { field: 'activity', aliases: ['Notable Criminal Activity', 'Criminal Activity', 'Offense', 'Offence', 'Notable Criminal Activity (Convicted/Charged)'] },
    { field: 'status', aliases: ['Convicted/Charged', 'Convicted / Charged', 'Convicted or Charged', 'Status', 'Conviction Status', 'Charged/Convicted'], required: false, recheck: STATUS_CELL },
  ],
});

export const SECTION_III_LAYOUT: TableLayoutSpec = TableLayoutSpecSchema.parse({
  name: TABLE.policies,
  columns: [
    { field: 'jurisdiction', aliases: ['Jurisdiction (AOR)', 'Jurisdiction', 'Jurisdiction (Area of Responsibility)'] },
    // "February 2017" may wrap onto two lines; only the month starts a row. A word that starts as
    // a month does, with a year after it and nothing more, is a month OCR garbled ("Fiosumsber
    // 2013"): the column holds nothing else.
    { field: 'date_enacted', aliases: ['Date Enacted', 'Enacted', 'Date Policy Enacted'], anchor: true, anchorPattern: '^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\\d{1,2}/|[jfmasond]\\p{L}{2,9}[.,]?\\s+\\d{4}$)', recheck: MONTH_YEAR_CELL },
    { field: 'policy', aliases: ['Policy', 'Policy Name'] },
    { field: 'criteria', aliases: ['Criteria for Honoring Detainer', 'Criteria for Honoring Detainers', 'Criteria for Honoring a Detainer', 'Criteria'] },
  ],
});

export const DDOR_LAYOUTS = [SECTION_I_LAYOUT, SECTION_II_LAYOUT, SECTION_III_LAYOUT] as const;

/**
 * Section headings end whatever table is open ("Section III: Table of Jurisdictions ..."). OCR
 * reads the numeral's I as l, 1 or |, so those count as I; `sectionNumber` reads the numeral.
 * A poor scan may run the numeral into the word and garble it ("SECTIONAL:"): up to three letters
 * before the colon still make a heading, whose number is then unknown. Set apart, a numeral may
 * garble into up to three strokes OCR makes of I's ("Section HI:", "Section mn:", "Section IF -"),
 * not into any word ("Section to -"). The dash after it may be of any width (OCR read "Section IV —-").
 */
export const SECTION_HEADING = /^[\s'‘’"“|]*section(?:\s*([ivl1|]{1,4}|[1-4])|[a-z]{1,3}|\s+[ivxlhmnuf1|!]{1,3})\s*[:.\-–—]/i;

/** The section number of a heading line (1 for "Section I:", 4 for "Section IV -"), or null. */
export function sectionNumber(line: string): number | null {
  const numeral = SECTION_HEADING.exec(line)?.[1]?.toLowerCase().replace(/[l1|]/g, 'i');
  if (!numeral) return null;
  return /^[1-4]$/.test(numeral) ? Number(numeral) : ({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[numeral] ?? null;
}
/**
 * The section titles' own words (all editions, REPORT-FORMAT.md §3) also end a table: on a poor
 * scan the numeral of "Section III:" may read as anything ("Section mn:"), and any one word of the
 * title too, so each title counts by a phrase of it that no row prints ("Section IF - Toitadictions
 * with Recorded Declined Detainers", fresh seed 822832123, 150 DPI: Section I ran on over Section II).
 */
const SECTION_TITLES = [
  /\bhighest volume of detainers\b/i,
  /\bvolume of detainers issued\b/i,
  /\bwith recorded declined detainers\b/i,
  /\btable of jurisdictions that\b/i,
  /\bthat have enacted policies\b/i,
  /\bscope of the report\b/i,
  /\bdata fidelity\b/i,
];
export const DDOR_STOP_PATTERNS = [SECTION_HEADING, ...SECTION_TITLES];

/** Furniture the recurring-line detector may miss on short files. */
export const DDOR_FURNITURE_PATTERNS = [
  /^\s*page\s+\d+(\s+of\s+\d+)?\s*$/i,
  /^\s*(for official use only|law enforcement sensitive|fouo)\b.*$/i,
];
