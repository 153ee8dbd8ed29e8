/**
 * The eight committed samples (names are fixed: other parts of the project depend on them), how each
 * is produced, and the ground truth written beside each PDF.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DeclinedDetainer, PolicyJurisdiction, Report, TopJurisdiction } from '../contract.ts';
import { assignRecordIds } from '../record-id.ts';
import { SampleTruthSchema, type SampleTruth, type SplitRow } from '../truth.ts';
import { composeReport, type Composed, type DeclinedColumn, type ReportStyle } from './compose.ts';
import { pdfKitPen, pdfLibPen, type FinishablePen, type PdfKitFamily, type PdfLibFamily } from './pens.ts';
import { report1, report1Corrected, report2, report3, type ReportContent } from './reports.ts';
import { assemblePdf, scanPages, type OutputPage, type ScanOptions } from './scan.ts';
import { SETTINGS } from './settings.ts';
import { sha256Hex } from '../../../src/files.ts';

const LETTER: [number, number] = [612, 792];
const LETTER_LANDSCAPE: [number, number] = [792, 612];

type Producer =
  | { library: 'pdf-lib'; family: PdfLibFamily; pageSize: [number, number] }
  | { library: 'pdfkit'; family: PdfKitFamily; pageSize: [number, number] };

type Output =
  | { kind: 'born-digital' }
  | { kind: 'scanned'; scan: ScanOptions }
  | { kind: 'mixed'; imagePages: number[]; scan: ScanOptions };

export interface SampleDefinition {
  name: string;
  description: string;
  content: () => ReportContent;
  producer: Producer;
  style: ReportStyle;
  output: Output;
}

const always = () => true;
const never = () => false;

const REPORT_1_COLUMNS: DeclinedColumn[] = [
  { field: 'state', header: 'State', share: 0.06 },
  { field: 'county', header: 'County', share: 0.12 },
  { field: 'facility', header: 'Facility', share: 0.19 },
  { field: 'citizenship', header: 'Citizenship', share: 0.12 },
  { field: 'detainer_issued', header: 'Detainer Issued', share: 0.1 },
  { field: 'detainer_declined', header: 'Detainer Declined', share: 0.1 },
  { field: 'activity', header: 'Notable Criminal Activity', share: 0.2 },
  { field: 'status', header: 'Status', share: 0.11 },
];

const REPORT_2_COLUMNS: DeclinedColumn[] = [
  { field: 'state', header: 'State', share: 0.07 },
  { field: 'county', header: 'County', share: 0.13 },
  { field: 'facility', header: 'Detention Facility', share: 0.18 },
  { field: 'citizenship', header: 'Citizenship', share: 0.12 },
  { field: 'detainer_issued', header: 'Detainer Issued Date', share: 0.1 },
  { field: 'detainer_declined', header: 'Declined Date', share: 0.1 },
  { field: 'activity', header: 'Offense', share: 0.19 },
  { field: 'status', header: 'Status', share: 0.11 },
];

/** Report 3's other wording and order, status as a prefix inside the activity cell. */
const REPORT_3_COLUMNS: DeclinedColumn[] = [
  { field: 'facility', header: 'Facility Name', share: 0.22 },
  { field: 'county', header: 'County', share: 0.13 },
  { field: 'state', header: 'State', share: 0.06 },
  { field: 'citizenship', header: 'Country of Citizenship', share: 0.13 },
  { field: 'detainer_issued', header: 'Date Issued', share: 0.1 },
  { field: 'detainer_declined', header: 'Date Declined', share: 0.1 },
  { field: 'activity', header: 'Criminal Activity', share: 0.26 },
];

