/**
 * Files that live beside the TypeScript sources (data tables, the catalog, the review page's
 * script, the sample PDFs) and the project root, found the same way whether a module runs from
 * its source under tsx or compiled into dist/ (which holds only the compiled JavaScript).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tree this module runs from: the project root, or <root>/dist when compiled. */
const TREE = fileURLToPath(new URL('../', import.meta.url));

/** The folder that holds package.json (dist/ has none). */
export const PROJECT_ROOT: string = existsSync(join(TREE, 'package.json')) ? TREE : join(dirname(TREE.replace(/\/$/, '')), '/');

/**
 * The path of `relativePath` (a file or folder next to the module at `moduleUrl`, e.g.
 * `projectFile('../data/x.csv', import.meta.url)`) in the source tree.
 */
export function projectFile(relativePath: string, moduleUrl: string): string {
  return join(PROJECT_ROOT, relative(TREE, fileURLToPath(new URL(relativePath, moduleUrl))));
}

/** The version of this program (package.json), recorded in manifests and printed by --version. */
export async function pipelineVersion(): Promise<string> {
  const text = await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
