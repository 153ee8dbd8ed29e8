/**
 * A stage's version, computed rather than maintained: the hash of the source files the stage
 * runs plus the versions of the packages it relies on. Editing a normaliser therefore reruns the
 * cheap report stage on the next run, while the OCR'd pages (keyed on the PDF and OCR code only)
 * stay cached. A hand-bumped version number would be forgotten; a stale cache would then publish
 * rows the current code no longer produces.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../project-files.ts';

const requireFromProject = createRequire(join(PROJECT_ROOT, 'package.json'));

function filesUnder(path: string): string[] {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return [];
  if (stats.isFile()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

function packageVersion(name: string): string {
  try {
    return (requireFromProject(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

const memo = new Map<string, string>();

/**
 * Hash of the contents of `paths` (files or folders, relative to the project root, read
 * recursively) and of the installed versions of `packages`.
 */
export function codeVersion(paths: readonly string[], packages: readonly string[] = []): string {
  const id = JSON.stringify([paths, packages]);
  const known = memo.get(id);
  if (known) return known;
  const hash = createHash('sha256');
  for (const file of paths.flatMap((p) => filesUnder(join(PROJECT_ROOT, p)))) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const name of packages) hash.update(`${name}@${packageVersion(name)}\0`);
  const version = hash.digest('hex').slice(0, 16);
  memo.set(id, version);
  return version;
}
