/**
 * One report's extraction → draft rows of the contract's tables. The printed cells of every
 * extracted row go through the normalisers (normalise/rows.ts); OCR'd Section II cells are first
 * checked by column-aware cleanup (ocr-cleanup.ts), each correction recorded. Every row keeps the
 * provenance of its cells (page, boxes, confidence, raw OCR text). Drafts that break the contract
 * are not dropped here: validation flags them and moves them to the quarantine (family.ts).
 */
import type { SourceDocument } from '../../src/family.ts';
import { finding, type Finding } from '../../src/findings.ts';
import type { CellProvenance, RowProvenance } from '../../src/provenance.ts';
import type { ExtractedRow, ExtractionResult } from '../../src/table/extract.ts';
import { TABLE } from './contract.ts';
import type { DdorDraft } from './validate.ts';
import { periodLineAsRead, readMetadata, type ReportMetadata } from './metadata.ts';
import { cleanOcrRow, type Correction } from './ocr-cleanup.ts';
import {
  normaliseDeclinedDetainers, normalisePolicyJurisdiction, normaliseTopJurisdiction, type PrintedDeclinedDetainer,
} from './normalise/rows.ts';
import { collapseWhitespace } from './normalise/text.ts';

export interface AssembledReport {
  drafts: DdorDraft;
  findings: Finding[];
  provenance: RowProvenance[];
}

export class ReportStructureError extends Error {}

/** The Section I total line; OCR may read its final l as 1, I or |, or lose it. */
const TOTAL_LINE = /^(grand\s+)?tota[l1|i]?\b/i;
const SECTIONS = [[TABLE.top, 'Section I'], [TABLE.declined, 'Section II'], [TABLE.policies, 'Section III']] as const;

function provenanceCells(row: ExtractedRow, corrections: readonly Correction[] = []): Record<string, CellProvenance> {
  const cells: Record<string, CellProvenance> = {};
  for (const [field, cell] of Object.entries(row.cells)) {
    const correction = corrections.find((c) => c.field === field);
    cells[field] = {
      text: correction ? correction.corrected : collapseWhitespace(cell.text),
      // The page OCR's own reading first: a second look (src/ocr/recheck.ts) may precede cleanup.
      ...(cell.firstReading !== undefined ? { raw: cell.firstReading } : correction ? { raw: correction.raw } : cell.unsanitised !== undefined ? { raw: cell.unsanitised } : {}),
      boxes: cell.boxes,
      confidence: correction ? Math.min(cell.confidence, correction.confidence) : cell.confidence,
    };
  }
  // A value cleanup gave a cell OCR read nothing in (a state lost, taken from the county): it has
  // no boxes, and the correction's confidence sends it to review.
  for (const correction of corrections) {
    if (!(correction.field in cells)) cells[correction.field] = { text: correction.corrected, raw: correction.raw, boxes: [], confidence: correction.confidence };
  }
  return cells;
}

const printedText = (cells: Record<string, CellProvenance>, field: string) => cells[field]?.text ?? '';
const weakest = (cells: Record<string, CellProvenance>) => Math.min(1, ...Object.values(cells).map((c) => c.confidence));

function tableRows(extraction: ExtractionResult, name: string): ExtractedRow[] {
  return extraction.tables.filter((t) => t.spec === name).flatMap((t) => t.rows);
}

