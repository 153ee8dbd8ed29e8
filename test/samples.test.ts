/**
 * The committed sample corpus: its truth files are valid, say what was really drawn, are
 * reproducible, and carry the published figures of report 1.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeclinedDetainerSchema, PolicyJurisdictionSchema, ReportSchema, TopJurisdictionSchema,
} from '../pipelines/ddor/contract.ts';
import { SampleTruthSchema, type SampleTruth } from '../pipelines/ddor/truth.ts';
import { openPdf } from '../src/pdf/load.ts';
import { SAMPLES, generateSample, sampleByName } from '../samples/generator/samples.ts';

const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const LONG = 120_000;

async function readTruth(name: string): Promise<SampleTruth> {
  return SampleTruthSchema.parse(JSON.parse(await readFile(join(SAMPLES_DIR, `${name}.truth.json`), 'utf8')));
}

interface PageContent { text: string; textItems: number; images: number }

/** Each page's text layer with all whitespace removed (producers split runs differently), and its image count. */
async function readPages(file: string): Promise<PageContent[]> {
  const { doc } = await openPdf(file);
  try {
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const strings = content.items.map((item) => ('str' in item ? item.str : ''));
      const ops = await page.getOperatorList();
      pages.push({
        text: squash(strings.join('')),
        textItems: strings.filter((s) => s.trim() !== '').length,
        images: ops.fnArray.filter((op) => op === OPS.paintImageXObject).length,
      });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Every needle occurs in the haystack, each after the previous one. */
function expectInOrder(haystack: string, needles: string[], where: string): void {
  let cursor = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(squash(needle), cursor);
    expect(at, `${where}: "${needle}" not found in order on the page`).toBeGreaterThanOrEqual(0);
    cursor = at + squash(needle).length;
  }
}

/** Checks a table's printed rows against the text layer of the pages they start on. */
function checkTable(pages: PageContent[], truth: SampleTruth, table: string, rows: string[][], rowPages: number[]): number {
  expect(rowPages, `${truth.file} ${table}: one page per row`).toHaveLength(rows.length);
  const byPage = new Map<number, string[]>();
  rows.forEach((cells, i) => byPage.set(rowPages[i]!, [...(byPage.get(rowPages[i]!) ?? []), ...cells]));
  let checked = 0;
  for (const [page, needles] of byPage) {
    if (truth.pages[page - 1]!.kind === 'image') continue;
    expectInOrder(pages[page - 1]!.text, needles, `${truth.file} page ${page} ${table}`);
    checked += needles.length;
  }
  return checked;
}

describe.each(SAMPLES.map((s) => s.name))('sample %s', (name) => {
  let truth: SampleTruth;
  let pages: PageContent[];
  let bytes: Buffer;
  beforeAll(async () => {
    truth = await readTruth(name);
    bytes = await readFile(join(SAMPLES_DIR, `${name}.pdf`));
    pages = await readPages(join(SAMPLES_DIR, `${name}.pdf`));
  }, LONG);

  it('has a truth file whose rows parse with the contract schemas', () => {
    expect(truth.file).toBe(`${name}.pdf`);
    for (const row of truth.dataset.reports) ReportSchema.parse(row);
    for (const row of truth.dataset.top_jurisdictions) TopJurisdictionSchema.parse(row);
    for (const row of truth.dataset.declined_detainers) DeclinedDetainerSchema.parse(row);
    for (const row of truth.dataset.policy_jurisdictions) PolicyJurisdictionSchema.parse(row);
    expect(truth.printed.declined_detainers).toHaveLength(truth.dataset.declined_detainers.length);
    expect(truth.printed.top_jurisdictions).toHaveLength(truth.dataset.top_jurisdictions.length);
    expect(truth.printed.policy_jurisdictions).toHaveLength(truth.dataset.policy_jurisdictions.length);
  });

  it('describes the PDF beside it: hash, page count, page kinds', () => {
    const report = truth.dataset.reports[0]!;
    expect(report.source_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(report.page_count).toBe(pages.length);
    expect(truth.pages).toHaveLength(pages.length);
    expect(report.declined_count).toBe(truth.dataset.declined_detainers.length);
    for (const row of truth.dataset.declined_detainers) {
      expect(row.source).toBe(truth.pages[row.page - 1]!.kind === 'image' ? 'ocr' : 'text');
    }
  });

  it('image pages have no text layer and one full-page image; text pages have text', () => {
    truth.pages.forEach(({ page, kind }) => {
      const content = pages[page - 1]!;
      if (kind === 'image') {
        expect(content.textItems, `${name} page ${page}`).toBe(0);
        expect(content.images, `${name} page ${page}`).toBe(1);
      } else {
        expect(content.textItems, `${name} page ${page}`).toBeGreaterThan(0);
      }
    });
  });

  it('every printed cell appears, in order, on the text page its row starts on', () => {
    const declined = truth.printed.declined_detainers.map((cells) => Object.values(cells));
    const top = truth.printed.top_jurisdictions.map((cells) => Object.values(cells));
    const policy = truth.printed.policy_jurisdictions.map((p) => [p.jurisdiction, p.date_enacted, p.policy, ...p.criteria]);
    const checked = checkTable(pages, truth, 'Section II', declined, truth.row_pages.declined_detainers)
      + checkTable(pages, truth, 'Section I', top, truth.row_pages.top_jurisdictions)
      + checkTable(pages, truth, 'Section III', policy, truth.row_pages.policy_jurisdictions);
    expect(truth.dataset.declined_detainers.map((r) => r.page)).toEqual(truth.row_pages.declined_detainers);
    if (truth.kind !== 'scanned') expect(checked).toBeGreaterThan(100);
  });
});

describe('report 1 and its corrected edition', () => {
  it('carries the published figures of report 1', async () => {
    const truth = await readTruth('ddor-2017-01-28');
    const rows = truth.dataset.declined_detainers;
    const report = truth.dataset.reports[0]!;
    expect(rows).toHaveLength(206);
    expect(rows.filter((r) => r.state === 'TX' && r.county === 'Travis County')).toHaveLength(142);
    expect(rows.filter((r) => r.state === 'TX')).toHaveLength(149);
    expect(rows.filter((r) => r.criminal_status === 'convicted')).toHaveLength(90);
    expect(rows.filter((r) => r.criminal_status === 'charged')).toHaveLength(116);
    expect(new Set(rows.map((r) => r.state)).size).toBe(16);
    expect(rows.some((r) => r.detainer_issued === '2010-10-16' && r.detainer_declined === '2017-02-01')).toBe(true);
    expect(rows.every((r) => r.detainer_declined >= '2017-01-28' && r.detainer_declined <= '2017-02-03')).toBe(true);
    expect(rows.every((r) => r.detainer_issued <= r.detainer_declined)).toBe(true);
    expect(truth.dataset.top_jurisdictions.reduce((sum, r) => sum + r.issued_detainers, 0)).toBe(157);
    expect(report).toMatchObject({ detainers_issued: 3083, top_ten_issued: 157, page_count: 35 });
    expect(truth.dataset.policy_jurisdictions).toHaveLength(118);
  });

  it('the corrected edition drops exactly the corrected rows and keeps every other record id', async () => {
    const original = await readTruth('ddor-2017-01-28');
    const corrected = await readTruth('ddor-2017-01-28-corrected');
    const dropped = new Set(['TX:Williamson County', 'TX:Bastrop County', 'PA:Chester County', 'NC:Richmond County']);
    const kept = original.dataset.declined_detainers.filter((r) => !dropped.has(`${r.state}:${r.county}`));
    const strip = ({ row, page, ...rest }: (typeof kept)[number]) => rest;
    expect(corrected.dataset.declined_detainers.map(strip)).toEqual(kept.map(strip));
    expect(corrected.dataset.top_jurisdictions.map((r) => `${r.county}, ${r.state}`))
      .toEqual(['Clark County, NV', 'Nassau County, NY', 'Cook County, IL', 'Snohomish County, WA', 'Washington County, OR', 'Alachua County, FL']);
    expect(corrected.dataset.top_jurisdictions.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(corrected.dataset.reports[0]).toMatchObject({ report_id: 'ddor-2017-01-28', edition: 'corrected-2017-04-05', top_ten_issued: 157 });
  });

  it('reports 2 and 3 have their published counts', async () => {
    const [r2, r3, alt] = await Promise.all(['ddor-2017-02-04', 'ddor-2017-02-11', 'ddor-2017-02-04-alt-producer'].map(readTruth));
    expect(r2!.dataset.declined_detainers).toHaveLength(47);
    expect(r2!.dataset.reports[0]).toMatchObject({ detainers_issued: 2825, top_ten_issued: 540 });
    expect(r2!.dataset.top_jurisdictions.reduce((sum, r) => sum + r.issued_detainers, 0)).toBe(540);
    expect(r3!.dataset.declined_detainers).toHaveLength(65);
    expect(r3!.dataset.reports[0]).toMatchObject({ detainers_issued: 2868 });
    // The same report from another producer normalises to the same record ids.
    expect(alt!.dataset.declined_detainers.map((r) => r.record_id)).toEqual(r2!.dataset.declined_detainers.map((r) => r.record_id));
  });
});

describe('determinism', () => {
  let dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddor-samples-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    dirs = [];
  });

  it('generating a sample twice gives byte-identical PDF and truth', async () => {
    const def = sampleByName('ddor-2017-02-04-mixed');
    const [a, b] = [await tempDir(), await tempDir()];
    await generateSample(def, a);
    await generateSample(def, b);
    for (const file of [`${def.name}.pdf`, `${def.name}.truth.json`]) {
      expect((await readFile(join(a, file))).equals(await readFile(join(b, file))), file).toBe(true);
    }
  }, LONG);

  it('the committed born-digital samples are what the generator writes today', async () => {
    const dir = await tempDir();
    for (const def of SAMPLES.filter((s) => s.output.kind === 'born-digital')) {
      await generateSample(def, dir);
      for (const file of [`${def.name}.pdf`, `${def.name}.truth.json`]) {
        const fresh = await readFile(join(dir, file));
        expect(fresh.equals(await readFile(join(SAMPLES_DIR, file))), `${file} is stale: run npx tsx samples/generate.ts`).toBe(true);
      }
    }
  }, LONG);
});
