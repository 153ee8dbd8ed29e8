/**
 * Validation of a DDOR dataset before it is written: every row against the contract (zod), plus
 * cross-checks between rows, against each report's own stated totals and against figures
 * published elsewhere. Every finding names the file, page, table, row, field and printed value.
 *
 * Severities: `error` — the row breaks the contract (an unparsable date, a state that does not
 * exist, an empty facility, a duplicate key); `warning` — the data disagrees with itself or with
 * a stated figure, or a place/country could not be identified; `info` — for a reviewer (an
 * unclassified offence, with its printed text).
 *
 * Rows that break the contract are never dropped silently: `quarantineInvalidRows` moves them out
 * of the tables the writer publishes and returns them with their reasons, for a quarantine file
 * beside the dataset. Rows with warnings stay in the dataset, flagged.
 */
import type { z } from 'zod';
import type { QuarantinedRow } from '../../src/provenance.ts';
import {
  DDOR_TABLES, DeclinedDetainerSchema, PolicyJurisdictionSchema, ReportSchema, TABLE, TopJurisdictionSchema,
  type DdorDataset, type DdorTableName,
} from './contract.ts';
import { RECORD_IDENTITY } from './record-id.ts';
import { finding, type Finding } from '../../src/findings.ts';
import { parseMonthYear, parseUsDate } from './normalise/dates.ts';
import { resolveCountry } from './normalise/countries.ts';
import { resolveJurisdiction } from './normalise/jurisdictions.ts';
import { parseCriminalStatus } from './normalise/offenses.ts';
import { countyByFips, resolveCounty, resolveState, stateByCode } from './normalise/places.ts';
import {
  parseCount, type DeclinedDetainerDraft, type PolicyJurisdictionDraft, type ReportDraft, type TopJurisdictionDraft,
} from './normalise/rows.ts';
import { normaliseSettings, type NormaliseSettings } from './normalise/settings.ts';

/**
 * The dataset as extracted: rows may hold printed text where a value could not be normalised.
 * A type, not an interface, so that it is a TableRows (src/family.ts).
 */
export type DdorDraft = {
  reports: ReportDraft[];
  top_jurisdictions: TopJurisdictionDraft[];
  declined_detainers: DeclinedDetainerDraft[];
  policy_jurisdictions: PolicyJurisdictionDraft[];
};

/** Figures published outside the PDF (press, AILA, the catalog) for one report. */
export interface StatedCounts {
  detainers_issued?: number;
  top_ten_issued?: number;
  declined?: number;
  convicted?: number;
  charged?: number;
}

export interface ValidationContext {
  /** The source file of a report, named in every finding about it. */
  file(report_id: string): string;
  /** Published figures by report_id, compared with what was extracted. */
  statedCounts?: Readonly<Record<string, StatedCounts>>;
  settings?: Partial<NormaliseSettings>;
}

type AnyRow = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FIELDS = new Set(['period_start', 'period_end', 'published', 'detainer_issued', 'detainer_declined']);

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** Where a row of a table sits: its file, page and 1-based row number. */
function locate(table: DdorTableName, row: AnyRow, index: number, context: ValidationContext) {
  const number = table === TABLE.top ? row.rank : row.row;
  const page = row.page;
  return {
    file: context.file(String(row.report_id)),
    page: typeof page === 'number' && Number.isInteger(page) && page > 0 ? page : null,
    table,
    row: typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : index + 1,
  };
}

/** The precise reason a printed value did not fit, from the resolver that should have read it. */
function explain(field: string, value: unknown, zodMessage: string): { code: string; message: string } {
  if (value === '' || value === null || value === undefined) return { code: 'value-empty', message: `${field} is empty` };
  if (typeof value === 'string') {
    const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? undefined : r.reason);
    const specific =
      // Only a printed M/D/YYYY date gets the printed-date reason; a bad ISO date gets zod's.
      DATE_FIELDS.has(field) && value.includes('/') ? { code: 'date-unparsable', why: reason(parseUsDate(value)) }
      : field === 'date_enacted' ? { code: 'date-unparsable', why: reason(parseMonthYear(value)) }
      : field === 'state' ? { code: 'state-unknown', why: reason(resolveState(value)) }
      : field === 'criminal_status' ? { code: 'status-unparsable', why: reason(parseCriminalStatus(value)) }
      : field === 'issued_detainers' ? { code: 'count-unparsable', why: reason(parseCount(value)) }
      : undefined;
    if (specific?.why) return { code: specific.code, message: specific.why };
  }
  return { code: 'schema-violation', message: `${zodMessage} (got ${JSON.stringify(value)})` };
}

