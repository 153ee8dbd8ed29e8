/**
 * Versioned dataset releases: `<root>/<version>/` holds the dataset files plus manifest.json, and
 * `<root>/latest.json` points at the newest. A release diffs a candidate dataset folder against
 * the latest version, proposes the semantic-version bump, and publishes only when asked.
 * Version folders appear whole (staging + rename) and are never overwritten. A candidate that is
 * not a valid data package (profiles, rows against their Table Schema) is refused. `<root>/latest/`
 * holds a copy of the newest version, a stable path for raw-URL readers and git scrapers.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { OWNER_MARKER, updateOwnedFolderInPlace, withLock } from '../dataset/folders.ts';
import { pipelineVersion, PROJECT_ROOT } from '../project-files.ts';
import { schemaFingerprint } from '../dataset/table-schema.ts';
import type { TableSpec } from '../dataset/table-spec.ts';
import { assertValidFolder } from '../dataset/validate-package.ts';
import { diffDatasets, type DatasetDiff, type DiffSettingsInput, type TableDiff } from './diff.ts';
import { VersioningError } from './read.ts';
import { isVersion, nextVersion, proposeBump, type Bump } from './semver.ts';
import { sha256Hex } from '../files.ts';

export const LATEST_POINTER = 'latest.json';
export const MANIFEST = 'manifest.json';
/** The folder holding a copy of the newest version. */
export const LATEST_FOLDER = 'latest';
/** The owner marker of that folder (dataset/folders.ts): release alone writes it. */
const LATEST_OWNER = 'release-latest';
/** The profile every version published by this code was validated against (manifest `validatedAgainst`). */
export const PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

export interface LatestPointer {
  version: string;
  /** The version folder, relative to the root, so the root can be moved or copied. */
  path: string;
}

export interface Manifest {
  version: string;
  previous: string | null;
  bump: Bump;
  pipelineVersion: string;
  gitCommit: string | null;
  nodeVersion: string;
  /** SHA-256 of the pipeline settings (keys sorted), so equal settings give equal hashes. */
  settingsHash: string;
  schemaFingerprint: string;
  createdAt: string;
  /** Set on versions whose package and rows were validated before publishing; older versions lack it. */
  validatedAgainst?: string;
  changes: Record<string, TableDiff['counts']>;
  /** Present when a candidate with error findings was published with --force: why, and how many. */
  forced?: { reason: string; errorFindings: number };
}

export interface ReleaseOptions {
  root: string;
  candidateDir: string;
  tables: readonly TableSpec[];
  publish: boolean;
  /** The settings the candidate was built with; only their hash is recorded. */
  settings?: unknown;
  diffSettings?: DiffSettingsInput;
  /** Clock for manifest.createdAt; injectable so tests are deterministic. */
  now?: () => Date;
  /** Publish a candidate with error findings, for this reason (recorded in the manifest). */
  force?: string;
}

export interface ReleaseResult {
  diff: DatasetDiff;
  bump: Bump | null;
  /** The new version (published or proposed), or the latest one when nothing changed. */
  version: string;
  published: boolean;
  /** The version folder when published. */
  path: string | null;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function settingsHash(settings: unknown): string {
  return sha256Hex(stableJson(settings));
}

/**
 * The latest-version pointer, validated: a semver version, a path that is that version's folder
 * inside the root, and the folder holding a dataset with its manifest. A hand-edited or damaged
 * pointer is a clear error, never followed elsewhere.
 */
export async function readLatest(root: string): Promise<LatestPointer | null> {
  const file = join(root, LATEST_POINTER);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    if (error.code === 'ENOTDIR') throw new VersioningError(`${root} is a file, not a release root; pass the folder that holds the versions (--root)`);
    throw error;
  });
  if (text === null) return null;
  const restore = 'Restore it as {"version": "X.Y.Z", "path": "X.Y.Z"} naming the newest version folder.';
  let pointer: unknown;
  try {
    pointer = JSON.parse(text);
  } catch {
    throw new VersioningError(`${file}: not valid JSON. ${restore}`);
  }
  const { version, path } = (pointer !== null && typeof pointer === 'object' ? pointer : {}) as Partial<Record<keyof LatestPointer, unknown>>;
  if (typeof version !== 'string' || !isVersion(version) || typeof path !== 'string') {
    throw new VersioningError(`${file}: expected {"version": "X.Y.Z", "path": "X.Y.Z"}. ${restore}`);
  }
  // The folder of a version is named by it: anything else (../elsewhere, another version) is refused.
  if (normalize(path).replace(/\/+$/, '') !== version) {
    throw new VersioningError(`${file}: its path "${path}" is not the folder of version ${version} in ${root}. ${restore}`);
  }
  if (!(await exists(join(root, version, MANIFEST))) || !(await exists(join(root, version, 'datapackage.json')))) {
    throw new VersioningError(`${file} points at ${join(root, version)}, which holds no dataset (datapackage.json and ${MANIFEST}). Restore that folder or fix the pointer.`);
  }
  return { version, path: version };
}

