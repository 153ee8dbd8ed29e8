/**
 * A self-contained HTML view of a dataset diff: one file, no scripts, no external requests (the
 * content security policy forbids them), real table semantics, and changed cells marked both by
 * colour and by text (old struck through, new underlined, labelled for screen readers).
 */
import type { ChangedRow, DatasetDiff, RowEntry, TableDiff } from './diff.ts';
import { diffTitle, displayValue, hasRowChanges, identityText, schemaChangeText, type BumpOption } from './render.ts';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; }
section { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.45rem; vertical-align: top; white-space: pre-line; }
thead th { background: #eee; }
td.changed { background: #fff1b8; }
del { background: #ffd7d5; }
ins { background: #d2f4d3; }
tr.removed td { background: #fde8e7; }
tr.added td { background: #e6f6e6; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
/**
 * A region that scrolls sideways when its content is wider than the screen (a wide table on a
 * phone), focusable so keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export const scrollRegion = (label: string, html: string) => `<div class="scroll" role="region" tabindex="0" aria-label="${escapeHtml(label)}">${html}</div>`;

const cell = (value: unknown) => escapeHtml(displayValue(value));
const hidden = (text: string) => `<span class="visually-hidden">${escapeHtml(text)}</span>`;

function headerRow(columns: readonly string[]): string {
  return `<thead><tr><th scope="col">Identity</th>${columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
}

function changedRowHtml(row: ChangedRow, columns: readonly string[]): string {
  const changes = new Map(row.changes.map((c) => [c.field, c]));
  const cells = columns.map((column) => {
    const change = changes.get(column);
    if (!change) return `<td>${cell(row.new[column])}</td>`;
    return `<td class="changed">${hidden('changed from ')}<del>${cell(change.old)}</del> ${hidden('to ')}<ins>${cell(change.new)}</ins></td>`;
  });
  return `<tr><th scope="row">${escapeHtml(identityText(row.identity, row.page))}</th>${cells.join('')}</tr>`;
}

function entryRowHtml(entry: RowEntry, columns: readonly string[], kind: 'added' | 'removed'): string {
  const cells = columns.map((column) => `<td>${cell(entry.row[column])}</td>`);
  return `<tr class="${kind}"><th scope="row">${escapeHtml(identityText(entry.identity, entry.page))}</th>${cells.join('')}</tr>`;
}

function rowsTable(caption: string, columns: readonly string[], rows: string[]): string {
  if (rows.length === 0) return '';
  return `<table><caption>${escapeHtml(caption)}</caption>${headerRow(columns)}<tbody>${rows.join('\n')}</tbody></table>`;
}

function tableSection(t: TableDiff): string {
  // The identity names each changed row; unchanged columns would only make rows tall (a long text
  // column repeated for one changed count).
  const changedColumns = t.columns.filter((c) => c in t.columnChanges);
  const id = `table-${t.table.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const perColumn = Object.entries(t.columnChanges).map(([column, count]) => `${escapeHtml(column)}: ${count}`).join(', ');
  return [
    `<section aria-labelledby="${id}" tabindex="0">`,
    `<h2 id="${id}">${escapeHtml(t.table)}: ${escapeHtml(t.title)}</h2>`,
    t.schema ? `<p>Schema: ${escapeHtml(schemaChangeText(t.schema))}.</p>` : '',
    perColumn ? `<p>Changes per column: ${perColumn}</p>` : '',
    rowsTable(`Changed rows (${t.changed.length})`, changedColumns, t.changed.map((r) => changedRowHtml(r, changedColumns))),
    rowsTable(`Removed rows (${t.removed.length})`, t.columns, t.removed.map((e) => entryRowHtml(e, t.columns, 'removed'))),
    rowsTable(`Added rows (${t.added.length})`, t.columns, t.added.map((e) => entryRowHtml(e, t.columns, 'added'))),
    '</section>',
  ].filter(Boolean).join('\n');
}

function summaryTable(diff: DatasetDiff): string {
  const header = ['Table', 'Added', 'Removed', 'Changed', 'Unchanged'].map((h) => `<th scope="col">${h}</th>`).join('');
  const rows = diff.tables.map((t) =>
    `<tr><th scope="row">${escapeHtml(t.table)}</th>${[t.counts.added, t.counts.removed, t.counts.changed, t.counts.unchanged].map((n) => `<td>${n}</td>`).join('')}</tr>`);
  return `<table><caption>Rows per table</caption><thead><tr>${header}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/** The diff's content without the document around it (the review page embeds it). */
export function renderDiffBodyHtml(diff: DatasetDiff): string {
  return diff.equal
    ? '<p>No changes.</p>'
    : [
      summaryTable(diff),
      diff.metadataChanged.length > 0 ? `<p>Package metadata changed: ${escapeHtml(diff.metadataChanged.join(', '))}</p>` : '',
      '<p>Changed rows show only the columns that changed, the old value struck through and the new value underlined.</p>',
      ...diff.tables.filter((t) => hasRowChanges(t) || t.schema).map(tableSection),
    ].filter(Boolean).join('\n');
}

export function renderDiffHtml(diff: DatasetDiff, options: BumpOption = {}): string {
  const title = escapeHtml(diffTitle(diff));
  const body = renderDiffBodyHtml(diff);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${options.bump !== undefined ? `<p>Proposed version bump: <strong>${options.bump ?? 'none'}</strong></p>\n` : ''}${body}
</main>
</body>
</html>
`;
}
