/**
 * Report metadata read from the prose around the tables: the title, the reporting period, the
 * week's national detainer total and the top-ten total stated in Section I, a correction notice,
 * and Section IV's text. Phrasing varies between editions (REPORT-FORMAT.md §3), so each value is
 * found by meaning (a number next to "detainers" in a sentence about the top ten) not by a template.
 */
import type { PageText } from '../../src/table/extract.ts';
import { median } from '../../src/layout/lines.ts';
import { MONTH_NAMES, monthNumber } from './normalise/dates.ts';
import { nearest } from '../../src/text/fuzzy.ts';
import { collapseWhitespace } from './normalise/text.ts';
import { sectionNumber } from './layout.ts';

export interface ReportMetadata {
  title: string | null;
  period_start: string | null;
  period_end: string | null;
  detainers_issued: number | null;
  top_ten_issued: number | null;
  /** The number of declined detainers, where the report states it in its prose. */
  declined_stated: number | null;
  scope_text: string | null;
  /** ISO date of a correction stated in the report ("Corrected April 5, 2017"), if any. */
  corrected_on: string | null;
  has_correction_notice: boolean;
  /**
   * The line the period was read from when it parsed only with a month name respelled (OCR's
   * "Depember 22, 2017"), for a finding; null when it parsed as printed.
   */
  period_respelled: string | null;
  /** Page each value was read from, for findings. */
  pages: Partial<Record<'title' | 'period' | 'detainers_issued' | 'top_ten_issued' | 'declined_stated' | 'scope_text', number>>;
}

const MONTH = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/**
 * "Jan. 28 – Feb. 3, 2017", "Feb 4 – Feb 10, 2017", "January 28, 2017, through February 3, 2017",
 * "Jan. 28 Feb. 3, 2017"; a comma OCR read as ";" or "." ("July 14; 2017"), a dash as "~~" or "=".
 */
const PERIOD = new RegExp(`${MONTH}\\.?\\s+(\\d{1,2})(?:[,;.]?\\s+(\\d{4}))?[,;.]?\\s*(?:[-–—~=_]+|to|through|and)?\\s*${MONTH}\\.?\\s+(\\d{1,2})[,;.]?\\s+(\\d{4})`, 'i');
const SINGLE_DATE = new RegExp(`${MONTH}\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})`, 'i');

/** "detainers", and what OCR makes of it on a poor scan ("detainets", "detalners"). */
const DETAINERS = 'deta[il1|]n\\w{2,4}';
/**
 * A count as printed ("3,196"), its thousands comma perhaps read by OCR as a point ("3.196"). It
 * starts with a digit: a comma alone is no count ("as records are updated, Declined detainers are
 * reported": fresh seed 286531539, whose stated total read as NaN).
 */
const COUNT = '(?<![\\d,.])(\\d{1,3}(?:[,.]\\d{3})+|\\d[\\d,]{0,8})';
/** A speck OCR read as a full stop after a count, before its noun ("issued 2388. detainers"); not a comma, which ends a date ("25, 2017, detainers"). */
const SPECK_AFTER = '\\.?';
/** "issued", and what OCR makes of it on a poor scan ("isstied", "lssued", "issucd"). */
const ISSUED = '[il1|]ss?[a-z]{2,3}d';
const DETAINERS_ISSUED = new RegExp(`\\b${ISSUED}\\s+(?:a\\s+total\\s+of\\s+)?${COUNT}${SPECK_AFTER}\\s+${DETAINERS}\\b`, 'i');
const DETAINER_COUNT = new RegExp(`\\b${COUNT}${SPECK_AFTER}\\s+(?:total\\s+)?${DETAINERS}\\b`, 'gi');

/**
 * "ten jurisdictions", and what OCR makes of it on a poor scan: the space read as a quote, a
 * letter or two of the long word garbled ("ten’jugisdictions").
 */
const TEN_PLACES = `(ten|10)[\\s'’‘]+(j\\w{2,4}sd\\w{4,7}s|counties|localities)`;
/** At most this many words apart, a number is in the same clause as the ten jurisdictions ("(540 to these 10 jurisdictions)"). */
const TOP_TEN_CLAUSE_WORDS = 4;
/** A sentence about the ten jurisdictions of Section I. */
const TOP_TEN = new RegExp(`\\b(top\\s+(ten|10)|${TEN_PLACES})\\b`, 'i');
/** Numbers in such a sentence that are not the top-ten total: dates, and the "ten" itself. */
const NOT_THE_TOTAL = [new RegExp(`${MONTH}\\.?\\s+\\d{1,2}(,?\\s+\\d{4})?`, 'gi'), /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, new RegExp(`\\b(top\\s+)?${TEN_PLACES}\\b`, 'gi'), /\btop\s+(ten|10)\b/gi];

/**
 * The top-ten total in a sentence about the ten jurisdictions: a number next to "detainers" other
 * than the national total ("were issued a total of 157 detainers"), or else the one number left
 * once dates, the national total and the "ten" are set aside ("(540 to these 10 jurisdictions)").
 */