const ALT_PRODUCER_COLUMNS: DeclinedColumn[] = [
  { field: 'state', header: 'State', share: 0.09 },
  { field: 'county', header: 'County', share: 0.1 },
  { field: 'city', header: 'City', share: 0.09 },
  { field: 'facility', header: 'Facility', share: 0.16 },
  { field: 'citizenship', header: 'Citizenship', share: 0.1 },
  { field: 'detainer_issued', header: 'Detainer Issued Date', share: 0.08 },
  { field: 'detainer_declined', header: 'Declined Date', share: 0.08 },
  { field: 'activity', header: 'Notable Criminal Activity', share: 0.18 },
  { field: 'status', header: 'Convicted/Charged', share: 0.12 },
];

const REPORT_1_STYLE: ReportStyle = {
  margins: { top: 54, bottom: 54, left: 50, right: 50 },
  bodySize: 10,
  sectionPerPage: true,
  top: { rules: 'grid', fontSize: 10, totalLine: true, shares: [0.7, 0.3] },
  declined: {
    columns: REPORT_1_COLUMNS, rules: 'grid', fontSize: 10.5, headerShade: true, repeatHeader: always, rowBreaks: 0,
    stateAs: 'usps', paddedDates: false, shortTravisShare: 0,
  },
  // One Section III row breaks across a page end; the rest move whole.
  policy: { rules: 'grid', fontSize: 12, headerShade: true, repeatHeader: always, rowBreaks: 1, shares: [0.24, 0.12, 0.25, 0.39], limit: null },
  footer: (page) => [String(page)],
};

const REPORT_2_STYLE: ReportStyle = {
  margins: { top: 60, bottom: 64, left: 54, right: 54 },
  bodySize: 10.5,
  sectionPerPage: false,
  top: { rules: 'none', fontSize: 10, totalLine: false, shares: [0.6, 0.4] },
  declined: {
    // Section II rows break across page ends, as an unruled word-processor table does.
    columns: REPORT_2_COLUMNS, rules: 'none', fontSize: 9, headerShade: false, repeatHeader: never, rowBreaks: Infinity,
    stateAs: 'usps', paddedDates: false, shortTravisShare: 0,
  },
  policy: { rules: 'none', fontSize: 11, headerShade: false, repeatHeader: never, rowBreaks: 0, shares: [0.23, 0.11, 0.25, 0.41], limit: null },
  footer: (page, count) => ['FOR OFFICIAL USE ONLY (FOUO) - LAW ENFORCEMENT SENSITIVE', `Page ${page} of ${count}`],
};

const REPORT_3_STYLE: ReportStyle = {
  margins: { top: 50, bottom: 50, left: 45, right: 45 },
  bodySize: 10,
  sectionPerPage: true,
  top: { rules: 'horizontal', fontSize: 10, totalLine: true, shares: [0.65, 0.35] },
  declined: {
    columns: REPORT_3_COLUMNS, rules: 'horizontal', fontSize: 8.5, headerShade: false,
    // Headers repeat on every second continuation page only.
    repeatHeader: (continuation) => continuation % 2 === 0, rowBreaks: 0,
    stateAs: 'usps', paddedDates: false, shortTravisShare: 0,
  },
  policy: { rules: 'horizontal', fontSize: 11, headerShade: false, repeatHeader: always, rowBreaks: 0, shares: [0.23, 0.11, 0.25, 0.41], limit: null },
  footer: (page, count) => [`U.S. Immigration and Customs Enforcement - Page ${page} of ${count}`],
};

const ALT_PRODUCER_STYLE: ReportStyle = {
  margins: { top: 40, bottom: 44, left: 36, right: 36 },
  bodySize: 11,
  sectionPerPage: true,
  top: { rules: 'grid', fontSize: 11, totalLine: true, shares: [0.55, 0.45] },
  declined: {
    columns: ALT_PRODUCER_COLUMNS, rules: 'grid', fontSize: 9.5, headerShade: false, repeatHeader: always, rowBreaks: 0,
    stateAs: 'name', paddedDates: true, shortTravisShare: 0.5,
  },
  policy: { rules: 'grid', fontSize: 11, headerShade: false, repeatHeader: always, rowBreaks: 0, shares: [0.22, 0.1, 0.25, 0.43], limit: null },
  footer: (page) => [`- ${page} -`],
};

