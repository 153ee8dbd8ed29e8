/** `check`: regression test of the extraction against truth files, for CI. */
import { appendFile, readFile } from 'node:fs/promises';
import { CheckConfigSchema, mergeThresholds, type CheckConfig } from '../evaluate/thresholds.ts';
import { EvaluationInputError, evaluateCases, findCases, passed, TRUTH_SUFFIX } from '../evaluate/evaluate.ts';
import { checkHeadline, checkJunit, checkMarkdown, checkTable, failureLines } from '../evaluate/report.ts';
import type { ReportFamily } from '../family.ts';
import { CliError, loggerFor, workerCount, writeOutputFile, type CommandContext } from './context.ts';

export const configFileOf = (family: ReportFamily) => `${family.name}-check.json`;

export const checkUsage = (family: ReportFamily) => `check [<file.pdf|folder>...] [options]

  Runs the pipeline on every PDF that has a <name>${TRUTH_SUFFIX} beside it (the truth: the rows
  the PDF should give; README "Truth files"), scores each table against it and holds the scores to
  thresholds: cell accuracy, exact rows, silent errors (wrong, confident, unflagged cells), missing
  rows, and the report's stated totals. Without arguments it checks the bundled samples. Folders
  are searched with their subfolders; their PDFs without a truth file are skipped.

  Thresholds come from the family and can be overridden per kind of file and per table by
  ${configFileOf(family)} in the working folder (or --config), e.g.
    {"thresholds": {"scanned": {"policy_jurisdictions": {"cellAccuracy": 0.95}}}}
  ("*" matches any kind or table).

Options:
  --junit <file>     also write JUnit XML (one suite per PDF, one case per table)
  --summary <file>   also write a Markdown summary; with $GITHUB_STEP_SUMMARY set, it is also
                     appended there (the job summary of a GitHub Actions step)
  --config <file>    thresholds file (default: ${configFileOf(family)} when it exists)
  --errors           list every wrong cell (default: the first few per failing table)
  --workers <n>      OCR workers (default: 2, or 1 on a 1-core machine)
  --json             JSON log lines on stderr instead of readable ones
  -q, --quiet        only errors

Exit codes: 0 every file meets its thresholds; 1 a regression (each named in the table, the
JUnit file and the summary); 2 bad usage or input (no truth file, an invalid truth or config file).`;

async function readConfig(ctx: CommandContext): Promise<CheckConfig> {
  const explicit = typeof ctx.values.config === 'string' ? ctx.values.config : null;
  const file = explicit ?? configFileOf(ctx.family);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' && !explicit) return null;
    throw new CliError(`cannot read ${file} (${error.code ?? error.message}); give an existing thresholds file with --config`);
  });
  if (text === null) return CheckConfigSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message}); fix it or remove it`);
  }
  const parsed = CheckConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}; see "${ctx.family.name} check --help" for the format`);
  }
  return parsed.data;
}

export async function checkCommand(ctx: CommandContext): Promise<number> {
  const { family } = ctx;
  const { evaluation } = family;
  if (!evaluation) throw new CliError(`the ${family.name} family has no truth-file scoring, so there is nothing to check`);
  const log = loggerFor(ctx);
  const config = await readConfig(ctx);
  const inputs = ctx.positionals.length > 0 ? ctx.positionals : await family.samples();
  let found: Awaited<ReturnType<typeof findCases>>;
  try {
    found = await findCases(inputs);
  } catch (error) {
    if (error instanceof EvaluationInputError) throw new CliError(error.message);
    throw error;
  }
  for (const pdf of found.skipped) log.info(`${pdf}: no ${TRUTH_SUFFIX} beside it, skipped`, { skipped: pdf });
  if (found.cases.length === 0) throw new CliError(`no PDF with a ${TRUTH_SUFFIX} beside it in ${inputs.join(', ')}; see README "Truth files"`);

  // Imported here, not above: `check --help` loads this module for its usage text, and the OCR
  // pool's page rendering loads a native canvas that the help need not.
  const { createOcrPool } = await import('../ocr/pool.ts');
  const { engineSettings } = await import('../settings.ts');
  const ocr = createOcrPool({ workers: workerCount(ctx), ocr: engineSettings(ctx.family).ocr });
  const stopCapture = log.captureConsole('tesseract');
  let verdicts: Awaited<ReturnType<typeof evaluateCases>>;
  try {
    verdicts = await evaluateCases({
      family,
      evaluation,
      thresholds: mergeThresholds(evaluation.thresholds, config.thresholds),
      ocr,
      onFile: (file, i, count) => log.progress('check', `${file} (${i + 1}/${count})`, { file }),
    }, found.cases);
  } catch (error) {
    if (error instanceof EvaluationInputError) throw new CliError(error.message);
    throw error;
  } finally {
    await ocr.close();
    stopCapture();
  }
  log.done();

  const title = `${family.name} check`;
  const listing = ctx.values.errors === true ? { listedCells: Number.MAX_SAFE_INTEGER } : {};
  process.stdout.write(`${checkTable(verdicts)}\n`);
  for (const v of verdicts.filter((v) => !passed(v))) {
    for (const failure of failureLines(v)) log.error(`REGRESSION ${v.file} ${failure}`, { file: v.file, failure });
  }
  if (ctx.values.errors === true) {
    for (const v of verdicts) for (const t of v.tables) for (const cell of t.wrongCells) process.stdout.write(`  ${v.file} ${t.table} ${cell}\n`);
  }
  const markdown = checkMarkdown(verdicts, title, listing);
  if (typeof ctx.values.junit === 'string') await writeOutputFile(ctx.values.junit, checkJunit(verdicts, title, listing), 'junit');
  if (typeof ctx.values.summary === 'string') await writeOutputFile(ctx.values.summary, markdown, 'summary');
  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown);
  const failing = verdicts.filter((v) => !passed(v)).length;
  log.info(checkHeadline(verdicts));
  return failing === 0 ? 0 : 1;
}
