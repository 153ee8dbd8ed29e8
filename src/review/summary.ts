/**
 * The summary figures at the top of the review page: rows per table, findings by severity and
 * code, and rows per value of one column (the state) as a table and a small stacked bar chart.
 * Static HTML: it reads without the script.
 */
import { columnsOf, type TableSpec } from '../dataset/table-spec.ts';
import type { Severity } from '../findings.ts';
import { formatFinding } from '../findings.ts';
import { escapeHtml, scrollRegion } from '../versions/render-html.ts';
import type { ReviewDataset } from './input.ts';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const NO_VALUE = '(none)';

export interface GroupCounts {
  column: string;
  tables: { name: string; title: string }[];
  /** Per value, rows per table (in `tables` order), most rows first. */
  values: { value: string; counts: number[]; total: number }[];
}

export function groupCounts(tables: readonly TableSpec[], dataset: ReviewDataset, column: string): GroupCounts {
  const grouped = tables.filter((t) => columnsOf(t).includes(column) && (dataset.tables.get(t.name)?.rows.length ?? 0) > 0);
  const byValue = new Map<string, number[]>();
  grouped.forEach((table, i) => {
    for (const row of dataset.tables.get(table.name)!.rows) {
      const raw = row[column];
      const value = raw === null || raw === undefined || raw === '' ? NO_VALUE : String(raw);
      const counts = byValue.get(value) ?? grouped.map(() => 0);
      counts[i]!++;
      byValue.set(value, counts);
    }
  });
  const values = [...byValue].map(([value, counts]) => ({ value, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.value.localeCompare(b.value));
  return { column, tables: grouped.map((t) => ({ name: t.name, title: t.title })), values };
}

/** The first `bars` values, and the rest summed into one "other" bar. */
function chartValues(groups: GroupCounts, bars: number): GroupCounts['values'] {
  if (groups.values.length <= bars) return groups.values;
  const rest = groups.values.slice(bars - 1);
  const counts = groups.tables.map((_, i) => rest.reduce((sum, v) => sum + v.counts[i]!, 0));
  return [...groups.values.slice(0, bars - 1), { value: `${rest.length} other`, counts, total: counts.reduce((a, b) => a + b, 0) }];
}

/** A stacked horizontal bar chart; the table beside it carries the same numbers for screen readers. */
export function groupChartSvg(groups: GroupCounts, bars: number): string {
  const values = chartValues(groups, bars);
  const [labelWidth, barArea, barHeight, gap, legendHeight] = [90, 420, 14, 5, 22];
  const max = Math.max(1, ...values.map((v) => v.total));
  const height = legendHeight + values.length * (barHeight + gap);
  const legend = groups.tables.map((t, i) =>
    `<rect x="${labelWidth + i * 150}" y="2" width="12" height="12" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/><text x="${labelWidth + i * 150 + 16}" y="12">${escapeHtml(t.name)}</text>`);
  const rows = values.map((v, row) => {
    const y = legendHeight + row * (barHeight + gap);
    let x = labelWidth;
    const segments = v.counts.map((count, i) => {
      const width = (count / max) * barArea;
      const segment = count > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}"/>` : '';
      x += width;
      return segment;
    });
    return `<text x="${labelWidth - 6}" y="${y + barHeight - 3}" text-anchor="end">${escapeHtml(v.value)}</text>${segments.join('')}<text x="${(x + 4).toFixed(1)}" y="${y + barHeight - 3}">${v.total}</text>`;
  });
  return `<svg class="chart" viewBox="0 0 ${labelWidth + barArea + 50} ${height}" width="${labelWidth + barArea + 50}" height="${height}" aria-hidden="true">${legend.join('')}${rows.join('')}</svg>`;
}

function groupTable(groups: GroupCounts): string {
  const header = [`<th scope="col">${escapeHtml(groups.column)}</th>`, ...groups.tables.map((t) => `<th scope="col">${escapeHtml(t.name)}</th>`), '<th scope="col">Total</th>'].join('');
  const body = groups.values.map((v) =>
    `<tr><th scope="row">${escapeHtml(v.value)}</th>${v.counts.map((c) => `<td class="num">${c}</td>`).join('')}<td class="num">${v.total}</td></tr>`);
  return scrollRegion(`Rows per ${groups.column}`, `<table><caption>Rows per ${escapeHtml(groups.column)}</caption><thead><tr>${header}</tr></thead><tbody>${body.join('')}</tbody></table>`);
}

function rowsPerTable(tables: readonly TableSpec[], dataset: ReviewDataset): string {
  const body = tables.map((t) => {
    const rows = dataset.tables.get(t.name)?.rows.length ?? 0;
    const quarantined = dataset.quarantine.filter((q) => q.table === t.name).length;
    return `<tr><th scope="row">${escapeHtml(t.name)}</th><td>${escapeHtml(t.title)}</td><td class="num">${rows}</td><td class="num">${quarantined}</td></tr>`;
  });
  return scrollRegion('Rows per table', `<table><caption>Rows per table</caption><thead><tr><th scope="col">Table</th><th scope="col">Title</th><th scope="col">Rows</th><th scope="col">Quarantined</th></tr></thead><tbody>${body.join('')}</tbody></table>`);
}

function findingsTable(dataset: ReviewDataset): string {
  const byCode = new Map<string, { severity: Severity; count: number }>();
  for (const f of dataset.findings) {
    const key = `${f.severity}\u0000${f.code}`;
    byCode.set(key, { severity: f.severity, count: (byCode.get(key)?.count ?? 0) + 1 });
  }
  const body = [...byCode].sort(([a, x], [b, y]) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity) || a.localeCompare(b))
    .map(([key, { severity, count }]) => `<tr><td><span class="sev sev-${severity}">${severity}</span></td><th scope="row">${escapeHtml(key.split('\u0000')[1]!)}</th><td class="num">${count}</td></tr>`);
  if (body.length === 0) return '<p>No findings.</p>';
  return scrollRegion('Findings by code', `<table><caption>Findings by code</caption><thead><tr><th scope="col">Severity</th><th scope="col">Code</th><th scope="col">Count</th></tr></thead><tbody>${body.join('')}</tbody></table>`);
}

