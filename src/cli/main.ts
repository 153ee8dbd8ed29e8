/**
 * The command line. Generic over report families: bin/ddor.js hands it the DDOR family.
 * Exit codes: 0 success; 1 "different" (diff), a failed source (run) or error findings with
 * --strict; 2 usage or input errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ReportFamily } from '../family.ts';
import { CliError, type CommandContext } from './context.ts';
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
  run(ctx: CommandContext): Promise<number>;
}

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
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
  every cell) and quarantine.json (rows that could not satisfy the contract, with reasons).
  The folder is replaced atomically: a failed run leaves the previous content untouched.

Options:
  --out <dir>        where to write the dataset (required)
  --debug <dir>      also write one PNG per page drawing words, lines, header cells, column
                     boundaries and rows over the page (see README "Debugging an extraction")
  --no-ocr           do not OCR scanned pages (they are reported as failed pages)
  --force-ocr        OCR every page, even those with a text layer
  --workers <n>      OCR workers (default: 2, or 1 on a 1-core machine)
  --strict           exit 1 when there are error findings (the dataset is still written)
  --json             machine-readable log lines on stdout instead of the progress display
  -q, --quiet        only errors`,
    options: {
      ...COMMON,
      out: { type: 'string', short: 'o' },
      debug: { type: 'string' },
      'no-ocr': { type: 'boolean' },
      'force-ocr': { type: 'boolean' },
      workers: { type: 'string' },
      strict: { type: 'boolean' },
    },
    run: extractCommand,
  },
  diff: {
    summary: 'compare two dataset versions (exit 0 equal, 1 different, 2 error)',
    usage: `diff <old> <new> [options]

  <old> and <new> are dataset folders, version numbers under --root, or "latest". Rows are
  matched by each table's identity (its key, or the columns that name a printed row); a removed and an added
  row that are the same printed row with corrected cells are shown as one changed row.

Options:
  --format <f>       markdown (default, for a pull request), json (for machines) or html
  --out <file>       write there instead of stdout
  --root <dir>       where versions live (default: output/<family>)`,
    options: { ...COMMON, format: { type: 'string' }, out: { type: 'string', short: 'o' }, root: { type: 'string' } },
    run: diffCommand,
  },
  release: {
    summary: 'diff a candidate dataset against the latest version and propose (or --publish) the next version',
    usage: `release [options]

  Compares the candidate dataset (written by "run") with the latest published version, proposes
  the semantic-version bump (major: schema changed; minor: rows or reports added; patch: values
  corrected or rows removed) and, with --publish, writes <root>/<version>/ atomically and moves
  <root>/latest.json. Identical content makes no new version. Versions are never overwritten.

Options:
  --publish          publish the proposed version (default: only show it)
  --candidate <dir>  the candidate dataset (default: <root>/candidate)
  --root <dir>       where versions live (default: output/<family>)
  --summary <file>   also write the Markdown diff there (for a pull request comment)`,
    options: { ...COMMON, publish: { type: 'boolean' }, candidate: { type: 'string' }, root: { type: 'string' }, summary: { type: 'string' } },
    run: releaseCommand,
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
    `Run "${family.name} <command> --help" for a command's options.`,
  ];
  return lines.join('\n');
}

export async function main(argv: readonly string[], family: ReportFamily): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp(family) + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`${family.name}: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Try "${family.name} --help".\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${family.name} ${name}: ${(error as Error).message}. Try "${family.name} ${name} --help".\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: ${family.name} ${typeof command.usage === 'function' ? command.usage(family) : command.usage}\n`);
    return 0;
  }
  try {
    return await command.run({ family, values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals, command: name });
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${family.name} ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
