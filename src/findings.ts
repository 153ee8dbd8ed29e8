/**
 * Findings: everything a run noticed that a reviewer should know, each pointing at its source
 * (file, page, table, row, field). Validation, OCR cleanup and cross-checks all report here.
 */
import { z } from 'zod';
import { escapeControlCharacters } from './text/control.ts';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);

export const FindingSchema = z.object({
  severity: SeveritySchema,
  code: z.string().min(1).describe('stable machine-readable kind, e.g. date-unparsable'),
  message: z.string().min(1),
  file: z.string().nullable(),
  page: z.number().int().positive().nullable(),
  table: z.string().nullable(),
  row: z.number().int().positive().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable().describe('the offending value as printed'),
});

export const FindingsReportSchema = z.object({
  findings: z.array(FindingSchema),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
});

export type Severity = z.infer<typeof SeveritySchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type FindingsReport = z.infer<typeof FindingsReportSchema>;

export type FindingInput = Pick<Finding, 'severity' | 'code' | 'message'> & Partial<Omit<Finding, 'severity' | 'code' | 'message'>>;

export function finding(input: FindingInput): Finding {
  return { file: null, page: null, table: null, row: null, field: null, value: null, ...input };
}

export function findingsReport(findings: readonly Finding[]): FindingsReport {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings: [...findings], counts };
}

/** "file p.3 row 12 (facility): message" — the one-line form used on stderr. */
export function formatFinding(f: Finding): string {
  const where = [
    f.file,
    f.page !== null ? `p.${f.page}` : null,
    f.table,
    f.row !== null ? `row ${f.row}` : null,
    f.field !== null ? `(${f.field})` : null,
  ].filter(Boolean).join(' ');
  // A value quoted from a PDF or a file name may hold an escape sequence: never let it reach a terminal.
  return escapeControlCharacters(`${f.severity.toUpperCase()} ${f.code}${where ? ` at ${where}` : ''}: ${f.message}`);
}
