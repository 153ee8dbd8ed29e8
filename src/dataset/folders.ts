/**
 * Output folders a command owns, replaced whole under a lock.
 *
 * - Ownership: a command writes only into a new or empty folder, or one carrying its own marker
 *   file (OWNER_MARKER) from an earlier run of the same kind. Anything else (a folder of the
 *   user's files, the release root, a published version) is refused: nothing is deleted that
 *   this project did not write.
 * - Locks: one writer at a time per folder (and per release root): `.<name>.lock` beside it holds
 *   the writer's pid. A second writer waits for it; a lock whose process is gone, or that never
 *   got a pid (its writer killed while making it), is taken over.
 * - Replacement with no gap: POSIX has no atomic exchange of two folders, but rename(2) of a
 *   symlink over a symlink is atomic. So the target is a link to a hidden sibling folder (a slot)
 *   holding the content; new content fills a new slot, and one rename points the link at it. The
 *   next writer (under the lock) removes what killed runs left. A folder that must stay real
 *   (committed to git) is updated in place instead, file by file (updateOwnedFolderInPlace).
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';

export const OWNER_MARKER = '.written-by.json';

export const FolderSettingsSchema = z.object({
  lockWaitMs: z.number().int().nonnegative().default(120_000)
    .describe('how long a second writer waits for the folder\'s lock before giving up: longer than any dataset write or publish takes'),
  lockPollMs: z.number().int().positive().default(100).describe('how often a waiting writer checks the lock'),
  unwrittenLockStaleMs: z.number().int().positive().default(5_000)
    .describe('a lock file still without a pid after this long was left by a writer killed between making and writing it (a pid takes microseconds to write)'),
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
    let handle: FileHandle | null = null;
    try {
      handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        // Made but not written (a full disk): an empty lock would hold off every later writer.
        if (handle) {
          await handle.close().catch(() => undefined);
          await rm(file, { force: true });
        }
        throw error;
      }
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    const age = Date.now() - (await stat(file).then((s) => s.mtimeMs, () => Date.now()));
    // A lock without a pid is being written this instant, or its writer died before writing it.
    const stale = Number.isInteger(holder) && holder > 0 ? !pidAlive(holder) : age > settings.unwrittenLockStaleMs;
    if (stale) {
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
  // Folders are replaced through a link to a slot of their own; putting one over the user's link would drop it.
  const link = await readlink(dir).catch(() => null);
  if (link !== null && !siblingsOf(resolve(dir)).isOurs(link)) {
    throw new OutputFolderError(`refusing to write into ${dir}: it is a link to ${link}, which this command did not make; pass the folder itself or a new one, nothing was changed`);
  }
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

/**
 * Our hidden siblings of `dir`: `.<name>.slot-*` content folders (the live one and ones being
 * filled), `.<name>.link-*` links about to be swapped in, and `.<name>.staging-*` folders left by
 * the earlier two-rename swap.
 */
function siblingsOf(dir: string) {
  const name = basename(dir);
  const prefixes = [`.${name}.slot-`, `.${name}.link-`, `.${name}.staging-`] as const;
  return {
    newSlot: () => join(dirname(dir), `${prefixes[0]}${randomUUID()}`),
    isLink: (sibling: string) => sibling.startsWith(prefixes[1]),
    isOurs: (name: string) => !name.includes('/') && prefixes.some((p) => name.startsWith(p)),
    linkName: (slot: string) => join(dirname(dir), `${prefixes[1]}${slot}`),
    list: async () => (await readdir(dirname(dir)).catch(() => [] as string[])).filter((n) => prefixes.some((p) => n.startsWith(p))),
  };
}

/** The slot `dir` links to, when it is one of its siblings; null for a folder, a foreign link or nothing. */
async function liveSlot(dir: string, siblings: readonly string[]): Promise<string | null> {
  const target = await readlink(dir).catch(() => null);
  return target !== null && siblings.includes(target) ? target : null;
}

/** Points `dir` at its sibling `slot` with one rename(2), which replaces a link atomically. */
async function linkTo(dir: string, slot: string): Promise<void> {
  const link = siblingsOf(dir).linkName(slot);
  await symlink(slot, link);
  await rename(link, dir);
}

/**
 * Slots that links beside `dir` point at, other than ddor's own links: `cp -r x y` copies the link
 * x, not the folder, so y names x's slot, and removing that slot would empty the user's copy.
 */
async function slotsLinkedBeside(dir: string): Promise<Set<string>> {
  const siblings = siblingsOf(dir);
  const links = (await readdir(dirname(dir), { withFileTypes: true }).catch(() => [])).filter((e) => e.isSymbolicLink() && e.name !== basename(dir) && !siblings.isOurs(e.name));
  // GNU cp keeps the link's relative target; Node's fs.cp makes it absolute.
  const targets = await Promise.all(links.map((e) => readlink(join(dirname(dir), e.name)).then((t) => resolve(dirname(dir), t), () => '')));
  return new Set(targets.filter((t) => dirname(t) === dirname(dir)).map((t) => basename(t)).filter(siblings.isOurs));
}