/** Every error and warning, each on its own line: none may hide in a collapsed section. */
function problemsList(dataset: ReviewDataset): string {
  const problems = SEVERITIES.filter((s) => s !== 'info').flatMap((s) => dataset.findings.filter((f) => f.severity === s));
  if (problems.length === 0) return '';
  const items = problems.map((f) => `<li class="sev-${f.severity}">${escapeHtml(formatFinding(f))}</li>`);
  return `<h3 id="problems">Errors and warnings (${problems.length})</h3>\n<ul class="findings problems">${items.join('')}</ul>`;
}

function figures(dataset: ReviewDataset, queueLength: number): string {
  const bySeverity = SEVERITIES.map((s) => [s, dataset.findings.filter((f) => f.severity === s).length] as const);
  const items = [
    ['Reports', dataset.sources.length],
    ['Rows to review', queueLength],
    ['Quarantined rows', dataset.quarantine.length],
    ...bySeverity.map(([s, n]) => [`${s[0]!.toUpperCase()}${s.slice(1)} findings`, n] as const),
  ];
  return `<dl class="figures">${items.map(([label, n]) => `<div><dt>${escapeHtml(String(label))}</dt><dd>${n}</dd></div>`).join('')}</dl>`;
}

export function summaryHtml(tables: readonly TableSpec[], dataset: ReviewDataset, options: { groupColumn: string; chartBars: number; queueLength: number }): string {
  const groups = groupCounts(tables, dataset, options.groupColumn);
  const groupPart = groups.values.length === 0 ? '' : `<figure class="group-chart">
<figcaption>Rows per ${escapeHtml(groups.column)} (${groups.values.length} values; the table below lists them all)</figcaption>
${groupChartSvg(groups, options.chartBars)}
</figure>
<details><summary>Rows per ${escapeHtml(groups.column)}, as a table</summary>${groupTable(groups)}</details>`;
  return [
    figures(dataset, options.queueLength),
    '<div class="summary-tables">',
    rowsPerTable(tables, dataset),
    findingsTable(dataset),
    '</div>',
    problemsList(dataset),
    groupPart,
  ].join('\n');
}
