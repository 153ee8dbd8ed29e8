/** `review`: a dataset folder (or a versions root) → a static review site. */
import { pathToFileURL } from 'node:url';
import { checkNotInput, OutputFolderError } from '../dataset/folders.ts';
import { ReviewInputError, resolveReviewTarget } from '../review/input.ts';
import { VersioningError } from '../versions/read.ts';
import type { ReportFamily } from '../family.ts';
import { CliError, ensureOutputFolder, requireString, loggerFor, type CommandContext } from './context.ts';

export const reviewUsage = (family: ReportFamily) => `review <dataset-dir> --out <dir> [options]

  Writes a static review site into <dir> (index.html + assets/ with the page images) that opens
  from disk or a CI artifact, with no server and no network: every report's pages with the box
  of every extracted cell coloured by confidence, the row tables linked to the boxes (click or
  use the arrow keys), a queue of low-confidence, flagged and quarantined rows with a crop of
  the page beside each value, summary figures with a chart, and the diff against --previous.
  <dataset-dir> is a folder written by "extract --out" or "run", or a release root (its latest
  version is reviewed, diffed against the version before it).

Options:
  --out <dir>          where to write the site (required; replaced atomically)
  --previous <dir>     dataset folder of the previous version, to show what changed
  --pdfs <dir>         folder holding the source PDFs (searched by SHA-256; repeatable). The
                       family's samples and .cache/downloads are always searched too.
  --threshold <0..1>   rows whose weakest cell is below this go to the review queue
                       (default: the family's review threshold, ${family.reviewThreshold})
  --dpi <n>            page image resolution (default 100)
  --json               JSON log lines on stderr instead of readable ones
  -q, --quiet          only errors
  -v, --verbose        also debug lines`;

function threshold(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !(value >= 0 && value <= 1)) throw new CliError(`--threshold must be a number from 0 to 1, got "${String(raw)}"`);
  return value;
}

function dpi(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < 36 || value > 300) throw new CliError(`--dpi must be a whole number from 36 to 300, got "${String(raw)}"`);
  return value;
}

function listOption(raw: unknown): string[] {
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

export async function reviewCommand(ctx: CommandContext): Promise<number> {
  const out = requireString(ctx, 'out', 'dir');
  if (ctx.positionals.length !== 1) throw new CliError(`give exactly one dataset folder, e.g. "review output/${ctx.family.name}/candidate --out output/review"`);
  const log = loggerFor(ctx);
  try {
    checkNotInput(out, ctx.positionals);
  } catch (error) {
    throw new CliError((error as OutputFolderError).message);
  }
  // Imported here, not above: `review --help` loads this module for its usage text, and pdf.js
  // takes longer to load than the help should.
  const { buildReviewSite, REVIEW_OWNER } = await import('../review/build.ts');
  const { displayPath } = await import('../pipeline/sources.ts');
  await ensureOutputFolder(out, REVIEW_OWNER);
  try {
    const target = await resolveReviewTarget(ctx.positionals[0]!);
    const previousOption = ctx.values.previous;
    const previous = typeof previousOption === 'string' ? (await resolveReviewTarget(previousOption)).dir : target.previous;
    const result = await buildReviewSite({
      family: ctx.family,
      datasetDir: target.dir,
      previousDir: previous,
      outDir: out,
      pdfDirs: listOption(ctx.values.pdfs),
      settings: { lowConfidence: threshold(ctx.values.threshold), dpi: dpi(ctx.values.dpi) },
      onProgress: (message) => log.progress('review', message),
    });
    for (const f of result.findings) log.finding(f);
    for (const title of result.missing) log.error(`${title}: source PDF not found, shown without page images; pass its folder with --pdfs`, { source: title });
    log.info(`${result.reports} reports, ${result.pages} pages, ${result.rows} rows, ${result.queue} to review${previous ? `, diff against ${displayPath(previous)}` : ''}`);
    log.info(`wrote ${displayPath(result.index)} (open ${pathToFileURL(result.index).href})`);
    log.done();
    return 0;
  } catch (error) {
    if (error instanceof ReviewInputError || error instanceof VersioningError || error instanceof OutputFolderError) throw new CliError(error.message);
    throw error;
  }
}
