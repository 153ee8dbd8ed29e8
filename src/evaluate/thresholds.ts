/**
 * Regression thresholds as data: what an extraction must reach, per kind of file and per table.
 * A family ships defaults (`ReportFamily.evaluation.thresholds`); a small JSON file
 * (`<family>-check.json`, or `check --config`) overrides any of them. Resolution for one table of
 * one file, later wins: `"*"` kind and `"*"` table, `"*"` kind and the table, the file's kind and
 * `"*"` table, the file's kind and the table.
 */
import { z } from 'zod';

export const TableThresholdsSchema = z.object({
  cellAccuracy: z.number().min(0).max(1).optional().describe('lowest share of truth cells read right'),
  exactRows: z.number().min(0).max(1).optional().describe('lowest share of truth rows with every cell right'),
  silentErrors: z.number().int().min(0).optional().describe('most wrong cells that are confident and unflagged (the failures nobody would review)'),
  missingRows: z.number().int().min(0).optional().describe('most truth rows the extraction did not find'),
  statedTotals: z.boolean().optional().describe('the figures the report states about itself (totals, period) must equal the truth; read from the "*" table of a kind, as they belong to no table'),
}).strict();

/** kind ("*" for every kind) → table ("*" for every table) → thresholds. */
export const ThresholdTreeSchema = z.record(z.string(), z.record(z.string(), TableThresholdsSchema));

export const CheckConfigSchema = z.object({
  thresholds: ThresholdTreeSchema.default({}),
}).strict();

export type TableThresholds = z.infer<typeof TableThresholdsSchema>;
export type ThresholdTree = z.infer<typeof ThresholdTreeSchema>;
export type CheckConfig = z.infer<typeof CheckConfigSchema>;

/** The kind or table every file or table matches. */
const ANY = '*';

/** Family defaults, then the config file's overrides, merged key by key. */
export function mergeThresholds(base: ThresholdTree, override: ThresholdTree): ThresholdTree {
  const merged: ThresholdTree = structuredClone(base);
  for (const [kind, tables] of Object.entries(override)) {
    merged[kind] ??= {};
    for (const [table, values] of Object.entries(tables)) merged[kind]![table] = { ...merged[kind]![table], ...values };
  }
  return merged;
}

/** A threshold left unset is not checked. */
export function thresholdsFor(tree: ThresholdTree, kind: string, table: string): TableThresholds {
  const layers = [tree[ANY]?.[ANY], tree[ANY]?.[table], tree[kind]?.[ANY], tree[kind]?.[table]];
  return Object.assign({}, ...layers.filter(Boolean)) as TableThresholds;
}
