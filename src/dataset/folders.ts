/**
 * Output folders a command owns, replaced whole under a lock.
 *
 * - Ownership: a command writes only into a new or empty folder, or one carrying its own marker
 *   file (OWNER_MARKER) from an earlier run of the same kind. Anything else (a folder of the
 *   user's files, the release root, a published version) is refused: nothing is deleted that
 *   this project did not write.
 * - Locks: one writer at a time per folder (and per release root): `.<name>.lock` beside it holds
 *   the writer's pid. A second writer waits for it; a lock whose process is gone is taken over.
 * - Replacement: the new content is written into a staging folder beside the target, which then
 *   takes the target's place. POSIX has no atomic exchange of two folders, so the old folder is
 *   renamed aside first; a run killed between the two renames leaves the old folder aside, and
 *   the next writer (under the lock) puts it back before anything else. Staging folders of killed
 *   runs are removed by the next writer too.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

export const OWNER_MARKER = '.written-by.json';

export const FolderSettingsSchema = z.object({
  lockWaitMs: z.number().int().nonnegative().default(120_000)
    .describe('how long a second writer waits for the folder\'s lock before giving up: longer than any dataset write or publish takes'),
  lockPollMs: z.number().int().positive().default(100).describe('how often a waiting writer checks the lock'),
});

export type FolderSettings = z.infer<typeof FolderSettingsSchema>;

/** A folder this command must not write (foreign content, or locked by another writer). */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const lockPath = (target: string) => join(dirname(resolve(target)), `.${basename(resolve(target))}.lock`);

/**
 * Runs `work` holding the lock of `target` (a folder, or a release root). A lock left by a
 * process that no longer runs is taken over; a live one is waited for, then refused clearly.
 */
export async function withLock<T>(target: string, work: () => Promise<T>, options: Partial<FolderSettings> = {}): Promise<T> {
  const settings = FolderSettingsSchema.parse(options);
  const file = lockPath(target);
  await mkdir(dirname(file), { recursive: true });
  const deadline = Date.now() + settings.lockWaitMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    // An empty lock file is one being written this instant; only a dead holder is stale.
    if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new OutputFolderError(`${target} is being written by another process (pid ${holder || 'unknown'}); wait for it to finish, or remove ${file} if no such process runs`);
    }
    await sleep(settings.lockPollMs);
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true });
  }
}

/** The marker's content for a kind of output ("dataset", "review site"). */
const markerText = (owner: string) => `${JSON.stringify({ writtenBy: owner })}\n`;

async function ownerOf(dir: string): Promise<string | null> {
  try {
    const marker = JSON.parse(await readFile(join(dir, OWNER_MARKER), 'utf8')) as { writtenBy?: unknown };
    return typeof marker.writtenBy === 'string' ? marker.writtenBy : null;
  } catch {
    return null;
  }
}

/** Refuses a folder that exists, is not empty, and was not written by an earlier run of `owner`. */
export async function checkOwnership(dir: string, owner: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    if (error.code === 'ENOTDIR') throw new OutputFolderError(`cannot write to ${dir}: it exists and is not a folder; choose another output folder`);
    throw error;
  });
  if (entries.length === 0) return;
  const found = await ownerOf(dir);
  if (found === owner) return;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
  throw new OutputFolderError(found
    ? `refusing to write a ${owner} into ${dir}: it holds a ${found}; choose a new or empty folder`
    : `refusing to write into ${dir}: it holds files this command did not write (${shown}); choose a new or empty folder, nothing was changed`);
}

/** Refuses an output folder that is, or contains, one of the command's inputs. */
export function checkNotInput(out: string, inputs: readonly string[]): void {
  for (const input of inputs) {
    const rel = relative(resolve(out), resolve(input));
    if (rel === '' || !(rel.startsWith('..') || isAbsolute(rel))) {
      throw new OutputFolderError(`refusing to write into ${out}: it ${rel === '' ? 'is' : 'contains'} the input ${input}; choose another output folder`);
    }
  }
}

/** Leftovers of killed runs: the old folder put back when the swap was cut short, staging removed. */
async function recover(target: string, stagingPrefix: string): Promise<void> {
  const parent = dirname(target);
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(stagingPrefix));
  const retired = leftovers.find((name) => name.endsWith('-old'));
  if (retired && !(await exists(target))) await rename(join(parent, retired), target);
  for (const name of leftovers) await rm(join(parent, name), { recursive: true, force: true });
}

/**
 * Fills a staging folder and puts it in `target`'s place, under the target's lock, once the
 * target is known to be ours (see checkOwnership). The marker is written last, so a staging
 * folder is complete exactly when it carries one.
 */
export async function replaceOwnedFolder(target: string, owner: string, fill: (staging: string) => Promise<void>, options: Partial<FolderSettings> = {}): Promise<void> {
  const dir = resolve(target);
  const stagingPrefix = `.${basename(dir)}.staging-`;
  await mkdir(dirname(dir), { recursive: true });
  await withLock(dir, async () => {
    await recover(dir, stagingPrefix);
    await checkOwnership(dir, owner);
    const staging = join(dirname(dir), `${stagingPrefix}${process.pid}-${Date.now()}`);
    await mkdir(staging);
    try {
      await fill(staging);
      await writeFile(join(staging, OWNER_MARKER), markerText(owner));
      if (await exists(dir)) {
        const retired = `${staging}-old`;
        await rename(dir, retired);
        await rename(staging, dir);
        await rm(retired, { recursive: true, force: true });
      } else {
        await rename(staging, dir);
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }, options);
}
