/**
 * The command line. Generic over report families: bin/ddor.js hands it the DDOR family.
 * Exit codes are one policy for every command (EXIT_CODES, printed by --help).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OutputFolderError } from '../dataset/folders.ts';
import { PackageValidationError } from '../dataset/validate-package.ts';
import type { ReportFamily } from '../family.ts';
import { isPdfjsError, PdfInputError } from '../pdf/load.ts';
import { VersioningError } from '../versions/read.ts';
import { checkCommand, checkUsage } from './check.ts';
import { CliError, describeUnexpected, type CommandContext } from './context.ts';
import { RUN_OPTIONS, RUN_USAGE, runCommand } from './run.ts';
import { reviewCommand, reviewUsage } from './review.ts';

// Commands whose modules load pdf.js or the versions code are imported when they run, so that
// `--help` and a mistyped command answer at once.
const extractCommand = async (ctx: CommandContext) => (await import('./extract.ts')).extractCommand(ctx);
const diffCommand = async (ctx: CommandContext) => (await import('./versions.ts')).diffCommand(ctx);
const releaseCommand = async (ctx: CommandContext) => (await import('./versions.ts')).releaseCommand(ctx);

interface Command {
  summary: string;
  /** The --help text; a function when it states one of the family's own values. */
  usage: string | ((family: ReportFamily) => string);
  options: NonNullable<ParseArgsConfig['options']>;
  /** What to say instead of "unknown option" for options a user may expect here, e.g. --json on diff. */
  optionHints?: Record<string, string>;
  run(ctx: CommandContext): Promise<number>;
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** The options of every command that writes a log. */
const COMMON = {
  ...HELP,
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS: Record<string, Command> = {
  run: {
    summary: 'the whole pipeline: samples, catalog or files → dataset in output/ (cached, resumable)',
    usage: RUN_USAGE,
    options: { ...COMMON, ...RUN_OPTIONS },
    run: runCommand,
  },
  extract: {
    summary: 'extract one or more PDFs into a dataset folder',
    usage: `extract <file.pdf>... --out <dir> [options]

  Reads each PDF (text layer, or OCR for scanned pages), extracts its tables and writes the
  dataset into <dir>: <table>.json and <table>.csv for every table, datapackage.json,
  findings.json (everything noticed, with file/page/row), provenance.json (page and boxes of
  every cell), quarantine.json (rows that could not satisfy the contract, with reasons), the
  tables as one SQLite database with a Datasette metadata.json, and a README.md.
  The dataset is validated first (Data Package v2 profiles, every row against its Table Schema);
  the folder is replaced atomically: a failed run leaves the previous content untouched.

Options:
  --out <dir>        where to write the dataset (required)
  --debug <dir>      also write one PNG per page drawing words, lines, header cells, column
                     boundaries and rows over the page (see README "Debugging an extraction")
  --no-ocr           do not OCR scanned pages (they are reported as failed pages)
  --force-ocr        OCR every page, even those with a text layer
  --workers <n>      OCR workers (default: 2, or 1 on a 1-core machine)
  --allow-partial    exit 0 even when the result has error findings (a table not found, a page
                     not read fully, rows disagreeing with the stated totals)
  --strict           warnings fail too (exit 1)
  --json             JSON log lines on stderr instead of readable ones
  -q, --quiet        only errors
  -v, --verbose      also debug lines (e.g. what tesseract printed)`,
    options: {
      ...COMMON,
      out: { type: 'string', short: 'o' },
      debug: { type: 'string' },
      'no-ocr': { type: 'boolean' },
      'force-ocr': { type: 'boolean' },
      workers: { type: 'string' },
      'allow-partial': { type: 'boolean' },
      strict: { type: 'boolean' },
    },
    run: extractCommand,
  },
  diff: {
    summary: 'compare two dataset versions (Markdown for a pull request, JSON or HTML)',
    usage: `diff <old> <new> [options]

  <old> and <new> are dataset folders, version numbers under --root, or "latest". Rows are
  matched by each table's identity (its key, or the columns that name a printed row); a removed and an added
  row that are the same printed row with corrected cells are shown as one changed row.

Options:
  --format <f>       markdown (default, for a pull request), json (for machines) or html
  --out <file>       write there instead of stdout
  --root <dir>       where versions live (default: output/<family>)
  --exit-code        exit 1 when the datasets differ, like diff(1) and "git diff --exit-code"
                     (default: exit 0 whether or not they differ, so a CI step passes)

Exit codes: 0 compared (with --exit-code: equal); 1 with --exit-code, the datasets differ;
2 bad usage or input.`,
    options: { ...HELP, format: { type: 'string' }, out: { type: 'string', short: 'o' }, root: { type: 'string' }, 'exit-code': { type: 'boolean' } },
    optionHints: { json: 'diff writes no log; for a machine-readable diff use --format json' },
    run: diffCommand,
  },
  release: {
    summary: 'diff a candidate dataset against the latest version and propose (or --publish) the next version',
    usage: `release [options]

  Compares the candidate dataset (written by "run") with the latest published version, proposes
  the semantic-version bump (major: schema changed; minor: rows or reports added; patch: values
  corrected or rows removed) and, with --publish, writes <root>/<version>/ atomically and moves
  <root>/latest.json, and refreshes <root>/latest/, a copy of the newest version. The candidate
  must be a valid data package. Identical content makes no new version. Versions are never overwritten.

Options:
  --publish          publish the proposed version (default: only show it); refused when the
                     candidate has error findings, unless --force
  --force <reason>   publish a candidate with error findings anyway; the reason is recorded in
                     the version's manifest.json
  --candidate <dir>  the candidate dataset (default: <root>/candidate)
  --root <dir>       where versions live (default: output/<family>)
  --summary <file>   also write the Markdown diff there (for a pull request comment)`,
    options: { ...COMMON, publish: { type: 'boolean' }, force: { type: 'string' }, candidate: { type: 'string' }, root: { type: 'string' }, summary: { type: 'string' } },
    run: releaseCommand,
  },
  check: {
    summary: 'regression test: run PDFs that have a truth file and hold each table to thresholds (for CI)',
    usage: checkUsage,
    options: { ...COMMON, junit: { type: 'string' }, summary: { type: 'string' }, config: { type: 'string' }, errors: { type: 'boolean' }, workers: { type: 'string' } },
    run: checkCommand,
  },
  review: {
    summary: 'write a static review site: page images with cell boxes, review queue, diff',
    usage: reviewUsage,
    options: { ...COMMON, out: { type: 'string', short: 'o' }, previous: { type: 'string' }, pdfs: { type: 'string', multiple: true }, threshold: { type: 'string' }, dpi: { type: 'string' } },
    run: reviewCommand,
  },
};

function mainHelp(family: ReportFamily): string {
  const lines = [
    `${family.name}: ${family.title} → a versioned, validated dataset`,
    '',
    `Usage: ${family.name} <command> [options]`,
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    `Run "${family.name} help <command>" (or "${family.name} <command> --help") for a command's options;`,
    `"${family.name} --version" prints the version.`,
    '',
    EXIT_CODES,
  ];
  return lines.join('\n');
}

const usageOf = (family: ReportFamily, command: Command) => `Usage: ${family.name} ${typeof command.usage === 'function' ? command.usage(family) : command.usage}\n`;

function unknownCommand(family: ReportFamily, name: string): number {
  process.stderr.write(`${family.name}: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Try "${family.name} --help".\n`);
  return 2;
}

/** `help` alone prints the main help; `help <command>` that command's. */
function helpCommand(family: ReportFamily, topic: string | undefined): number {
  if (topic === undefined) {
    process.stdout.write(`${mainHelp(family)}\n`);
    return 0;
  }
  const command = COMMANDS[topic];
  if (!command) return unknownCommand(family, topic);
  process.stdout.write(usageOf(family, command));
  return 0;
}

function parseError(family: ReportFamily, name: string, command: Command, error: Error): string {
  const option = /Unknown option '--([^']+)'/.exec(error.message)?.[1];
  const hint = option !== undefined ? command.optionHints?.[option] : undefined;
  return `${family.name} ${name}: ${error.message}${hint ? `: ${hint}` : ''}. Try "${family.name} ${name} --help".\n`;
}

