/**
 * The GitHub Actions recipe in docs/ci.md: every `ddor` command in it exists with the options it
 * uses, and its diff step, run as written in a copy of the project's versions with a candidate
 * that differs, exits 0 (so the step passes) and appends the headline to the job summary.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const BIN = resolve('bin/ddor.js');

/** The `run:` lines of the workflow that call the CLI. */
async function recipeCommands(): Promise<string[]> {
  const text = await readFile('docs/ci.md', 'utf8');
  const workflow = /```yaml\n([\s\S]*?)```/.exec(text)![1]!;
  return [...workflow.matchAll(/^\s+run: (node bin\/ddor\.js .*)$/gm)].map((m) => m[1]!);
}

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'ddor-ci-recipe-'));
  // The published versions only: a candidate a local `npm start` left is not the recipe's.
  await cp('output/ddor', join(project, 'output/ddor'), { recursive: true, filter: (src) => !src.includes('candidate') });
  // A candidate that differs from the latest version: the first version's data, unversioned as "run" writes it.
  const candidate = join(project, 'output/ddor/candidate');
  await cp('output/ddor/1.0.0', candidate, { recursive: true });
  const { version: _version, ...datapackage } = JSON.parse(await readFile(join(candidate, 'datapackage.json'), 'utf8'));
  await writeFile(join(candidate, 'datapackage.json'), JSON.stringify(datapackage, null, 2));
  await rm(join(candidate, 'manifest.json'));
});
afterAll(async () => rm(project, { recursive: true, force: true }));

describe('docs/ci.md', () => {
  it('uses check, run, diff and review, each with options the command accepts', async () => {
    const commands = await recipeCommands();
    expect(commands.map((c) => c.split(' ')[2])).toEqual(['check', 'run', 'diff', 'review']);
    for (const command of commands) {
      const args = command.replace(/>>.*$/, '').trim().split(/\s+/).slice(2);
      const help = await runCli(...args, '--help');
      expect(help.code, `${command}: ${help.stderr}`).toBe(0);
    }
  });

  it('its diff step exits 0 though the data changed, and appends the headline to the job summary', async () => {
    const step = (await recipeCommands()).find((c) => c.includes(' diff '))!;
    const summary = join(project, 'step-summary.md');
    await writeFile(summary, '');
    const { stderr } = await promisify(execFile)('bash', ['-c', step.replace('node bin/ddor.js', `node ${BIN}`)], {
      cwd: project, env: { ...process.env, GITHUB_STEP_SUMMARY: summary },
    });
    expect(stderr).toBe('');
    const markdown = await readFile(summary, 'utf8');
    const latest = (JSON.parse(await readFile('output/ddor/latest.json', 'utf8')) as { version: string }).version;
    expect(markdown.split('\n')[0]).toMatch(new RegExp(`^## Dataset diff ${latest.replace(/\./g, '\\.')} → \\d+\\.\\d+\\.\\d+ \\(candidate\\): \\*\\*(major|minor|patch)\\*\\*`));
    expect(markdown).toContain('<details><summary><b>Findings</b>');
  });
});
