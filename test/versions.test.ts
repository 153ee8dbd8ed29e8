import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Row, TableSpec } from '../src/dataset/table-spec.ts';
import { renderDataset, writeDatasetAtomically } from '../src/dataset/write.ts';
import { VersioningError } from '../src/versions/read.ts';
import { OWNER_MARKER } from '../src/dataset/folders.ts';
import { assertValidFolder, PackageValidationError } from '../src/dataset/validate-package.ts';
import { LATEST_FOLDER, PACKAGE_PROFILE, readLatest, release, type Manifest, type ReleaseOptions } from '../src/versions/release.ts';
import { nextVersion } from '../src/versions/semver.ts';

const PLACES: TableSpec = {
  name: 'places',
  title: 'Places',
  schema: z.object({ group: z.string(), rank: z.number().int(), place: z.string(), count: z.number().int() }),
  primaryKey: ['group', 'rank'],
  identity: ['group', 'place'],
  positional: ['rank'],
};
const PLACES_WITH_NOTE: TableSpec = { ...PLACES, schema: PLACES.schema.extend({ note: z.string().nullable() }) };

const WEEK_1 = [
  { group: 'w1', rank: 1, place: 'A', count: 10 },
  { group: 'w1', rank: 2, place: 'B', count: 8 },
  { group: 'w1', rank: 3, place: 'C', count: 5 },
];
const WEEK_2 = [{ group: 'w2', rank: 1, place: 'A', count: 7 }];
const CLOCK = () => new Date('2026-01-02T03:04:05.000Z');

const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-versions-'));
  temps.push(dir);
  return dir;
}

async function candidate(rows: Row[], table: TableSpec = PLACES): Promise<string> {
  const dir = join(await tempDir(), 'candidate');
  await writeDatasetAtomically(dir, renderDataset([table], { places: rows }, { name: 'test', title: 'Test', description: 'Synthetic test data' }));
  return dir;
}

function releaseInto(root: string, candidateDir: string, extra: Partial<ReleaseOptions> = {}) {
  return release({ root, candidateDir, tables: [PLACES], publish: true, settings: { dpi: 300 }, now: CLOCK, ...extra });
}

const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T;

