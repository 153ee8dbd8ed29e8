/** `diff` and `release`: comparing dataset versions, and publishing a candidate as a new version. */
import { join, resolve } from 'node:path';
import { diffDatasets } from '../versions/diff.ts';
import { VersioningError } from '../versions/read.ts';
import { PublishRefused, readLatest, release } from '../versions/release.ts';
import { renderDiffHtml } from '../versions/render-html.ts';
import { diffToJson, renderDiffMarkdown } from '../versions/render.ts';
import { explainBump, isVersion } from '../versions/semver.ts';
import { CliError, loggerFor, writeOutputFile, type CommandContext } from './context.ts';

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
    const fullDiff = `\`${ctx.family.name} diff ${ctx.positionals.join(' ')} --format json\``;
    const text = format === 'json' ? diffToJson(diff) : format === 'html' ? renderDiffHtml(diff) : renderDiffMarkdown(diff, { fullDiff });
    if (typeof ctx.values.out === 'string') await writeOutputFile(ctx.values.out, text, 'out');
    else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    // Like git diff: "different" is a result, not a failure, unless --exit-code asks for diff(1)'s convention.
    return ctx.values['exit-code'] === true && !diff.equal ? 1 : 0;
  } catch (error) {
    if (error instanceof VersioningError) throw new CliError(error.message);
    throw error;
  }
}

export async function releaseCommand(ctx: CommandContext): Promise<number> {
  const log = loggerFor(ctx);
  const root = defaultRoot(ctx);
  const candidate = typeof ctx.values.candidate === 'string' ? ctx.values.candidate : join(root, 'candidate');
  try {
    const result = await release({
      root, candidateDir: resolve(candidate), tables: ctx.family.tables, publish: ctx.values.publish === true,
      diffSettings: ctx.family.diffSettings, settings: { family: ctx.family.name, extraction: ctx.family.settings?.extraction ?? null },
      ...(typeof ctx.values.force === 'string' ? { force: forceReason(ctx.values.force) } : {}),
    });
    const markdown = renderDiffMarkdown(result.diff, {
      ...(result.bump === null ? {} : { version: result.version }),
      fullDiff: `\`${ctx.family.name} diff latest ${candidate} --format json\``,
    });
    if (typeof ctx.values.summary === 'string') await writeOutputFile(ctx.values.summary, markdown, 'summary');
    const reason = explainBump(result.diff)?.reason;
    if (result.bump === null) log.info(`no changes against ${result.version}: nothing to publish`);
    else if (result.published) log.info(`published ${result.version} (${result.bump}: ${reason}) in ${result.path}`);
    else log.info(`proposed ${result.version} (${result.bump}: ${reason}); run again with --publish to publish it`);
    if (!ctx.values.quiet && result.bump !== null) process.stdout.write(`${markdown}\n`);
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
