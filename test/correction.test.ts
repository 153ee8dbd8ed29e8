/**
 * The correction scenario of REPORT-FORMAT.md §2: report 1 and its corrected edition must differ by
 * exactly the announced removals, give a patch bump, and nothing else.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';



let root: string;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ddor-correction-'));
  root = join(dir, 'versions');
  expect((await runCli('extract', 'samples/ddor-2017-01-28.pdf', '--out', join(dir, 'original'), '--no-ocr', '-q')).code).toBe(0);
  expect((await runCli('extract', 'samples/ddor-2017-01-28-corrected.pdf', '--out', join(dir, 'corrected'), '--no-ocr', '-q')).code).toBe(0);
  expect((await runCli('release', '--root', root, '--candidate', join(dir, 'original'), '--publish', '-q')).code).toBe(0);
});

describe('the corrected edition of report 1', () => {
  it('is proposed as a patch release, and published only when asked', async () => {
    const proposed = await runCli('release', '--root', root, '--candidate', join(dir, 'corrected'), '--json');
    expect(proposed.code).toBe(0);
    expect(proposed.stderr).toMatch(/proposed 1\.0\.1 \(patch: /);
    expect(JSON.parse(await readFile(join(root, 'latest.json'), 'utf8')).version).toBe('1.0.0');
    const published = await runCli('release', '--root', root, '--candidate', join(dir, 'corrected'), '--publish', '--json');
    expect(published.stderr).toMatch(/published 1\.0\.1 \(patch: /);
    expect(JSON.parse(await readFile(join(root, 'latest.json'), 'utf8')).version).toBe('1.0.1');
    const again = await runCli('release', '--root', root, '--candidate', join(dir, 'corrected'), '--publish', '--json');
    expect(again.stderr).toMatch(/no changes against 1\.0\.1/);
  });

  it('removes exactly the announced Section I and Section II rows, and changes nothing else', async () => {
    const result = await runCli('diff', '1.0.0', '1.0.1', '--root', root, '--format', 'json', '--exit-code');
    expect(result.code).toBe(1);
    const diff = JSON.parse(result.stdout);
    const table = (name: string) => diff.tables.find((t: { table: string }) => t.table === name);
    const place = (r: { row: Record<string, string> }) => `${r.row.county}, ${r.row.state}`;

    const top = table('top_jurisdictions');
    expect(top.added).toEqual([]);
    expect(top.changed).toEqual([]);
    expect(top.removed.map(place).sort()).toEqual(['Franklin County, IA', 'Franklin County, NY', 'Franklin County, PA', 'Montgomery County, IA']);

    const declined = table('declined_detainers');
    expect(declined.added).toEqual([]);
    expect(declined.changed).toEqual([]);
    expect(new Set(declined.removed.map(place))).toEqual(new Set(['Williamson County, TX', 'Bastrop County, TX', 'Chester County, PA', 'Richmond County, NC']));
    expect(declined.counts.unchanged).toBeGreaterThan(190);

    expect(table('policy_jurisdictions').counts).toMatchObject({ added: 0, removed: 0, changed: 0 });
    // The report row itself records the new edition.
    const report = table('reports').changed[0];
    expect(report.changes.map((c: { field: string }) => c.field)).toEqual(expect.arrayContaining(['edition', 'declined_count']));
  });

  it('diffing a version with itself prints "no changes" and exits 0', async () => {
    const result = await runCli('diff', '1.0.1', 'latest', '--root', root);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/no changes/i);
  });
});
