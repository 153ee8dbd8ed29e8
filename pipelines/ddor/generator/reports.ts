/**
 * The content of the three weekly reports (and report 1's corrected edition), independent of how a
 * sample lays it out: stated totals, Section I-IV rows and texts. Published figures come from
 * REPORT-FORMAT.md; everything else is drawn from the seeded PRNG out of the reference tables.
 */
import { CRITERIA, POLICY_SOURCES, POLICY_TITLES, type PolicySource } from './policies.ts';
import { seededRng, type Rng } from './prng.ts';
import { COUNTRIES, OFFENSES, county, facilitiesOf, type County, type Facility } from './reference.ts';
import { SETTINGS } from './settings.ts';
import { MONTH_NAMES } from '../normalise/dates.ts';

export interface TopRow { county: County; issued: number }

export interface DeclinedRow {
  county: County;
  facility: Facility;
  country: { name: string; code: string };
  /** ISO dates. */
  issued: string;
  declined: string;
  status: 'convicted' | 'charged';
  offense: { text: string; category: string };
}

export interface PolicyRow {
  source: PolicySource;
  /** As printed, e.g. "January 2017". */
  dateEnacted: string;
  /** YYYY-MM. */
  yearMonth: string;
  policy: string;
  criteria: string[];
  bulleted: boolean;
}

export interface ReportContent {
  reportId: string;
  edition: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  published: string;
  /** Header line of page 1, e.g. "Jan. 28 – Feb. 3, 2017". */
  headerPeriod: string;
  /** "January 28, 2017, through February 3, 2017". */
  longPeriod: string;
  sectionTitles: [string, string, string, string];
  /** Section I's sentences stating the totals; the report 1 wording when absent. */
  sectionOneText?: string;
  detainersIssued: number;
  topTenIssued: number;
  correctionNotice: string | null;
  summary: string;
  scopeParagraphs: string[];
  top: TopRow[];
  declined: DeclinedRow[];
  policies: PolicyRow[];
}

const DAY_MS = 86_400_000;
export const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${MONTH_NAMES[m! - 1]} ${d}, ${y}`;
}

/** M/D/YYYY, or MM/DD/YYYY when padded. */
export function slashDate(iso: string, padded: boolean): string {
  const [y, m, d] = iso.split('-');
  const strip = (s: string) => (padded ? s : String(Number(s)));
  return `${strip(m!)}/${strip(d!)}/${y}`;
}

/** Expands {state: {county: rows}} into one county per row. */
function countiesByCount(counts: Record<string, Record<string, number>>): County[] {
  return Object.entries(counts).flatMap(([state, byCounty]) => Object.entries(byCounty)
    .flatMap(([name, n]) => Array.from({ length: n }, () => county(state, name))));
}

function issuedBefore(rng: Rng, declined: string): string {
  if (rng.chance(SETTINGS.oldDetainerShare)) return addDays(declined, -rng.int(30, 5 * 365));
  return addDays(declined, -rng.int(0, SETTINGS.recentIssueMaxDays));
}

export interface DeclinedPlan {
  counts: Record<string, Record<string, number>>;
  convicted: number;
  /** A row whose values are fixed (e.g. the 2010 detainer quoted by the press). */
  fixed?: { state: string; county: string; issued: string; declined: string };
}

export function declinedRows(rng: Rng, periodStart: string, periodEnd: string, plan: DeclinedPlan): DeclinedRow[] {
  const counties = countiesByCount(plan.counts);
  const statuses = rng.shuffle(counties.map((_, i) => (i < plan.convicted ? 'convicted' as const : 'charged' as const)));
  const facilityTurn = new Map<string, number>();
  const periodDays = daysBetween(periodStart, periodEnd);
  const rows = counties.map((c, i): DeclinedRow => {
    // Rotate through a county's facilities so every one appears once the county has enough rows.
    const facilities = facilitiesOf(c.state, c.shortName);
    const turn = facilityTurn.get(c.name + c.state) ?? rng.int(0, facilities.length - 1);
    facilityTurn.set(c.name + c.state, turn + 1);
    const declined = addDays(periodStart, rng.int(0, periodDays));
    return {
      county: c,
      facility: facilities[turn % facilities.length]!,
      country: rng.weighted(COUNTRIES),
      issued: issuedBefore(rng, declined),
      declined,
      status: statuses[i]!,
      offense: rng.weighted(OFFENSES),
    };
  });
  if (plan.fixed) {
    const { state, county: name, issued, declined } = plan.fixed;
    const target = rows.find((r) => r.county.state === state && r.county.shortName === name);
    if (!target) throw new Error(`reports.ts: the fixed row's county ${name}, ${state} has no rows in the plan`);
    Object.assign(target, { issued, declined });
  }
  return rows.sort((a, b) => a.county.state.localeCompare(b.county.state)
    || a.county.name.localeCompare(b.county.name)
    || a.declined.localeCompare(b.declined)
    || a.facility.name.localeCompare(b.facility.name));
}

