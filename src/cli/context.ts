/** What every command gets, and the error type that becomes a one-line message and an exit code. */
import { access, constants, mkdir, mkdtemp, rmdir, stat, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ReportFamily } from '../family.ts';
import { PdfInputError, openPdf } from '../pdf/load.ts';
import { createLogger, type Logger } from './log.ts';

export interface CommandContext {
  family: ReportFamily;
  command: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export function requireString(ctx: CommandContext, option: string, what: string): string {
  const value = ctx.values[option];
  if (typeof value !== 'string' || value === '') throw new CliError(`--${option} <${what}> is required`);
  return value;
}

/** The log every command writes, as its --json, --quiet and --verbose ask. */
export function loggerFor(ctx: CommandContext): Logger {
  return createLogger({ json: ctx.values.json === true, quiet: ctx.values.quiet === true, verbose: ctx.values.verbose === true });
}

export function workerCount(ctx: CommandContext): number {
  const raw = ctx.values.workers;
  if (raw === undefined) return Math.max(1, Math.min(2, cpus().length));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new CliError(`--workers must be a whole number from 1 to 32, got "${String(raw)}"`);
  return n;
}

async function nearestExisting(path: string): Promise<string> {
  let dir = path;
  while (!(await stat(dir).catch(() => null)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * Makes and removes a folder in `dir`: the one test that holds for root and for file systems such
 * as /proc, where access(2) says "writable" and a recursive mkdir below it retries forever.
 */
async function probeWritable(dir: string): Promise<void> {
  await rmdir(await mkdtemp(join(dir, '.write-probe-')));
}

/** Fails early, before any work, when the output folder cannot be created or written. */
export async function ensureWritableParent(dir: string): Promise<void> {
  const target = resolve(dir);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw new CliError(`cannot write to ${dir}: it exists and is not a folder`);
  const parent = dirname(target);
  try {
    await probeWritable(await nearestExisting(parent));
    await mkdir(parent, { recursive: true });
    await access(parent, constants.W_OK);
    if (existing) await access(target, constants.W_OK);
  } catch (error) {
    throw new CliError(`cannot write to ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose another --out folder or fix its permissions`);
  }
}

/** Writes a report file a command was asked for (--out, --summary, --junit), making its folder; a failure is one line naming it. */
export async function writeOutputFile(file: string, text: string, option: string): Promise<void> {
  try {
    await probeWritable(await nearestExisting(dirname(resolve(file))));
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new CliError(`cannot write --${option} ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); choose another path or fix its permissions`);
  }
}

/**
 * Opens every input PDF before any work, so a typo or a damaged file costs nothing and is a usage
 * error (exit 2) in every command, not a failed source.
 */
export async function checkPdfInputs(files: readonly string[]): Promise<void> {
  for (const file of files) {
    try {
      const pdf = await openPdf(file);
      await pdf.doc.destroy();
    } catch (error) {
      if (error instanceof PdfInputError) throw new CliError(error.message);
      throw error;
    }
  }
}
