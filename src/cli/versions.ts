/** `diff` and `release`: comparing dataset versions, and publishing a candidate as a new version. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { diffDatasets } from '../versions/diff.ts';
import { VersioningError } from '../versions/read.ts';
import { PublishRefused, readLatest, release } from '../versions/release.ts';
import { renderDiffHtml } from '../versions/render-html.ts';
import { diffToJson, renderDiffMarkdown } from '../versions/render.ts';
import { isVersion } from '../versions/semver.ts';
import { CliError, type CommandContext } from './context.ts';
import { createLogger } from './log.ts';

export const defaultRoot = (ctx: CommandContext) => (typeof ctx.values.root === 'string' ? ctx.values.root : join('output', ctx.family.name));

/** A dataset folder, a version number under the root, or "latest". */
async function resolveDataset(ctx: CommandContext, ref: string): Promise<string> {
  const root = defaultRoot(ctx);
  if (ref === 'latest') {
    const latest = await readLatest(root);
    if (!latest) throw new CliError(`no published version in ${root} yet; run "${ctx.family.name} release --publish" first`);
    return join(root, latest.path);
  }
  return isVersion(ref) ? join(root, ref) : ref;
}

type Format = 'markdown' | 'json' | 'html';

export async function diffCommand(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length !== 2) throw new CliError('give two datasets: diff <old> <new> (folders, version numbers or "latest")');
  const format = (ctx.values.format ?? 'markdown') as Format;
  if (!['markdown', 'json', 'html'].includes(format)) throw new CliError(`--format must be markdown, json or html, not "${format}"`);
  try {
    const [oldDir, newDir] = await Promise.all(ctx.positionals.map((p) => resolveDataset(ctx, p)));
    const diff = await diffDatasets(ctx.family.tables, oldDir!, newDir!, ctx.family.diffSettings);
    const text = format === 'json' ? diffToJson(diff) : format === 'html' ? renderDiffHtml(diff) : renderDiffMarkdown(diff);
    if (typeof ctx.values.out === 'string') await writeFile(ctx.values.out, text);
    else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return diff.equal ? 0 : 1;
  } catch (error) {
    if (error instanceof VersioningError) throw new CliError(error.message);
    throw error;
  }
}

export async function releaseCommand(ctx: CommandContext): Promise<number> {
  const log = createLogger({ json: ctx.values.json === true, quiet: ctx.values.quiet === true });
  const root = defaultRoot(ctx);
  const candidate = typeof ctx.values.candidate === 'string' ? ctx.values.candidate : join(root, 'candidate');
  try {
    const result = await release({
      root, candidateDir: resolve(candidate), tables: ctx.family.tables, publish: ctx.values.publish === true,
      diffSettings: ctx.family.diffSettings, settings: { family: ctx.family.name, extraction: ctx.family.extraction.settings ?? null },
      ...(typeof ctx.values.force === 'string' ? { force: forceReason(ctx.values.force) } : {}),
    });
    if (typeof ctx.values.summary === 'string') await writeFile(ctx.values.summary, renderDiffMarkdown(result.diff, { bump: result.bump }));
    if (result.bump === null) log.info(`no changes against ${result.version}: nothing to publish`);
    else if (result.published) log.info(`published ${result.version} (${result.bump}) in ${result.path}`);
    else log.info(`proposed ${result.version} (${result.bump} bump); run again with --publish to publish it`);
    if (!ctx.values.quiet && result.bump !== null) process.stdout.write(renderDiffMarkdown(result.diff, { bump: result.bump }) + '\n');
    log.done();
    return 0;
  } catch (error) {
    if (error instanceof VersioningError) throw new CliError(error.message);
    if (error instanceof PublishRefused) throw new CliError(error.message, 1);
    throw error;
  }
}

function forceReason(reason: string): string {
  if (reason.trim() === '') throw new CliError('--force needs a reason, e.g. --force "Section III of report 2 is unreadable in the published PDF"');
  return reason.trim();
}