/** Draws a jurisdiction's policy once, seeded by its name, so every report prints the same row. */
function policyRow(source: PolicySource): PolicyRow {
  if (source.fixed) {
    const [month, year] = source.fixed.dateEnacted.split(' ');
    const yearMonth = `${year}-${String(MONTH_NAMES.indexOf(month!) + 1).padStart(2, '0')}`;
    return { source, dateEnacted: source.fixed.dateEnacted, yearMonth, policy: source.fixed.policy, criteria: source.fixed.criteria, bulleted: source.fixed.bulleted };
  }
  const rng = seededRng(`policy:${source.jurisdiction}`);
  const [year, month] = source.since
    ? [Number(source.since.slice(0, 4)), Number(source.since.slice(5, 7))]
    : [rng.int(2012, 2016), rng.int(1, 12)];
  const bulleted = !rng.chance(0.1);
  const eligible = CRITERIA.filter((c) => !c.onlyIn || c.onlyIn === source.state).map((c) => c.text);
  const criteria = rng.shuffle(eligible).slice(0, bulleted ? rng.int(1, 4) : 1);
  return {
    source,
    dateEnacted: `${MONTH_NAMES[month - 1]} ${year}`,
    yearMonth: `${year}-${String(month).padStart(2, '0')}`,
    policy: rng.pick(POLICY_TITLES[source.type]),
    criteria,
    bulleted,
  };
}

/** Section III as of a report: most recent first, ties in source order (a stable sort). */
export function policiesAsOf(periodStart: string): PolicyRow[] {
  return POLICY_SOURCES
    .filter((s) => !s.since || s.since <= periodStart)
    .map(policyRow)
    .sort((a, b) => b.yearMonth.localeCompare(a.yearMonth));
}

export const SCOPE_PARAGRAPHS = [
  'On January 25, 2017, the President signed Executive Order 13768, which directs the Secretary of Homeland Security to make public a comprehensive list of criminal actions committed by aliens and any jurisdiction that ignored or otherwise failed to honor any detainers with respect to such aliens. In response, U.S. Immigration and Customs Enforcement (ICE) resumed issuing detainers to all law enforcement agencies (LEAs), including those in jurisdictions that have enacted policies limiting cooperation with ICE.',
  'Law enforcement agencies do not always notify ICE when a detainer is not honored. ICE records a detainer as declined when an LEA informs ICE that it will not honor the detainer, or when ICE learns that an individual subject to a detainer was released. A detainer honored after the individual was released, or for which notice arrived too late for ICE to assume custody, is counted as declined.',
  'The data in this report reflect ICE records at the time the report was produced and may change as records are updated. Declined detainers are reported by the week in which ICE recorded them, which may differ from the week in which the detainer was issued.',
];

export function summary(longPeriod: string): string {
  return `This report identifies jurisdictions that declined detainers recorded by U.S. Immigration and Customs Enforcement between ${longPeriod.replace(', through', ' and')}, and lists the notable criminal activity associated with the individuals released. It is published weekly in accordance with Executive Order 13768, Enhancing Public Safety in the Interior of the United States, and contains the following four sections:`;
}

const REPORT_1_TOP: Array<[string, string, number]> = [
  ['NV', 'Clark', 51], ['NY', 'Nassau', 38], ['IL', 'Cook', 13], ['IA', 'Montgomery', 12], ['WA', 'Snohomish', 12],
  ['NY', 'Franklin', 9], ['OR', 'Washington', 7], ['FL', 'Alachua', 5], ['IA', 'Franklin', 5], ['PA', 'Franklin', 5],
];