/** One table's rows against its schema, each parsed once: the rows that pass, and the others with their findings. */
interface CheckedTable<Valid> {
  valid: Valid[];
  quarantined: QuarantinedRow<DdorTableName>[];
  findings: Finding[];
}

function checkTable<S extends z.ZodObject>(table: DdorTableName, schema: S, rows: readonly AnyRow[], context: ValidationContext): CheckedTable<z.output<S>> {
  const checked: CheckedTable<z.output<S>> = { valid: [], quarantined: [], findings: [] };
  rows.forEach((row, index) => {
    const result = schema.safeParse(row);
    if (result.success) {
      checked.valid.push(result.data);
      return;
    }
    const reasons = result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? String(issue.path[0]) : null;
      const value = field === null ? row : row[field];
      const { code, message } = explain(field ?? 'row', value, issue.message);
      checked.findings.push(finding({ severity: 'error', code, message, ...locate(table, row, index, context), field, value: text(value) }));
      return `${field ?? 'row'}: ${message}`;
    });
    checked.quarantined.push({ table, row, reasons });
  });
  return checked;
}

/** Rows that share the same values in `columns`; each finding points back at the first one. */
function duplicateFindings(table: DdorTableName, rows: readonly AnyRow[], columns: readonly string[], severity: 'error' | 'warning', code: string, context: ValidationContext): Finding[] {
  const firstSeen = new Map<string, number>();
  const findings: Finding[] = [];
  rows.forEach((row, index) => {
    const key = JSON.stringify(columns.map((c) => row[c]));
    const first = firstSeen.get(key);
    if (first === undefined) { firstSeen.set(key, index); return; }
    const firstRow = locate(table, rows[first]!, first, context).row;
    findings.push(finding({
      severity, code, ...locate(table, row, index, context), field: columns.join('+'), value: columns.map((c) => text(row[c])).join(' | '),
      message: `same ${columns.join(', ')} as row ${firstRow}`,
    }));
  });
  return findings;
}

/** Checks on places: real states, FIPS codes that exist in their state, counties identified. */
function placeFindings(table: DdorTableName, rows: readonly AnyRow[], context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  rows.forEach((row, index) => {
    const at = locate(table, row, index, context);
    const state = row.state;
    const stateIsCode = typeof state === 'string' && /^[A-Z]{2}$/.test(state);
    if (stateIsCode && !stateByCode(state)) {
      findings.push(finding({ severity: 'error', code: 'state-unknown', message: `${state} is not a U.S. state or DC`, ...at, field: 'state', value: state }));
    }
    const fips = row.county_fips;
    if (typeof fips === 'string' && /^\d{5}$/.test(fips)) {
      const county = countyByFips(fips);
      if (!county) findings.push(finding({ severity: 'error', code: 'county-fips-unknown', message: `${fips} is not a Census county code`, ...at, field: 'county_fips', value: fips }));
      else if (stateIsCode && county.state !== state) {
        findings.push(finding({ severity: 'error', code: 'county-fips-state-mismatch', message: `${fips} (${county.name}) is in ${county.state}, not ${state}`, ...at, field: 'county_fips', value: fips }));
      }
    }
    if (table !== TABLE.policies && fips === null && typeof row.county === 'string' && row.county !== '') {
      // Without a known state the county cannot be placed either: say so on the county too.
      const why = stateIsCode && stateByCode(state) ? resolveCounty(row.county, state) : { ok: false, reason: `county "${row.county}" cannot be placed: its state ${JSON.stringify(state ?? '')} is not known` };
      findings.push(finding({
        severity: 'warning', code: 'county-unresolved', ...at, field: 'county', value: row.county,
        message: why.ok ? `county "${row.county}" has no FIPS code` : why.reason,
      }));
    }
  });
  return findings;
}

