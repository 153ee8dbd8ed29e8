/**
 * A fuzz report's content: a random week of 2017, ten top jurisdictions, Section II rows drawn
 * over the counties that have facilities, a slice of Section III, and the wording of titles and
 * stated totals. Stated totals always agree with the rows, as in a real report.
 */
import { seededRng, type Rng } from '../prng.ts';
import { COUNTY_KEYS, FACILITIES, county } from '../reference.ts';
import {
  SCOPE_PARAGRAPHS, addDays, declinedRows, longDate, policiesAsOf, summary, type ReportContent,
} from '../reports.ts';
import { FUZZ_SETTINGS } from './settings.ts';
import { MONTH_NAMES } from '../../normalise/dates.ts';
import type { FuzzChoices } from './choices.ts';

const pickOf = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

/** "Jan. 28 – Feb. 3, 2017", "Feb 4 – Feb 10, 2017" or "February 4, 2017 - February 10, 2017" (REPORT-FORMAT.md §3). */
function headerPeriod(start: string, end: string, form: number): string {
  const parts = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return { y: y!, m: MONTH_NAMES[m! - 1]!, d: d! }; };
  const a = parts(start);
  const b = parts(end);
  const short = (m: string, dot: boolean) => (m.length <= 4 ? m : `${m.slice(0, 3)}${dot ? '.' : ''}`);
  return pickOf([
    `${short(a.m, true)} ${a.d} \u2013 ${short(b.m, true)} ${b.d}, ${b.y}`,
    `${short(a.m, false)} ${a.d} \u2013 ${short(b.m, false)} ${b.d}, ${b.y}`,
    `${longDate(start)} - ${longDate(end)}`,
  ], form);
}

const LABELS = [
  (n: string) => `Section ${n}:`, (n: string) => `Section ${n}:`, (n: string) => `Section ${n} -`, (n: string) => `SECTION ${n}:`, (n: string) => `Section ${n}.`,
];

/** The section titles of the three editions (REPORT-FORMAT.md §3) and paraphrases of the same meaning. */
function sectionTitles(a: string, b: string, form: number, label: number): ReportContent['sectionTitles'] {
  const forms: Array<[string, string, string, string]> = [
    [`Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions between ${a}, and ${b}`,
      `Jurisdictions with Recorded Declined Detainers Broken Down by Individuals Released between ${a}, and ${b}`,
      'Table of Jurisdictions that have Enacted Policies which Limit Cooperation with ICE', 'Report Scope and Data Fidelity'],
    [`Highest Volume of Detainers Issued between ${a} and ${b} to Jurisdictions which Restrict Cooperation with ICE`,
      `Jurisdictions with Recorded Declined Detainers between ${a} and ${b}`,
      'Table of Jurisdictions that have Enacted Policies which Restrict Cooperation with ICE', 'Report Scope and Data Fidelity'],
    [`Jurisdictions Issued the Highest Volume of Detainers, ${a} to ${b}`,
      `Recorded Declined Detainers by Jurisdiction, ${a} through ${b}`,
      'Jurisdictions with Policies Limiting Cooperation with ICE', 'Scope of the Report and Data Fidelity'],
  ];
  const titles = pickOf(forms, form);
  const at = pickOf(LABELS, label);
  return [0, 1, 2, 3].map((i) => `${at(['I', 'II', 'III', 'IV'][i]!)} ${titles[i]}`) as ReportContent['sectionTitles'];
}

/** Section I's sentences stating the week's total and the top ten's (the examples and the published wording). */
function totalsText(longPeriod: string, a: string, b: string, issued: string, topTen: string, form: number): string {
  return pickOf([
    `During the week of ${longPeriod}, ICE issued ${issued} detainers throughout the United States. The top ten jurisdictions listed below, which have enacted policies that limit cooperation with ICE, were issued a total of ${topTen} detainers during this period.`,
    `Between ${a} and ${b}, ICE issued ${issued} detainers throughout the United States (${topTen} to these 10 jurisdictions).`,
    `ICE issued ${issued} detainers nationwide between ${a} and ${b}, of which ${topTen} were issued to the top 10 jurisdictions listed below.`,
    `During this period ICE issued a total of ${issued} detainers throughout the United States. The ten jurisdictions below, which restrict cooperation with ICE, received ${topTen} detainers.`,
  ], form);
}