function topTenCount(sentence: string, national: number | null): number | null {
  const beside = [...sentence.matchAll(DETAINER_COUNT)].map((m) => toInt(m[1]!)).filter((n) => n !== national);
  if (beside.length) return beside.at(-1)!;
  // Set aside with as many spaces as they are long, so that word distances below still hold.
  const rest = NOT_THE_TOTAL.reduce((text, re) => text.replace(re, (m) => ' '.repeat(m.length)), sentence);
  const numbers = [...rest.matchAll(/(?<![\d,.])\d{1,3}(?:[,.]\d{3})*(?![\d,]*\d)/g)].filter((m) => toInt(m[0]) !== national);
  if (numbers.length === 1) return toInt(numbers[0]![0]);
  // A heading without a full stop runs into the sentence, with a date OCR garbled beyond reading
  // ("between pabeuny 25, 2017"): the number set in the same clause as the ten jurisdictions.
  const ten = new RegExp(TEN_PLACES, 'i').exec(sentence);
  if (!ten) return null;
  const wordsBetween = (at: number) => sentence.slice(Math.min(at, ten.index), Math.max(at, ten.index)).trim().split(/\s+/).length - 1;
  const near = numbers.filter((m) => wordsBetween(m.index) <= TOP_TEN_CLAUSE_WORDS);
  return near.length === 1 ? toInt(near[0]![0]) : null;
}

/**
 * "47 declined detainers", "65 detainers were recorded as declined": a count, so "detainers" in the
 * plural, and never the year of a date ("February 3, 2017 Declined Detainer Outcome Report").
 */
const NOT_A_YEAR = '(?<!\\d,?\\s{0,2})';
const DECLINED_COUNT = [
  new RegExp(`${NOT_A_YEAR}\\b${COUNT}\\s+(?:recorded\\s+)?declined\\s+${DETAINERS}s\\b`, 'i'),
  new RegExp(`${NOT_A_YEAR}\\b${COUNT}\\s+${DETAINERS}s\\s+(?:were\\s+|was\\s+)?(?:recorded\\s+(?:as\\s+)?)?declined\\b`, 'i'),
];

const iso = (year: string, month: number, day: string) => `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
const toInt = (digits: string) => Number.parseInt(digits.replace(/[,.]/g, ''), 10);

interface Sentence { text: string; page: number }

/**
 * A gap above a line wider than this share of the page's typical line height ends a paragraph, and
 * with it a sentence whose full stop OCR lost ("... the top 10 jurisdictions listed below" ran on
 * into the next section's prose and its numbers). Prose wraps its lines closer (0.5 of a line's
 * height apart at most on OCR'd pages); headings and list items sit further off (1.1 and more).
 */
const PARAGRAPH_GAP_SHARE = 0.8;

/**
 * The prose as sentences, each with the page it starts on (lines joined across line breaks, and
 * across pages, but not across a paragraph's end).
 */
function sentencesOf(pages: readonly PageText[]): Sentence[] {
  const sentences: Sentence[] = [];
  let buffer = '';
  let page = 0;
  for (const p of pages) {
    const typicalHeight = median(p.lines.map((line) => line.y1 - line.y0));
    for (const [i, line] of p.lines.entries()) {
      const above = p.lines[i - 1];
      if (buffer && above && line.y0 - above.y1 > PARAGRAPH_GAP_SHARE * typicalHeight) {
        sentences.push({ text: buffer, page });
        buffer = '';
      }
      if (!buffer) page = p.page;
      buffer = collapseWhitespace(`${buffer} ${line.text}`);
      const parts = buffer.split(/(?<=[a-z0-9)]\.)\s+(?=[A-Z])/);
      buffer = parts.pop() ?? '';
      for (const part of parts) sentences.push({ text: part, page });
    }
  }
  if (buffer) sentences.push({ text: buffer, page });
  return sentences;
}

/** Month names shorter than this have too many English words a letter away ("June": "tune", "Jane"). */
const RESPELL_MONTH_MIN_LETTERS = 5;
const RESPELLABLE_MONTHS = MONTH_NAMES.filter((m) => m.length >= RESPELL_MONTH_MIN_LETTERS);

/** The text with each capitalised word one letter from exactly one longer month name (and not one) spelt as that month. */
function withMonthsRespelled(text: string): string {
  const months = new Map(RESPELLABLE_MONTHS.map((m) => [m.toLowerCase(), m]));
  return text.replace(/\b\p{Lu}\p{L}+\b/gu, (word) => {
    const month = word.length < RESPELL_MONTH_MIN_LETTERS ? null : nearest(word.toLowerCase(), months.keys(), 1, 1);
    return month === null ? word : months.get(month)!;
  });
}

/** The first period in the first lines (a line, or a line and the next), read as printed or with months respelled. */
function findPeriod(lines: ReadonlyArray<{ text: string; page: number }>, respell: boolean) {
  const read = (text: string) => parsePeriod(respell ? withMonthsRespelled(text) : text);
  for (const [i, line] of lines.slice(0, 12).entries()) {
    const next = lines[i + 1];
    const text = [line.text, ...(next ? [`${line.text} ${next.text}`] : [])].find((t) => read(t) !== null);
    if (text !== undefined) return { period: read(text)!, page: line.page, text };
  }
  return null;
}

/** Specks OCR glued to the front of a word (".July 29 - ‘Aug. 4", fresh seed 3120427762: the report was refused). */
const GLUED_SPECKS = /(?<=^|\s)[.,'‘’`·*]+(?=\p{L})/gu;

