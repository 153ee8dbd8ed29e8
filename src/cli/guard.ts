/**
 * The top-level boundary of a command that runs: whatever escapes it (a rejected promise no one
 * awaited included) becomes one line naming the command and the file, and an exit code. Apart
 * from main.ts, as the error types it tells apart come with the modules that throw them.
 */
import { PackageValidationError } from '../dataset/validate-package.ts';
import { OutputFolderError } from '../dataset/folders.ts';
import { isPdfjsError, PdfInputError } from '../pdf/load.ts';
import { VersioningError } from '../versions/read.ts';
import { CliError, describeUnexpected } from './context.ts';
import { DEBUG_ERRORS } from './main.ts';

/**
 * The top-level boundary: whatever escapes a command (a rejected promise no one awaited
 * included) becomes one line naming the command and the file, and exit 2.
 */
function reportUnexpected(familyName: string, name: string, error: unknown, debug: boolean, output?: string): number {
  if (error instanceof CliError) {
    process.stderr.write(`${familyName} ${name}: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof PackageValidationError) {
    process.stderr.write(`${familyName} ${name}: ${error.message}. Nothing was written or published; fix the rows or the schema and build again.\n`);
    return 1;
  }
  // Bad input found deep in a command already says what is wrong and what to do.
  if (error instanceof OutputFolderError || error instanceof PdfInputError || error instanceof VersioningError) {
    process.stderr.write(`${familyName} ${name}: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`${familyName} ${name}: ${describeUnexpected(error, output)}${debug ? '' : ` (rerun with ${DEBUG_ERRORS} for the stack)`}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 2;
}

/** Runs a command so that a stray rejection or exception ends it with the boundary's one line. */
export async function runGuarded(familyName: string, name: string, debug: boolean, output: string | undefined, run: () => Promise<number>): Promise<number> {
  let onStray: (error: unknown) => void = () => undefined;
  const stray = new Promise<number>((resolve) => { onStray = (error) => resolve(reportUnexpected(familyName, name, error, debug, output)); });
  // pdf.js's own stray rejections are a damaged file's, handled where it is read (pdf/load.ts).
  const onRejection = (reason: unknown) => { if (!isPdfjsError(reason)) onStray(reason); };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onStray);
  try {
    return await Promise.race([run().catch((error: unknown) => reportUnexpected(familyName, name, error, debug, output)), stray]);
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onStray);
  }
}