/** Compact copies for the scans: small type, sections run on, Section III shortened. */
function compactStyle(columns: DeclinedColumn[], policyLimit: number): ReportStyle {
  return {
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    bodySize: 9,
    sectionPerPage: false,
    top: { rules: 'grid', fontSize: 9, totalLine: false, shares: [0.6, 0.4] },
    declined: {
      columns, rules: 'grid', fontSize: 7.5, headerShade: true, repeatHeader: always, rowBreaks: 0,
      stateAs: 'usps', paddedDates: false, shortTravisShare: 0,
    },
    policy: { rules: 'grid', fontSize: 8, headerShade: true, repeatHeader: always, rowBreaks: 0, shares: [0.22, 0.1, 0.25, 0.43], limit: policyLimit },
    footer: (page, count) => [`Page ${page} of ${count}`],
  };
}

const { scan } = SETTINGS;
const CLEAN_SCAN: ScanOptions = { dpi: scan.cleanDpi, jpegQuality: scan.cleanJpegQuality, degradation: null };
const DEGRADED_SCAN: ScanOptions = {
  dpi: scan.degradedDpi, jpegQuality: scan.degradedJpegQuality,
  degradation: { skewDegrees: scan.degradedSkewDegrees, noise: scan.degradedNoise, specks: scan.degradedSpecks, seed: 'scan-degraded' },
};

export const SAMPLES: SampleDefinition[] = [
  {
    name: 'ddor-2017-01-28',
    description: 'Report 1 (Jan 28 - Feb 3, 2017) as first published: born-digital, pdf-lib + Helvetica, ruled tables, header row repeated on every continuation page, one Section III row split by a page break.',
    content: report1,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: REPORT_1_STYLE,
    output: { kind: 'born-digital' },
  },
  {
    name: 'ddor-2017-01-28-corrected',
    description: 'Report 1 corrected edition (corrected-2017-04-05): Franklin IA/NY/PA and Montgomery IA dropped from Section I, Williamson TX, Bastrop TX, Chester PA and Richmond NC rows dropped from Section II, correction notice on page 1; the top-ten statement still says 157 while the printed Total line sums the remaining rows; one Section III row split by a page break.',
    content: report1Corrected,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: REPORT_1_STYLE,
    output: { kind: 'born-digital' },
  },
  {
    name: 'ddor-2017-02-04',
    description: 'Report 2 (Feb 4 - Feb 10, 2017): born-digital, pdf-lib + Helvetica, unruled tables, page footers, sections run on, no repeated headers on continuation pages, Section II rows may break across a page end (a wrapped cell split by the page break).',
    content: report2,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: REPORT_2_STYLE,
    output: { kind: 'born-digital' },
  },
  {
    name: 'ddor-2017-02-11',
    description: 'Report 3 (Feb 11 - Feb 17, 2017): born-digital, pdf-lib + Helvetica, horizontal rules only, other Section II header wordings and column order, status as a prefix in the activity cell, headers repeated on some continuation pages only.',
    content: report3,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: REPORT_3_STYLE,
    output: { kind: 'born-digital' },
  },
  {
    name: 'ddor-2017-02-04-alt-producer',
    description: 'Report 2 from a second library: pdfkit + Times-Roman, landscape, state names in full, some Travis rows without "County", zero-padded dates, a City column and a Convicted/Charged column.',
    content: report2,
    producer: { library: 'pdfkit', family: 'Times', pageSize: LETTER_LANDSCAPE },
    style: ALT_PRODUCER_STYLE,
    output: { kind: 'born-digital' },
  },
  {
    name: 'ddor-2017-02-11-scan300',
    description: `Image-only scan (no text layer) of a compact copy of report 3 with Section III shortened: ${scan.cleanDpi} DPI, clean, grey JPEG.`,
    content: report3,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: compactStyle(REPORT_3_COLUMNS, 14),
    output: { kind: 'scanned', scan: CLEAN_SCAN },
  },
  {
    name: 'ddor-2017-02-11-scan-degraded',
    description: `The same compact report 3 scanned badly: ${scan.degradedDpi} DPI, skewed ${scan.degradedSkewDegrees} degrees, grey noise, specks and strong JPEG artefacts.`,
    content: report3,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: compactStyle(REPORT_3_COLUMNS, 14),
    output: { kind: 'scanned', scan: DEGRADED_SCAN },
  },
  {
    name: 'ddor-2017-02-04-mixed',
    description: `Compact copy of report 2 where pages 2 and 4 are image-only scans at ${scan.mixedDpi} DPI (page 2 holds Section II rows) and the others keep their text layer.`,
    content: report2,
    producer: { library: 'pdf-lib', family: 'Helvetica', pageSize: LETTER },
    style: compactStyle(REPORT_2_COLUMNS, 16),
    output: { kind: 'mixed', imagePages: [2, 4], scan: { dpi: scan.mixedDpi, jpegQuality: scan.mixedJpegQuality, degradation: null } },
  },
];