describe('release', () => {
  it('publishes the first version as 1.0.0 with a manifest, a versioned datapackage and a latest pointer', async () => {
    const root = join(await tempDir(), 'output');
    const result = await releaseInto(root, await candidate(WEEK_1));
    expect(result).toMatchObject({ bump: 'major', version: '1.0.0', published: true, path: join(root, '1.0.0') });
    expect((await readdir(root)).sort()).toEqual(['1.0.0', 'latest', 'latest.json']);
    expect((await readdir(join(root, '1.0.0'))).sort()).toEqual(['datapackage.json', 'manifest.json', 'places.csv', 'places.json']);
    expect(await readLatest(root)).toEqual({ version: '1.0.0', path: '1.0.0' });

    const datapackage = await readJson<{ version: string; resources: { path: string; hash: string }[] }>(join(root, '1.0.0', 'datapackage.json'));
    expect(datapackage.version).toBe('1.0.0');
    for (const resource of datapackage.resources) {
      const csv = await readFile(join(root, '1.0.0', resource.path));
      expect(resource.hash).toBe(`sha256:${createHash('sha256').update(csv).digest('hex')}`);
    }

    const manifest = await readJson<Manifest>(join(root, '1.0.0', 'manifest.json'));
    const packageVersion = (await readJson<{ version: string }>(join(import.meta.dirname, '..', 'package.json'))).version;
    let head: string | null = null;
    try { head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: join(import.meta.dirname, '..') }).toString().trim(); } catch { /* not a git checkout */ }
    expect(manifest).toMatchObject({
      version: '1.0.0', previous: null, bump: 'major', pipelineVersion: packageVersion, gitCommit: head,
      nodeVersion: process.version, createdAt: '2026-01-02T03:04:05.000Z',
      changes: { places: { added: 3, removed: 0, changed: 0, unchanged: 0 } },
    });
    expect(manifest.settingsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('publishes nothing when the candidate equals the latest version', async () => {
    const root = join(await tempDir(), 'output');
    await releaseInto(root, await candidate(WEEK_1));
    const again = await releaseInto(root, await candidate(structuredClone(WEEK_1)));
    expect(again).toMatchObject({ bump: null, version: '1.0.0', published: false, path: null });
    expect(again.diff.equal).toBe(true);
    expect((await readdir(root)).sort()).toEqual(['1.0.0', 'latest', 'latest.json']);
  });

  it('walks minor (rows added), patch (a correction) and major (schema change), moving the pointer', async () => {
    const root = join(await tempDir(), 'output');
    await releaseInto(root, await candidate(WEEK_1));
    expect(await releaseInto(root, await candidate([...WEEK_1, ...WEEK_2]))).toMatchObject({ bump: 'minor', version: '1.1.0', published: true });

    const corrected = [WEEK_1[0]!, { ...WEEK_1[2]!, rank: 2 }, ...WEEK_2];
    const patch = await releaseInto(root, await candidate(corrected));
    expect(patch).toMatchObject({ bump: 'patch', version: '1.1.1', published: true });
    expect(patch.diff.tables[0]!.counts).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 3 });

    const withNote = corrected.map((row) => ({ ...row, note: null }));
    const major = await releaseInto(root, await candidate(withNote, PLACES_WITH_NOTE), { tables: [PLACES_WITH_NOTE] });
    expect(major).toMatchObject({ bump: 'major', version: '2.0.0', published: true });
    expect(await readLatest(root)).toEqual({ version: '2.0.0', path: '2.0.0' });
    expect((await readJson<Manifest>(join(root, '2.0.0', 'manifest.json'))).previous).toBe('1.1.1');
    expect((await readdir(root)).sort()).toEqual(['1.0.0', '1.1.0', '1.1.1', '2.0.0', 'latest', 'latest.json']);
  });

  it('only proposes a version when not asked to publish', async () => {
    const root = join(await tempDir(), 'output');
    await releaseInto(root, await candidate(WEEK_1));
    const dry = await releaseInto(root, await candidate([...WEEK_1, ...WEEK_2]), { publish: false });
    expect(dry).toMatchObject({ bump: 'minor', version: '1.1.0', published: false, path: null });
    expect((await readdir(root)).sort()).toEqual(['1.0.0', 'latest', 'latest.json']);
    expect(await readLatest(root)).toEqual({ version: '1.0.0', path: '1.0.0' });
  });

  it('refuses to overwrite an existing version folder and leaves no staging behind', async () => {
    const root = join(await tempDir(), 'output');
    await releaseInto(root, await candidate(WEEK_1));
    await mkdir(join(root, '1.1.0'));
    await writeFile(join(root, '1.1.0', 'keep.txt'), 'earlier release');
    const attempt = releaseInto(root, await candidate([...WEEK_1, ...WEEK_2]));
    await expect(attempt).rejects.toThrow(VersioningError);
    await expect(attempt).rejects.toThrow(/1\.1\.0 already exists: published versions are never overwritten/);
    expect(await readdir(join(root, '1.1.0'))).toEqual(['keep.txt']);
    expect(await readLatest(root)).toEqual({ version: '1.0.0', path: '1.0.0' });
    expect((await readdir(root)).sort()).toEqual(['1.0.0', '1.1.0', 'latest', 'latest.json']);
  });

  it('explains a broken latest pointer', async () => {
    const root = join(await tempDir(), 'output');
    await mkdir(root);
    await writeFile(join(root, 'latest.json'), '{"version": "1.0.0", "path": "1.0.0"}');
    await expect(releaseInto(root, await candidate(WEEK_1))).rejects.toThrow(/latest\.json points at .*1\.0\.0, which holds no dataset/);
    await writeFile(join(root, 'latest.json'), '{"version": "one"}');
    await expect(releaseInto(root, await candidate(WEEK_1))).rejects.toThrow(/latest\.json: expected \{"version"/);
  });

  it('writes byte-identical version folders for the same candidate, settings and clock', async () => {
    const folders = [];
    for (const _ of [1, 2]) {
      const root = join(await tempDir(), 'output');
      await releaseInto(root, await candidate(WEEK_1));
      await releaseInto(root, await candidate([...WEEK_1, ...WEEK_2]));
      folders.push(join(root, '1.1.0'));
    }
    const files = await readdir(folders[0]!);
    for (const file of files) {
      expect(await readFile(join(folders[1]!, file), 'utf8'), file).toBe(await readFile(join(folders[0]!, file), 'utf8'));
    }
  });

  it('hashes the settings, so different settings show in the manifest', async () => {
    const manifests = [];
    for (const settings of [{ dpi: 300, lang: 'eng' }, { lang: 'eng', dpi: 300 }, { dpi: 200, lang: 'eng' }]) {
      const root = join(await tempDir(), 'output');
      await releaseInto(root, await candidate(WEEK_1), { settings });
      manifests.push(await readJson<Manifest>(join(root, '1.0.0', 'manifest.json')));
    }
    expect(manifests[1]!.settingsHash).toBe(manifests[0]!.settingsHash);
    expect(manifests[2]!.settingsHash).not.toBe(manifests[0]!.settingsHash);
  });
});

