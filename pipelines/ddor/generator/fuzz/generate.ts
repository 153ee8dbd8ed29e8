/**
 * One fuzz document from a seed's choices: the report drawn by its producer, scanned and OCR'd as
 * its kind says, with its ground truth (samples' SampleTruth shape) and a record of every choice.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRng } from '../prng.ts';
import { SETTINGS } from '../settings.ts';
import { composeReport, type Composed, type ReportStyle } from '../compose.ts';
import { pdfKitPen, pdfLibPen, type FinishablePen } from '../pens.ts';
import type { ReportContent } from '../reports.ts';
import { assemblePdf, scanPages, type OutputPage, type ScanOptions } from '../scan.ts';
import { formatTruthJson, truthOf } from '../samples.ts';
import type { SampleTruth } from '../../truth.ts';
import { drawChoices, type ChoiceOverrides, type FuzzChoices } from './choices.ts';
import { fuzzContent } from './content.ts';
import { FUZZ_SETTINGS } from './settings.ts';
import { reportHtml } from './html.ts';
import { locateRows } from './locate.ts';
import { reportFodt } from './odt.ts';
import { chromiumPdf, libreOfficePdf } from './print.ts';
import { ocrmypdfSandwich, tesseractSandwich } from './sandwich.ts';
import { estimatedMeasure, fitTable, logoPng, pageSize, reportStyle, systemFont } from './style.ts';
import { columnTexts, reportTables, type ReportTables, type TableCells } from './tables.ts';

/** Choices that follow from the drawn ones once the document exists (recorded too). */
export interface Derived {
  font: string;
  /** Table font sizes after shrinking until each column's longest word fits. */
  tableSizes: { top: number; declined: number; policy: number };
  pageCount: number;
  /** The scanned pages of a mixed copy. */
  imagePages: number[];
}

export interface FuzzDocument {
  name: string;
  choices: FuzzChoices;
  derived: Derived;
  bytes: Uint8Array;
  truth: SampleTruth;
}

const PEN_FONTS = { serif: 'Times', sans: 'Helvetica', mono: 'Courier' } as const;

export function fuzzName(choices: FuzzChoices): string {
  return `fuzz-${choices.seed}-${choices.producer}-${choices.kind}`;
}

/** The style with every table's type size and column shares fitted to the page (fitTable). */
function fitStyle(style: ReportStyle, tables: ReportTables, measure: (text: string, size: number) => number, width: number): ReportStyle {
  const fitted = (t: TableCells, padding: number | undefined, size: number) => fitTable(columnTexts(t), measure, width, padding ?? SETTINGS.cellPadding, size);
  const top = fitted(tables.top, style.top.look?.padding, style.top.fontSize);
  const declined = fitted(tables.declined, style.declined.look?.padding, style.declined.fontSize);
  const policy = fitted(tables.policy, style.policy.look?.padding, style.policy.fontSize);
  return {
    ...style,
    top: { ...style.top, fontSize: top.size, shares: top.shares as [number, number] },
    declined: { ...style.declined, fontSize: declined.size, columns: style.declined.columns.map((c, i) => ({ ...c, share: declined.shares[i]! })) },
    policy: { ...style.policy, fontSize: policy.size, shares: policy.shares as [number, number, number, number] },
  };
}

async function penReport(choices: FuzzChoices, content: ReportContent, style: ReportStyle, tables: ReportTables): Promise<{ bytes: Uint8Array; composed: Composed; style: ReportStyle }> {
  const size = pageSize(choices);
  const family = PEN_FONTS[choices.font];
  const info = { title: `${content.title} - ${content.headerPeriod}`, author: 'U.S. Immigration and Customs Enforcement', creator: 'Enforcement and Removal Operations' };
  const pen: FinishablePen = choices.producer === 'pdf-lib' ? await pdfLibPen(size, family, info) : pdfKitPen(size, family, info);
  const fitted = fitStyle(style, tables, (t, s) => pen.measure(t, 'bold', s), size[0] - choices.margins.left - choices.margins.right);
  const composed = composeReport(pen, content, fitted);
  return { bytes: await pen.finish(), composed, style: fitted };
}

/** A Chromium or LibreOffice print, with each row's page found in the printed text. */
async function printedReport(choices: FuzzChoices, content: ReportContent, unfitted: ReportStyle, tables: ReportTables): Promise<{ bytes: Uint8Array; composed: Composed; style: ReportStyle }> {
  const style = fitStyle(unfitted, tables, estimatedMeasure(choices.font), pageSize(choices)[0] - choices.margins.left - choices.margins.right);
  const bytes = choices.producer === 'chromium' ? await chromiumPdf(reportHtml(choices, content, style, tables))
    : choices.producer === 'libreoffice-html' ? await libreOfficePdf({ html: reportHtml(choices, content, style, tables) })
      : await libreOfficePdf({ fodt: reportFodt(choices, content, style, tables) });
  const locator = await locateRows(bytes);
  const { printed } = tables;
  const top = locator.pagesOf(printed.top_jurisdictions.map((r) => [...r.county_state!.split(' '), r.issued_detainers!]));
  const declined = locator.pagesOf(printed.declined_detainers.map((r) => [r.detainer_issued!, r.detainer_declined!]));
  const policies = locator.pagesOf(content.policies.map((p, i) => [...p.dateEnacted.split(' '), printed.policy_jurisdictions[i]!.jurisdiction.split(' ').at(-1)!]));
  return {
    bytes,
    style,
    composed: { pageCount: locator.pageCount, pages: { top, declined, policies }, splits: { declined: [], policies: [] }, printed, policies: content.policies },
  };
}

