/**
 * Renders a dataset diff for people (a Markdown summary for a pull request) and for machines (JSON).
 * The HTML view lives in render-html.ts and shares the value formatting here.
 */
import { z } from 'zod';
import type { Row } from '../dataset/table-spec.ts';
import type { DatasetDiff, SchemaChange, TableDiff } from './diff.ts';
import type { Bump } from './semver.ts';

export const RenderSettingsSchema = z.object({
  maxListedRows: z.number().int().positive().default(100)
    .describe('rows listed per section (changed, removed, added) in Markdown; the rest are counted, so a PR comment stays within size limits'),
});

export interface RenderOptions extends z.input<typeof RenderSettingsSchema> {
  /** The proposed version bump, shown in the header when given. */
  bump?: Bump | null;
}

/** A cell value as a reader should see it: strings as printed, lists one per line, null empty. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(displayValue).join('\n');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A value in a change, unambiguous: JSON, so "" differs from null and 1 from "1". */
export const changeValue = (value: unknown) => JSON.stringify(value ?? null);

export function identityText(identity: Row, page: number | null): string {
  const parts = Object.entries(identity).map(([column, value]) => `${column}=${displayValue(value).replace(/\s+/g, ' ')}`);
  return parts.join(', ') + (page === null ? '' : `, p. ${page}`);
}

export function diffTitle(diff: DatasetDiff): string {
  return `Dataset diff: ${diff.from ?? '(nothing published)'} → ${diff.to}`;
}

export function schemaChangeText(change: SchemaChange): string {
  if (change.status === 'table-added') return 'table added';
  if (change.status === 'table-removed') return 'table removed';
  const list = (names: string[]) => names.join(', ');
  return [
    change.fieldsAdded.length ? `fields added: ${list(change.fieldsAdded)}` : '',
    change.fieldsRemoved.length ? `fields removed: ${list(change.fieldsRemoved)}` : '',
    change.fieldsChanged.length ? `fields redefined: ${list(change.fieldsChanged)}` : '',
    change.orderChanged ? 'column order changed' : '',
  ].filter(Boolean).join('; ');
}

export const hasRowChanges = (t: TableDiff) => t.counts.added + t.counts.removed + t.counts.changed > 0;

function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]<>|#&]/g, '\\$&');
const markdownCell = (value: unknown) => escapeMarkdown(displayValue(value)).replace(/\r?\n/g, '<br>');

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ];
}

function more(total: number, listed: number): string[] {
  return total > listed ? [`…and ${total - listed} more (see the JSON or HTML diff).`] : [];
}

function tableSection(t: TableDiff, maxListedRows: number): string[] {
  const lines = [`### ${escapeMarkdown(t.table)}: ${escapeMarkdown(t.title)}`, ''];
  if (t.schema) lines.push(`Schema: ${schemaChangeText(t.schema)}.`, '');
  const columnCounts = Object.entries(t.columnChanges).map(([column, count]) => `${code(column)} ${count}`);
  if (columnCounts.length > 0) lines.push(`Changes per column: ${columnCounts.join(', ')}`, '');
  if (t.changed.length > 0) {
    lines.push(`**Changed (${t.changed.length})**`, '');
    for (const row of t.changed.slice(0, maxListedRows)) {
      const changes = row.changes.map((c) => `${c.field}: ${code(changeValue(c.old))} → ${code(changeValue(c.new))}`);
      lines.push(`- ${code(identityText(row.identity, row.page))}: ${changes.join('; ')}`);
    }
    lines.push(...more(t.changed.length, maxListedRows), '');
  }
  for (const [label, entries] of [['Removed', t.removed], ['Added', t.added]] as const) {
    if (entries.length === 0) continue;
    lines.push(`**${label} (${entries.length})**`, '');
    const rows = entries.slice(0, maxListedRows).map((e) => t.columns.map((c) => markdownCell(e.row[c])));
    lines.push(...markdownTable(t.columns.map(escapeMarkdown), rows), ...more(entries.length, maxListedRows), '');
  }
  return lines;
}

/** A Markdown summary for a pull request: counts per table, then every change with its row and page. */
export function renderDiffMarkdown(diff: DatasetDiff, options: RenderOptions = {}): string {
  const { maxListedRows } = RenderSettingsSchema.parse(options);
  const lines = [`## ${escapeMarkdown(diffTitle(diff))}`, ''];
  if (options.bump !== undefined) lines.push(`Proposed version bump: **${options.bump ?? 'none'}**`, '');
  if (diff.equal) return [...lines, 'No changes.', ''].join('\n');
  lines.push(...markdownTable(
    ['Table', 'Added', 'Removed', 'Changed', 'Unchanged'],
    diff.tables.map((t) => [escapeMarkdown(t.table), ...[t.counts.added, t.counts.removed, t.counts.changed, t.counts.unchanged].map(String)]),
  ), '');
  if (diff.metadataChanged.length > 0) lines.push(`Package metadata changed: ${diff.metadataChanged.map(code).join(', ')}`, '');
  for (const t of diff.tables) if (hasRowChanges(t) || t.schema) lines.push(...tableSection(t, maxListedRows));
  return lines.join('\n');
}

/** The whole diff (every row) as JSON; the same diff always gives the same text. */
export function diffToJson(diff: DatasetDiff, options: Pick<RenderOptions, 'bump'> = {}): string {
  const document = options.bump === undefined ? diff : { bump: options.bump, ...diff };
  return JSON.stringify(document, null, 2) + '\n';
}