function declinedRowFindings(rows: readonly AnyRow[], reports: ReadonlyMap<string, AnyRow>, context: ValidationContext, settings: NormaliseSettings): Finding[] {
  const findings: Finding[] = [];
  const graceMs = settings.declinedPeriodGraceDays * 86_400_000;
  const withStatus = new Map<string, number>();
  const inReport = new Map<string, number>();
  for (const row of rows) {
    const id = String(row.report_id);
    inReport.set(id, (inReport.get(id) ?? 0) + 1);
    if (row.criminal_status !== null && row.criminal_status !== undefined) withStatus.set(id, (withStatus.get(id) ?? 0) + 1);
  }
  rows.forEach((row, index) => {
    const at = locate(TABLE.declined, row, index, context);
    const { citizenship, citizenship_code: code, offense, offense_category: category } = row;
    // A report prints a status for all its rows or for none: one row without it lost it (a
    // "Convicted:" prefix read into the row above, a status cell OCR skipped).
    const statusCount = withStatus.get(String(row.report_id)) ?? 0;
    if ((row.criminal_status === null || row.criminal_status === undefined) && statusCount > 0) {
      findings.push(finding({ severity: 'warning', code: 'status-missing', message: `no Convicted or Charged read in this row; ${statusCount} of the report's ${inReport.get(String(row.report_id))} rows have one`, ...at, field: 'criminal_status', value: null }));
    }
    if (code === null && typeof citizenship === 'string' && citizenship !== '') {
      const why = resolveCountry(citizenship);
      findings.push(finding({ severity: 'warning', code: 'country-unresolved', message: why.ok ? `"${citizenship}" has no country code` : why.reason, ...at, field: 'citizenship', value: citizenship }));
    }
    if (category === 'Unclassified' && typeof offense === 'string' && offense !== '') {
      findings.push(finding({ severity: 'info', code: 'offense-unclassified', message: `"${offense}" matches no rule in data/offense-categories.csv`, ...at, field: 'offense', value: offense }));
    }
    const issued = row.detainer_issued;
    const declined = row.detainer_declined;
    if (typeof issued === 'string' && typeof declined === 'string' && ISO_DATE.test(issued) && ISO_DATE.test(declined) && issued > declined) {
      findings.push(finding({ severity: 'warning', code: 'issued-after-declined', message: `issued ${issued} is after declined ${declined}`, ...at, field: 'detainer_issued', value: issued }));
    }
    const report = reports.get(String(row.report_id));
    const start = report?.period_start;
    const end = report?.period_end;
    if (typeof declined === 'string' && ISO_DATE.test(declined) && typeof start === 'string' && typeof end === 'string') {
      const time = Date.parse(declined);
      if (time < Date.parse(start) - graceMs || time > Date.parse(end) + graceMs) {
        findings.push(finding({ severity: 'warning', code: 'declined-outside-period', message: `declined ${declined} is outside the report period ${start} – ${end}`, ...at, field: 'detainer_declined', value: declined }));
      }
    }
  });
  return findings;
}

function policyRowFindings(rows: readonly AnyRow[], context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  rows.forEach((row, index) => {
    const at = locate(TABLE.policies, row, index, context);
    const jurisdiction = typeof row.jurisdiction === 'string' ? row.jurisdiction : '';
    const unresolvedCounty = row.jurisdiction_type === 'county' && row.county_fips === null;
    if (jurisdiction !== '' && (row.state === null || unresolvedCounty)) {
      const why = resolveJurisdiction(jurisdiction);
      const message = (why.ok ? why.note : why.reason) ?? `"${jurisdiction}" could not be placed`;
      findings.push(finding({ severity: 'warning', code: 'jurisdiction-unresolved', message, ...at, field: 'jurisdiction', value: jurisdiction }));
    }
    if (row.date_enacted === null) {
      findings.push(finding({ severity: 'warning', code: 'date-enacted-missing', message: 'the report gives no date this policy was enacted', ...at, field: 'date_enacted', value: null }));
    }
  });
  return findings;
}