async function makePen(producer: Producer, content: ReportContent): Promise<FinishablePen> {
  const info = { title: `${content.title} - ${content.headerPeriod}`, author: 'U.S. Immigration and Customs Enforcement', creator: 'Enforcement and Removal Operations' };
  return producer.library === 'pdf-lib'
    ? pdfLibPen(producer.pageSize, producer.family, info)
    : pdfKitPen(producer.pageSize, producer.family, info);
}

function producerLabel(def: SampleDefinition): string {
  const { library, family } = def.producer;
  const rules = { grid: 'ruled', horizontal: 'horizontal rules', outer: 'outer-box', none: 'unruled' }[def.style.declined.rules];
  const born = `${library} + ${family}, ${rules} tables`;
  if (def.output.kind === 'born-digital') return born;
  return `${born}, rendered by pdfjs at ${def.output.scan.dpi} DPI, @napi-rs/canvas JPEG q${def.output.scan.jpegQuality}, embedded with pdf-lib`;
}

export function buildTruth(def: SampleDefinition, file: string, content: ReportContent, composed: Composed, bytes: Uint8Array, pageKinds: Array<'text' | 'image'>): SampleTruth {
  const label = { description: def.description, kind: def.output.kind, producer: producerLabel(def), hasCity: def.style.declined.columns.some((c) => c.field === 'city') };
  return truthOf(label, file, content, composed, bytes, pageKinds);
}

/** What a truth file says about how its PDF was made. */
export interface TruthLabel { description: string; kind: SampleTruth['kind']; producer: string; hasCity: boolean }