/** Report 1 as first published (206 declined, 142 Travis, 149 Texas, 90 convicted). */
export function report1(): ReportContent {
  const rng = seededRng('ddor-2017-01-28');
  const longPeriod = 'January 28, 2017, through February 3, 2017';
  return {
    reportId: 'ddor-2017-01-28', edition: 'original', title: 'Weekly Declined Detainer Outcome Report',
    periodStart: '2017-01-28', periodEnd: '2017-02-03', published: '2017-03-20',
    headerPeriod: 'Jan. 28 \u2013 Feb. 3, 2017', longPeriod,
    sectionTitles: [
      'Section I: Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions between January 28, 2017, and February 3, 2017',
      'Section II: Jurisdictions with Recorded Declined Detainers Broken Down by Individuals Released between January 28, 2017, and February 3, 2017',
      'Section III: Table of Jurisdictions that have Enacted Policies which Limit Cooperation with ICE',
      'Section IV: Report Scope and Data Fidelity',
    ],
    detainersIssued: 3083, topTenIssued: 157, correctionNotice: null,
    summary: summary(longPeriod),
    scopeParagraphs: SCOPE_PARAGRAPHS,
    top: REPORT_1_TOP.map(([state, name, issued]) => ({ county: county(state, name), issued })),
    declined: declinedRows(rng, '2017-01-28', '2017-02-03', {
      counts: {
        TX: { Travis: 142, Williamson: 3, Bastrop: 2, Hays: 2 },
        PA: { Chester: 2, Philadelphia: 4 }, NC: { Richmond: 1, Mecklenburg: 3 },
        NY: { 'St. Lawrence': 2, Nassau: 3, 'New York': 2, Suffolk: 3 }, NM: { 'Doña Ana': 3 },
        NV: { Clark: 4 }, IL: { Cook: 4 }, WA: { Snohomish: 3, King: 2 }, OR: { Washington: 2, Multnomah: 2 },
        FL: { Alachua: 2, 'Miami-Dade': 2 }, CA: { 'Los Angeles': 2, 'San Diego': 1, 'Santa Clara': 1 },
        CO: { Denver: 1 }, MA: { Suffolk: 1 }, MD: { Montgomery: 1, Baltimore: 1 }, NJ: { Middlesex: 1, Union: 1 },
        MN: { Hennepin: 2, Ramsey: 1 },
      },
      convicted: 90,
      fixed: { state: 'TX', county: 'Travis', issued: '2010-10-16', declined: '2017-02-01' },
    }),
    policies: policiesAsOf('2017-01-28'),
  };
}

const CORRECTION_NOTICE = 'Correction: Due to a data processing error, the Jan. 28 - Feb 03, 2017 Declined Detainer Outcome Report incorrectly attributed issued detainers to Franklin County, Iowa; Franklin County, New York; Franklin County, Pennsylvania; and Montgomery County, Iowa that were in fact issued to agencies outside of the respective county\'s jurisdiction in similarly named locations. Additionally, detainers that appeared as being declined by Williamson County, TX and Bastrop County, TX were cases where the individual was transferred to another facility where they were released. Finally, detainers appeared as being declined by Chester County, PA and Richmond County, NC when those detainers were incorrectly issued to those locations. This corrected edition removes those entries.';

const DROPPED_TOP = new Set(['IA:Franklin', 'NY:Franklin', 'PA:Franklin', 'IA:Montgomery']);
const DROPPED_DECLINED = new Set(['TX:Williamson', 'TX:Bastrop', 'PA:Chester', 'NC:Richmond']);

/** Report 1's corrected edition: the erroneous rows dropped, everything else identical. */
export function report1Corrected(): ReportContent {
  const original = report1();
  const key = (c: County) => `${c.state}:${c.shortName}`;
  return {
    ...original,
    edition: 'corrected-2017-04-05',
    published: '2017-04-05',
    correctionNotice: CORRECTION_NOTICE,
    top: original.top.filter((r) => !DROPPED_TOP.has(key(r.county))),
    declined: original.declined.filter((r) => !DROPPED_DECLINED.has(key(r.county))),
  };
}

