/**
 * Printed table cells → dataset rows, for the extraction engine to call once per printed row.
 *
 * A field that could not be normalised keeps its printed text (a "draft" row), so nothing is
 * dropped and `validateDataset` can name the cell and say exactly what is wrong with it. The
 * notes returned here are only the guesses on values that *were* resolved (a keyword-classified
 * offence, a county chosen over a same-named city, a missing AOR): everything unresolved is
 * reported once, by validation.
 */
import { TABLE, type DdorTableName, type DeclinedDetainer, type PolicyJurisdiction, type Report, type TopJurisdiction } from '../contract.ts';
import { assignRecordIds } from '../record-id.ts';
import { finding, type Finding, type Severity } from '../../../src/findings.ts';
import { parseMonthYear, parseUsDate } from './dates.ts';
import { resolveCountry } from './countries.ts';
import { resolveJurisdiction, splitJurisdictionAor, splitTrailingState } from './jurisdictions.ts';
import { classifyOffense, parseCriminalStatus, splitStatus } from './offenses.ts';
import { resolveCounty, resolveState } from './places.ts';
import { resolved, unresolved, type Resolved } from './resolved.ts';
import { DEFAULT_SETTINGS, type NormaliseSettings } from './settings.ts';
import { collapseWhitespace } from './text.ts';

/** A row whose fields hold their normal form, or the printed text where normalising failed. */
export type Draft<T> = { [K in keyof T]: T[K] | string };
/** Sections I and III have no page column; a draft may still say where it was printed. */
export type Located<T> = T & { page?: number | null };

export type ReportDraft = Draft<Report>;
export type TopJurisdictionDraft = Located<Draft<TopJurisdiction>>;
export type DeclinedDetainerDraft = Draft<DeclinedDetainer>;
export type PolicyJurisdictionDraft = Located<Draft<PolicyJurisdiction>>;

/** Cells of a Section I row, keyed as in layout.ts. */
export interface PrintedTopJurisdiction {
  county_state: string;
  issued_detainers: string;
}

/**
 * Cells of a Section II row, keyed as in layout.ts. `status` only when the report has its own
 * Convicted/Charged column; otherwise a status prefix inside `activity` is used.
 */
export interface PrintedDeclinedDetainer {
  state: string;
  county: string;
  city?: string;
  facility: string;
  citizenship: string;
  detainer_issued: string;
  detainer_declined: string;
  activity: string;
  status?: string;
}

/** Cells of a Section III row; `criteria` as one cell with "•" bullets, or already split. */
export interface PrintedPolicyJurisdiction {
  jurisdiction: string;
  date_enacted: string;
  policy: string;
  criteria: string | readonly string[];
}

/** Where a printed row came from; `row` is the 1-based order in its table (the rank in Section I). */
export interface RowOrigin {
  file: string;
  report_id: string;
  row: number;
  page: number | null;
}

export interface SectionIIOrigin extends RowOrigin {
  page: number;
  source: 'text' | 'ocr';
  /** Lowest cell confidence in the row, 0..1 (1 for the text layer). */
  confidence: number;
}

export interface Normalised<T> {
  row: T;
  notes: Finding[];
}

/** Section III cells that mean "no date" rather than a misprinted one. */
const NO_DATE = /^(|n\/?a|none|unknown|not known|-+|–|—)$/i;
const BULLET = /[•●▪◦]/;

/** "1,234" or "51" → 1234 / 51. */
export function parseCount(text: string): Resolved<number> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the number is empty');
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(printed)) return unresolved(`"${printed}" is not a whole number`);
  return resolved(Number(printed.replace(/,/g, '')));
}

/** One entry per "•" bullet, bullets removed; a cell without bullets is one entry. */
export function splitCriteria(cell: string | readonly string[]): string[] {
  const pieces = typeof cell === 'string' ? cell.split(BULLET) : cell;
  return pieces.map(collapseWhitespace).filter((p) => p !== '');
}

function noteMaker(origin: RowOrigin, table: DdorTableName) {
  const notes: Finding[] = [];
  const note = (severity: Severity, code: string, field: string, value: string, message: string | undefined) => {
    if (message === undefined) return;
    notes.push(finding({ severity, code, message, file: origin.file, page: origin.page, table, row: origin.row, field, value }));
  };
  return { notes, note };
}

/** A Section I row: "Clark, Nevada" | "51" → Clark County, NV, 32003, 51. */
export function normaliseTopJurisdiction(cells: PrintedTopJurisdiction, origin: RowOrigin): Normalised<TopJurisdictionDraft> {
  const { notes, note } = noteMaker(origin, TABLE.top);
  const printed = collapseWhitespace(cells.county_state);
  const split = splitTrailingState(printed);
  const county = split && resolveCounty(split.place, split.code);
  if (split && !split.comma) note('info', 'state-without-comma', 'state', printed, `no comma in "${printed}"; read the state from its last words`);
  if (split && county?.ok) note('info', 'county-guessed', 'county', split.place, county.note);
  const issued = parseCount(cells.issued_detainers);
  return {
    row: {
      report_id: origin.report_id,
      rank: origin.row,
      county: county?.ok ? county.value.county : (split?.place ?? printed),
      state: split?.code ?? printed,
      county_fips: county?.ok ? county.value.county_fips : null,
      issued_detainers: issued.ok ? issued.value : collapseWhitespace(cells.issued_detainers),
      page: origin.page,
    },
    notes,
  };
}