/** A report's extracted rows against its own stated totals and the published figures. */
function reportFindings(dataset: DdorDraft, context: ValidationContext, settings: NormaliseSettings): Finding[] {
  const findings: Finding[] = [];
  dataset.reports.forEach((report, index) => {
    const id = String(report.report_id);
    const at = { ...locate(TABLE.reports, report, index, context), row: index + 1 };
    // Rows that disagree with a total the report states are an error: rows were lost or invented.
    const mismatch = (code: string, field: string, message: string, value: unknown, severity: 'error' | 'warning' = 'warning') =>
      findings.push(finding({ severity, code, message, ...at, field, value: text(value) }));
    const top = dataset.top_jurisdictions.filter((r) => r.report_id === id);
    const declined = dataset.declined_detainers.filter((r) => r.report_id === id);
    const topSum = top.reduce((sum, r) => sum + (typeof r.issued_detainers === 'number' ? r.issued_detainers : 0), 0);
    // A corrected edition that removed Section I rows prints fewer on purpose, and keeps the
    // original's stated total.
    const removedByEdition = String(report.edition).startsWith('corrected') && top.length < settings.topJurisdictionRows;
    // Why the ranks (each row's place in the table) may be off, if they may.
    const rankDoubts: string[] = [];
    // Whether every Section I count is already named as doubtful, by the stated total.
    let countsNamed = false;
    if (typeof report.top_ten_issued === 'number' && top.length > 0 && topSum !== report.top_ten_issued) {
      // The report itself explains a corrected edition's gap: a warning there, an error anywhere else.
      const explained = removedByEdition;
      mismatch('top-ten-sum-mismatch', 'top_ten_issued', `Section I rows add up to ${topSum}, the report states ${report.top_ten_issued}${explained ? ' (this corrected edition removed Section I rows)' : ''}`, report.top_ten_issued, explained ? 'warning' : 'error');
      // Which count is wrong (a digit OCR lost, "11" read "1") the sum cannot say: each row's
      // count is named, so every row goes to review rather than none.
      if (!explained) {
        countsNamed = true;
        findings.push(...top.map((row, i) => finding({
          severity: 'warning', code: 'count-unconfirmed', ...locate(TABLE.top, row, i, context), field: 'issued_detainers', value: text(row.issued_detainers),
          message: `Section I rows add up to ${topSum}, the report states ${report.top_ten_issued}: this count is one of the figures that disagree`,
        })));
        // Two rows read as one (a count OCR lost) or a row lost also changes the sum.
        rankDoubts.push(`Section I rows add up to ${topSum}, the report states ${report.top_ten_issued}`);
      }
    }
    // Section I ranks jurisdictions by the detainers they were issued, most first: a count above
    // the one printed before it is a misread digit in one of the two ("104" read "164"). This
    // names the rows where no stated total was read, or the rows add up to it by chance. A count
    // that did not read as a number sits out, and the order holds across it ("122" read "12", then
    // one unread, then 85: fresh seed 155819046, 200 DPI, silent).
    if (!countsNamed) {
      const breaks = new Map<number, string>();
      let previous = -1;
      top.forEach((row, i) => {
        const count = row.issued_detainers;
        if (typeof count !== 'number') return;
        const before = top[previous]?.issued_detainers;
        if (typeof before === 'number' && count > before) {
          const why = `Section I ranks by detainers issued, most first, but prints ${count} after ${before}: this count or its neighbour is misread`;
          breaks.set(previous, why).set(i, why);
        }
        previous = i;
      });
      findings.push(...[...breaks].sort(([a], [b]) => a - b).map(([i, message]) => finding({
        severity: 'warning', code: 'count-out-of-order', ...locate(TABLE.top, top[i]!, i, context), field: 'issued_detainers', value: text(top[i]!.issued_detainers), message,
      })));
    }
    if (top.length > 0 && top.length !== settings.topJurisdictionRows) {
      mismatch('top-ten-row-count', 'top_ten_issued', `Section I has ${top.length} rows, expected ${settings.topJurisdictionRows}`, top.length);
      // A rank is the row's place in the table: a row read twice, or one lost, moves the ranks
      // after it, and which rows those are the count cannot say.
      if (!removedByEdition) rankDoubts.push(`Section I has ${top.length} rows, expected ${settings.topJurisdictionRows}`);
    }
    // A count that is not one number ("59 ———— 47", or none) marks rows read as one, or one read
    // as two: the ranks after it may be off, though the rows number ten.
    const unread = top.filter((r) => typeof r.issued_detainers !== 'number').length;
    if (unread > 0 && top.length === settings.topJurisdictionRows) rankDoubts.push(`${unread} Section I count${unread > 1 ? 's' : ''} did not read as one number`);
    // So does a place that is not one Census county ("Polk, Oregon ... Harris, Texas": two rows
    // read as one, beside a junk row read from the text after the table), unless the rows add
    // up to the stated total, which a merged or lost row would change.
    const unplaced = top.filter((r) => r.county_fips == null).length;
    const sumConfirmed = typeof report.top_ten_issued === 'number' && topSum === report.top_ten_issued;
    if (unplaced > 0 && top.length === settings.topJurisdictionRows && !sumConfirmed) rankDoubts.push(`${unplaced} Section I place${unplaced > 1 ? 's' : ''} did not read as one county`);
    if (rankDoubts.length) findings.push(...top.map((row, i) => finding({
      severity: 'warning', code: 'rank-unconfirmed', ...locate(TABLE.top, row, i, context), field: 'rank', value: text(row.rank),
      message: `${rankDoubts.join('; ')}: this rank (the row's place) may be off`,
    })));
    if (typeof report.declined_count === 'number' && report.declined_count !== declined.length) {
      mismatch('declined-count-mismatch', 'declined_count', `declined_count is ${report.declined_count} but ${declined.length} Section II rows were extracted`, report.declined_count, 'error');
    }
    const stated = context.statedCounts?.[id];
    if (!stated) return;
    const compare = (what: string, field: string, expected: number | undefined, actual: unknown, severity: 'error' | 'warning' = 'warning') => {
      if (expected !== undefined && actual !== expected) {
        mismatch('stated-count-mismatch', field, `${what}: extracted ${JSON.stringify(actual)}, published ${expected}`, actual, severity);
      }
    };
    compare('detainers issued', 'detainers_issued', stated.detainers_issued, report.detainers_issued);
    compare('issued to the top ten', 'top_ten_issued', stated.top_ten_issued, report.top_ten_issued);
    compare('declined detainers', 'declined_count', stated.declined, declined.length, 'error');
    compare('convicted', 'declined_count', stated.convicted, declined.filter((r) => r.criminal_status === 'convicted').length);
    compare('charged', 'declined_count', stated.charged, declined.filter((r) => r.criminal_status === 'charged').length);
  });
  return findings;
}