/**
 * Leftovers of killed runs. One that died after moving a real folder aside (see
 * replaceOwnedFolder) and before linking the new one left `dir` missing: it is linked to the
 * newest complete slot (one that carries a marker). Every other sibling is removed (slots being
 * filled, slots a swap retired, links not swapped in) unless another link beside it names it.
 */
async function recover(dir: string): Promise<void> {
  const siblings = siblingsOf(dir);
  const ours = await siblings.list();
  const kept = await slotsLinkedBeside(dir);
  let live = await liveSlot(dir, ours);
  if (!(await lstat(dir).then(() => true, () => false))) {
    const marked = await Promise.all(ours.filter((n) => !siblings.isLink(n)).map(async (n) => ({ n, marker: await stat(join(dirname(dir), n, OWNER_MARKER)).catch(() => null) })));
    const newest = marked.filter((s) => s.marker !== null).sort((a, b) => b.marker!.mtimeMs - a.marker!.mtimeMs)[0];
    if (newest) {
      await linkTo(dir, newest.n);
      live = newest.n;
    }
  }
  for (const name of ours) if (name !== live && !kept.has(name)) await rm(join(dirname(dir), name), { recursive: true, force: true });
}

/** Writes `files` (relative name → content) into `dir`, making sub-folders. */
export async function writeFilesInto(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

/**
 * Fills a new slot beside `target` and makes `target` a link to it, under the target's lock,
 * once the target is known to be ours (see checkOwnership). The marker is written last, so a slot
 * is complete exactly when it carries one. The swap is one rename(2) of a link over the link: at
 * every moment, a kill -9 included, `target` is the old folder or the new one, whole. The
 * retired slot is removed once the swap is done (a reader still inside it loses it then).
 */
export async function replaceOwnedFolder(target: string, owner: string, fill: (staging: string) => Promise<void>, options: Partial<FolderSettings> = {}): Promise<void> {
  const dir = resolve(target);
  const siblings = siblingsOf(dir);
  await mkdir(dirname(dir), { recursive: true });
  await withLock(dir, async () => {
    await recover(dir);
    await checkOwnership(dir, owner);
    const slot = siblings.newSlot();
    await mkdir(slot);
    try {
      await fill(slot);
      await writeFile(join(slot, OWNER_MARKER), markerText(owner));
      if ((await lstat(dir).catch(() => null))?.isDirectory()) {
        // A real folder (empty, or ours from before links): no link can be renamed over a folder,
        // so it moves aside as a slot first. This swap alone has a gap, once per folder; a kill
        // in it is repaired by recover().
        await rename(dir, siblings.newSlot());
      }
      await linkTo(dir, basename(slot));
    } catch (error) {
      await rm(slot, { recursive: true, force: true });
      throw error;
    }
    await recover(dir);
  }, options);
}

/**
 * Brings a folder that must stay a real folder up to `files`, in place, under its lock, once it
 * is known to be ours. `latest/` is one: it is committed to git and read from raw-file URLs,
 * and neither follows a link. The files are written into a slot beside it first. A new folder is
 * that slot renamed in whole. An existing one takes the slot's files one by one, each renamed
 * over the old (so every file is always there and whole), then loses the files no longer wanted,
 * and takes `last` last. A run killed part way leaves old and new files side by side with the old
 * `last`: the caller, who knows by `last` that the folder is not current, updates it again.
 */
export async function updateOwnedFolderInPlace(target: string, owner: string, files: ReadonlyMap<string, string | Uint8Array>, last: string, options: Partial<FolderSettings> = {}): Promise<void> {
  const dir = resolve(target);
  const siblings = siblingsOf(dir);
  await mkdir(dirname(dir), { recursive: true });
  await withLock(dir, async () => {
    for (const name of await siblings.list()) await rm(join(dirname(dir), name), { recursive: true, force: true });
    await checkOwnership(dir, owner);
    const slot = siblings.newSlot();
    try {
      await mkdir(slot);
      await writeFilesInto(slot, new Map([[OWNER_MARKER, markerText(owner)], ...files]));
      if (!(await exists(dir))) {
        await rename(slot, dir);
        return;
      }
      const present = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => !e.isDirectory()).map((e) => relative(dir, join(e.parentPath, e.name)));
      // The marker first: an empty folder becomes ours before any file lands in it.
      for (const name of [OWNER_MARKER, ...[...files.keys()].filter((n) => n !== last)]) {
        await mkdir(dirname(join(dir, name)), { recursive: true });
        await rename(join(slot, name), join(dir, name));
      }
      for (const name of present) if (!files.has(name) && name !== OWNER_MARKER) await rm(join(dir, name), { force: true });
      if (files.has(last)) await rename(join(slot, last), join(dir, last));
    } finally {
      await rm(slot, { recursive: true, force: true });
    }
  }, options);
}
