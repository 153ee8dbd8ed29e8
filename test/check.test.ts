/**
 * `ddor check`, end to end on a born-digital sample copied with its truth file: it passes as
 * committed; one damaged truth cell makes it exit 1 naming that cell in the table, the JUnit file
 * and the Markdown summary; thresholds held as data (a config file) decide what a regression is.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeThresholds, thresholdsFor } from '../src/evaluate/thresholds.ts';
import { runCli, runCliWith } from './support/cli.ts';

const SAMPLE = 'ddor-2017-02-04';
/** A PDF with no truth file beside it, in the same folder: skipped, not read. */
const UNCHECKED = 'ddor-2017-02-11';

let root: string;
let folder: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ddor-check-'));
  folder = join(root, 'regression');
  await mkdir(folder);
  await copyFile(`samples/${SAMPLE}.pdf`, join(folder, `${SAMPLE}.pdf`));
  await copyFile(`samples/${SAMPLE}.truth.json`, join(folder, `${SAMPLE}.truth.json`));
  await copyFile(`samples/${UNCHECKED}.pdf`, join(folder, `${UNCHECKED}.pdf`));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('ddor check', () => {
  it('passes on a sample with its committed truth: exit 0, JUnit without failures, a job summary', async () => {
    const junit = join(root, 'pass.xml');
    const stepSummary = join(root, 'step-summary.md');
    await writeFile(stepSummary, '# earlier step\n');
    const result = await runCliWith({ env: { GITHUB_STEP_SUMMARY: stepSummary } }, 'check', folder, '--junit', junit, '--summary', join(root, 'pass.md'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${SAMPLE}\\.pdf\\s+born-digital\\s+declined_detainers\\s+47/47\\s+100\\.00 %\\s+100\\.00 %\\s+0\\s+0\\s+ok`));
    expect(result.stdout).not.toContain(UNCHECKED);
    expect(result.stderr).toContain(`${UNCHECKED}.pdf: no .truth.json beside it, skipped`);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="ddor check" tests="4" failures="0" errors="0"/);
    expect(xml).toContain('name="declined_detainers"');
    const summary = await readFile(join(root, 'pass.md'), 'utf8');
    expect(summary).toMatch(/^## ✅ ddor check: all 1 files meet their thresholds/);
    // Appended to what earlier steps wrote, as GitHub expects.
    expect(await readFile(stepSummary, 'utf8')).toBe(`# earlier step\n${summary}`);
  });

  it('exits 1 when one truth cell is damaged, naming the cell in the JUnit file and the summary; a config file can allow it', async () => {
    const truthFile = join(folder, `${SAMPLE}.truth.json`);
    const truth = JSON.parse(await readFile(truthFile, 'utf8'));
    const target = truth.dataset.declined_detainers[4];
    const printed = target.facility as string;
    target.facility = 'Nowhere Detention Center';
    await writeFile(truthFile, JSON.stringify(truth));
    const junit = join(root, 'fail.xml');
    const summaryFile = join(root, 'fail.md');
    const result = await runCli('check', folder, '--junit', junit, '--summary', summaryFile);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/declined_detainers\s+47\/47\s+99\.\d\d %\s+97\.87 %\s+\d+\s+0\s+FAIL/);
    const cell = `row ${target.row} facility: expected "Nowhere Detention Center", got "${printed}"`;
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/failures="1"/);
    expect(xml).toMatch(/<failure type="regression" message="cell accuracy 99\.\d\d % &lt; 100\.00 %; exact rows 97\.87 % &lt; 100\.00 %/);
    expect(xml).toContain(cell.replace(/"/g, '&quot;'));
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toMatch(/^## ❌ ddor check: 1 of 1 files regressed/);
    expect(summary).toContain(`- declined\\_detainers: cell accuracy`);
    expect(summary).toContain(`- ${cell}`);
    expect(result.stderr).toMatch(/REGRESSION .*ddor-2017-02-04\.pdf declined_detainers: cell accuracy/);

    const config = join(root, 'lenient.json');
    await writeFile(config, JSON.stringify({ thresholds: { 'born-digital': { declined_detainers: { cellAccuracy: 0.99, exactRows: 0.95, silentErrors: 1 } } } }));
    const allowed = await runCli('check', folder, '--config', config, '--quiet');
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it('refuses bad input with one line and exit 2: a named PDF without truth, a bad config file', async () => {
    const noTruth = await runCli('check', join(folder, `${UNCHECKED}.pdf`));
    expect(noTruth.code).toBe(2);
    expect(noTruth.stderr.trim().split('\n')).toHaveLength(1);
    expect(noTruth.stderr).toMatch(/ddor-2017-02-11\.pdf: no .*ddor-2017-02-11\.truth\.json beside it/);
    const config = join(root, 'bad.json');
    await writeFile(config, JSON.stringify({ thresholds: { '*': { '*': { cellAccuracy: 2 } } } }));
    const badConfig = await runCli('check', folder, '--config', config);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/bad\.json: thresholds\.\*\.\*\.cellAccuracy: /);
  });
});

describe('thresholds as data', () => {
  const defaults = { '*': { '*': { cellAccuracy: 1, silentErrors: 0 } }, scanned: { '*': { cellAccuracy: 0.99 }, notes: { cellAccuracy: 0.9 } } };

  it('resolve "*" kind and table first, then the kind, then the table of the kind', () => {
    expect(thresholdsFor(defaults, 'born-digital', 'notes')).toEqual({ cellAccuracy: 1, silentErrors: 0 });
    expect(thresholdsFor(defaults, 'scanned', 'rows')).toEqual({ cellAccuracy: 0.99, silentErrors: 0 });
    expect(thresholdsFor(defaults, 'scanned', 'notes')).toEqual({ cellAccuracy: 0.9, silentErrors: 0 });
  });

  it('take a config file\'s values over the family\'s, key by key', () => {
    const merged = mergeThresholds(defaults, { scanned: { notes: { silentErrors: 2 } }, mixed: { '*': { exactRows: 0.9 } } });
    expect(thresholdsFor(merged, 'scanned', 'notes')).toEqual({ cellAccuracy: 0.9, silentErrors: 2 });
    expect(thresholdsFor(merged, 'mixed', 'rows')).toEqual({ cellAccuracy: 1, silentErrors: 0, exactRows: 0.9 });
    expect(defaults.scanned.notes).toEqual({ cellAccuracy: 0.9 });
  });
});
