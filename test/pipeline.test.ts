/**
 * The staged pipeline on real sample PDFs: the dataset it writes, the stage cache (hits on a
 * re-run, only the changed stage redone, byte-identical output), failures isolated per source,
 * and the OCR page cache on the one mixed sample.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { columnsOf } from '../src/dataset/table-spec.ts';
import type { ReportFamily } from '../src/family.ts';
import { runPipeline, stageCacheDir, type PipelineResult } from '../src/pipeline/run.ts';
import { planSources } from '../src/pipeline/sources.ts';
import { StageCache, stableJson } from '../src/pipeline/stage-cache.ts';
import { ddor } from '../pipelines/ddor/family.ts';

const TEXT_SAMPLES = ['samples/ddor-2017-02-04.pdf', 'samples/ddor-2017-02-11.pdf'];
/** Reading PDFs takes tens of seconds on a busy 2-core machine; OCR more. */
const SLOW = 300_000;
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-pipeline-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function readDataset(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name)));
  return files;
}

async function run(family: ReportFamily, files: string[], cacheDir: string, out: string, extra: { allowPartial?: boolean } = {}): Promise<PipelineResult> {
  return runPipeline({ family, kind: 'files', sources: await planSources(family, 'files', files), out, settings: { cacheDir }, ...extra });
}

describe('StageCache', () => {
  const stage = { name: 'square', version: 'v1' };

  it('stores a result under a key of stage, version and input, and serves it back', async () => {
    const cache = new StageCache(await tempDir());
    let calls = 0;
    const square = (n: number) => cache.through(stage, { n }, () => { calls++; return n * n; });
    expect(await square(3)).toEqual({ value: 9, cached: false });
    expect(await square(3)).toEqual({ value: 9, cached: true });
    expect(await square(4)).toEqual({ value: 16, cached: false });
    expect(calls).toBe(2);
    expect(cache.keyOf(stage, { n: 3 })).not.toBe(cache.keyOf({ ...stage, version: 'v2' }, { n: 3 }));
    expect(cache.summary().square).toMatchObject({ computed: 2, cached: 1, failed: 0 });
    // Written through a temp file and renamed: nothing is left in tmp/.
    expect(await readdir(join(cache.dir, 'tmp'))).toEqual([]);
  });

  it('treats an unreadable entry as a miss, does not keep results `keep` rejects, and ignores entries when fresh', async () => {
    const dir = await tempDir();
    const cache = new StageCache(dir);
    await cache.compute(stage, 1, () => 1);
    await writeFile(cache.pathOf(stage, 1), '{ half an entr');
    expect(await cache.lookup(stage, 1)).toBeUndefined();
    await cache.compute(stage, 2, () => 'partial', () => false);
    expect(await cache.lookup(stage, 2)).toBeUndefined();
    await cache.compute(stage, 3, () => 3);
    expect(await new StageCache(dir, true).lookup(stage, 3)).toBeUndefined();
    expect(await new StageCache(dir).lookup(stage, 3)).toBe(3);
  });

  it('hashes equal inputs equally whatever their key order, regular expressions by their source', () => {
    expect(stableJson({ b: 1, a: [/x+/i, { d: 2, c: 1 }] })).toBe(stableJson({ a: [/x+/i, { c: 1, d: 2 }], b: 1 }));
    expect(stableJson({ p: /x/ })).not.toBe(stableJson({ p: /y/ }));
  });
});