/** The ground truth of a drawn report: its rows as the dataset should hold them and its cells as printed. */
export function truthOf(label: TruthLabel, file: string, content: ReportContent, composed: Composed, bytes: Uint8Array, pageKinds: Array<'text' | 'image'>): SampleTruth {
  const source = (page: number) => (pageKinds[page - 1] === 'image' ? 'ocr' as const : 'text' as const);
  const { hasCity } = label;
  const identities = content.declined.map((r) => ({
    report_id: content.reportId, state: r.county.state, county: r.county.name, facility: r.facility.name,
    citizenship: r.country.name, detainer_issued: r.issued, detainer_declined: r.declined, offense: r.offense.text,
  }));
  const ids = assignRecordIds(identities);
  const report: Report = {
    report_id: content.reportId, edition: content.edition, title: content.title,
    period_start: content.periodStart, period_end: content.periodEnd, published: content.published,
    detainers_issued: content.detainersIssued, top_ten_issued: content.topTenIssued,
    declined_count: content.declined.length, source_url: null,
    source_sha256: sha256Hex(bytes),
    page_count: pageKinds.length,
    scope_text: content.scopeParagraphs.join(' ').replace(/\s+/g, ' ').trim(),
  };
  const top: TopJurisdiction[] = content.top.map((r, i) => ({
    report_id: content.reportId, rank: i + 1, county: r.county.name, state: r.county.state, county_fips: r.county.fips, issued_detainers: r.issued,
  }));
  const declined: DeclinedDetainer[] = content.declined.map((r, i) => {
    const page = composed.pages.declined[i]!;
    return {
      record_id: ids[i]!, report_id: content.reportId, row: i + 1,
      state: r.county.state, county: r.county.name, county_fips: r.county.fips,
      city: hasCity ? r.facility.city : null, facility: r.facility.name,
      citizenship: r.country.name, citizenship_code: r.country.code,
      detainer_issued: r.issued, detainer_declined: r.declined, criminal_status: r.status,
      offense: r.offense.text, offense_category: r.offense.category as DeclinedDetainer['offense_category'],
      page, source: source(page), confidence: 1,
    };
  });
  const policies: PolicyJurisdiction[] = composed.policies.map((r, i) => ({
    report_id: content.reportId, row: i + 1, jurisdiction: r.source.jurisdiction, aor: r.source.aor,
    state: r.source.state, jurisdiction_type: r.source.type, county_fips: r.source.fips,
    date_enacted: r.yearMonth, policy: r.policy, criteria: r.criteria,
  }));
  return SampleTruthSchema.parse({
    file,
    description: label.description,
    kind: label.kind,
    producer: label.producer,
    pages: pageKinds.map((kind, i) => ({ page: i + 1, kind })),
    dataset: { reports: [report], top_jurisdictions: top, declined_detainers: declined, policy_jurisdictions: policies },
    printed: composed.printed,
    row_pages: { top_jurisdictions: composed.pages.top, declined_detainers: composed.pages.declined, policy_jurisdictions: composed.pages.policies },
    split_rows: { declined_detainers: composed.splits.declined, policy_jurisdictions: composed.splits.policies },
  });
}

export interface Rendered {
  bytes: Uint8Array;
  pageKinds: Array<'text' | 'image'>;
  content: ReportContent;
  composed: Composed;
}

/** Draws a sample's born-digital pages, then scans some or all of them as its output asks. */
export async function renderSample(def: SampleDefinition): Promise<Rendered> {
  const content = def.content();
  const pen = await makePen(def.producer, content);
  const composed = composeReport(pen, content, def.style);
  const born = await pen.finish();
  const all = Array.from({ length: composed.pageCount }, (_, i) => i + 1);
  const title = `${content.title} - ${content.headerPeriod}`;
  if (def.output.kind === 'born-digital') return { bytes: born, pageKinds: all.map(() => 'text'), content, composed };
  const imagePages = def.output.kind === 'scanned' ? all : def.output.imagePages;
  const scans = await scanPages(born, imagePages, def.output.scan);
  const pages: OutputPage[] = all.map((page) => {
    const at = imagePages.indexOf(page);
    return at >= 0 ? { scan: scans[at]! } : { copyOf: page };
  });
  const bytes = await assemblePdf(born, pages, title);
  return { bytes, pageKinds: all.map((page) => (imagePages.includes(page) ? 'image' : 'text')), content, composed };
}

export function sampleByName(name: string): SampleDefinition {
  const def = SAMPLES.find((s) => s.name === name || `${s.name}.pdf` === name);
  if (!def) throw new Error(`unknown sample "${name}"; known samples: ${SAMPLES.map((s) => s.name).join(', ')}`);
  return def;
}

