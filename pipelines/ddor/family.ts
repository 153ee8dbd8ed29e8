/**
 * The DDOR report family: the Declined Detainer Outcome Reports as the engine sees them.
 * Everything the generic stages need about DDOR is reached from here.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FamilyReport, ReportFamily, SourceDocument } from '../../src/family.ts';
import { projectFile } from '../../src/project-files.ts';
import type { ExtractionResult } from '../../src/table/extract.ts';
import { assembleReport } from './assemble.ts';
import { readMetadata } from './metadata.ts';
import { CatalogSchema, DDOR_CATALOG_FILE, type Catalog, type Publication } from './catalog.ts';
import { DDOR_TABLES, type DdorDataset } from './contract.ts';
import { DDOR_DATABASE } from './database.ts';
import { DDOR_NAME, DDOR_TITLE } from './entry.ts';
import { ddorEvaluation } from './evaluation.ts';
import { DDOR_FURNITURE_PATTERNS, DDOR_LAYOUTS, DDOR_STOP_PATTERNS } from './layout.ts';
import { validateDraft, type DdorDraft } from './validate.ts';

const SAMPLES_DIR = projectFile('../../samples/', import.meta.url);

let parsedCatalog: Catalog | undefined;
/** Read on first use, so that `ddor --help` does not. */
const catalog = () => (parsedCatalog ??= CatalogSchema.parse(JSON.parse(readFileSync(DDOR_CATALOG_FILE, 'utf8'))));

/** original = 0; a corrected edition ranks by its correction date, so the latest correction wins. */
export function editionRank(edition: string): number {
  const corrected = /^corrected-(\d{4}-\d{2}-\d{2})$/.exec(edition);
  return corrected ? 1 + Date.parse(corrected[1]!) / 86_400_000 : 0;
}

function publicationFor(reportId: string, edition: string | null, correctionNotice: boolean): Publication | undefined {
  const editions = catalog().publications.filter((p) => p.report_id === reportId);
  if (edition) return editions.find((p) => p.edition === edition);
  if (!correctionNotice) return editions.find((p) => p.edition === 'original');
  return editions.filter((p) => p.edition !== 'original').sort((a, b) => editionRank(b.edition) - editionRank(a.edition))[0];
}

function assemble(extraction: ExtractionResult, source: SourceDocument): FamilyReport<DdorDraft> {
  const meta = readMetadata(extraction.text);
  // Fill what the PDF does not say (publication date, which edition) from the catalog.
  const known = meta.period_start ? publicationFor(`ddor-${meta.period_start}`, source.edition, meta.has_correction_notice) : undefined;
  const assembled = assembleReport(extraction, { ...source, edition: source.edition ?? known?.edition ?? null, published: source.published ?? known?.published ?? null }, meta);
  const report = assembled.drafts.reports[0]!;
  return {
    publication: String(report.report_id),
    edition: String(report.edition),
    editionRank: editionRank(String(report.edition)),
    source,
    rows: { ...assembled.drafts },
    findings: assembled.findings,
    provenance: assembled.provenance,
  };
}

function validate(rows: DdorDraft, reports: readonly FamilyReport<DdorDraft>[]) {
  const fileOf = new Map(reports.map((r) => [r.publication, r.source.file]));
  const stated = Object.fromEntries(reports.map((r) => {
    const entry = catalog().publications.find((p) => p.report_id === r.publication && p.edition === r.edition);
    const counts = entry?.stated;
    return [r.publication, {
      ...(counts?.detainers_issued != null ? { detainers_issued: counts.detainers_issued } : {}),
      ...(counts?.top_ten_issued != null ? { top_ten_issued: counts.top_ten_issued } : {}),
      ...(counts?.declined_count != null ? { declined: counts.declined_count } : {}),
    }];
  }));
  const { findings, dataset, quarantined } = validateDraft(rows, { file: (id) => fileOf.get(id) ?? id, statedCounts: stated });
  return { rows: dataset, findings, quarantine: quarantined };
}

// OCR words of clean 300 DPI scans sit above 0.9; a corrected cell is set to 0.7 (ocr-cleanup.ts),
// so every correction is reviewed.
const REVIEW_THRESHOLD = 0.8;

export const ddor: ReportFamily<DdorDraft, DdorDataset> = {
  name: DDOR_NAME,
  title: DDOR_TITLE,
  description: 'Rows of the DHS/ICE Weekly Declined Detainer Outcome Reports (2017): the top jurisdictions by detainers issued (Section I), every declined detainer (Section II) and the jurisdictions with policies limiting cooperation (Section III).',
  tables: DDOR_TABLES,
  layouts: DDOR_LAYOUTS,
  extraction: { stopPatterns: DDOR_STOP_PATTERNS, furniturePatterns: DDOR_FURNITURE_PATTERNS },
  assemble,
  validate,
  async samples() {
    const names = (await readdir(SAMPLES_DIR)).filter((n) => n.endsWith('.pdf')).sort();
    return names.map((n) => join(SAMPLES_DIR, n));
  },
  async catalog() {
    return catalog().publications.map((p) => ({ publication: p.report_id, edition: p.edition, url: p.url, published: p.published, title: p.title }));
  },
  diffSettings: { pairing: { within: ['report_id'] } },
  reviewThreshold: REVIEW_THRESHOLD,
  evaluation: ddorEvaluation(REVIEW_THRESHOLD),
  packageNotes(sourceKind) {
    return sourceKind === 'samples'
      ? {
        description: 'BUILT FROM SAMPLE PDFs, NOT THE PUBLISHED REPORTS: the bundled samples/ are generated look-alikes of the DDOR reports (real published figures, invented rows). Do not cite these rows as ICE data.',
        extra: { sample_data: true },
      }
      : { description: 'Built from the DDOR PDFs listed in sources.', extra: { sample_data: false } };
  },
  portal: {
    id: 'urn:uuid:8808f056-4921-4015-a014-f50acee77838',
    // A getter, so that the catalog is still read on first use (see `catalog` above).
    get homepage() { return catalog().official_folder; },
    keywords: ['immigration', 'ICE', 'DHS', 'detainers', 'declined detainers', 'sanctuary jurisdictions', 'Declined Detainer Outcome Report', '2017'],
    licenses: [
      // The reports are works of the U.S. government, not protected by copyright (17 U.S.C. § 105).
      { name: 'other-pd', title: 'The data: U.S. Government work (the DHS/ICE reports), public domain in the United States', path: 'https://www.usa.gov/government-copyright' },
      { name: 'MIT', title: 'The code that extracted it (the ddor pipeline): MIT License', path: 'https://opensource.org/license/mit' },
    ],
    contributors: [
      { title: 'U.S. Immigration and Customs Enforcement (ICE), Enforcement and Removal Operations', path: 'https://www.ice.gov/', roles: ['author', 'publisher'] },
      { title: 'the ddor pipeline maintainers', roles: ['wrangler'] },
    ],
  },
  database: DDOR_DATABASE,
};
