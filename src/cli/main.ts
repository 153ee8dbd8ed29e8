/**
 * The command line. Generic over report families: bin/ddor.js hands it the DDOR family, as a
 * name and title with a loader for the rest.
 * Exit codes are one policy for every command (EXIT_CODES, printed by --help).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ReportFamily } from '../family.ts';
import type { CommandContext } from './context.ts';

/**
 * A family as the command line first sees it: its name and title, which `--help` prints, and the
 * rest (its tables, layouts and reference data) loaded when a command needs it.
 */
export interface FamilyEntry {
  name: string;
  title: string;
  load(): Promise<ReportFamily>;
}

/** What a command is once its module is loaded. */
interface CommandSpec {
  /** The --help text; a function when it states one of the family's own values. */
  usage: string | ((family: ReportFamily) => string);
  options: NonNullable<ParseArgsConfig['options']>;
  /** What to say instead of "unknown option" for options a user may expect here, e.g. --json on diff. */
  optionHints?: Record<string, string>;
  run(ctx: CommandContext): Promise<number>;
}

/**
 * Every command's code, and the usage texts kept in its module, is imported only when the command
 * is named, so that `--help`, `--version` and a mistyped command load none of it (pdf.js, zod,
 * ajv and the family's reference data each take longer to load than `--help` should).
 */
interface Command {
  summary: string;
  load(): Promise<CommandSpec>;
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
    load: async () => {
      const { RUN_OPTIONS, RUN_USAGE, runCommand } = await import('./run.ts');
      return { usage: RUN_USAGE, options: { ...COMMON, ...RUN_OPTIONS }, run: runCommand };
    },
  },
  extract: {
    summary: 'extract one or more PDFs into a dataset folder',
    load: async () => ({
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
      run: async (ctx) => (await import('./extract.ts')).extractCommand(ctx),
    }),
  },
  diff: {
    summary: 'compare two dataset versions (Markdown for a pull request, JSON or HTML)',
    load: async () => ({
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
      run: async (ctx) => (await import('./versions.ts')).diffCommand(ctx),
    }),
  },
  release: {
    summary: 'diff a candidate dataset against the latest version and propose (or --publish) the next version',
    load: async () => ({
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
      run: async (ctx) => (await import('./versions.ts')).releaseCommand(ctx),
    }),
  },
  check: {
    summary: 'regression test: run PDFs that have a truth file and hold each table to thresholds (for CI)',
    load: async () => {
      const { checkCommand, checkUsage } = await import('./check.ts');
      return {
        usage: checkUsage,
        options: { ...COMMON, junit: { type: 'string' }, summary: { type: 'string' }, config: { type: 'string' }, errors: { type: 'boolean' }, workers: { type: 'string' } },
        run: checkCommand,
      };
    },
  },
  review: {
    summary: 'write a static review site: page images with cell boxes, review queue, diff',
    load: async () => {
      const { reviewCommand, reviewUsage } = await import('./review.ts');
      return {
        usage: reviewUsage,
        options: { ...COMMON, out: { type: 'string', short: 'o' }, previous: { type: 'string' }, pdfs: { type: 'string', multiple: true }, threshold: { type: 'string' }, dpi: { type: 'string' } },
        run: reviewCommand,
      };
    },
  },
};

function mainHelp(family: FamilyEntry): string {
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

/** A usage text that states the family's own values loads the family. */
const usageOf = async (family: FamilyEntry, spec: CommandSpec) => `Usage: ${family.name} ${typeof spec.usage === 'function' ? spec.usage(await family.load()) : spec.usage}\n`;

function unknownCommand(family: FamilyEntry, name: string): number {
  process.stderr.write(`${family.name}: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Try "${family.name} --help".\n`);
  return 2;
}

/** `help` alone prints the main help; `help <command>` that command's. */
async function helpCommand(family: FamilyEntry, topic: string | undefined): Promise<number> {
  if (topic === undefined) {
    process.stdout.write(`${mainHelp(family)}\n`);
    return 0;
  }
  const command = COMMANDS[topic];
  if (!command) return unknownCommand(family, topic);
  process.stdout.write(await usageOf(family, await command.load()));
  return 0;
}

function parseError(family: FamilyEntry, name: string, command: CommandSpec, error: Error): string {
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

/** The flag that lets an unexpected error print its stack; accepted by every command (see guard.ts). */
export const DEBUG_ERRORS = '--debug-errors';

export async function main(args: readonly string[], family: FamilyEntry): Promise<number> {
  const debugErrors = args.includes(DEBUG_ERRORS);
  const [name, ...rest] = args.filter((a) => a !== DEBUG_ERRORS);
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${mainHelp(family)}\n`);
    return name ? 0 : 2;
  }
  if (name === 'help') return helpCommand(family, rest[0]);
  if (name === '--version' || name === '-V') {
    const { pipelineVersion } = await import('../project-files.ts');
    process.stdout.write(`${family.name} ${await pipelineVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) return unknownCommand(family, name);
  const spec = await command.load();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(parseError(family, name, spec, error as Error));
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(await usageOf(family, spec));
    return 0;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const output = typeof values.out === 'string' ? values.out : undefined;
  const { runGuarded } = await import('./guard.ts');
  return runGuarded(family.name, name, debugErrors, output, async () => {
    const loaded = await family.load();
    return spec.run({ family: loaded, values, positionals: parsed.positionals, command: name });
  });
}