/** Indented JSON with each row (an object inside an array) on one line: compact, and diffs show whole rows. */
export function formatTruthJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (!value.some((v) => typeof v === 'object' && v !== null)) return JSON.stringify(value);
    return `[\n${value.map((v) => `${inner}${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatTruthJson(v, inner)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

async function writeWithTruth(outFile: string, bytes: Uint8Array, truth: SampleTruth): Promise<void> {
  await writeFile(outFile, bytes);
  await writeFile(outFile.replace(/\.pdf$/, '.truth.json'), `${formatTruthJson(truth)}\n`);
}

/** Writes <outDir>/<name>.pdf and <outDir>/<name>.truth.json; returns the PDF path. */
export async function generateSample(def: SampleDefinition, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const rendered = await renderSample(def);
  const file = `${def.name}.pdf`;
  const outFile = join(outDir, file);
  await writeWithTruth(outFile, rendered.bytes, buildTruth(def, file, rendered.content, rendered.composed, rendered.bytes, rendered.pageKinds));
  return outFile;
}

export interface ScannedReportOptions {
  /** Pages to keep from report 1's born-digital layout (it has about 35). */
  pages: number;
  dpi: number;
  outFile: string;
  degraded?: boolean;
}

/**
 * A long image-only scan for the OCR benchmark (not committed): report 1 rendered page by page,
 * with a truth file beside it restricted to the rows on the kept pages.
 */
export async function generateScannedReport(options: ScannedReportOptions): Promise<string> {
  const base = SAMPLES[0]!;
  const scanOptions: ScanOptions = options.degraded
    ? { ...DEGRADED_SCAN, dpi: options.dpi }
    : { ...CLEAN_SCAN, dpi: options.dpi };
  const content = base.content();
  const pen = await makePen(base.producer, content);
  const composed = composeReport(pen, content, base.style);
  const born = await pen.finish();
  if (options.pages > composed.pageCount) {
    throw new Error(`--bench-pages ${options.pages}: report 1 has only ${composed.pageCount} pages; ask for ${composed.pageCount} or fewer`);
  }
  const kept = Array.from({ length: options.pages }, (_, i) => i + 1);
  const scans = await scanPages(born, kept, scanOptions);
  const bytes = await assemblePdf(born, scans.map((s) => ({ scan: s })), `${content.title} - ${content.headerPeriod}`);
  // A row is kept when it ends on a kept page (a split row ends on the page after its start).
  const keep = (pages: number[], splits: SplitRow[] = []) => pages
    .map((p, i) => (p + (splits.some((s) => s.row === i + 1) ? 1 : 0) <= options.pages ? i : -1)).filter((i) => i >= 0);
  const topKept = keep(composed.pages.top);
  const declinedKept = keep(composed.pages.declined, composed.splits.declined);
  const policyKept = keep(composed.pages.policies, composed.splits.policies);
  const keptSplits = (splits: SplitRow[], kept: number[]) => splits.filter((s) => s.row <= kept.length);
  const trimmedContent: ReportContent = {
    ...content,
    top: topKept.map((i) => content.top[i]!),
    declined: declinedKept.map((i) => content.declined[i]!),
  };
  const trimmed: Composed = {
    pageCount: options.pages,
    pages: { top: topKept.map((i) => composed.pages.top[i]!), declined: declinedKept.map((i) => composed.pages.declined[i]!), policies: policyKept.map((i) => composed.pages.policies[i]!) },
    splits: { declined: keptSplits(composed.splits.declined, declinedKept), policies: keptSplits(composed.splits.policies, policyKept) },
    printed: {
      top_jurisdictions: topKept.map((i) => composed.printed.top_jurisdictions[i]!),
      declined_detainers: declinedKept.map((i) => composed.printed.declined_detainers[i]!),
      policy_jurisdictions: policyKept.map((i) => composed.printed.policy_jurisdictions[i]!),
    },
    policies: policyKept.map((i) => composed.policies[i]!),
  };
  const def: SampleDefinition = {
    ...base,
    description: `Benchmark scan: the first ${options.pages} pages of report 1 at ${options.dpi} DPI${options.degraded ? ', degraded' : ''}; not committed.`,
    output: { kind: 'scanned', scan: scanOptions },
  };
  await mkdir(join(options.outFile, '..'), { recursive: true });
  await writeWithTruth(options.outFile, bytes, buildTruth(def, basename(options.outFile), trimmedContent, trimmed, bytes, kept.map(() => 'image')));
  return options.outFile;
}
