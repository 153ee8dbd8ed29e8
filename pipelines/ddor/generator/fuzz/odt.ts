/**
 * A fuzz report as a flat OpenDocument text (.fodt) with native Writer tables: page layout, header
 * and footer with page-number fields, cell borders, shading, padding, paragraph spacing, repeated
 * heading rows, rows kept whole. `soffice --convert-to pdf` prints it as a word processor would.
 */
import { BULLET, type Cell } from '../layout.ts';
import type { ReportStyle } from '../compose.ts';
import type { ReportContent } from '../reports.ts';
import type { FuzzChoices, TableChoice } from './choices.ts';
import type { ReportTables, TableCells } from './tables.ts';
import { escapeXml } from './html.ts';
import { pageSize, systemFont } from './style.ts';

const LINE = '0.75pt solid #000000';

/** Automatic styles, created on first use and named by their properties. */
class Styles {
  private readonly byKey = new Map<string, string>();
  readonly xml: string[] = [];

  get(family: string, properties: string): string {
    const key = `${family}|${properties}`;
    let name = this.byKey.get(key);
    if (!name) {
      name = `a${this.byKey.size + 1}`;
      this.byKey.set(key, name);
      this.xml.push(`<style:style style:name="${name}" style:family="${family}">${properties}</style:style>`);
    }
    return name;
  }
}

/** Which sides of a cell carry a line, for each border choice. */
function cellBorders(borders: TableChoice['borders'], header: boolean, first: boolean, last: boolean, lastRow: boolean): string {
  const side = (name: string, on: boolean) => `fo:border-${name}="${on ? LINE : 'none'}"`;
  switch (borders) {
    case 'grid': return `fo:border="${LINE}"`;
    case 'horizontal': return [side('top', true), side('bottom', true), side('left', false), side('right', false)].join(' ');
    case 'outer': return [side('top', header), side('bottom', header || lastRow), side('left', first), side('right', last)].join(' ');
    case 'none': return [side('top', false), side('bottom', header), side('left', false), side('right', false)].join(' ');
  }
}

function tableXml(styles: Styles, name: string, table: TableCells, t: TableChoice, layout: { shares: readonly number[]; fontSize: number }, textWidth: number, rightAligned: number[] = []): string {
  const { shares, fontSize } = layout;
  const tableStyle = styles.get('table', `<style:table-properties style:width="${textWidth.toFixed(2)}pt" table:align="left" fo:margin-bottom="${fontSize}pt"/>`);
  const columns = shares.map((s) => `<table:table-column table:style-name="${styles.get('table-column', `<style:table-column-properties style:column-width="${(s * textWidth).toFixed(2)}pt"/>`)}"/>`).join('');
  const rowStyle = styles.get('table-row', '<style:table-row-properties fo:keep-together="always"/>');
  const para = (bold: boolean, right: boolean, spacing: number) => styles.get('paragraph',
    `<style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="${spacing}pt"${right ? ' fo:text-align="end"' : ''}/><style:text-properties fo:font-size="${fontSize}pt"${bold ? ' fo:font-weight="bold"' : ''}/>`);
  const row = (cells: Cell[], header: boolean, index: number, lastRow: boolean) => {
    const shade = header ? (t.headerShade ? '#d9d9d9' : null)
      : t.zebra !== null && index % 2 === 1 ? `#${Math.round(t.zebra * 255).toString(16).repeat(3)}` : null;
    const xml = cells.map((cell, i) => {
      const cellStyle = styles.get('table-cell', `<style:table-cell-properties fo:padding="${t.padding}pt" style:vertical-align="${header ? 'bottom' : t.valign}" ${cellBorders(t.borders, header, i === 0, i === cells.length - 1, lastRow)}${shade ? ` fo:background-color="${shade}"` : ''}/>`);
      const p = para(header, !header && rightAligned.includes(i), header ? 0 : t.paragraphSpacing);
      const lines = 'text' in cell ? [cell.text] : cell.bullets.map((b) => (cell.bulleted ? `${BULLET} ${b}` : b));
      return `<table:table-cell table:style-name="${cellStyle}" office:value-type="string">${lines.map((l) => `<text:p text:style-name="${p}">${escapeXml(l)}</text:p>`).join('')}</table:table-cell>`;
    }).join('');
    return `<table:table-row table:style-name="${rowStyle}">${xml}</table:table-row>`;
  };
  const head = row(table.headers.map((text) => ({ text })), true, 0, false);
  const body = table.rows.map((cells, i) => row(cells, false, i, i === table.rows.length - 1)).join('\n');
  return `<table:table table:name="${name}" table:style-name="${tableStyle}">${columns}${t.repeatHeader ? `<table:table-header-rows>${head}</table:table-header-rows>` : head}\n${body}</table:table>`;
}

