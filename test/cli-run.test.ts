/**
 * `ddor run` as a user runs it: the CLI in a child process on born-digital samples (an
 * uninterrupted run, a run killed halfway and resumed, a re-run from the cache, all giving the
 * same bytes), the catalog with no reachable server, and usage errors.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { closedPort } from './support/cli.ts';
import { main } from '../src/cli/main.ts';
import type { ReportFamily } from '../src/family.ts';
import { ddor } from '../pipelines/ddor/family.ts';

const SAMPLES = ['samples/ddor-2017-02-04.pdf', 'samples/ddor-2017-02-11.pdf', 'samples/ddor-2017-02-04-alt-producer.pdf'];
const SLOW = 400_000;
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-cli-run-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
afterEach(() => { vi.restoreAllMocks(); });

interface Finished { code: number | null; signal: NodeJS.Signals | null; stderr: string }

function startCli(args: string[]) {
  const child = spawn(process.execPath, ['bin/ddor.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const finished = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, finished };
}

const runCli = (args: string[]) => startCli(args).finished;

/** The JSON log line carrying the run summary. */
function summaryOf(stderr: string): { reports: number; stages: Record<string, { computed: number; cached: number }> } {
  const line = stderr.split('\n').find((l) => l.includes('"summary"'));
  if (!line) throw new Error(`no summary line in:\n${stderr}`);
  return JSON.parse(line).summary;
}

async function readDataset(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name)));
  return files;
}

async function waitForFile(dir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readdir(dir).catch(() => [])).some((n) => n.endsWith('.json'))) return;
    await sleep(25);
  }
  throw new Error(`nothing appeared in ${dir} within ${timeoutMs} ms`);
}