export function assembleReport(extraction: ExtractionResult, source: SourceDocument, meta: ReportMetadata = readMetadata(extraction.text)): AssembledReport {
  const file = source.file;
  const findings: Finding[] = [];
  const provenance: RowProvenance[] = [];
  const provenanceOf = (table: string, key: string, row: number, extracted: ExtractedRow, cells: Record<string, CellProvenance>) =>
    provenance.push({ table, key, source_sha256: source.sha256, row, page: extracted.page, source: extracted.source, confidence: weakest(cells), cells });

  if (!meta.period_start || !meta.period_end) {
    const example = '"For Recorded Declined Detainers Jan. 28 – Feb. 3, 2017"';
    const asRead = periodLineAsRead(extraction.text);
    // A report whose title was read but whose period line is garbled is a copy too damaged to
    // key its rows by, not another kind of document (fresh seed 107557754, a 150 DPI scan).
    throw new ReportStructureError(meta.title !== null && asRead !== null
      ? `${file}: the title was read ("${meta.title}"), but the reporting period line reads "${asRead}", not a date range like ${example}: this copy is too damaged to read it; try a cleaner copy (run "extract --debug" to see what was read)`
      : `${file}: cannot find the reporting period (e.g. ${example}) in the first lines of the report; is this a Declined Detainer Outcome Report? (run "extract --debug" to see what was read)`);
  }
  if (meta.period_respelled !== null) {
    findings.push(finding({ severity: 'warning', code: 'period-respelled', message: `the reporting period was read from "${meta.period_respelled}" only with a misread month name respelled: check the report's dates (${meta.period_start} to ${meta.period_end})`, file, page: meta.pages.period ?? null, table: 'reports', field: 'period_start', value: meta.period_respelled }));
  }
  const reportId = `ddor-${meta.period_start}`;
  for (const [name, label] of SECTIONS) {
    const count = extraction.tables.filter((t) => t.spec === name).length;
    if (count === 0) findings.push(finding({ severity: 'error', code: 'table-not-found', message: `${label} table not found: no header row matched its column names (inspect the pages with "extract --debug")`, file, table: name }));
    const rows = tableRows(extraction, name).length;
    if (count > 0 && rows === 0) {
      const page = extraction.tables.find((t) => t.spec === name)?.pages[0] ?? null;
      findings.push(finding({ severity: 'error', code: 'table-empty', message: `${label} table was found but no row could be read under its header (inspect the page with "extract --debug")`, file, page, table: name }));
    }
    if (count > 1) findings.push(finding({ severity: 'warning', code: 'table-split', message: `${label} was found as ${count} separate tables; their rows were joined in page order`, file, table: name }));
  }
  for (const [value, what] of [[meta.detainers_issued, 'the week\'s national detainer total ("ICE issued N detainers")'], [meta.top_ten_issued, 'the Section I top-ten total']] as const) {
    if (value === null) findings.push(finding({ severity: 'warning', code: 'stated-total-missing', message: `${what} was not found in the text`, file }));
  }

  /** OCR'd rows are cleaned with what each column may contain; each correction, and each reading kept for review, is a finding. */
  const cellsOf = (table: string, rows: readonly ExtractedRow[], row: ExtractedRow, index: number) => {
    const corrections = row.source === 'ocr' ? cleanOcrRow(table, rows, row) : [];
    for (const c of corrections) {
      findings.push(c.corrected === c.raw
        ? finding({ severity: 'warning', code: 'ocr-doubtful', message: `OCR read "${c.raw}", kept for review: ${c.reason}`, file, page: row.page, table, row: index, field: c.field, value: c.raw })
        : finding({ severity: 'info', code: 'ocr-corrected', message: `OCR read "${c.raw}", corrected to "${c.corrected}" (${c.reason})`, file, page: row.page, table, row: index, field: c.field, value: c.raw }));
    }
    return provenanceCells(row, corrections);
  };

  // Section I: a printed "Total" line is checked against the rows, not kept as a row.
  const top = [];
  const sectionI = tableRows(extraction, TABLE.top);
  for (const [i, row] of sectionI.entries()) {
    const cells = cellsOf(TABLE.top, sectionI, row, i + 1);
    const countyState = printedText(cells, 'county_state');
    if (TOTAL_LINE.test(countyState)) {
      const sum = top.reduce((s, r) => s + (typeof r.issued_detainers === 'number' ? r.issued_detainers : 0), 0);
      const printed = Number(printedText(cells, 'issued_detainers').replace(/,/g, ''));
      if (printed !== sum) findings.push(finding({ severity: 'error', code: 'total-mismatch', message: `Section I rows add up to ${sum} but its Total line prints ${printed}`, file, page: row.page, table: TABLE.top }));
      continue;
    }
    const rank = top.length + 1;
    const normalised = normaliseTopJurisdiction({ county_state: countyState, issued_detainers: printedText(cells, 'issued_detainers') }, { file, report_id: reportId, row: rank, page: row.page });
    top.push(normalised.row);
    findings.push(...normalised.notes);
    provenanceOf(TABLE.top, `${reportId}#${rank}`, rank, row, cells);
  }

  // Section II
  const sectionII = tableRows(extraction, TABLE.declined);
  const printedII = sectionII.map((row, i) => {
    const cells = cellsOf(TABLE.declined, sectionII, row, i + 1);
    const printed: PrintedDeclinedDetainer = {
      state: printedText(cells, 'state'), county: printedText(cells, 'county'), facility: printedText(cells, 'facility'),
      citizenship: printedText(cells, 'citizenship'), detainer_issued: printedText(cells, 'detainer_issued'),
      detainer_declined: printedText(cells, 'detainer_declined'), activity: printedText(cells, 'activity'),
      ...('city' in cells ? { city: printedText(cells, 'city') } : {}),
      ...('status' in cells ? { status: printedText(cells, 'status') } : {}),
    };
    return { row, cells, printed };
  });
  const declined = normaliseDeclinedDetainers(printedII.map(({ row, cells, printed }, i) => ({
    cells: printed,
    origin: { file, report_id: reportId, row: i + 1, page: row.page, source: row.source, confidence: weakest(cells) },
  })));
  findings.push(...declined.notes);
  declined.row.forEach((draft, i) => {
    provenanceOf(TABLE.declined, draft.record_id, i + 1, printedII[i]!.row, printedII[i]!.cells);
  });

  if (meta.declined_stated !== null && meta.declined_stated !== declined.row.length) {
    findings.push(finding({ severity: 'error', code: 'declined-count-mismatch', message: `the report states ${meta.declined_stated} declined detainers but ${declined.row.length} Section II rows were read`, file, page: meta.pages.declined_stated ?? null, table: TABLE.declined, value: String(meta.declined_stated) }));
  }

  // Section III
  const sectionIII = tableRows(extraction, TABLE.policies);
  const policies = sectionIII.map((row, i) => {
    const cells = cellsOf(TABLE.policies, sectionIII, row, i + 1);
    const normalised = normalisePolicyJurisdiction({
      jurisdiction: printedText(cells, 'jurisdiction'), date_enacted: printedText(cells, 'date_enacted'),
      policy: printedText(cells, 'policy'), criteria: printedText(cells, 'criteria'),
    }, { file, report_id: reportId, row: i + 1, page: row.page });
    findings.push(...normalised.notes);
    provenanceOf(TABLE.policies, `${reportId}#${i + 1}`, i + 1, row, cells);
    return normalised.row;
  });

  const edition = source.edition ?? (meta.corrected_on ? `corrected-${meta.corrected_on}` : 'original');
  const report = {
    report_id: reportId,
    edition,
    title: meta.title ?? 'Declined Detainer Outcome Report',
    period_start: meta.period_start,
    period_end: meta.period_end,
    published: source.published,
    detainers_issued: meta.detainers_issued,
    top_ten_issued: meta.top_ten_issued,
    declined_count: declined.row.length,
    source_url: source.url,
    source_sha256: source.sha256,
    page_count: source.pageCount,
    scope_text: meta.scope_text,
  };
  return {
    drafts: { reports: [report], top_jurisdictions: top, declined_detainers: declined.row, policy_jurisdictions: policies },
    findings,
    provenance,
  };
}
