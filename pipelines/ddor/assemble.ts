/**
 * One report's extraction → the contract's rows. Each printed cell is normalised (state, county,
 * country, dates, offence), every guess or failure becomes a finding that names the file, page and
 * row, and each row keeps the provenance of its cells (page, boxes, confidence, raw OCR text).
 * A row that cannot satisfy the contract (a date that does not parse, an empty facility) is never
 * dropped: it goes to the quarantine with its printed cells and reasons.
 */
import { finding, type Finding, type Severity } from '../../src/findings.ts';
import type { SourceDocument } from '../../src/family.ts';
import type { CellProvenance, QuarantinedRow, RowProvenance } from '../../src/provenance.ts';
import type { CellValue, ExtractedRow, ExtractionResult } from '../../src/table/extract.ts';
import type { DeclinedDetainer, PolicyJurisdiction, Report, TopJurisdiction } from './contract.ts';
import { readMetadata, type ReportMetadata } from './metadata.ts';
import { parseMonthYear, parseUsDate } from './normalise/dates.ts';
import { resolveCountry } from './normalise/countries.ts';
import { resolveCountyState, resolveJurisdiction, splitJurisdictionAor } from './normalise/jurisdictions.ts';
import { classifyOffense, parseCriminalStatus, splitStatusPrefix } from './normalise/offenses.ts';
import { resolveCounty, resolveState } from './normalise/places.ts';
import { collapseWhitespace } from './normalise/text.ts';
import { assignRecordIds } from './record-id.ts';
import { cleanOcrRow, type Correction } from './ocr-cleanup.ts';

export interface AssembledReport {
  report: Report;
  top_jurisdictions: TopJurisdiction[];
  declined_detainers: DeclinedDetainer[];
  policy_jurisdictions: PolicyJurisdiction[];
  findings: Finding[];
  provenance: RowProvenance[];
  quarantine: QuarantinedRow[];
}

export class ReportStructureError extends Error {}

const textOf = (row: ExtractedRow, field: string) => collapseWhitespace(row.cells[field]?.text ?? '');
const BULLET_LINE = /^\s*[•●▪◦·∙]\s*/;
const TOTAL_LINE = /^(grand\s+)?total\b/i;

/** Splits a criteria cell into its bullet points (one entry per bullet, wrapped lines joined). */
export function splitBullets(cell: CellValue | undefined): string[] {
  if (!cell) return [];
  const entries: string[] = [];
  for (const line of cell.lines) {
    const parts = line.split(/\s*[•●▪◦∙]\s+/);
    parts.forEach((part, i) => {
      const text = collapseWhitespace(part);
      const startsBullet = i > 0 || BULLET_LINE.test(line);
      if (!text) return;
      if (startsBullet || entries.length === 0) entries.push(text);
      else entries[entries.length - 1] = `${entries[entries.length - 1]} ${text}`;
    });
  }
  return entries;
}

function provenanceOf(row: ExtractedRow, corrections: readonly Correction[]): Record<string, CellProvenance> {
  const cells: Record<string, CellProvenance> = {};
  for (const [field, cell] of Object.entries(row.cells)) {
    const correction = corrections.find((c) => c.field === field);
    cells[field] = {
      text: correction ? correction.corrected : collapseWhitespace(cell.text),
      ...(correction ? { raw: correction.raw } : {}),
      boxes: cell.boxes,
      confidence: correction ? Math.min(cell.confidence, correction.confidence) : cell.confidence,
    };
  }
  return cells;
}

const rowConfidence = (cells: Record<string, CellProvenance>) =>
  Math.min(1, ...Object.values(cells).map((c) => c.confidence));

function tableRows(extraction: ExtractionResult, name: string): ExtractedRow[] {
  return extraction.tables.filter((t) => t.spec === name).flatMap((t) => t.rows);
}

