/**
 * The DDOR catalog as data, and what downloading it looks like with no network: every catalog URL
 * pointed at a closed port on 127.0.0.1 fails on its own with a clear error, and nothing is cached.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from './support/cli.ts';
import { downloadAll } from '../src/download/download.ts';
import { DownloadError } from '../src/download/error.ts';
import { findPublication, loadCatalog } from '../pipelines/ddor/catalog.ts';


describe('DDOR catalog', () => {
  it('lists report 1 (original and corrected) and reports 2 and 3 with their periods', async () => {
    const catalog = await loadCatalog();
    expect(catalog.publications.map((p) => `${p.report_id} ${p.edition}`)).toEqual([
      'ddor-2017-01-28 original',
      'ddor-2017-01-28 corrected-2017-04-05',
      'ddor-2017-02-04 original',
      'ddor-2017-02-11 original',
    ]);
    const report2 = findPublication(catalog, 'ddor-2017-02-04')!;
    expect(report2).toMatchObject({ period_end: '2017-02-10', published: '2017-03-29', url: 'https://www.ice.gov/doclib/ddor/ddor2017-02-04to02-10.pdf' });
    expect(report2.stated).toEqual({ detainers_issued: 2825, top_ten_issued: 540, declined_count: 47 });
    expect(findPublication(catalog, 'ddor-2017-01-28')!.stated.declined_count).toBe(206);
    for (const p of catalog.publications) {
      expect(p.url.startsWith(catalog.official_folder)).toBe(true);
      if (p.url_inferred) expect(p.url_note).toMatch(/infer/);
    }
  });

  it('rejects a catalog whose report_id does not match its period, naming the file and field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ddor-cat-'));
    try {
      const catalog = await loadCatalog();
      const broken = { ...catalog, publications: [{ ...catalog.publications[0]!, report_id: 'ddor-2017-02-01' }] };
      const file = join(dir, 'catalog.json');
      await writeFile(file, JSON.stringify(broken));
      await expect(loadCatalog(file)).rejects.toThrow(/catalog\.json: invalid catalog[\s\S]*ddor-2017-01-28[\s\S]*publications\[0\]\.report_id/);
      await writeFile(file, '{ not json');
      await expect(loadCatalog(file)).rejects.toThrow(/cannot read the catalog/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('downloading the catalog without a network', () => {
  it('fails each URL on its own with a clear connection error and caches nothing', async () => {
    const port = await closedPort();
    const catalog = await loadCatalog();
    const urls = catalog.publications.map((p) => `http://127.0.0.1:${port}${new URL(p.url).pathname}`);
    const cacheDir = await mkdtemp(join(tmpdir(), 'ddor-dl-offline-'));
    try {
      const outcomes = await downloadAll(urls, { cacheDir, maxAttempts: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 5, connectTimeoutMs: 500 });
      expect(outcomes.map((o) => o.url)).toEqual(urls);
      for (const outcome of outcomes) {
        expect(outcome.ok).toBe(false);
        if (outcome.ok) continue;
        expect(outcome.error).toBeInstanceOf(DownloadError);
        expect(outcome.error).toMatchObject({ url: outcome.url, reason: 'network', attempts: 2 });
        expect(outcome.error.message).toContain(outcome.url);
        expect(outcome.error.message).toMatch(/ECONNREFUSED/);
        expect(outcome.error.advice).toMatch(/network/);
      }
      const leftovers = await readdir(cacheDir, { recursive: true }).catch(() => []);
      expect(leftovers).toEqual([]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