function scanOptions(choices: FuzzChoices): ScanOptions {
  const s = choices.scan!;
  const degraded = s.skewDegrees !== 0 || s.noise > 0 || s.blur > 0 || s.specks > 0;
  return {
    dpi: s.dpi, jpegQuality: s.jpegQuality, bilevel: s.bilevel,
    // A scanner's black-and-white mode sets paper to white: its grey noise is not dithered into
    // dots all over the page (specks, blur and skew stay).
    degradation: degraded ? { skewDegrees: s.skewDegrees, alternateSkew: s.alternateSkew, noise: s.bilevel ? 0 : s.noise, blur: s.blur, specks: s.specks, seed: `fuzz:${choices.seed}:scan` } : null,
  };
}

/** A proper, non-empty subset of the pages for a mixed copy. */
function mixedPages(seed: number, pageCount: number): number[] {
  const rng = seededRng(`fuzz:${seed}:mixed-pages`);
  const all = Array.from({ length: pageCount }, (_, i) => i + 1);
  if (pageCount === 1) return all;
  return rng.shuffle(all).slice(0, rng.int(1, pageCount - 1)).sort((a, b) => a - b);
}

function describe(choices: FuzzChoices, derived: Derived): string {
  const t = choices.tables.declined;
  const scan = choices.scan ? `; scanned at ${choices.scan.dpi} DPI, ${choices.scan.bilevel ? 'one-bit, dithered' : `JPEG q${choices.scan.jpegQuality}`}, skew ${choices.scan.skewDegrees}°${choices.scan.alternateSkew ? ' alternating' : ''}, noise ${choices.scan.bilevel ? 0 : choices.scan.noise}, blur ${choices.scan.blur}px, ${choices.scan.specks} specks` : '';
  return `Fuzz seed ${choices.seed} (${choices.kind}): ${choices.producer}, ${derived.font}, ${choices.page.size}${choices.page.landscape ? ' landscape' : ''}, Section II ${t.borders} borders${t.zebra === null ? '' : ', zebra'}${t.repeatHeader ? ', header repeated' : ''}, status as ${choices.declined.statusForm}${scan}${derived.imagePages.length && choices.kind === 'mixed' ? `; pages ${derived.imagePages.join(', ')} scanned` : ''}. Settings: the .settings.json beside it.`;
}

export async function generateFuzz(seed: number, overrides: ChoiceOverrides = {}): Promise<FuzzDocument> {
  const choices = drawChoices(seed, overrides);
  const content = fuzzContent(choices);
  const style: ReportStyle = { ...reportStyle(choices, content), ...(choices.furniture.logo ? { logo: { png: logoPng(), width: FUZZ_SETTINGS.logoSize, height: FUZZ_SETTINGS.logoSize } } : {}) };
  const tables = reportTables(content, style);
  const isPen = choices.producer === 'pdf-lib' || choices.producer === 'pdfkit';
  const born = isPen ? await penReport(choices, content, style, tables) : await printedReport(choices, content, style, tables);
  const pageCount = born.composed.pageCount;
  const all = Array.from({ length: pageCount }, (_, i) => i + 1);
  const imagePages = choices.kind === 'born-digital' ? [] : choices.kind === 'mixed' ? mixedPages(seed, pageCount) : all;
  const derived: Derived = {
    font: isPen ? PEN_FONTS[choices.font] : systemFont(choices),
    tableSizes: { top: born.style.top.fontSize, declined: born.style.declined.fontSize, policy: born.style.policy.fontSize },
    pageCount,
    imagePages,
  };
  const title = `${content.title} - ${content.headerPeriod}`;
  let bytes = born.bytes;
  if (imagePages.length > 0) {
    const scans = await scanPages(born.bytes, imagePages, scanOptions(choices));
    const pages: OutputPage[] = all.map((page) => (imagePages.includes(page) ? { scan: scans[imagePages.indexOf(page)]! } : { copyOf: page }));
    bytes = await assemblePdf(born.bytes, pages, title);
    if (choices.kind === 'sandwich-tesseract') bytes = await tesseractSandwich(scans, choices.scan!.dpi);
    if (choices.kind === 'sandwich-ocrmypdf') bytes = await ocrmypdfSandwich(bytes);
  }
  const name = fuzzName(choices);
  const pageKinds = all.map((page) => (imagePages.includes(page) ? 'image' as const : 'text' as const));
  const kind = choices.kind === 'born-digital' ? 'born-digital' as const : choices.kind === 'mixed' ? 'mixed' as const : 'scanned' as const;
  const label = {
    description: describe(choices, derived), kind,
    producer: `${choices.producer} + ${derived.font}${choices.kind.startsWith('sandwich') ? `, scanned, OCR layer by ${choices.kind.slice('sandwich-'.length)}` : ''}`,
    hasCity: choices.declined.columns.some((c) => c.field === 'city'),
  };
  return { name, choices, derived, bytes, truth: truthOf(label, `${name}.pdf`, content, born.composed, bytes, pageKinds) };
}

/** Writes <dir>/<name>.pdf, .truth.json and .settings.json (the seed and every choice); returns the PDF path. */
export async function writeFuzzDocument(doc: FuzzDocument, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const pdf = join(dir, `${doc.name}.pdf`);
  await writeFile(pdf, doc.bytes);
  await writeFile(join(dir, `${doc.name}.truth.json`), `${formatTruthJson(doc.truth)}\n`);
  await writeFile(join(dir, `${doc.name}.settings.json`), `${JSON.stringify({ seed: doc.choices.seed, choices: doc.choices, derived: doc.derived }, null, 2)}\n`);
  return pdf;
}
