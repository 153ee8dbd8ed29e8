/**
 * CLI conventions (issue 16): --version, help <command>, options only where they mean something,
 * readable logs unless --json, colour only on a terminal and never with NO_COLOR, a status line that
 * keeps its last character, third-party console output kept out of it, one exit code for a
 * missing file, and no hang on an output folder that cannot be written.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, fitStatus } from '../src/cli/log.ts';
import { runCli, runCliWith } from './support/cli.ts';

const SAMPLE = 'samples/ddor-2017-02-11.pdf';
const ESCAPE = '\x1b[';

/** A stream that records what is written, posing as a terminal of the given width when asked. */
function fakeStream(tty: { columns: number } | null): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, tty ? { isTTY: true, columns: tty.columns } : { isTTY: false });
  return { stream, text: () => chunks.join('') };
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'ddor-conventions-')); });
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('ddor --version and help <command>', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const result = await runCli('--version');
    expect(result).toMatchObject({ code: 0, stdout: `ddor ${version}\n` });
  });

  it('"help run" prints the help of run, not the main help', async () => {
    const result = await runCli('help', 'run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ddor run /);
    expect(result.stdout).toContain('--source samples');
    const unknown = await runCli('help', 'nonsense');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "nonsense"/);
  });
});

describe('--json', () => {
  it('is refused by diff, which writes no log, with a pointer to --format json', async () => {
    const result = await runCli('diff', '1.0.0', '1.0.1', '--json');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--json.*--format json/);
  });

  it.each(['extract', 'review', 'run', 'check'])('%s --help says the JSON log goes to stderr, where it goes', async (command) => {
    const help = await runCli(command, '--help');
    expect(help.stdout).toMatch(/--json\s+JSON log lines on stderr/);
    expect(help.stdout).not.toMatch(/--json[^\n]*stdout/);
  });
});

describe('logs', () => {
  it('are readable lines when piped, JSON lines only with --json, and never coloured when piped', async () => {
    const readable = await runCli('extract', SAMPLE, '--out', join(dir, 'readable'), '--no-ocr');
    expect(readable.code).toBe(0);
    const lines = readable.stderr.trim().split('\n');
    expect(lines.every((line) => !line.startsWith('{'))).toBe(true);
    expect(readable.stderr).toContain(`wrote ${join(dir, 'readable')}`);
    expect(readable.stderr).not.toContain(ESCAPE);
    // One progress line per file, not one per page.
    expect(lines.filter((line) => line.startsWith('extract: '))).toEqual([`extract: ${SAMPLE}`]);
    const json = await runCli('extract', SAMPLE, '--out', join(dir, 'json'), '--no-ocr', '--json');
    for (const line of json.stderr.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('level');
  });

  it('are coloured on a terminal, and not with NO_COLOR set', () => {
    const coloured = fakeStream({ columns: 80 });
    createLogger({ stream: coloured.stream, env: {} }).error('a source failed');
    expect(coloured.text()).toContain(`${ESCAPE}31merror: a source failed`);
    const plain = fakeStream({ columns: 80 });
    createLogger({ stream: plain.stream, env: { NO_COLOR: '1' } }).error('a source failed');
    expect(plain.text()).toBe('error: a source failed\n');
  });

  it('keep the whole status line when the terminal reports 0 columns, and cut it to the width otherwise', () => {
    expect(fitStatus('ocr: report.pdf p.3/35', 0)).toBe('ocr: report.pdf p.3/35');
    expect(fitStatus('ocr: report.pdf p.3/35', undefined)).toBe('ocr: report.pdf p.3/35');
    expect(fitStatus('ocr: report.pdf p.3/35', 10)).toBe('ocr: repo');
    const terminal = fakeStream({ columns: 0 });
    createLogger({ stream: terminal.stream, env: {} }).progress('ocr', 'report.pdf p.3/35');
    expect(terminal.text()).toMatch(/p\.3\/35$/);
  });

  it('take what a worker thread prints (tesseract\'s "Detected N diacritics") as debug lines, not into the status line', async () => {
    const terminal = fakeStream({ columns: 120 });
    const log = createLogger({ stream: terminal.stream, env: {}, json: true });
    const stop = log.captureConsole('tesseract');
    try {
      const worker = new Worker('console.error("Detected 12 diacritics"); console.log("Estimating resolution as 301")', { eval: true });
      await new Promise((resolve) => worker.once('exit', resolve));
      // The worker's output reaches the main thread's streams asynchronously.
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop();
    }
    const lines = terminal.text().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'debug', message: 'Detected 12 diacritics', source: 'tesseract' }),
      expect.objectContaining({ level: 'debug', message: 'Estimating resolution as 301', source: 'tesseract' }),
    ]));
    const hidden = fakeStream({ columns: 120 });
    const readable = createLogger({ stream: hidden.stream, env: {} });
    readable.progress('ocr', 'report.pdf p.1/3');
    const stopReadable = readable.captureConsole('tesseract');
    process.stderr.write('Detected 3 diacritics\n');
    stopReadable();
    expect(hidden.text()).not.toContain('diacritics');
  });
});

