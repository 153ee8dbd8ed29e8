/**
 * Versioned dataset releases: `<root>/<version>/` holds the dataset files plus manifest.json, and
 * `<root>/latest.json` points at the newest. A release diffs a candidate dataset folder against
 * the latest version, proposes the semantic-version bump, and publishes only when asked.
 * Version folders appear whole (staging + rename) and are never overwritten.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../project-files.ts';
import { schemaFingerprint } from '../dataset/table-schema.ts';
import type { TableSpec } from '../dataset/table-spec.ts';
import { diffDatasets, type DatasetDiff, type DiffSettingsInput, type TableDiff } from './diff.ts';
import { VersioningError } from './read.ts';
import { isVersion, nextVersion, proposeBump, type Bump } from './semver.ts';

export const LATEST_POINTER = 'latest.json';
export const MANIFEST = 'manifest.json';


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
  changes: Record<string, TableDiff['counts']>;
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
  return createHash('sha256').update(stableJson(settings)).digest('hex');
}

export async function readLatest(root: string): Promise<LatestPointer | null> {
  const file = join(root, LATEST_POINTER);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return null;
  let pointer: Partial<LatestPointer>;
  try {
    pointer = JSON.parse(text);
  } catch {
    throw new VersioningError(`${file}: not valid JSON. Restore it as {"version": "X.Y.Z", "path": "X.Y.Z"} naming the newest version folder.`);
  }
  if (typeof pointer.version !== 'string' || !isVersion(pointer.version) || typeof pointer.path !== 'string') {
    throw new VersioningError(`${file}: expected {"version": "X.Y.Z", "path": "X.Y.Z"}. Restore it to name the newest version folder.`);
  }
  return { version: pointer.version, path: pointer.path };
}

async function gitCommit(): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: PROJECT_ROOT });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

async function pipelineVersion(): Promise<string> {
  const text = await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Sets `version` in datapackage.json text, after `description` as renderDataset places it. */
function withVersion(datapackageText: string, version: string): string {
  const entries = Object.entries(JSON.parse(datapackageText) as Record<string, unknown>);
  const at = entries.findIndex(([key]) => key === 'version');
  if (at >= 0) entries[at] = ['version', version];
  else entries.splice(entries.findIndex(([key]) => key === 'description') + 1, 0, ['version', version]);
  return JSON.stringify(Object.fromEntries(entries), null, 2) + '\n';
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
    await cp(candidateDir, staging, { recursive: true });
    const datapackageFile = join(staging, 'datapackage.json');
    await writeFile(datapackageFile, withVersion(await readFile(datapackageFile, 'utf8'), manifest.version));
    await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    // rename(2) fails on a non-empty target, so a version published meanwhile is not replaced.
    await rename(staging, target).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOTEMPTY' || error.code === 'EEXIST' ? refuse() : error;
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  await writeAtomically(join(root, LATEST_POINTER), JSON.stringify({ version: manifest.version, path: manifest.version } satisfies LatestPointer, null, 2) + '\n');
  return target;
}

export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const latest = await readLatest(options.root);
  const latestDir = latest ? join(options.root, latest.path) : null;
  if (latestDir && !(await exists(join(latestDir, 'datapackage.json')))) {
    throw new VersioningError(`${join(options.root, LATEST_POINTER)} points at ${latestDir}, which holds no dataset. Restore that folder or fix the pointer.`);
  }
  const diff = await diffDatasets(options.tables, latestDir, options.candidateDir, options.diffSettings);
  const bump = proposeBump(diff);
  if (bump === null) return { diff, bump, version: latest!.version, published: false, path: null };
  const version = nextVersion(latest?.version ?? null, bump);
  if (!options.publish) return { diff, bump, version, published: false, path: null };
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
    changes: Object.fromEntries(diff.tables.map((t) => [t.table, t.counts])),
  };
  const path = await publishVersion(options.root, options.candidateDir, manifest);
  return { diff, bump, version, published: true, path };
}