describe('ddor run (child process)', () => {
  it('resumes a run killed halfway from the cache, and every run gives the same bytes', async () => {
    const work = await tempDir();
    const whole = { out: join(work, 'whole'), cache: join(work, 'cache-whole') };
    const killed = { out: join(work, 'killed'), cache: join(work, 'cache-killed') };

    const uninterrupted = await runCli(['run', ...SAMPLES, '--out', whole.out, '--cache', whole.cache, '--json']);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    expect(summaryOf(uninterrupted.stderr).stages.report).toMatchObject({ computed: 3, cached: 0 });
    const expected = await readDataset(whole.out);
    expect([...expected.keys()]).toEqual(expect.arrayContaining(['datapackage.json', 'declined_detainers.csv', 'reports.json', 'findings.json']));

    const doomed = startCli(['run', ...SAMPLES, '--out', killed.out, '--cache', killed.cache, '--json']);
    await waitForFile(join(killed.cache, 'stages', 'report'), 300_000);
    doomed.child.kill('SIGKILL');
    const death = await doomed.finished;
    expect(death.signal).toBe('SIGKILL');
    await expect(readdir(killed.out)).rejects.toThrow(/ENOENT/);

    const resumed = await runCli(['run', ...SAMPLES, '--out', killed.out, '--cache', killed.cache, '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = summaryOf(resumed.stderr).stages.report!;
    expect(report.cached).toBeGreaterThanOrEqual(1);
    expect(report.cached + report.computed).toBe(3);
    expect(await readDataset(killed.out)).toEqual(expected);

    const again = await runCli(['run', ...SAMPLES, '--out', whole.out, '--cache', whole.cache, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(summaryOf(again.stderr).stages.report).toMatchObject({ computed: 0, cached: 3 });
    expect(await readDataset(whole.out)).toEqual(expected);
  }, SLOW);
});


async function runInProcess(args: string[], family: ReportFamily = ddor): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const code = await main(args, { name: family.name, title: family.title, load: async () => family });
  vi.restoreAllMocks();
  return { code, stderr, stdout };
}

describe('ddor run --source catalog without a network', () => {
  it('reports each report\'s download error, exits 1 and writes nothing', async () => {
    const work = await tempDir();
    const published = await ddor.catalog();
    const ports = await Promise.all(published.map(() => closedPort()));
    const offline: ReportFamily = {
      ...ddor,
      catalog: async () => published.map((p, i) => ({ ...p, url: `http://127.0.0.1:${ports[i]}/${p.url.split('/').pop()}` })),
    };
    const out = join(work, 'out');
    const { code, stderr } = await runInProcess(['run', '--source', 'catalog', '--out', out, '--cache', join(work, 'cache'), '--json'], offline);
    expect(code).toBe(1);
    const failures = stderr.split('\n').filter((l) => l.includes('"level":"error"') && l.includes('FAILED at download'));
    expect(failures).toHaveLength(published.length);
    for (const [i, p] of published.entries()) {
      const line = failures.find((l) => l.includes(`127.0.0.1:${ports[i]}`));
      expect(line, `no failure line for ${p.url}`).toMatch(/connection failed \(ECONNREFUSED[\s\S]*check your network connection/);
    }
    expect(stderr).toMatch(/nothing written to .*out: 4 of 4 sources failed[\s\S]*no report could be read/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    await expect(readdir(join(work, 'cache', 'downloads', 'objects'))).rejects.toThrow(/ENOENT/);
  }, 60_000);
});

describe('ddor run --source catalog from a server on 127.0.0.1', () => {
  it('reads the reports it can download with the catalog\'s hints, and names the one it cannot', async () => {
    const work = await tempDir();
    const served: Record<string, string> = { '/r2.pdf': 'samples/ddor-2017-02-04.pdf', '/r3.pdf': 'samples/ddor-2017-02-11.pdf' };
    const requests: string[] = [];
    const server = createHttpServer((req, res) => {
      requests.push(req.url!);
      const file = served[req.url!];
      if (!file) return void res.writeHead(404).end('not here');
      readFile(file).then((bytes) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(bytes));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const published = (await ddor.catalog()).filter((p) => p.edition === 'original');
      const paths: Record<string, string> = { 'ddor-2017-01-28': '/gone.pdf', 'ddor-2017-02-04': '/r2.pdf', 'ddor-2017-02-11': '/r3.pdf' };
      const local: ReportFamily = { ...ddor, catalog: async () => published.map((p) => ({ ...p, url: base + paths[p.publication] })) };
      const args = ['run', '--source', 'catalog', '--out', join(work, 'out'), '--cache', join(work, 'cache'), '--json'];

      const strict = await runInProcess(args, local);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(new RegExp(`FAILED at download: ${base}/gone.pdf: the server answered HTTP 404[^\\n]*correct the URL in the catalog`));
      expect(strict.stderr).toMatch(/1 of 3 sources failed[\s\S]*--allow-partial to write a dataset of the 2 reports that worked/);
      await expect(readdir(join(work, 'out'))).rejects.toThrow(/ENOENT/);

      requests.length = 0;
      const partial = await runInProcess([...args, '--allow-partial'], local);
      expect(partial.code, partial.stderr).toBe(0);
      // The downloaded reports come from the download cache without asking the server again.
      expect(requests).toEqual(['/gone.pdf']);
      expect(summaryOf(partial.stderr).stages.report).toMatchObject({ cached: 2, computed: 0 });
      const reports = JSON.parse(await readFile(join(work, 'out', 'reports.json'), 'utf8')) as Record<string, unknown>[];
      expect(reports.map((r) => [r.report_id, r.source_url, r.published])).toEqual([
        ['ddor-2017-02-04', `${base}/r2.pdf`, '2017-03-29'],
        ['ddor-2017-02-11', `${base}/r3.pdf`, '2017-04-05'],
      ]);
      const findings = JSON.parse(await readFile(join(work, 'out', 'findings.json'), 'utf8'));
      expect(findings.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'source-failed', file: `${base}/gone.pdf` }));
    } finally {
      server.close();
    }
  }, SLOW);
});

describe('ddor run usage', () => {
  it('explains itself with --help and rejects conflicting or unknown sources with exit 2', async () => {
    const help = await runInProcess(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--source samples[\s\S]*--allow-partial[\s\S]*Exit codes/);
    const unknown = await runInProcess(['run', '--source', 'web']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--source must be "samples" or "catalog", got "web"/);
    const both = await runInProcess(['run', '--source', 'catalog', 'samples/ddor-2017-02-04.pdf']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --source or files/);
  });
});
