/**
 * Replacing an output folder with no gap (issue 17, defect 6). Every change the swap makes to the
 * file system is followed by a look at the folder, as a reader or a kill -9 at that instant would
 * find it; and a writer frozen there (what kill -9 leaves) is followed by the next run, which
 * must clean up after it.
 */
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** Called after each watched file-system change the code under test makes; may never resolve. */
const fsHook = vi.hoisted(() => ({ after: null as null | ((op: string) => Promise<void>) }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const watched = ['mkdir', 'rename', 'rm', 'symlink', 'writeFile'] as const;
  const wrapped = Object.fromEntries(watched.map((name) => [name, async (...args: unknown[]) => {
    const result = await (fs[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    const hook = fsHook.after;
    if (hook) await hook(name);
    return result;
  }]));
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});

const { leftBeside } = await import('./support/hostile.ts');
const { replaceOwnedFolder, updateOwnedFolderInPlace, writeFilesInto } = await import('../src/dataset/folders.ts');

afterEach(() => { fsHook.after = null; });

type Snapshot = Record<string, string>;
const OLD: Snapshot = { 'a.json': 'old a\n', 'gone.json': 'only in the old\n', 'manifest.json': 'old\n' };
const NEW: Snapshot = { 'a.json': 'new a\n', 'added.json': 'only in the new\n', 'manifest.json': 'new\n' };
const NEWER: Snapshot = { 'a.json': 'newer a\n', 'manifest.json': 'newer\n' };
const files = (s: Snapshot) => new Map(Object.entries(s));

/** The folder's files as a reader finds them (the owner marker aside), or the error it meets. */
async function look(dir: string): Promise<Snapshot | string> {
  try {
    const names = (await readdir(dir)).filter((n) => n !== '.written-by.json').sort();
    return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** Counts the watched changes of one write, so each can be frozen in turn. */
async function countSteps(write: () => Promise<void>): Promise<number> {
  let steps = 0;
  fsHook.after = async () => { steps++; };
  await write();
  fsHook.after = null;
  return steps;
}

/** Runs `write` until its `step`-th change and freezes it there for good, as kill -9 would. */
async function freezeAt(step: number, write: () => Promise<void>): Promise<void> {
  let seen = 0;
  let frozen!: () => void;
  const reached = new Promise<void>((resolve) => { frozen = resolve; });
  fsHook.after = async () => {
    if (++seen < step) return;
    fsHook.after = null;
    frozen();
    await new Promise(() => {});
  };
  void write();
  await reached;
}

/** The lock a killed writer leaves is taken over; this process is alive, so its lock goes by hand. */
const releaseLock = (dir: string) => rm(join(dirname(dir), `.${dir.split('/').pop()}.lock`), { force: true });

describe('replaceOwnedFolder', () => {
  const fresh = async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'ddor-swap-')), 'ds');
    await replaceOwnedFolder(out, 'test', (slot) => writeFilesInto(slot, files(OLD)));
    return out;
  };
  const writeNew = (out: string) => () => replaceOwnedFolder(out, 'test', (slot) => writeFilesInto(slot, files(NEW)));

  it('at every step of a replacement, the path is the old folder or the new one, whole', async () => {
    const out = await fresh();
    const seen: (Snapshot | string)[] = [];
    fsHook.after = async () => { seen.push(await look(out)); };
    await writeNew(out)();
    expect(seen.length).toBeGreaterThan(3);
    for (const state of seen) expect([OLD, NEW]).toContainEqual(state);
    expect(await look(out)).toEqual(NEW);
  });

  it('a writer killed at any step leaves a whole folder, and the next run leaves nothing else behind', async () => {
    const steps = await countSteps(writeNew(await fresh()));
    for (let step = 1; step <= steps; step++) {
      const out = await fresh();
      await freezeAt(step, writeNew(out));
      expect([OLD, NEW], `killed at step ${step}`).toContainEqual(await look(out));
      await releaseLock(out);
      await replaceOwnedFolder(out, 'test', (slot) => writeFilesInto(slot, files(NEWER)));
      expect(await look(out)).toEqual(NEWER);
      expect(await leftBeside(out), `killed at step ${step}`).toEqual([]);
    }
  });
});

describe('updateOwnedFolderInPlace (latest/, a real folder)', () => {
  const fresh = async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'ddor-inplace-')), 'latest');
    await updateOwnedFolderInPlace(dir, 'test', files(OLD), 'manifest.json');
    return dir;
  };
  const writeNew = (dir: string) => () => updateOwnedFolderInPlace(dir, 'test', files(NEW), 'manifest.json');

  /** Every file whole, the files both versions have always there, and a new manifest only once all is new. */
  const expectReadable = (state: Snapshot | string, where: string) => {
    expect(typeof state, `${where}: ${String(state)}`).toBe('object');
    const snapshot = state as Snapshot;
    for (const [name, content] of Object.entries(snapshot)) expect([OLD[name], NEW[name]], `${where}: ${name}`).toContain(content);
    for (const name of Object.keys(OLD).filter((n) => n in NEW)) expect(snapshot, where).toHaveProperty([name]);
    if (snapshot['manifest.json'] === NEW['manifest.json']) expect(snapshot, where).toEqual(NEW);
  };

  it('stays a real folder in which every file is always there and whole, manifest.json last', async () => {
    const dir = await fresh();
    const seen: (Snapshot | string)[] = [];
    fsHook.after = async () => { seen.push(await look(dir)); };
    await writeNew(dir)();
    for (const [i, state] of seen.entries()) expectReadable(state, `step ${i + 1}`);
    expect(await look(dir)).toEqual(NEW);
    await expect(readlink(dir)).rejects.toThrow(/EINVAL/);
  });

  it('an update killed at any step is finished by the next one, with no partial files left', async () => {
    const steps = await countSteps(writeNew(await fresh()));
    for (let step = 1; step <= steps; step++) {
      const dir = await fresh();
      await freezeAt(step, writeNew(dir));
      expectReadable(await look(dir), `killed at step ${step}`);
      await releaseLock(dir);
      await writeNew(dir)();
      expect(await look(dir), `killed at step ${step}`).toEqual(NEW);
      expect(await readdir(dirname(dir))).toEqual(['latest']);
    }
  });
});
