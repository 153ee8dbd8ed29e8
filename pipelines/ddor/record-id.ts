/**
 * Stable ids for Section II rows (DATASET.md): a short hash of the printed identity of the row plus
 * an occurrence counter for identical rows, so re-runs, re-ordering and corrected editions keep the
 * ids of unchanged rows.
 */
import { createHash } from 'node:crypto';

export const RECORD_IDENTITY = [
  'report_id', 'state', 'county', 'facility', 'citizenship', 'detainer_issued', 'detainer_declined', 'offense',
] as const;

export type RecordIdentity = Record<(typeof RECORD_IDENTITY)[number], string>;

export function identityHash(row: RecordIdentity): string {
  const text = JSON.stringify(RECORD_IDENTITY.map((field) => row[field]));
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Assigns record ids in row order: the n-th identical row gets suffix n (1-based). */
export function assignRecordIds<T extends RecordIdentity>(rows: readonly T[]): string[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const hash = identityHash(row);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}-${occurrence}`;
  });
}
