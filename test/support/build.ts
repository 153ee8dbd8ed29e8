/**
 * Vitest global setup: compiles dist/ when a source is newer than it, because the CLI tests run
 * bin/ddor.js, which runs dist/, and a stale dist/ would test old code.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const BUILD_INFO = 'dist/.tsbuildinfo';
const INPUTS = ['src', 'pipelines', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestChange(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export default async function buildDist(): Promise<void> {
  const built = statSync(BUILD_INFO, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= Math.max(...INPUTS.map(newestChange))) return;
  try {
    // The whole build, not tsc alone: it also precompiles the package profile's validator.
    await promisify(execFile)('npm', ['run', '--silent', 'build']);
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    throw new Error(`npm run build failed, so bin/ddor.js cannot be tested:\n${stdout ?? (error as Error).message}`);
  }
}