function criminalStatus(cells: PrintedDeclinedDetainer, prefixed: ReturnType<typeof splitStatus>, note: ReturnType<typeof noteMaker>['note']) {
  if (cells.status === undefined || collapseWhitespace(cells.status) === '') return prefixed.status;
  const column = parseCriminalStatus(cells.status);
  if (!column.ok) return collapseWhitespace(cells.status);
  if (prefixed.status !== null && column.value !== prefixed.status) {
    note('warning', 'status-conflict', 'criminal_status', cells.status,
      `the status column says ${column.value} but the activity cell starts "${prefixed.status}"; kept the column`);
  }
  return column.value;
}

/** A Section II row without its record_id (see normaliseDeclinedDetainers). */
export function normaliseDeclinedDetainer(
  cells: PrintedDeclinedDetainer,
  origin: SectionIIOrigin,
  settings: NormaliseSettings = DEFAULT_SETTINGS,
): Normalised<Omit<DeclinedDetainerDraft, 'record_id'>> {
  const { notes, note } = noteMaker(origin, TABLE.declined);
  const state = resolveState(cells.state);
  const county = state.ok ? resolveCounty(cells.county, state.value) : undefined;
  if (county?.ok) note('info', 'county-guessed', 'county', cells.county, county.note);
  const country = resolveCountry(cells.citizenship);
  const issued = parseUsDate(cells.detainer_issued, settings);
  const declined = parseUsDate(cells.detainer_declined, settings);
  const prefixed = splitStatus(cells.activity);
  const category = classifyOffense(prefixed.offense);
  // Unclassified offences are reported by validation, with the printed text.
  if (category.ok && category.value !== 'Unclassified') note('info', 'offense-guessed', 'offense_category', prefixed.offense, category.note);
  return {
    row: {
      report_id: origin.report_id,
      row: origin.row,
      state: state.ok ? state.value : collapseWhitespace(cells.state),
      county: county?.ok ? county.value.county : collapseWhitespace(cells.county),
      county_fips: county?.ok ? county.value.county_fips : null,
      city: cells.city === undefined ? null : collapseWhitespace(cells.city) || null,
      facility: collapseWhitespace(cells.facility),
      citizenship: collapseWhitespace(cells.citizenship),
      citizenship_code: country.ok ? country.value : null,
      detainer_issued: issued.ok ? issued.value : collapseWhitespace(cells.detainer_issued),
      detainer_declined: declined.ok ? declined.value : collapseWhitespace(cells.detainer_declined),
      criminal_status: criminalStatus(cells, prefixed, note),
      offense: prefixed.offense,
      offense_category: category.ok ? category.value : 'Unclassified',
      page: origin.page,
      source: origin.source,
      confidence: origin.confidence,
    },
    notes,
  };
}

/** All Section II rows of a run, with record ids assigned in printed order (record-id.ts). */
export function normaliseDeclinedDetainers(
  printed: readonly { cells: PrintedDeclinedDetainer; origin: SectionIIOrigin }[],
  settings: NormaliseSettings = DEFAULT_SETTINGS,
): Normalised<DeclinedDetainerDraft[]> {
  const results = printed.map(({ cells, origin }) => normaliseDeclinedDetainer(cells, origin, settings));
  const ids = assignRecordIds(results.map((r) => r.row));
  return {
    row: results.map((r, i) => ({ record_id: ids[i]!, ...r.row })),
    notes: results.flatMap((r) => r.notes),
  };
}

/** A Section III row: splits the AOR off, resolves the jurisdiction, dates and bullets. */
export function normalisePolicyJurisdiction(
  cells: PrintedPolicyJurisdiction,
  origin: RowOrigin,
  settings: NormaliseSettings = DEFAULT_SETTINGS,
): Normalised<PolicyJurisdictionDraft> {
  const { notes, note } = noteMaker(origin, TABLE.policies);
  const split = splitJurisdictionAor(cells.jurisdiction);
  const jurisdiction = split.ok ? split.value.jurisdiction : '';
  if (split.ok) note('warning', 'aor-missing', 'aor', cells.jurisdiction, split.note);
  const place = resolveJurisdiction(jurisdiction);
  const value = place.ok ? place.value : { jurisdiction_type: 'other' as const, state: null, county_fips: null };
  // Validation reports jurisdictions without a state and counties without a FIPS code.
  const flaggedLater = value.state === null || (value.jurisdiction_type === 'county' && value.county_fips === null);
  if (place.ok && !flaggedLater) note('info', 'jurisdiction-guessed', 'jurisdiction', jurisdiction, place.note);
  const dateText = collapseWhitespace(cells.date_enacted);
  const date = NO_DATE.test(dateText) ? null : parseMonthYear(dateText, settings);
  return {
    row: {
      report_id: origin.report_id,
      row: origin.row,
      jurisdiction,
      aor: split.ok ? split.value.aor : null,
      state: value.state,
      jurisdiction_type: value.jurisdiction_type,
      county_fips: value.county_fips,
      date_enacted: date === null ? null : date.ok ? date.value : dateText,
      policy: collapseWhitespace(cells.policy),
      criteria: splitCriteria(cells.criteria),
      page: origin.page,
    },
    notes,
  };
}