/** One exit-code policy for every command. */
export const EXIT_CODES = `Exit codes (every command):
  0  success
  1  the job ran, but the result is incomplete or flagged: error findings (a table not found,
     a page not read fully, rows disagreeing with the stated totals, a damaged file) unless
     --allow-partial, warnings too with --strict, a failed source (run), a refused publish
     (release), or the datasets differ (diff)
  2  bad usage or bad input (one line naming the file and what to do), or an unexpected
     internal error (rerun with --debug-errors for the stack)`;

/** The flag that lets an unexpected error print its stack; accepted by every command. */
const DEBUG_ERRORS = '--debug-errors';

/**
 * The top-level boundary: whatever escapes a command (a rejected promise no one awaited
 * included) becomes one line naming the command and the file, and exit 2.
 */
function reportUnexpected(family: ReportFamily, name: string, error: unknown, debug: boolean, output?: string): number {
  if (error instanceof CliError) {
    process.stderr.write(`${family.name} ${name}: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof PackageValidationError) {
    process.stderr.write(`${family.name} ${name}: ${error.message}. Nothing was written or published; fix the rows or the schema and build again.\n`);
    return 1;
  }
  // Bad input found deep in a command already says what is wrong and what to do.
  if (error instanceof OutputFolderError || error instanceof PdfInputError || error instanceof VersioningError) {
    process.stderr.write(`${family.name} ${name}: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`${family.name} ${name}: ${describeUnexpected(error, output)}${debug ? '' : ` (rerun with ${DEBUG_ERRORS} for the stack)`}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 2;
}

/** Runs a command so that a stray rejection or exception ends it with the boundary's one line. */
async function runGuarded(family: ReportFamily, name: string, debug: boolean, output: string | undefined, run: () => Promise<number>): Promise<number> {
  let onStray: (error: unknown) => void = () => undefined;
  const stray = new Promise<number>((resolve) => { onStray = (error) => resolve(reportUnexpected(family, name, error, debug, output)); });
  // pdf.js's own stray rejections are a damaged file's, handled where it is read (pdf/load.ts).
  const onRejection = (reason: unknown) => { if (!isPdfjsError(reason)) onStray(reason); };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onStray);
  try {
    return await Promise.race([run().catch((error: unknown) => reportUnexpected(family, name, error, debug, output)), stray]);
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onStray);
  }
}

export async function main(args: readonly string[], family: ReportFamily): Promise<number> {
  const debugErrors = args.includes(DEBUG_ERRORS);
  const [name, ...rest] = args.filter((a) => a !== DEBUG_ERRORS);
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${mainHelp(family)}\n`);
    return name ? 0 : 2;
  }
  if (name === 'help') return helpCommand(family, rest[0]);
  if (name === '--version' || name === '-V') {
    const { pipelineVersion } = await import('../versions/release.ts');
    process.stdout.write(`${family.name} ${await pipelineVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) return unknownCommand(family, name);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(parseError(family, name, command, error as Error));
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(usageOf(family, command));
    return 0;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const output = typeof values.out === 'string' ? values.out : undefined;
  return runGuarded(family, name, debugErrors, output, () => command.run({ family, values, positionals: parsed.positionals, command: name }));
}