describe('release: validation and the latest folder', () => {
  it('stamps version, created and validatedAgainst, and keeps latest/ a copy of the newest version', async () => {
    const root = join(await tempDir(), 'output');
    await releaseInto(root, await candidate(WEEK_1));
    await releaseInto(root, await candidate([...WEEK_1, ...WEEK_2]));
    const datapackage = await readJson<Record<string, unknown>>(join(root, '1.1.0', 'datapackage.json'));
    expect(Object.keys(datapackage).slice(0, 6)).toEqual(['$schema', 'name', 'title', 'description', 'version', 'created']);
    expect(datapackage).toMatchObject({ version: '1.1.0', created: '2026-01-02T03:04:05.000Z' });
    expect((await readJson<Manifest>(join(root, '1.1.0', 'manifest.json'))).validatedAgainst).toBe(PACKAGE_PROFILE);
    const names = (await readdir(join(root, '1.1.0'))).sort();
    // latest/ also carries the owner marker that lets the next release replace it; a version has none.
    expect((await readdir(join(root, LATEST_FOLDER))).filter((n) => n !== OWNER_MARKER).sort()).toEqual(names);
    for (const name of names) expect(await readFile(join(root, LATEST_FOLDER, name), 'utf8'), name).toBe(await readFile(join(root, '1.1.0', name), 'utf8'));
    expect(() => assertValidFolder(join(root, LATEST_FOLDER))).not.toThrow();
  });

  it('restores a missing latest/ on the next release even when nothing changed', async () => {
    const root = join(await tempDir(), 'output');
    await releaseInto(root, await candidate(WEEK_1));
    await rm(join(root, LATEST_FOLDER), { recursive: true });
    expect(await releaseInto(root, await candidate(WEEK_1))).toMatchObject({ bump: null, published: false });
    expect((await readJson<Manifest>(join(root, LATEST_FOLDER, 'manifest.json'))).version).toBe('1.0.0');
  });

  it('refuses a candidate whose rows break its declared Table Schema, and publishes nothing', async () => {
    const root = join(await tempDir(), 'output');
    const dir = await candidate(WEEK_1);
    const csv = await readFile(join(dir, 'places.csv'), 'utf8');
    await writeFile(join(dir, 'places.csv'), csv.replace('w1,2,B,8', 'w1,2,B,eight'));
    const attempt = releaseInto(root, dir);
    await expect(attempt).rejects.toThrow(PackageValidationError);
    await expect(attempt).rejects.toThrow(/places\.csv row 2, field count: "eight" is not an integer/);
    await expect(readdir(root)).rejects.toThrow(/ENOENT/);
  });
});

describe('nextVersion', () => {
  it('bumps semantic versions and starts at 1.0.0', () => {
    expect(nextVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(nextVersion('1.2.3', 'minor')).toBe('1.3.0');
    expect(nextVersion('1.2.3', 'patch')).toBe('1.2.4');
    expect(nextVersion(null, 'major')).toBe('1.0.0');
    expect(() => nextVersion('v1.2', 'patch')).toThrow(/"v1\.2" is not a version of the form MAJOR\.MINOR\.PATCH/);
  });
});
