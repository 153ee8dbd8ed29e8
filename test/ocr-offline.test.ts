/**
 * OCR must never touch the network: tesseract.js falls back to a CDN for its model when langPath
 * is unset, and fetches URLs it is given. The OCR runs in a child process where a preload refuses
 * every non-loopback connection in the main thread and in worker threads (ocr-network-guard.cjs).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/ocr-fixtures.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const projectModules = join(here, '..', 'node_modules') + sep;

describe('OCR offline', () => {
  it('recognises a page with the network blocked, loading engine and model from node_modules', async () => {
    const cwd = await tempDir();
    const guardLog = join(cwd, 'guard.log');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsxLoader, join(here, 'ocr-offline-child.ts')], {
      cwd,
      env: { ...process.env, OCR_GUARD_LOG: guardLog, NODE_OPTIONS: `--require ${join(here, 'ocr-network-guard.cjs')}` },
      timeout: 110_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { controls: Record<string, boolean>; words: string[] };
    const log = (await readFile(guardLog, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);

    // The guard works in both kinds of thread: the child's deliberate fetches were refused and logged.
    expect(result.controls).toEqual({ main: true, worker: true });
    const blocked = log.filter((e) => e.event === 'blocked');
    expect(blocked.map((e) => [e.thread, e.host])).toEqual([['main', '192.0.2.1'], ['worker', '192.0.2.1']]);

    // ...and OCR itself tried nothing, yet read the table.
    expect(result.words).toEqual(expect.arrayContaining(['Travis', 'County', 'Jail', '1/30/2017', 'Honduras']));
    const loaded = log.filter((e) => e.event === 'resolved');
    expect(loaded.map((e) => e.request)).toEqual(expect.arrayContaining([expect.stringMatching(/^tesseract\.js-core\//), 'traineddata']));
    for (const entry of loaded) expect(entry.resolved!.startsWith(projectModules)).toBe(true);

    // cacheMethod 'none': no copy of the model is written into the working directory.
    expect((await readdir(cwd)).filter((f) => f.includes('traineddata'))).toEqual([]);
  }, 120_000);
});
