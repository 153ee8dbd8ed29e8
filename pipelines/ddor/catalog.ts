/**
 * The catalog of DDOR publications (catalog.json): which editions exist, their periods and
 * publication dates, where the PDFs live, and the figures each report states about itself.
 * Kept as data so that fixing a wrong URL or adding an edition never needs a code change.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { projectFile } from '../../src/project-files.ts';

export const DDOR_CATALOG_FILE = projectFile('./catalog.json', import.meta.url);

const isoDate = z.iso.date();
const count = z.number().int().nonnegative().nullable();

export const MirrorSchema = z.object({
  name: z.string().min(1),
  url: z.url(),
  kind: z.enum(['pdf', 'landing-page']).describe('landing-page: a web page showing the document, not the PDF itself'),
  note: z.string().optional(),
});

export const PublicationSchema = z.object({
  report_id: z.string().regex(/^ddor-\d{4}-\d{2}-\d{2}$/),
  edition: z.string().regex(/^(original|corrected-\d{4}-\d{2}-\d{2})$/, 'expected original or corrected-YYYY-MM-DD'),
  report_number: z.number().int().positive(),
  title: z.string().min(1).describe('title expected on page 1'),
  period_start: isoDate,
  period_end: isoDate,
  published: isoDate.nullable(),
  published_note: z.string().optional(),
  url: z.url(),
  url_inferred: z.boolean().describe('true when the URL is a guess from the naming pattern, not seen published'),
  url_note: z.string().optional(),
  expected_pages: z.number().int().positive().nullable(),
  expected_pages_note: z.string().optional(),
  stated: z.object({
    detainers_issued: count,
    top_ten_issued: count,
    declined_count: count,
  }).describe('figures the report states about itself, for cross-checking extracted rows; null when unknown'),
  correction: z.string().optional().describe('what a corrected edition changed, as announced'),
  mirrors: z.array(MirrorSchema),
}).superRefine((p, ctx) => {
  if (p.report_id !== `ddor-${p.period_start}`) ctx.addIssue({ code: 'custom', path: ['report_id'], message: `should be ddor-${p.period_start} (ddor- + period_start)` });
  if (p.period_end < p.period_start) ctx.addIssue({ code: 'custom', path: ['period_end'], message: 'is before period_start' });
  if (p.url_inferred && !p.url_note) ctx.addIssue({ code: 'custom', path: ['url_note'], message: 'an inferred URL needs a note saying how it was inferred' });
});

export const CatalogSchema = z.object({
  description: z.string(),
  official_folder: z.url(),
  publications: z.array(PublicationSchema).min(1),
}).superRefine((catalog, ctx) => {
  const seen = new Set<string>();
  catalog.publications.forEach((p, i) => {
    const key = `${p.report_id} ${p.edition}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['publications', i], message: `duplicate edition ${key}` });
    seen.add(key);
  });
});

export type Mirror = z.infer<typeof MirrorSchema>;
export type Publication = z.infer<typeof PublicationSchema>;
export type Catalog = z.infer<typeof CatalogSchema>;

/** Reads and validates a catalog; errors name the file and the offending entry. */
export async function loadCatalog(file: string = DDOR_CATALOG_FILE): Promise<Catalog> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the catalog (${(error as Error).message}); fix the JSON or pass another file`);
  }
  const parsed = CatalogSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: invalid catalog:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The catalog entry for one edition, or undefined. */
export function findPublication(catalog: Catalog, reportId: string, edition = 'original'): Publication | undefined {
  return catalog.publications.find((p) => p.report_id === reportId && p.edition === edition);
}
