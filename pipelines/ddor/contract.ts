/**
 * The DDOR dataset contract (DATASET.md) as zod schemas: the single source of truth for the
 * TypeScript types, runtime validation, and the Table Schema written into datapackage.json.
 *
 * Field order in each object is the CSV column order. `.describe()` texts become the Table Schema
 * field descriptions.
 */
import { z } from 'zod';
import type { TableSpec } from '../../src/dataset/table-spec.ts';

const isoDate = z.iso.date().describe('ISO 8601 date, YYYY-MM-DD');
// The format makes it a Table Schema `yearmonth` field (src/dataset/table-schema.ts).
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM').meta({ format: 'yearmonth' });
const usps = z.string().regex(/^[A-Z]{2}$/, 'expected a 2-letter USPS code');
const fips5 = z.string().regex(/^\d{5}$/, 'expected a 5-digit county FIPS code');
const count = z.number().int().nonnegative();
const reportId = z.string().regex(/^ddor-\d{4}-\d{2}-\d{2}$/, 'expected ddor-YYYY-MM-DD');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

export const OFFENSE_CATEGORIES = [
  'Immigration', 'Homicide', 'Kidnapping', 'Sexual Assault', 'Robbery', 'Assault', 'Arson',
  'Extortion', 'Burglary', 'Larceny', 'Stolen Vehicle', 'Forgery', 'Fraudulent Activities',
  'Embezzlement', 'Stolen Property', 'Damage Property', 'Dangerous Drugs', 'Sex Offenses',
  'Obscenity', 'Family Offenses', 'Gambling', 'Commercialized Sex', 'Liquor', 'Obstructing Police',
  'Flight/Escape', 'Obstructing Judiciary', 'Bribery', 'Weapon Offenses', 'Public Peace',
  'Traffic Offenses', 'Health/Safety', 'Invasion of Privacy', 'Smuggling', 'Property Crimes',
  'Morals/Decency', 'Public Order', 'Unclassified',
] as const;

export const ReportSchema = z.object({
  report_id: reportId.describe('ddor- + period start; a corrected edition keeps the id'),
  edition: z.string().min(1).describe('original, or corrected-YYYY-MM-DD'),
  title: z.string().min(1),
  period_start: isoDate,
  period_end: isoDate,
  published: isoDate.nullable().describe('from the catalog when the PDF does not say'),
  detainers_issued: count.nullable().describe("the week's national total stated in Section I"),
  top_ten_issued: count.nullable().describe('the total the Section I text states for the listed jurisdictions'),
  declined_count: count.describe('rows extracted into declined_detainers'),
  source_url: z.string().nullable(),
  source_sha256: sha256.describe('SHA-256 of the PDF bytes'),
  page_count: z.number().int().positive(),
  scope_text: z.string().nullable().describe('Section IV "Report Scope and Data Fidelity" text'),
});

export const TopJurisdictionSchema = z.object({
  report_id: reportId,
  rank: z.number().int().positive().describe('1-based, order printed'),
  county: z.string().min(1).describe('Census name, e.g. Clark County'),
  state: usps,
  county_fips: fips5.nullable(),
  issued_detainers: count,
});

export const DeclinedDetainerSchema = z.object({
  record_id: z.string().regex(/^[0-9a-f]{12}-\d+$/).describe('hash of the printed identity + occurrence counter'),
  report_id: reportId,
  row: z.number().int().positive().describe('1-based order in the report'),
  state: usps,
  county: z.string().min(1).describe('Census name, e.g. Travis County'),
  county_fips: fips5.nullable(),
  city: z.string().nullable().describe('only when the report has a City column'),
  facility: z.string().min(1).describe('as printed, whitespace collapsed'),
  citizenship: z.string().min(1).describe('as printed'),
  citizenship_code: z.string().regex(/^[A-Z]{2}$/).nullable().describe('ISO 3166-1 alpha-2'),
  detainer_issued: isoDate,
  detainer_declined: isoDate,
  criminal_status: z.enum(['convicted', 'charged']).nullable(),
  offense: z.string().min(1).describe('as printed without the status prefix'),
  offense_category: z.enum(OFFENSE_CATEGORIES),
  page: z.number().int().positive().describe('page the row starts on'),
  source: z.enum(['text', 'ocr']),
  confidence: z.number().min(0).max(1).describe('lowest cell confidence in the row'),
});

export const PolicyJurisdictionSchema = z.object({
  report_id: reportId,
  row: z.number().int().positive(),
  jurisdiction: z.string().min(1).describe('as printed without the AOR'),
  aor: z.string().nullable().describe('ICE field office (Area of Responsibility)'),
  state: usps.nullable(),
  jurisdiction_type: z.enum(['state', 'county', 'city', 'other']),
  county_fips: fips5.nullable(),
  date_enacted: yearMonth.nullable(),
  policy: z.string().min(1).describe('as printed'),
  criteria: z.array(z.string().min(1)).describe('one entry per bullet; in the CSV a JSON array of strings, e.g. ["Willing to accept…"]'),
});

export type Report = z.infer<typeof ReportSchema>;
export type TopJurisdiction = z.infer<typeof TopJurisdictionSchema>;
export type DeclinedDetainer = z.infer<typeof DeclinedDetainerSchema>;
export type PolicyJurisdiction = z.infer<typeof PolicyJurisdictionSchema>;

/** The table names, spelled once: code names a table through this, so a typo is a type error. */
export const TABLE = {
  reports: 'reports',
  top: 'top_jurisdictions',
  declined: 'declined_detainers',
  policies: 'policy_jurisdictions',
} as const;

/** Every table but reports names its report. */
const ofReport = [{ fields: ['report_id'], reference: { resource: TABLE.reports, fields: ['report_id'] } }] as const;

/** The four tables, in the order they are written, with their keys. Rows are written report by report, in printed order. */
export const DDOR_TABLES = [
  { name: TABLE.reports, title: 'Report editions', description: 'One row per weekly report: its period, edition, the totals it states and the PDF it was read from.', schema: ReportSchema, primaryKey: ['report_id'] },
  { name: TABLE.top, title: 'Section I: top jurisdictions by detainers issued', description: 'Section I of each report: the ten jurisdictions with the most detainers issued that week, in printed order.', schema: TopJurisdictionSchema, primaryKey: ['report_id', 'rank'], identity: ['report_id', 'state', 'county'], positional: ['rank'], foreignKeys: ofReport },
  { name: TABLE.declined, title: 'Section II: declined detainers', description: 'Section II of each report: one row per declined detainer, in printed order, with the facility, citizenship, dates and offence.', schema: DeclinedDetainerSchema, primaryKey: ['record_id'], positional: ['row', 'page'], order: ['report_id', 'row'], foreignKeys: ofReport },
  { name: TABLE.policies, title: 'Section III: jurisdictions with policies limiting cooperation', description: 'Section III of each report: the jurisdictions whose policies limit cooperation with detainers, with the policy and its criteria.', schema: PolicyJurisdictionSchema, primaryKey: ['report_id', 'row'], identity: ['report_id', 'jurisdiction', 'policy'], positional: ['row'], foreignKeys: ofReport },
] as const satisfies readonly TableSpec[];

export type DdorTableName = (typeof DDOR_TABLES)[number]['name'];

/** The rows that satisfy the contract, by table (a type, not an interface, so it is a TableRows). */
export type DdorDataset = {
  reports: Report[];
  top_jurisdictions: TopJurisdiction[];
  declined_detainers: DeclinedDetainer[];
  policy_jurisdictions: PolicyJurisdiction[];
};