describe('ddor diff and release for a pull request', () => {
  it('diff 1.0.0 1.0.1: a headline, folded sections under 20 KB, the findings that changed; exit 0, or 1 with --exit-code', async () => {
    const result = await runCli('diff', '1.0.0', '1.0.1');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('## Dataset diff 1.0.0 → 1.0.1: **patch** (12 rows removed, 1 row corrected, sources changed, findings changed)');
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(20_000);
    expect(lines.filter((line) => line.startsWith('<details><summary>'))).toEqual([
      '<details><summary><b>reports</b>: Report editions (1 changed)</summary>',
      '<details><summary><b>top\\_jurisdictions</b>: Section I: top jurisdictions by detainers issued (4 removed)</summary>',
      '<details><summary><b>declined\\_detainers</b>: Section II: declined detainers (8 removed)</summary>',
      '<details><summary><b>Findings</b>: 3 added, 0 removed</summary>',
    ]);
    expect(result.stdout).toContain('| added | warning | `top-ten-row-count` |');
    expect((await runCli('diff', '1.0.0', '1.0.1', '--exit-code')).code).toBe(1);
    expect((await runCli('diff', '1.0.1', '1.0.1', '--exit-code')).code).toBe(0);
  });

  it('release proposes a version for a change of findings alone, and its --summary names that version', async () => {
    const root = join(dir, 'versions');
    await cp('output/ddor', root, { recursive: true });
    const candidate = join(dir, 'candidate');
    // The newest committed version, whatever it is, and the patch after it.
    const latest = (JSON.parse(await readFile('output/ddor/latest.json', 'utf8')) as { version: string }).version;
    const next = latest.replace(/\d+$/, (patch) => String(Number(patch) + 1));
    await cp(join('output/ddor', latest), candidate, { recursive: true });
    // As "run" writes it: no version yet.
    const { version: _version, ...datapackage } = JSON.parse(await readFile(join(candidate, 'datapackage.json'), 'utf8'));
    await writeFile(join(candidate, 'datapackage.json'), JSON.stringify(datapackage, null, 2));
    const findingsFile = join(candidate, 'findings.json');
    const report = JSON.parse(await readFile(findingsFile, 'utf8'));
    const removed = report.findings.filter((f: { severity: string }) => f.severity === 'warning').length;
    expect(removed).toBeGreaterThan(0);
    report.findings = report.findings.filter((f: { severity: string }) => f.severity !== 'warning');
    report.counts.warning = 0;
    await writeFile(findingsFile, JSON.stringify(report, null, 2));
    const summary = join(dir, 'release.md');
    const result = await runCli('release', '--root', root, '--candidate', candidate, '--summary', summary);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`proposed ${next} (patch: findings changed)`);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown.split('\n')[0]).toBe(`## Dataset diff ${latest} → ${next} (candidate): **patch** (findings changed)`);
    expect(markdown).toContain(`<details><summary><b>Findings</b>: 0 added, ${removed} removed</summary>`);
  });
});

describe('bad input and output', () => {
  it('a missing file is a usage error (exit 2) in run, as in extract', async () => {
    for (const command of ['run', 'extract']) {
      const result = await runCli(command, join(dir, 'nope.pdf'), '--out', join(dir, `out-${command}`));
      expect(result.code, command).toBe(2);
      expect(result.stderr.trim().split('\n'), command).toHaveLength(1);
      expect(result.stderr, command).toMatch(/nope\.pdf: no such file/);
    }
  });

  it('review --out where nothing can be written stops at once with one line, instead of hanging', async () => {
    // /proc refuses new folders even to root, where access(2) says it is writable and a recursive mkdir loops.
    const result = await runCliWith({ timeoutMs: 30_000 }, 'review', 'output/ddor', '--out', '/proc/ddor-review/site');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ddor review: cannot write to \/proc\/ddor-review\/site .*choose another --out folder/);
  });
});
