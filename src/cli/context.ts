/** What every command gets, and the error type that becomes a one-line message and an exit code. */
import { access, constants, mkdir, mkdtemp, rmdir, stat, writeFile } from 'node:fs/promises';
import { DEFAULT_OCR_WORKERS } from '../ocr/settings.ts';
import { dirname, join, resolve } from 'node:path';
import { checkOwnership, OutputFolderError } from '../dataset/folders.ts';
import type { ReportFamily } from '../family.ts';
import type { Finding } from '../findings.ts';
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

/** What a system error code means to a user, and what to do about it. */
const ERRNO_ADVICE: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space or write elsewhere',
  EDQUOT: 'the disk quota is exceeded; free some space or write elsewhere',
  EROFS: 'the file system is read-only; write elsewhere',
  EACCES: 'permission denied; fix its permissions or choose another path',
  EPERM: 'operation not permitted; fix its permissions or choose another path',
  ENOTDIR: 'a part of the path is a file, not a folder; check the path',
  EISDIR: 'it is a folder where a file was expected; check the path',
  ENOENT: 'no such file or folder; check the path',
  EMFILE: 'too many open files; raise the limit (ulimit -n) or run fewer jobs at once',
};

/**
 * An error no command anticipated, in one line: the file it concerns when the system names one,
 * what the system said, and what to do.
 */
export function describeUnexpected(error: unknown, output?: string): string {
  const e = error as Partial<NodeJS.ErrnoException> | null;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  // A failed write on an open file names no path: it was writing the command's output.
  const path = typeof e?.path === 'string' ? e.path : output;
  const advice = code ? ERRNO_ADVICE[code] : undefined;
  if (path && advice) return `cannot ${e?.syscall ?? 'use'} ${path}: ${advice} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${message.split('\n')[0]}${path ? ` (${path})` : ''}`;
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
  if (raw === undefined) return DEFAULT_OCR_WORKERS;
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

/**
 * Fails early, before any work, when the output folder cannot be created or written, or holds
 * files the command did not write (see dataset/folders.ts; the write itself checks again).
 */
export async function ensureOutputFolder(dir: string, owner: string): Promise<void> {
  await ensureWritableParent(dir);
  try {
    await checkOwnership(dir, owner);
  } catch (error) {
    if (error instanceof OutputFolderError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The exit code of a job that finished, by its findings: 1 when error findings flag the result
 * as incomplete (unless --allow-partial accepts it) or, with --strict, when there are warnings.
 */
export function findingsExitCode(ctx: CommandContext, findings: readonly Finding[]): 0 | 1 {
  if (ctx.values['allow-partial'] === true) return 0;
  const failing = findings.filter((f) => f.severity === 'error' || (ctx.values.strict === true && f.severity === 'warning'));
  return failing.length > 0 ? 1 : 0;
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