/** A footer or header line with the page number and count as fields. */
function fieldLine(line: string): string {
  return escapeXml(line)
    .replace('9001', '<text:page-number text:select-page="current">1</text:page-number>')
    .replace('9002', '<text:page-count>1</text:page-count>');
}

export function reportFodt(choices: FuzzChoices, content: ReportContent, style: ReportStyle, tables: ReportTables): string {
  const styles = new Styles();
  const [width, height] = pageSize(choices);
  const m = choices.margins;
  const textWidth = width - m.left - m.right;
  const body = choices.bodySize;
  const p = (size: number, extra = '', after = body * 0.6) => styles.get('paragraph',
    `<style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="${after}pt"${extra}/><style:text-properties fo:font-size="${size}pt"/>`);
  const bold = (size: number, extra = '', after = body * 0.6) => styles.get('paragraph',
    `<style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="${after}pt"${extra}/><style:text-properties fo:font-size="${size}pt" fo:font-weight="bold"/>`);
  const center = ' fo:text-align="center"';
  const heading = bold(body + 1, choices.sectionPerPage ? ' fo:break-before="page"' : '');
  const para = (text: string, styleName = p(body)) => `<text:p text:style-name="${styleName}">${escapeXml(text)}</text:p>`;
  const { top, declined, policy } = choices.tables;
  const footer = style.footer?.(9001, 9002) ?? [];
  const small = p(body - 2, '', 0);
  const text = [
    style.logo ? `<text:p text:style-name="${p(body)}"><draw:frame draw:name="logo" text:anchor-type="as-char" svg:width="${style.logo.width}pt" svg:height="${style.logo.height}pt"><draw:image><office:binary-data>${Buffer.from(style.logo.png).toString('base64')}</office:binary-data></draw:image></draw:frame></text:p>` : '',
    para('ENFORCEMENT AND REMOVAL OPERATIONS', bold(body + 4, center, 4)),
    para(content.title, bold(body + 6, center, 4)),
    para(`For Recorded Declined Detainers ${content.headerPeriod}`, p(body + 2, center, body * 1.5)),
    para('Summary', bold(body + 1)),
    para(content.summary),
    ...content.sectionTitles.map((t) => para(t, p(body, ' fo:margin-left="18pt"', body * 0.3))),
    para(content.sectionTitles[0], heading), para(tables.sectionOneText),
    tableXml(styles, 'SectionI', tables.top, top, style.top, textWidth, [1]),
    para(content.sectionTitles[1], heading), para(tables.sectionTwoText),
    tableXml(styles, 'SectionII', tables.declined, declined, { shares: style.declined.columns.map((c) => c.share), fontSize: style.declined.fontSize }, textWidth),
    para(content.sectionTitles[2], heading), para(tables.sectionThreeText),
    tableXml(styles, 'SectionIII', tables.policy, policy, style.policy, textWidth),
    para(content.sectionTitles[3], heading),
    ...content.scopeParagraphs.map((t) => para(t)),
  ].filter(Boolean).join('\n');
  const headerXml = style.runningHeader ? `<style:header><text:p text:style-name="${small}">${escapeXml(style.runningHeader)}</text:p></style:header>` : '';
  const footerXml = footer.length ? `<style:footer>${footer.map((l) => `<text:p text:style-name="${styles.get('paragraph', `<style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="${body - 2}pt"/>`)}">${fieldLine(l)}</text:p>`).join('')}</style:footer>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">${escapeXml(content.title)} - ${escapeXml(content.headerPeriod)}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="Body" svg:font-family="'${systemFont(choices)}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Body" fo:font-size="${body}pt" fo:language="en" fo:country="US"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="${width}pt" fo:page-height="${height}pt" style:print-orientation="${choices.page.landscape ? 'landscape' : 'portrait'}" fo:margin-top="${m.top / 2}pt" fo:margin-bottom="${m.bottom / 2}pt" fo:margin-left="${m.left}pt" fo:margin-right="${m.right}pt"/>
<style:header-style><style:header-footer-properties fo:min-height="${m.top / 2}pt"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="${m.bottom / 2}pt"/></style:footer-style>
</style:page-layout>
${styles.xml.join('\n')}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page">${headerXml}${footerXml}</style:master-page></office:master-styles>
<office:body><office:text>
${text}
</office:text></office:body></office:document>
`;
}
