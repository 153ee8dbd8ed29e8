/**
 * `extract` and `run` read a file by the same code (src/extract-file.ts), so their --debug
 * overlays of one page are the same image, byte for byte.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { labelFont, nativeCanvas } from '../src/pdf/canvas.ts';

// Born-digital: no OCR, so the test is fast and needs no Tesseract.
const SAMPLE = 'samples/ddor-2017-02-04.pdf';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'ddor-debug-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('--debug', () => {
  it('extract and run draw the same overlay for the same page', async () => {
    const extract = await runCli('extract', SAMPLE, '--out', join(dir, 'extract-out'), '--debug', join(dir, 'extract-debug'), '--no-ocr', '--quiet');
    expect(extract.code, extract.stderr).toBe(0);
    const run = await runCli('run', SAMPLE, '--out', join(dir, 'run-out'), '--cache', join(dir, 'cache'), '--debug', join(dir, 'run-debug'), '--no-ocr', '--quiet');
    expect(run.code, run.stderr).toBe(0);
    const pages = (await readdir(join(dir, 'extract-debug'))).sort();
    expect(pages).toContain('ddor-2017-02-04-p001.png');
    expect((await readdir(join(dir, 'run-debug'))).sort()).toEqual(pages);
    for (const page of pages) {
      const [a, b] = await Promise.all([readFile(join(dir, 'extract-debug', page)), readFile(join(dir, 'run-debug', page))]);
      expect(a.equals(b), page).toBe(true);
    }
  });

  it('run --debug draws even when the report is in the cache', async () => {
    const again = await runCli('run', SAMPLE, '--out', join(dir, 'run-out'), '--cache', join(dir, 'cache'), '--debug', join(dir, 'run-debug-2'), '--no-ocr', '--quiet');
    expect(again.code, again.stderr).toBe(0);
    expect((await readdir(join(dir, 'run-debug-2'))).sort()).toEqual((await readdir(join(dir, 'extract-debug'))).sort());
  });

  it('labels in a font with letters, whatever the machine\'s "sans-serif" is', () => {
    // With LibreOffice installed, "sans-serif" was OpenSymbol: every letter the same box.
    const ctx = nativeCanvas().createCanvas(100, 100).getContext('2d');
    ctx.font = labelFont(12);
    expect(ctx.measureText('iiiiii').width).toBeLessThan(0.5 * ctx.measureText('WWWWWW').width);
  });
});
