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
 * Cells keyed by the field their column maps to, text as drawn: whitespace collapsed, wrapped lines
 * joined with one space. Section II keys: state, county, city, facility, citizenship,
 * detainer_issued, detainer_declined, criminal_status, offense; when the status is a prefix inside
 * the activity cell ("Convicted: Assault") there is no criminal_status key and `offense` holds the
 * whole cell. Section I keys: county_state ("Clark, Nevada"), issued_detainers ("51").
 */
const PrintedCellsSchema = z.record(z.string(), z.string());

export const PrintedPolicySchema = z.object({
  jurisdiction: z.string().describe('as printed, with the "(AOR)"'),
  date_enacted: z.string(),
  policy: z.string(),
  criteria: z.array(z.string()).describe('bullet texts without the bullet'),
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
});

export type SampleTruth = z.infer<typeof SampleTruthSchema>;
export type PrintedPolicy = z.infer<typeof PrintedPolicySchema>;
