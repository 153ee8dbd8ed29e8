/**
 * Semantic versions for datasets, as the Frictionless Data Package spec recommends: major for a
 * schema change, minor when data is added, patch for corrections.
 */
import type { DatasetDiff } from './diff.ts';
import { VersioningError } from './read.ts';

export type Bump = 'major' | 'minor' | 'patch';

/** Before the first release; a first release is a major bump from it, so versions start at 1.0.0. */
const NO_VERSION = '0.0.0';

/**
 * Package properties that follow from the rows: a corrected source PDF changes `sources` without
 * adding anything, so it bumps like the rows it came with, not as new metadata.
 */
const DERIVED_PROPERTIES = new Set(['sources']);

/**
 * major: the schema changed (or there is no previous version); minor: rows were added (e.g. a new
 * report) or descriptive package metadata changed; patch: values were corrected or rows removed
 * (or only the sources behind them changed); null: equal.
 */
export function proposeBump(diff: DatasetDiff): Bump | null {
  if (diff.from === null || diff.schemaChanged) return 'major';
  const descriptive = diff.metadataChanged.filter((p) => !DERIVED_PROPERTIES.has(p));
  if (diff.tables.some((t) => t.counts.added > 0) || descriptive.length > 0) return 'minor';
  if (diff.tables.some((t) => t.counts.changed + t.counts.removed > 0) || diff.metadataChanged.length > 0) return 'patch';
  return null;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function isVersion(text: string): boolean {
  return SEMVER.test(text);
}

/** nextVersion('1.2.3', 'minor') → '1.3.0'; `current` null means nothing was published yet. */
export function nextVersion(current: string | null, bump: Bump): string {
  const match = SEMVER.exec(current ?? NO_VERSION);
  if (!match) throw new VersioningError(`"${current}" is not a version of the form MAJOR.MINOR.PATCH (e.g. 1.0.0).`);
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}