describe('runPipeline on born-digital samples', () => {
  it('writes a dataset that parses, then re-runs from the cache to byte-identical files', async () => {
    const [cacheDir, outDir] = [await tempDir(), await tempDir()];
    const out = join(outDir, 'candidate');
    const first = await run(ddor, TEXT_SAMPLES, cacheDir, out);
    expect(first.failures).toEqual([]);
    expect(first.stages.report).toMatchObject({ computed: 2, cached: 0 });
    expect(first.stages['text-layer']!.computed).toBeGreaterThan(40);
    expect(first.ocrWorkerStarts).toBe(0);

    const files = await readDataset(out);
    for (const table of ddor.tables) {
      const rows = JSON.parse(files.get(`${table.name}.json`)!.toString('utf8')) as unknown[];
      const csvLines = files.get(`${table.name}.csv`)!.toString('utf8').trimEnd().split('\n');
      expect(csvLines[0]).toBe(columnsOf(table).join(','));
      expect(rows.length).toBeGreaterThan(0);
    }
    const pkg = JSON.parse(files.get('datapackage.json')!.toString('utf8'));
    expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual(ddor.tables.map((t) => t.name));
    expect(JSON.parse(files.get('reports.json')!.toString('utf8')).map((r: { report_id: string }) => r.report_id)).toEqual(['ddor-2017-02-04', 'ddor-2017-02-11']);
    // No absolute paths or run times leak into the dataset.
    for (const [name, bytes] of files) expect(bytes.toString('utf8'), name).not.toContain(tmpdir());

    const second = await run(ddor, TEXT_SAMPLES, cacheDir, out);
    expect(second.stages.report).toMatchObject({ computed: 0, cached: 2 });
    expect(second.stages['text-layer']).toBeUndefined();
    expect(await readDataset(out)).toEqual(files);

    // A change to a later stage's settings redoes that stage only: pages come from the cache.
    const tweaked: ReportFamily = { ...ddor, extraction: { ...ddor.extraction, furniturePatterns: [...(ddor.extraction.furniturePatterns ?? []), /^no line reads like this$/] } };
    const third = await run(tweaked, TEXT_SAMPLES, cacheDir, out);
    expect(third.stages.report).toMatchObject({ computed: 2, cached: 0 });
    expect(third.stages['text-layer']).toMatchObject({ computed: 0, cached: first.stages['text-layer']!.computed });
    expect(await readDataset(out)).toEqual(files);
  }, SLOW);

  it('isolates a failing source: the others are read, nothing is written unless a partial dataset is allowed', async () => {
    const [cacheDir, outDir] = [await tempDir(), await tempDir()];
    const broken = join(outDir, 'not-a-report.pdf');
    await writeFile(broken, '<html><body>Not found</body></html>');
    const out = join(outDir, 'candidate');
    const sources = [TEXT_SAMPLES[0]!, broken];

    const strict = await run(ddor, sources, cacheDir, out);
    expect(strict.reports.map((r) => r.publication)).toEqual(['ddor-2017-02-04']);
    expect(strict.failures).toHaveLength(1);
    expect(strict.failures[0]!.message).toMatch(/not-a-report\.pdf: this is an HTML page, not a PDF/);
    expect(strict.dataset).toBeNull();
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);

    const partial = await run(ddor, sources, cacheDir, out, { allowPartial: true });
    expect(partial.stages.report).toMatchObject({ cached: 1 });
    const findings = JSON.parse(await readFile(join(out, 'findings.json'), 'utf8'));
    expect(findings.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'source-failed', file: expect.stringContaining('not-a-report.pdf') }));
    expect(JSON.parse(await readFile(join(out, 'reports.json'), 'utf8'))).toHaveLength(1);
  }, SLOW);
});

describe('runPipeline with OCR', () => {
  it('caches OCR\'d pages: with the report entry gone, a re-run reads its scanned pages from the cache', async () => {
    const [cacheDir, outDir] = [await tempDir(), await tempDir()];
    const out = join(outDir, 'candidate');
    const mixed = ['samples/ddor-2017-02-04-mixed.pdf'];
    const first = await run(ddor, mixed, cacheDir, out);
    expect(first.failures).toEqual([]);
    expect(first.stages.ocr).toMatchObject({ computed: 2, failed: 0 });
    expect(first.ocrWorkerStarts).toBeGreaterThan(0);
    const files = await readDataset(out);

    await rm(join(stageCacheDir(cacheDir), 'report'), { recursive: true });
    const second = await run(ddor, mixed, cacheDir, out);
    expect(second.stages.ocr).toMatchObject({ computed: 0, cached: 2 });
    expect(second.stages.report).toMatchObject({ computed: 1 });
    expect(second.ocrWorkerStarts).toBe(0);
    expect(await readDataset(out)).toEqual(files);
  }, SLOW);
});