export function report2(): ReportContent {
  const rng = seededRng('ddor-2017-02-04');
  const longPeriod = 'February 4, 2017, through February 10, 2017';
  const top: Array<[string, string, number]> = [
    ['CA', 'Los Angeles', 156], ['NY', 'New York', 73], ['CA', 'Kern', 65], ['NV', 'Clark', 52], ['CA', 'San Diego', 44],
    ['CA', 'Orange', 41], ['CA', 'San Bernardino', 36], ['CA', 'Santa Barbara', 29], ['TX', 'Travis', 23], ['WA', 'King', 21],
  ];
  return {
    reportId: 'ddor-2017-02-04', edition: 'original', title: 'Weekly Declined Detainer Outcome Report',
    periodStart: '2017-02-04', periodEnd: '2017-02-10', published: '2017-03-29',
    headerPeriod: 'Feb 4 \u2013 Feb 10, 2017', longPeriod,
    sectionTitles: [
      'Section I: Highest Volume of Detainers Issued between February 4, 2017 and February 10, 2017 to Jurisdictions which Restrict Cooperation with ICE',
      'Section II: Jurisdictions with Recorded Declined Detainers between February 4, 2017 and February 10, 2017',
      'Section III: Table of Jurisdictions that have Enacted Policies which Limit Cooperation with ICE',
      'Section IV: Report Scope and Data Fidelity',
    ],
    detainersIssued: 2825, topTenIssued: 540, correctionNotice: null,
    summary: summary(longPeriod),
    scopeParagraphs: SCOPE_PARAGRAPHS,
    top: top.map(([state, name, issued]) => ({ county: county(state, name), issued })),
    declined: declinedRows(rng, '2017-02-04', '2017-02-10', {
      counts: {
        TX: { Travis: 12 }, NV: { Clark: 3 }, IL: { Cook: 3 }, CA: { 'Los Angeles': 4, 'San Diego': 2, 'Santa Clara': 2 },
        WA: { King: 2, Snohomish: 2 }, OR: { Multnomah: 2, Washington: 1 }, NY: { Nassau: 2, 'New York': 2, Suffolk: 1 },
        PA: { Philadelphia: 2 }, NC: { Mecklenburg: 1 }, NM: { 'Doña Ana': 1 }, FL: { 'Miami-Dade': 1 },
        CO: { Denver: 1 }, MN: { Hennepin: 1 }, MD: { Montgomery: 1 }, NJ: { Middlesex: 1 },
      },
      convicted: 21,
    }),
    policies: policiesAsOf('2017-02-04'),
  };
}

export function report3(): ReportContent {
  const rng = seededRng('ddor-2017-02-11');
  const longPeriod = 'February 11, 2017, through February 17, 2017';
  const top: Array<[string, string, number]> = [
    ['CA', 'Los Angeles', 98], ['IL', 'Cook', 61], ['TX', 'Travis', 44], ['NV', 'Clark', 39], ['WA', 'King', 27],
    ['CA', 'Santa Clara', 24], ['CA', 'San Francisco', 19], ['OR', 'Multnomah', 15], ['CO', 'Denver', 12], ['MN', 'Hennepin', 9],
  ];
  return {
    reportId: 'ddor-2017-02-11', edition: 'original', title: 'Weekly Declined Detainer Outcome Report',
    periodStart: '2017-02-11', periodEnd: '2017-02-17', published: '2017-04-05',
    headerPeriod: 'Feb. 11 \u2013 Feb. 17, 2017', longPeriod,
    sectionTitles: [
      'Section I: Highest Volume of Detainers Issued between February 11, 2017 and February 17, 2017 to Jurisdictions which Restrict Cooperation with ICE',
      'Section II: Jurisdictions with Recorded Declined Detainers between February 11, 2017 and February 17, 2017',
      'Section III: Table of Jurisdictions that have Enacted Policies which Restrict Cooperation with ICE',
      'Section IV: Report Scope and Data Fidelity',
    ],
    detainersIssued: 2868, topTenIssued: 348, correctionNotice: null,
    summary: summary(longPeriod),
    scopeParagraphs: SCOPE_PARAGRAPHS,
    top: top.map(([state, name, issued]) => ({ county: county(state, name), issued })),
    declined: declinedRows(rng, '2017-02-11', '2017-02-17', {
      counts: {
        TX: { Travis: 18, Hays: 1 }, NV: { Clark: 4 }, IL: { Cook: 4 }, CA: { 'Los Angeles': 5, 'San Diego': 2, 'Santa Clara': 3 },
        WA: { King: 3, Snohomish: 2 }, OR: { Multnomah: 3, Washington: 2 }, NY: { Nassau: 2, 'New York': 3, Suffolk: 2 },
        PA: { Philadelphia: 3 }, NC: { Mecklenburg: 2 }, NM: { 'Doña Ana': 2 }, FL: { 'Miami-Dade': 1, Alachua: 1 },
        CO: { Denver: 1 }, MN: { Hennepin: 1 },
      },
      convicted: 29,
    }),
    policies: policiesAsOf('2017-02-11'),
  };
}