async function gitCommit(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/**
 * Sets `version` and `created` in datapackage.json text, after `description` as renderDataset
 * places it (the candidate has neither: the same rows must give the same bytes).
 */
function withVersion(datapackageText: string, version: string, created: string): string {
  const entries = Object.entries(JSON.parse(datapackageText) as Record<string, unknown>).filter(([key]) => key !== 'version' && key !== 'created');
  entries.splice(entries.findIndex(([key]) => key === 'description') + 1, 0, ['version', version], ['created', created]);
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(temp, content);
  await rename(temp, file);
}

/** Copies the candidate into `<root>/<version>/` with the version and manifest; the folder appears whole. */
async function publishVersion(root: string, candidateDir: string, manifest: Manifest): Promise<string> {
  const target = join(root, manifest.version);
  const refuse = () => new VersioningError(`${target} already exists: published versions are never overwritten. Check ${join(root, LATEST_POINTER)} points at the newest version, or release into another root.`);
  if (await exists(target)) throw refuse();
  await mkdir(root, { recursive: true });
  const staging = join(root, `.${manifest.version}.staging-${process.pid}-${Date.now()}`);
  try {
    // The candidate folder is a link to its content (see dataset/folders.ts): copy the content.
    await cp(candidateDir, staging, { recursive: true, dereference: true });
    // A version belongs to no command that rewrites folders: without the marker, none will.
    await rm(join(staging, OWNER_MARKER), { force: true });
    const datapackageFile = join(staging, 'datapackage.json');
    await writeFile(datapackageFile, withVersion(await readFile(datapackageFile, 'utf8'), manifest.version, manifest.createdAt));
    await writeFile(join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    assertValidFolder(staging);
    // rename(2) fails on a non-empty target, so a version published meanwhile is not replaced.
    await rename(staging, target).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOTEMPTY' || error.code === 'EEXIST' ? refuse() : error;
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await writeAtomically(join(root, LATEST_POINTER), `${JSON.stringify({ version: manifest.version, path: manifest.version } satisfies LatestPointer, null, 2)}\n`);
  return target;
}

async function versionOfFolder(dir: string): Promise<string | null> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => null);
  return text === null ? null : ((JSON.parse(text) as Partial<Manifest>).version ?? null);
}

/**
 * Makes `<root>/latest/` a copy of the version latest.json names; a no-op when it already is. Runs
 * after the pointer moved, and again on the next release if the copy failed or was cut short.
 * The copy is a real folder updated in place, manifest.json last (see updateOwnedFolderInPlace):
 * git and raw-file URLs follow no link, so the link swap other folders get cannot serve here.
 */
async function refreshLatestFolder(root: string, latest: LatestPointer): Promise<void> {
  const folder = join(root, LATEST_FOLDER);
  if ((await versionOfFolder(folder)) === latest.version) return;
  const source = join(root, latest.path);
  const names = (await readdir(source, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(source.length + 1));
  const files = new Map(await Promise.all(names.sort().map(async (name) => [name, await readFile(join(source, name))] as const)));
  // Its own owner, so that no extract or run --out can replace the copy of a published version.
  await updateOwnedFolderInPlace(folder, LATEST_OWNER, files, MANIFEST);
}

/** Error findings the candidate carries (its findings.json, when it has one), which make it incomplete. */
async function errorFindingsOf(candidateDir: string): Promise<number> {
  const file = join(candidateDir, 'findings.json');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return 0;
  let errors: unknown;
  try {
    errors = (JSON.parse(text) as { counts?: { error?: unknown } }).counts?.error;
  } catch {
    throw new VersioningError(`${file}: not valid JSON; rebuild the candidate with "run"`);
  }
  if (typeof errors !== 'number') throw new VersioningError(`${file}: no error count; rebuild the candidate with "run"`);
  return errors;
}

/** A publish refused because the candidate is incomplete (exit 1: the job ran, the result is flagged). */
export class PublishRefused extends Error {
  override name = 'PublishRefused';
}

/**
 * Diffs the candidate against the latest version and, when asked, publishes it. The whole of it
 * holds the root's lock, so two publishes in one root take turns: the second sees the first's
 * version as the latest.
 */
export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  if (await stat(options.root).then((s) => !s.isDirectory(), () => false)) {
    throw new VersioningError(`${options.root} is a file, not a release root; pass the folder that holds the versions (--root)`);
  }
  return options.publish ? withLock(options.root, () => releaseUnlocked(options)) : releaseUnlocked(options);
}

async function releaseUnlocked(options: ReleaseOptions): Promise<ReleaseResult> {
  // A damaged pointer is bad input (exit 2) whatever the candidate holds: check it first.
  const latest = await readLatest(options.root);
  assertValidFolder(options.candidateDir);
  const latestDir = latest ? join(options.root, latest.path) : null;
  const diff = await diffDatasets(options.tables, latestDir, options.candidateDir, options.diffSettings);
  const bump = proposeBump(diff);
  if (bump === null) {
    if (options.publish) await refreshLatestFolder(options.root, latest!);
    return { diff, bump, version: latest!.version, published: false, path: null };
  }
  const version = nextVersion(latest?.version ?? null, bump);
  if (!options.publish) return { diff, bump, version, published: false, path: null };
  const errorFindings = await errorFindingsOf(options.candidateDir);
  if (errorFindings > 0 && !options.force) {
    throw new PublishRefused(`${options.candidateDir} has ${errorFindings} error finding(s) (see its findings.json): the dataset is incomplete, so ${version} was not published. Fix the input and run again, or publish anyway with --force "reason" (the reason is recorded in the manifest)`);
  }
  const manifest: Manifest = {
    version,
    previous: latest?.version ?? null,
    bump,
    pipelineVersion: await pipelineVersion(),
    gitCommit: await gitCommit(),
    nodeVersion: process.version,
    settingsHash: settingsHash(options.settings ?? {}),
    schemaFingerprint: schemaFingerprint(options.tables),
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    validatedAgainst: PACKAGE_PROFILE,
    changes: Object.fromEntries(diff.tables.map((t) => [t.table, t.counts])),
    ...(errorFindings > 0 && options.force ? { forced: { reason: options.force, errorFindings } } : {}),
  };
  const path = await publishVersion(options.root, options.candidateDir, manifest);
  await refreshLatestFolder(options.root, { version, path: version });
  return { diff, bump, version, published: true, path };
}
