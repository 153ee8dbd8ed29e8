/**
 * A fuzz report as an HTML document with real tables, for Chromium's print-to-PDF and LibreOffice's
 * HTML import. The browser sizes the columns itself; everything else comes from the seed's style.
 */
import { BULLET, type Cell } from '../layout.ts';
import type { ReportStyle } from '../compose.ts';
import type { ReportContent } from '../reports.ts';
import type { FuzzChoices, TableChoice } from './choices.ts';
import type { ReportTables, TableCells } from './tables.ts';
import { pageSize, systemFont } from './style.ts';

/** Text as XML/HTML character data or an attribute value (the ODT writer uses it too). */
export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cellHtml(cell: Cell): string {
  if ('text' in cell) return escapeXml(cell.text);
  return cell.bullets.map((b) => (cell.bulleted ? `${BULLET} ${escapeXml(b)}` : escapeXml(b))).join('<br>');
}

function tableCss(name: string, t: TableChoice, fontSize: number): string {
  const line = '0.75pt solid #000';
  const borders = {
    none: `table.${name} thead th { border-bottom: 1pt solid #000; }`,
    horizontal: `table.${name} th, table.${name} td { border-top: ${line}; border-bottom: ${line}; }`,
    grid: `table.${name} th, table.${name} td { border: ${line}; }`,
    outer: `table.${name} { border: ${line}; } table.${name} thead th { border-bottom: ${line}; }`,
  }[t.borders];
  return [
    `table.${name} { font-size: ${fontSize}pt; }`,
    `table.${name} th, table.${name} td { padding: ${t.padding}pt ${t.padding}pt ${t.padding + t.paragraphSpacing}pt ${t.padding}pt; vertical-align: ${t.valign}; }`,
    `table.${name} th { padding-bottom: ${t.padding}pt; vertical-align: bottom; }`,
    borders,
    t.headerShade ? `table.${name} th { background: #d9d9d9; }` : '',
    t.zebra === null ? '' : `table.${name} tbody tr:nth-child(even) td { background: rgb(${Math.round(t.zebra * 255)},${Math.round(t.zebra * 255)},${Math.round(t.zebra * 255)}); }`,
  ].join('\n');
}

function tableHtml(name: string, table: TableCells, t: TableChoice, layout: { shares: readonly number[]; fontSize: number }, rightAligned: number[] = []): string {
  const { headers, rows } = table;
  const { shares, fontSize } = layout;
  // The size again on each cell's text: LibreOffice's HTML import ignores class selectors.
  const sized = (html: string) => `<span style="font-size: ${fontSize}pt">${html}</span>`;
  const cols = `<colgroup>${shares.map((s) => `<col width="${(s * 100).toFixed(1)}%">`).join('')}</colgroup>`;
  const head = `<tr>${headers.map((h) => `<th align="left">${sized(escapeXml(h))}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${rightAligned.includes(i) ? ' align="right"' : ''}>${sized(cellHtml(c))}</td>`).join('')}</tr>`).join('\n');
  // A repeated header is a <thead>; otherwise the header is the first body row, printed once.
  return t.repeatHeader
    ? `<table class="${name}" width="100%" cellspacing="0">${cols}<thead>${head}</thead><tbody>\n${body}\n</tbody></table>`
    : `<table class="${name}" width="100%" cellspacing="0">${cols}<tbody>${head}\n${body}\n</tbody></table>`;
}

export function reportHtml(choices: FuzzChoices, content: ReportContent, style: ReportStyle, tables: ReportTables): string {
  const [width, height] = pageSize(choices);
  const font = systemFont(choices);
  const m = choices.margins;
  const body = choices.bodySize;
  // Page numbers as CSS counters: draw the footer with placeholder numbers, then swap them.
  const footer = style.footer?.(9001, 9002) ?? [];
  const counterLine = (line: string) => `"${line.replace('9001', '" counter(page) "').replace('9002', '" counter(pages) "')}"`;
  const sectionBreak = choices.sectionPerPage ? ' style="page-break-before: always"' : '';
  const { top, declined, policy } = choices.tables;
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${escapeXml(content.title)} - ${escapeXml(content.headerPeriod)}</title>
<style>
@page {
  size: ${width}pt ${height}pt; margin: ${m.top}pt ${m.right}pt ${m.bottom}pt ${m.left}pt;
  ${style.runningHeader ? `@top-left { content: "${style.runningHeader}"; font: italic ${body - 2}pt '${font}'; }` : ''}
  ${footer.length ? `@bottom-center { content: ${footer.map(counterLine).join(' "\\A" ')}; white-space: pre; font: ${body - 2}pt '${font}'; }` : ''}
}
body { font-family: '${font}'; font-size: ${body}pt; line-height: 1.2; margin: 0; }
p { margin: 0 0 ${body * 0.6}pt 0; }
.center { text-align: center; font-weight: bold; }
h3 { font-size: ${body + 1}pt; margin: ${body}pt 0 ${body * 0.6}pt 0; }
table { border-collapse: collapse; width: 100%; margin-bottom: ${body}pt; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: bold; }
${tableCss('top', top, style.top.fontSize)}
${tableCss('declined', declined, style.declined.fontSize)}
${tableCss('policy', policy, style.policy.fontSize)}
</style></head><body>
${style.logo ? `<p><img src="data:image/png;base64,${Buffer.from(style.logo.png).toString('base64')}" width="${style.logo.width}" height="${style.logo.height}" alt=""></p>` : ''}
<p class="center" style="font-size:${body + 4}pt">ENFORCEMENT AND REMOVAL OPERATIONS</p>
<p class="center" style="font-size:${body + 6}pt">${escapeXml(content.title)}</p>
<p class="center" style="font-size:${body + 2}pt; font-weight: normal">For Recorded Declined Detainers ${escapeXml(content.headerPeriod)}</p>
<p><b>Summary</b></p>
<p>${escapeXml(content.summary)}</p>
${content.sectionTitles.map((t) => `<p style="margin-left: 18pt">${escapeXml(t)}</p>`).join('\n')}
<h3${sectionBreak}>${escapeXml(content.sectionTitles[0])}</h3>
<p>${escapeXml(tables.sectionOneText)}</p>
${tableHtml('top', tables.top, top, style.top, [1])}
<h3${sectionBreak}>${escapeXml(content.sectionTitles[1])}</h3>
<p>${escapeXml(tables.sectionTwoText)}</p>
${tableHtml('declined', tables.declined, declined, { shares: style.declined.columns.map((c) => c.share), fontSize: style.declined.fontSize })}
<h3${sectionBreak}>${escapeXml(content.sectionTitles[2])}</h3>
<p>${escapeXml(tables.sectionThreeText)}</p>
${tableHtml('policy', tables.policy, policy, style.policy)}
<h3${sectionBreak}>${escapeXml(content.sectionTitles[3])}</h3>
${content.scopeParagraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}
</body></html>
`;
}