export function assembleReport(extraction: ExtractionResult, source: SourceDocument, meta: ReportMetadata = readMetadata(extraction.text)): AssembledReport {
  const findings: Finding[] = [];
  const provenance: RowProvenance[] = [];
  const quarantine: QuarantinedRow[] = [];
  const note = (severity: Severity, code: string, message: string, at: { page?: number | null; table?: string; row?: number; field?: string; value?: string } = {}) =>
    findings.push(finding({ severity, code, message, file: source.file, page: at.page ?? null, table: at.table ?? null, row: at.row ?? null, field: at.field ?? null, value: at.value ?? null }));

  if (!meta.period_start || !meta.period_end) {
    throw new ReportStructureError(`${source.file}: cannot find the reporting period (e.g. "For Recorded Declined Detainers Jan. 28 – Feb. 3, 2017") in the first lines of the report; is this a Declined Detainer Outcome Report?`);
  }
  const reportId = `ddor-${meta.period_start}`;
  for (const [name, label] of [['top_jurisdictions', 'Section I'], ['declined_detainers', 'Section II'], ['policy_jurisdictions', 'Section III']] as const) {
    const count = extraction.tables.filter((t) => t.spec === name).length;
    if (count === 0) note('error', 'table-not-found', `${label} table not found: no header row matched its column names (see --debug to inspect the pages)`, { table: name });
    if (count > 1) note('warning', 'table-split', `${label} was found as ${count} separate tables; their rows were joined in page order`, { table: name });
  }
  if (meta.detainers_issued === null) note('warning', 'stated-total-missing', 'the week\'s national detainer total ("ICE issued N detainers") was not found in the text');
  if (meta.top_ten_issued === null) note('warning', 'stated-total-missing', 'the Section I top-ten total was not found in the text');

  // Section I
  const top: TopJurisdiction[] = [];
  let printedTotal: { value: number; page: number } | null = null;
  for (const row of tableRows(extraction, 'top_jurisdictions')) {
    const where = { page: row.page, table: 'top_jurisdictions', row: row.index };
    const countyState = textOf(row, 'county_state');
    const issuedText = textOf(row, 'issued_detainers').replace(/,/g, '');
    if (TOTAL_LINE.test(countyState)) { printedTotal = { value: Number(issuedText), page: row.page }; continue; }
    const rank = top.length + 1;
    const reasons: string[] = [];
    const place = resolveCountyState(countyState);
    if (!place.ok) reasons.push(place.reason);
    else if (place.note) note('info', 'county-guessed', place.note, { ...where, field: 'county_state', value: countyState });
    if (!/^\d+$/.test(issuedText)) reasons.push(`issued detainers "${issuedText}" is not a whole number`);
    const cells = provenanceOf(row, []);
    if (reasons.length || !place.ok) {
      quarantine.push({ table: 'top_jurisdictions', file: source.file, page: row.page, row: row.index, printed: { county_state: countyState, issued_detainers: issuedText }, reasons });
      for (const reason of reasons) note('error', 'row-quarantined', reason, { ...where, value: countyState });
      continue;
    }
    top.push({ report_id: reportId, rank, county: place.value.county, state: place.value.state, county_fips: place.value.county_fips, issued_detainers: Number(issuedText) });
    provenance.push({ table: 'top_jurisdictions', key: `${reportId}#${rank}`, source_sha256: source.sha256, row: rank, page: row.page, source: row.source, confidence: rowConfidence(cells), cells });
  }
  if (printedTotal) {
    const sum = top.reduce((s, r) => s + r.issued_detainers, 0);
    if (sum !== printedTotal.value) note('warning', 'total-mismatch', `Section I rows add up to ${sum} but its Total line prints ${printedTotal.value}`, { page: printedTotal.page, table: 'top_jurisdictions' });
  }

  // Section II
  interface Pending { row: Omit<DeclinedDetainer, 'record_id'>; cells: Record<string, CellProvenance>; source: 'text' | 'ocr' }
  const pending: Pending[] = [];
  const sectionII = tableRows(extraction, 'declined_detainers');
  const cleaned = (row: ExtractedRow) => cleanOcrRow(sectionII, row);
  for (const [i, row] of sectionII.entries()) {
    const where = { page: row.page, table: 'declined_detainers', row: i + 1 };
    const corrections = row.source === 'ocr' ? cleaned(row) : [];
    for (const c of corrections) note('info', 'ocr-corrected', `OCR read "${c.raw}", corrected to "${c.corrected}" (${c.reason})`, { ...where, field: c.field, value: c.raw });
    const cells = provenanceOf(row, corrections);
    const printed = Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.text]));
    const get = (field: string) => printed[field] ?? '';
    const reasons: string[] = [];
    const fail = (field: string, reason: string) => { reasons.push(reason); note('error', 'value-unparsable', reason, { ...where, field, value: get(field) }); };

    const state = resolveState(get('state'));
    if (!state.ok) fail('state', state.reason);
    let county = get('county');
    let countyFips: string | null = null;
    if (state.ok) {
      const resolved = resolveCounty(county, state.value);
      if (resolved.ok) {
        ({ county, county_fips: countyFips } = resolved.value);
        if (resolved.note) note('info', 'county-guessed', resolved.note, { ...where, field: 'county', value: get('county') });
      } else note('warning', 'county-unknown', resolved.reason, { ...where, field: 'county', value: get('county') });
    }
    if (!county) fail('county', 'the county is empty');
    const facility = get('facility');
    if (!facility) fail('facility', 'the facility is empty');
    const citizenship = get('citizenship');
    if (!citizenship) fail('citizenship', 'the citizenship is empty');
    const country = citizenship ? resolveCountry(citizenship) : null;
    if (country && !country.ok) note('warning', 'country-unknown', country.reason, { ...where, field: 'citizenship', value: citizenship });
    const issued = parseUsDate(get('detainer_issued'));
    if (!issued.ok) fail('detainer_issued', issued.reason);
    const declined = parseUsDate(get('detainer_declined'));
    if (!declined.ok) fail('detainer_declined', declined.reason);

    const prefixed = splitStatusPrefix(get('activity'));
    let status = prefixed.status;
    if ('status' in printed) {
      const column = parseCriminalStatus(get('status'));
      if (column.ok) status = column.value ?? status;
      else note('warning', 'status-unknown', column.reason, { ...where, field: 'status', value: get('status') });
    }
    const offense = prefixed.offense;
    if (!offense) fail('activity', 'the criminal activity is empty');
    const category = classifyOffense(offense);
    const offenseCategory = category.ok ? category.value : 'Unclassified';
    if (offenseCategory === 'Unclassified') note('info', 'offense-unclassified', `"${offense}" is not in data/offense-categories.csv; classified as Unclassified`, { ...where, field: 'activity', value: offense });

    if (reasons.length || !state.ok || !issued.ok || !declined.ok) {
      quarantine.push({ table: 'declined_detainers', file: source.file, page: row.page, row: i + 1, printed, reasons });
      continue;
    }
    pending.push({
      source: row.source, cells,
      row: {
        report_id: reportId, row: i + 1, state: state.value, county, county_fips: countyFips,
        city: 'city' in printed ? (get('city') || null) : null,
        facility, citizenship, citizenship_code: country?.ok ? country.value : null,
        detainer_issued: issued.value, detainer_declined: declined.value,
        criminal_status: status, offense, offense_category: offenseCategory,
        page: row.page, source: row.source, confidence: rowConfidence(cells),
      },
    });
  }
  const ids = assignRecordIds(pending.map((p) => ({ ...p.row })));
  const declinedRows: DeclinedDetainer[] = pending.map((p, i) => ({ record_id: ids[i]!, ...p.row }));
  for (const [i, p] of pending.entries()) {
    provenance.push({ table: 'declined_detainers', key: ids[i]!, source_sha256: source.sha256, row: p.row.row, page: p.row.page, source: p.source, confidence: p.row.confidence, cells: p.cells });
  }

  // Section III
  const policies: PolicyJurisdiction[] = [];
  for (const [i, row] of tableRows(extraction, 'policy_jurisdictions').entries()) {
    const where = { page: row.page, table: 'policy_jurisdictions', row: i + 1 };
    const cells = provenanceOf(row, []);
    const printedJurisdiction = textOf(row, 'jurisdiction');
    const split = splitJurisdictionAor(printedJurisdiction);
    if (!split.ok) {
      note('error', 'value-unparsable', split.reason, { ...where, field: 'jurisdiction', value: printedJurisdiction });
      quarantine.push({ table: 'policy_jurisdictions', file: source.file, page: row.page, row: i + 1, printed: Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, c.text])), reasons: [split.reason] });
      continue;
    }
    if (split.note) note('warning', 'aor-missing', split.note, { ...where, field: 'jurisdiction', value: printedJurisdiction });
    const place = resolveJurisdiction(split.value.jurisdiction);
    if (place.ok && place.note) note('info', 'jurisdiction-guessed', place.note, { ...where, field: 'jurisdiction', value: split.value.jurisdiction });
    const enacted = parseMonthYear(textOf(row, 'date_enacted'));
    if (!enacted.ok) note('warning', 'date-unparsable', enacted.reason, { ...where, field: 'date_enacted', value: textOf(row, 'date_enacted') });
    policies.push({
      report_id: reportId, row: i + 1, jurisdiction: split.value.jurisdiction, aor: split.value.aor,
      state: place.ok ? place.value.state : null,
      jurisdiction_type: place.ok ? place.value.jurisdiction_type : 'other',
      county_fips: place.ok ? place.value.county_fips : null,
      date_enacted: enacted.ok ? enacted.value : null,
      policy: textOf(row, 'policy'),
      criteria: splitBullets(row.cells.criteria),
    });
    provenance.push({ table: 'policy_jurisdictions', key: `${reportId}#${i + 1}`, source_sha256: source.sha256, row: i + 1, page: row.page, source: row.source, confidence: rowConfidence(cells), cells });
  }

  const edition = source.edition ?? (meta.corrected_on ? `corrected-${meta.corrected_on}` : 'original');
  const report: Report = {
    report_id: reportId,
    edition,
    title: meta.title ?? 'Declined Detainer Outcome Report',
    period_start: meta.period_start,
    period_end: meta.period_end,
    published: source.published,
    detainers_issued: meta.detainers_issued,
    top_ten_issued: meta.top_ten_issued,
    declined_count: declinedRows.length,
    source_url: source.url,
    source_sha256: source.sha256,
    page_count: source.pageCount,
    scope_text: meta.scope_text,
  };
  return { report, top_jurisdictions: top, declined_detainers: declinedRows, policy_jurisdictions: policies, findings, provenance, quarantine };
}
