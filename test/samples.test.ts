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
import { SECTION_I_LAYOUT, SECTION_II_LAYOUT } from '../pipelines/ddor/layout.ts';
import { SampleTruthSchema, type SampleTruth, type SplitRow } from '../pipelines/ddor/truth.ts';
import { openPdf } from '../src/pdf/load.ts';
import { SAMPLES, generateSample, sampleByName } from '../pipelines/ddor/generator/samples.ts';

const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
const LONG = 120_000;

async function readTruth(name: string): Promise<SampleTruth> {
  return SampleTruthSchema.parse(JSON.parse(await readFile(join(SAMPLES_DIR, `${name}.truth.json`), 'utf8')));
}

interface PageContent { text: string; textItems: number; images: number }

/** Each page's text layer squashed (see `squash`), and its image count. */
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

/** Whitespace and bullets removed: producers split runs differently, and a criteria cell's bullets are layout. */
const squash = (s: string) => s.replace(/[\s\u2022]+/g, '');

/** Every needle occurs in the haystack, each after the previous one. */
function expectInOrder(haystack: string, needles: string[], where: string): void {
  let cursor = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(squash(needle), cursor);
    expect(at, `${where}: "${needle}" not found in order on the page`).toBeGreaterThanOrEqual(0);
    cursor = at + squash(needle).length;
  }
}

/** The part of a printed cell drawn on the row's first page, when `continued` went on to the next. */
function beforeBreak(text: string, continued: string | undefined, where: string): string {
  if (continued === undefined) return text;
  expect(text.endsWith(continued), `${where}: "${continued}" is not the end of "${text}"`).toBe(true);
  return text.slice(0, text.length - continued.length).trim();
}

/**
 * Checks a table's printed rows against the text layer of the pages they start on; a row split by a
 * page break has its first part there and its continued cells first on the next page.
 */
function checkTable(pages: PageContent[], truth: SampleTruth, table: string, rows: Array<Record<string, string>>, rowPages: number[], splits: SplitRow[]): number {
  expect(rowPages, `${truth.file} ${table}: one page per row`).toHaveLength(rows.length);
  const byPage = new Map<number, string[]>();
  const add = (page: number, needles: string[]) => byPage.set(page, [...(byPage.get(page) ?? []), ...needles]);
  rows.forEach((cells, i) => {
    const page = rowPages[i]!;
    const split = splits.find((s) => s.row === i + 1);
    if (!split) {
      add(page, Object.values(cells));
      return;
    }
    const where = `${truth.file} ${table} row ${i + 1}`;
    expect(split.page, `${where}: split on its start page`).toBe(page);
    add(page, Object.entries(cells).map(([key, text]) => beforeBreak(text, split.continued[key], where)));
    add(page + 1, Object.values(split.continued));
  });
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

  it('printed cells are keyed by the engine\'s field names', () => {
    const fields = (layout: typeof SECTION_II_LAYOUT) => layout.columns.map((c) => c.field);
    for (const cells of truth.printed.declined_detainers) expect(fields(SECTION_II_LAYOUT)).toEqual(expect.arrayContaining(Object.keys(cells)));
    for (const cells of truth.printed.top_jurisdictions) expect(Object.keys(cells)).toEqual(fields(SECTION_I_LAYOUT));
  });

  it('every printed cell appears, in order, on the text page its row starts on (or continues on)', () => {
    const policy = truth.printed.policy_jurisdictions.map((p) => ({ jurisdiction: p.jurisdiction, date_enacted: p.date_enacted, policy: p.policy, criteria: p.criteria.join(' ') }));
    const checked = checkTable(pages, truth, 'Section II', truth.printed.declined_detainers, truth.row_pages.declined_detainers, truth.split_rows.declined_detainers)
      + checkTable(pages, truth, 'Section I', truth.printed.top_jurisdictions, truth.row_pages.top_jurisdictions, [])
      + checkTable(pages, truth, 'Section III', policy, truth.row_pages.policy_jurisdictions, truth.split_rows.policy_jurisdictions);
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

describe('rows split by a page break', () => {
  /** The split rows of a table, each with the printed cells it continues and the page it starts on. */
  const splitCells = (splits: SplitRow[], printed: Array<Record<string, string | string[]>>) => splits.map((s) => ({
    ...s,
    cells: Object.keys(s.continued).map((key) => [printed[s.row - 1]![key], s.continued[key]!] as const),
  }));

  it('report 2 has a Section II row whose wrapped cell ends one page and continues on the next', async () => {
    const truth = await readTruth('ddor-2017-02-04');
    const splits = splitCells(truth.split_rows.declined_detainers, truth.printed.declined_detainers);
    expect(splits.length).toBeGreaterThanOrEqual(1);
    for (const split of splits) {
      expect(split.page + 1).toBeLessThanOrEqual(truth.pages.length);
      // The dataset row is on the page the row starts on.
      expect(truth.dataset.declined_detainers[split.row - 1]!.page).toBe(split.page);
      for (const [cell, continued] of split.cells) {
        expect(typeof cell === 'string' && cell.length > continued.length && cell.endsWith(` ${continued}`)).toBe(true);
      }
    }
  });

  it('report 1 and its corrected edition have a Section III row split by a page break', async () => {
    for (const name of ['ddor-2017-01-28', 'ddor-2017-01-28-corrected']) {
      const truth = await readTruth(name);
      const printed = truth.printed.policy_jurisdictions.map((p) => ({ ...p, criteria: p.criteria.join(' ') }));
      const splits = splitCells(truth.split_rows.policy_jurisdictions, printed);
      expect(splits, name).toHaveLength(1);
      expect(truth.row_pages.policy_jurisdictions[splits[0]!.row - 1]).toBe(splits[0]!.page);
      for (const [cell, continued] of splits[0]!.cells) expect(String(cell).endsWith(` ${continued}`), name).toBe(true);
    }
  });

  it('samples whose layout keeps rows whole have none', async () => {
    for (const name of ['ddor-2017-02-11', 'ddor-2017-02-04-alt-producer', 'ddor-2017-02-04-mixed']) {
      const truth = await readTruth(name);
      expect([...truth.split_rows.declined_detainers, ...truth.split_rows.policy_jurisdictions], name).toEqual([]);
    }
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