/** Ten distinct counties with descending detainer counts. */
function topTen(rng: Rng): ReportContent['top'] {
  const keys = rng.shuffle(COUNTY_KEYS.filter(([state]) => state !== 'DC')).slice(0, 10);
  let next = rng.int(60, 180);
  return keys.map(([state, name]) => {
    const row = { county: county(state, name), issued: next };
    next = Math.max(1, next - rng.int(0, Math.ceil(next / 3)));
    return row;
  });
}

/** Section II counts per county: a few counties, one of them often dominant (as Travis was). */
function declinedPlan(rng: Rng, rows: number): Record<string, Record<string, number>> {
  const places = rng.shuffle([...new Set(FACILITIES.map((f) => `${f.state}:${f.county}`))]).slice(0, rng.int(3, 12));
  const counts: Record<string, Record<string, number>> = {};
  for (let i = 0; i < rows; i++) {
    const key = rng.chance(0.4) ? places[0]! : rng.pick(places);
    const [state, name] = key.split(':') as [string, string];
    counts[state] ??= {};
    counts[state][name] = (counts[state][name] ?? 0) + 1;
  }
  return counts;
}

export function fuzzContent(choices: FuzzChoices): ReportContent {
  const rng = seededRng(`fuzz:${choices.seed}:content`);
  // A Saturday-to-Friday week of 2017, as the weekly reports ran.
  const periodStart = addDays('2017-01-07', 7 * rng.int(0, 50));
  const periodEnd = addDays(periodStart, 6);
  const [a, b] = [longDate(periodStart), longDate(periodEnd)];
  const longPeriod = `${a}, through ${b}`;
  const top = topTen(rng);
  const topTenIssued = top.reduce((sum, r) => sum + r.issued, 0);
  const detainersIssued = topTenIssued + rng.int(1500, 3500);
  const [minRows, maxRows] = choices.fullSize ? FUZZ_SETTINGS.declinedRowsFull : FUZZ_SETTINGS.declinedRows;
  const rows = rng.int(minRows, maxRows);
  const declined = declinedRows(rng, periodStart, periodEnd, { counts: declinedPlan(rng, rows), convicted: rng.int(0, rows) });
  const allPolicies = policiesAsOf(periodStart);
  const [minPolicies, maxPolicies] = FUZZ_SETTINGS.policyRows;
  const policyCount = choices.fullSize ? allPolicies.length : rng.int(minPolicies, maxPolicies);
  const keep = new Set(rng.shuffle(allPolicies.map((_, i) => i)).slice(0, policyCount));
  const number = (n: number) => (choices.wording.groupedThousands ? n.toLocaleString('en-US') : String(n));
  return {
    reportId: `ddor-${periodStart}`, edition: 'original', title: 'Weekly Declined Detainer Outcome Report',
    periodStart, periodEnd, published: addDays(periodEnd, rng.int(30, 60)),
    headerPeriod: headerPeriod(periodStart, periodEnd, choices.wording.periodForm), longPeriod,
    sectionTitles: sectionTitles(a, b, choices.wording.sectionTitleForm, choices.wording.sectionLabel),
    sectionOneText: totalsText(longPeriod, a, b, number(detainersIssued), number(topTenIssued), choices.wording.totalsForm),
    detainersIssued, topTenIssued, correctionNotice: null,
    summary: summary(longPeriod),
    scopeParagraphs: SCOPE_PARAGRAPHS,
    top,
    declined,
    policies: allPolicies.filter((_, i) => keep.has(i)),
  };
}
