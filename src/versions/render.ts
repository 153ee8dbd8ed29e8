/**
 * Renders a dataset diff for people (a Markdown summary for a pull request) and for machines (JSON).
 * The HTML view lives in render-html.ts and shares the value formatting here.
 */
import { z } from 'zod';
import type { Row } from '../dataset/table-spec.ts';
import type { DatasetDiff, SchemaChange, TableDiff } from './diff.ts';
import type { Finding } from '../findings.ts';
import { explainBump, isVersion, nextVersion, type Bump } from './semver.ts';

export const RenderSettingsSchema = z.object({
  maxListedRows: z.number().int().positive().default(100)
    .describe('rows listed per section (changed, removed, added) in Markdown; the rest are counted'),
  maxListedFindings: z.number().int().positive().default(100)
    .describe('added and removed findings listed in Markdown; the rest are counted'),
  maxChars: z.number().int().positive().default(60_000)
    .describe('Markdown length at most: GitHub refuses comments over 65,536 characters. Table sections that do not fit are left out, with a pointer to the full JSON diff'),
});

export interface RenderOptions extends z.input<typeof RenderSettingsSchema> {
  /** The version the new side will be published as, when it is a candidate (release). */
  version?: string;
  /** How to get the whole diff, named where sections are left out (e.g. the command that prints the JSON diff). */
  fullDiff?: string;
}

/** The proposed bump, shown by the HTML and JSON renderings when given. */
export interface BumpOption {
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

/** "8 removed, 1 changed": the non-zero counts of a table. */
function countsText(t: TableDiff): string {
  return (['added', 'removed', 'changed'] as const).filter((k) => t.counts[k] > 0).map((k) => `${t.counts[k]} ${k}`).join(', ') || 'schema only';
}

/** A folded section: the summary line shows, the body opens on a click. */
function folded(summary: string, body: readonly string[]): string[] {
  return [`<details><summary>${summary}</summary>`, '', ...body, '</details>', ''];
}

function tableSection(t: TableDiff, maxListedRows: number): string[] {
  const lines: string[] = [];
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
  return folded(`<b>${escapeMarkdown(t.table)}</b>: ${escapeMarkdown(t.title)} (${countsText(t)})`, lines);
}

const findingWhere = (f: Finding) => [f.file, f.page !== null ? `p. ${f.page}` : null, f.table, f.row !== null ? `row ${f.row}` : null, f.field].filter(Boolean).join(' ');

function findingsSection(diff: DatasetDiff, maxListed: number): string[] {
  const { added, removed } = diff.findings;
  if (added.length + removed.length === 0) return ['Findings: unchanged.', ''];
  const changes = [...added.map((f) => ['added', f] as const), ...removed.map((f) => ['removed', f] as const)];
  const rows = changes.slice(0, maxListed).map(([change, f]) => [change, f.severity, code(f.code), markdownCell(findingWhere(f)), markdownCell(f.message)]);
  return folded(`<b>Findings</b>: ${added.length} added, ${removed.length} removed`, [
    ...markdownTable(['Change', 'Severity', 'Code', 'Where', 'Message'], rows), ...more(changes.length, maxListed), '',
  ]);
}

/**
 * The one-line headline: old → new version, the bump and why. A new side that is not a version
 * yet (a candidate folder) is named by the version it would be published as, then by its folder.
 */
export function diffHeadline(diff: DatasetDiff, version?: string): string {
  const explained = explainBump(diff);
  const from = diff.from ?? '(nothing published)';
  if (!explained) return `${from} → ${diff.to}: no changes`;
  const proposed = version ?? (isVersion(diff.to) || (diff.from !== null && !isVersion(diff.from)) ? null : nextVersion(diff.from, explained.bump));
  const to = proposed === null ? diff.to : proposed === diff.to ? proposed : `${proposed} (${diff.to})`;
  return `${from} → ${to}: **${explained.bump}** (${explained.reason})`;
}

/**
 * A Markdown summary for a pull request: the headline, counts per table, then one folded section
 * per changed table (every change with its row and page) and the findings added or removed. Table
 * sections that would pass maxChars are left out, named, with a pointer to the full diff.
 */
export function renderDiffMarkdown(diff: DatasetDiff, options: RenderOptions = {}): string {
  const { maxListedRows, maxListedFindings, maxChars } = RenderSettingsSchema.parse(options);
  const head = [`## Dataset diff ${diffHeadline(diff, options.version)}`, ''];
  if (diff.equal) return [...head, 'No changes.', ''].join('\n');
  head.push(...markdownTable(
    ['Table', 'Added', 'Removed', 'Changed', 'Unchanged'],
    diff.tables.map((t) => [escapeMarkdown(t.table), ...[t.counts.added, t.counts.removed, t.counts.changed, t.counts.unchanged].map(String)]),
  ), '');
  if (diff.metadataChanged.length > 0) head.push(`Package metadata changed: ${diff.metadataChanged.map(code).join(', ')}`, '');
  const findings = findingsSection(diff, maxListedFindings).join('\n');
  const tail = (leftOut: readonly string[]) => (leftOut.length === 0 ? '' : [
    `Left out to keep this under ${maxChars.toLocaleString('en-US')} characters: ${leftOut.map(escapeMarkdown).join(', ')}. The full diff: ${options.fullDiff ?? 'the JSON diff (--format json)'}.`, '',
  ].join('\n'));
  // Room for the note about left-out sections, whose length depends on which are left out.
  const reserve = tail(diff.tables.map((t) => t.table)).length;
  const pieces = [head.join('\n')];
  const length = () => pieces.reduce((n, p) => n + p.length + 1, 0);
  const leftOut: string[] = [];
  for (const t of diff.tables.filter((t) => hasRowChanges(t) || t.schema)) {
    const section = tableSection(t, maxListedRows).join('\n');
    if (length() + section.length + findings.length + reserve <= maxChars) pieces.push(section);
    else leftOut.push(t.table);
  }
  return [...pieces, findings, tail(leftOut)].join('\n');
}

/** The whole diff (every row) as JSON; the same diff always gives the same text. */
export function diffToJson(diff: DatasetDiff, options: BumpOption = {}): string {
  const document = options.bump === undefined ? diff : { bump: options.bump, ...diff };
  return `${JSON.stringify(document, null, 2)}\n`;
}