function unknownReportFindings(dataset: DdorDraft, reportIds: ReadonlySet<string>, context: ValidationContext): Finding[] {
  return ([TABLE.top, TABLE.declined, TABLE.policies] as const).flatMap((table) =>
    dataset[table].flatMap((row, index) => reportIds.has(String(row.report_id)) ? [] : [finding({
      severity: 'error', code: 'report-unknown', message: `no reports row has report_id ${JSON.stringify(row.report_id)}`,
      ...locate(table, row, index, context), field: 'report_id', value: text(row.report_id),
    })]));
}

export interface ValidatedDraft {
  /** Every finding about the draft, in reading order (table, then row). */
  findings: Finding[];
  /** The rows that satisfy the contract, typed, ready for the writer. */
  dataset: DdorDataset;
  /** The rows that do not, each with its reasons. Nothing is dropped: every row is in one of the two. */
  quarantined: QuarantinedRow<DdorTableName>[];
}

/** Validates a draft: each row is parsed against its table's schema once, then the cross-checks run. */
export function validateDraft(draft: DdorDraft, context: ValidationContext): ValidatedDraft {
  const settings = normaliseSettings(context.settings);
  const checked = {
    reports: checkTable(TABLE.reports, ReportSchema, draft.reports, context),
    top_jurisdictions: checkTable(TABLE.top, TopJurisdictionSchema, draft.top_jurisdictions, context),
    declined_detainers: checkTable(TABLE.declined, DeclinedDetainerSchema, draft.declined_detainers, context),
    policy_jurisdictions: checkTable(TABLE.policies, PolicyJurisdictionSchema, draft.policy_jurisdictions, context),
  } satisfies Record<DdorTableName, unknown>;
  const reports = new Map(draft.reports.map((r): [string, AnyRow] => [String(r.report_id), r]));
  const findings: Finding[] = [];
  for (const table of DDOR_TABLES) {
    const rows: readonly AnyRow[] = draft[table.name];
    findings.push(...checked[table.name].findings);
    findings.push(...duplicateFindings(table.name, rows, table.primaryKey, 'error', 'duplicate-key', context));
    if (table.name === TABLE.declined) findings.push(...duplicateFindings(table.name, rows, RECORD_IDENTITY, 'warning', 'duplicate-row', context));
    else if ('identity' in table) findings.push(...duplicateFindings(table.name, rows, table.identity, 'warning', 'duplicate-row', context));
    if (table.name !== TABLE.reports) findings.push(...placeFindings(table.name, rows, context));
  }
  findings.push(...unknownReportFindings(draft, new Set(reports.keys()), context));
  findings.push(...declinedRowFindings(draft.declined_detainers, reports, context, settings));
  findings.push(...policyRowFindings(draft.policy_jurisdictions, context));
  findings.push(...reportFindings(draft, context, settings));
  return {
    findings: inReadingOrder(findings),
    dataset: {
      reports: checked.reports.valid,
      top_jurisdictions: checked.top_jurisdictions.valid,
      declined_detainers: checked.declined_detainers.valid,
      policy_jurisdictions: checked.policy_jurisdictions.valid,
    },
    quarantined: DDOR_TABLES.flatMap((table) => checked[table.name].quarantined),
  };
}

/** Table by table (contract order), row by row; checks on one row keep the order they ran in. */
function inReadingOrder(findings: Finding[]): Finding[] {
  const tableOrder = (f: Finding) => DDOR_TABLES.findIndex((t) => t.name === f.table);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => tableOrder(a.f) - tableOrder(b.f) || (a.f.row ?? 0) - (b.f.row ?? 0) || a.i - b.i)
    .map(({ f }) => f);
}
