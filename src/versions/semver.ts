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
 * (or only the sources behind them, or only the findings about them, changed); null: equal.
 */
export function proposeBump(diff: DatasetDiff): Bump | null {
  return explainBump(diff)?.bump ?? null;
}

/** The bump and why, e.g. `{ bump: 'patch', reason: 'rows removed, values corrected' }`; null when equal. */
export function explainBump(diff: DatasetDiff): { bump: Bump; reason: string } | null {
  if (diff.from === null) return { bump: 'major', reason: 'first version' };
  if (diff.schemaChanged) return { bump: 'major', reason: 'schema changed' };
  const count = (key: 'added' | 'removed' | 'changed') => diff.tables.reduce((n, t) => n + t.counts[key], 0);
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const descriptive = diff.metadataChanged.filter((p) => !DERIVED_PROPERTIES.has(p));
  const reasons = [
    count('added') ? `${rows(count('added'))} added` : '',
    descriptive.length ? `metadata changed (${descriptive.join(', ')})` : '',
  ].filter(Boolean);
  if (reasons.length > 0) return { bump: 'minor', reason: reasons.join(', ') };
  const corrections = [
    count('removed') ? `${rows(count('removed'))} removed` : '',
    count('changed') ? `${rows(count('changed'))} corrected` : '',
    diff.metadataChanged.length ? `${diff.metadataChanged.join(', ')} changed` : '',
    diff.findings.added.length + diff.findings.removed.length ? 'findings changed' : '',
  ].filter(Boolean);
  return corrections.length > 0 ? { bump: 'patch', reason: corrections.join(', ') } : null;
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