function parsePeriod(text: string): { start: string; end: string } | null {
  const m = PERIOD.exec(text.replace(GLUED_SPECKS, ''));
  if (!m) return null;
  const endYear = m[6]!;
  return { start: iso(m[3] ?? endYear, monthNumber(m[1]!), m[2]!), end: iso(endYear, monthNumber(m[4]!), m[5]!) };
}

/** The line near the top that states the period ("For Recorded Declined Detainers ..."), as read, when no date range could be read from it. */
export function periodLineAsRead(pages: readonly PageText[]): string | null {
  const lines = pages.flatMap((p) => p.lines.map((l) => collapseWhitespace(l.text))).slice(0, 12);
  return lines.find((text) => /^for\b.*\bdeclined\b/i.test(text)) ?? null;
}

export function readMetadata(pages: readonly PageText[]): ReportMetadata {
  const meta: ReportMetadata = {
    title: null, period_start: null, period_end: null, detainers_issued: null, top_ten_issued: null, declined_stated: null,
    scope_text: null, corrected_on: null, has_correction_notice: false, period_respelled: null, pages: {},
  };
  const lines = pages.flatMap((p) => p.lines.map((l) => ({ text: collapseWhitespace(l.text), page: p.page })));

  const titleLine = lines.find((l) => /declined\s+detainer/i.test(l.text) && !/^for\b/i.test(l.text) && l.text.length < 80);
  if (titleLine) { meta.title = titleLine.text; meta.pages.title = titleLine.page; }

  // The period is stated near the top: the first date range in the first lines of the report,
  // perhaps wrapped onto the next line ("... September 9, 2017 - September 15," / "2017").
  // A month OCR misread ("Depember") is read as the month only when no line parses as printed.
  const printed = findPeriod(lines, false);
  const found = printed ?? findPeriod(lines, true);
  if (found) {
    meta.period_start = found.period.start; meta.period_end = found.period.end; meta.pages.period = found.page;
    if (!printed) meta.period_respelled = found.text;
  }

  const sentences = sentencesOf(pages);
  for (const s of sentences) {
    const national = DETAINERS_ISSUED.exec(s.text);
    // Not the ten jurisdictions' own total ("The top ten jurisdictions ... were issued a total of
    // 640 detainers"), which a national sentence whose "issued" OCR garbled would leave to be taken
    // for it (fresh seed 428834262); a national total before the ten in one sentence still counts.
    const ten = TOP_TEN.exec(s.text);
    if (national && ten && ten.index < national.index) continue;
    if (national && meta.detainers_issued === null && /(united states|nationwide|nationally|throughout|total)/i.test(s.text)) {
      meta.detainers_issued = toInt(national[1]!);
      meta.pages.detainers_issued = s.page;
    }
  }
  for (const s of sentences) {
    if (!TOP_TEN.test(s.text)) continue;
    const top = topTenCount(s.text, meta.detainers_issued);
    if (top !== null) { meta.top_ten_issued = top; meta.pages.top_ten_issued = s.page; break; }
  }

  for (const s of sentences) {
    const declined = DECLINED_COUNT.map((re) => re.exec(s.text)).find((m) => m !== null);
    if (declined) { meta.declined_stated = toInt(declined[1]!); meta.pages.declined_stated = s.page; break; }
  }

  const notice = sentences.find((s) => /\bcorrect(ed|ion)\b/i.test(s.text) && s.page === (pages[0]?.page ?? 1));
  if (notice) {
    meta.has_correction_notice = true;
    // "Corrected April 5, 2017": a date after the word "corrected" dates the edition.
    const corrected = notice.text.search(/\bcorrected\b/i);
    const date = corrected >= 0 ? SINGLE_DATE.exec(notice.text.slice(corrected)) : null;
    if (date) meta.corrected_on = iso(date[3]!, monthNumber(date[1]!), date[2]!);
  }

  // Section IV is prose: everything after its heading (the last one: page 1 also lists the sections).
  const headingIndexes = lines.map((l, i) => (sectionNumber(l.text) === 4 ? i : -1)).filter((i) => i >= 0);
  const scopeStart = headingIndexes.at(-1);
  if (scopeStart !== undefined) {
    const body = lines.slice(scopeStart + 1).map((l) => l.text).join(' ');
    meta.scope_text = collapseWhitespace(body) || null;
    meta.pages.scope_text = lines[scopeStart]!.page;
  }
  return meta;
}
