/**
 * RFC 4180 CSV: UTF-8 without BOM, LF line endings, a header row, every field quoted only when it
 * must be. Arrays and objects are written as JSON (Table Schema `array`/`object` fields); null is empty.
 *
 * Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with =, +,
 * -, @, a tab or a carriage return as a formula (=HYPERLINK("http://evil","x")). Such text cells
 * are written with a leading apostrophe, which spreadsheets show as text and do not display;
 * numbers are written as they are. The JSON files keep the true value.
 */
import type { Row } from './table-spec.ts';

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula, made inert (see the file comment). */
export const neutraliseFormula = (text: string) => (FORMULA_TRIGGER.test(text) ? `'${text}` : text);

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return neutraliseFormula(value);
  return String(value);
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(quote).join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(formatCell(row[c]))).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Parses CSV written by toCsv (and any RFC 4180 text) into arrays of fields. A leading UTF-8
 * byte-order mark is skipped: Excel's "CSV UTF-8" writes one, and it would stick to the first column name.
 */
export function parseCsv(csv: string): string[][] {
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}
