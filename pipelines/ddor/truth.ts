/**
 * Ground truth for a sample PDF (samples/<name>.truth.json): what the generator drew, both as the
 * normalised dataset rows the pipeline should produce and as each cell's text exactly as printed.
 * Extraction is scored against `printed` (cell accuracy) and against `dataset` (after normalisation).
 */
import { z } from 'zod';
import {
  DeclinedDetainerSchema, PolicyJurisdictionSchema, ReportSchema, TopJurisdictionSchema,
} from './contract.ts';

/**
 * Cells keyed by the engine's field name for their column (pipelines/ddor/layout.ts), text as drawn:
 * whitespace collapsed, wrapped lines joined with one space, also across a page break. Section II
 * keys: state, county, city, facility, citizenship, detainer_issued, detainer_declined, activity,
 * status; when the status is a prefix inside the activity cell ("Convicted: Assault") there is no
 * status key and `activity` holds the whole cell. Section I keys: county_state ("Clark, Nevada"),
 * issued_detainers ("51").
 */
const PrintedCellsSchema = z.record(z.string(), z.string());

export const PrintedPolicySchema = z.object({
  jurisdiction: z.string().describe('as printed, with the "(AOR)"'),
  date_enacted: z.string(),
  policy: z.string(),
  criteria: z.array(z.string()).describe('bullet texts without the bullet'),
});

/** A row split by a page break: its first line(s) end one page, the rest open the next. */
export const SplitRowSchema = z.object({
  row: z.number().int().positive().describe('1-based row of the table'),
  page: z.number().int().positive().describe('the page the row starts on; it continues at the top of the next'),
  continued: z.record(z.string(), z.string())
    .describe('per printed key, the text drawn on the next page: a suffix of the printed cell (criteria: of the bullet texts joined with a space)'),
});

export const SampleTruthSchema = z.object({
  file: z.string().regex(/\.pdf$/),
  description: z.string(),
  kind: z.enum(['born-digital', 'scanned', 'mixed']),
  producer: z.string().describe('library, fonts and table style the sample was made with'),
  pages: z.array(z.object({
    page: z.number().int().positive(),
    kind: z.enum(['text', 'image']).describe('text: real text layer; image: a scanned image, no text layer'),
  })),
  dataset: z.object({
    reports: z.array(ReportSchema),
    top_jurisdictions: z.array(TopJurisdictionSchema),
    declined_detainers: z.array(DeclinedDetainerSchema),
    policy_jurisdictions: z.array(PolicyJurisdictionSchema),
  }),
  printed: z.object({
    top_jurisdictions: z.array(PrintedCellsSchema),
    declined_detainers: z.array(PrintedCellsSchema),
    policy_jurisdictions: z.array(PrintedPolicySchema),
  }),
  /** The page each row starts on, per table, in row order (Section I and III rows have no page field). */
  row_pages: z.object({
    top_jurisdictions: z.array(z.number().int().positive()),
    declined_detainers: z.array(z.number().int().positive()),
    policy_jurisdictions: z.array(z.number().int().positive()),
  }),
  /** Rows split by a page break, per table (Section I rows never split). */
  split_rows: z.object({
    declined_detainers: z.array(SplitRowSchema),
    policy_jurisdictions: z.array(SplitRowSchema),
  }),
});

export type SampleTruth = z.infer<typeof SampleTruthSchema>;
export type PrintedPolicy = z.infer<typeof PrintedPolicySchema>;
export type SplitRow = z.infer<typeof SplitRowSchema>;
