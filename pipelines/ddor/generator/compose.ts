/**
 * Lays a report's content out on a Pen in a given style and records, for every table row, the page
 * it starts on and each cell's text as drawn. That record is what the ground truth is built from, so
 * the truth cannot drift from the drawing.
 */
import { BULLET, Flow, type Cell, type DrawnTable, type Margins, type Pen, type TableColumn, type TableStyle } from './layout.ts';
import { seededRng } from './prng.ts';
import { stateName, type County } from './reference.ts';
import { slashDate, type DeclinedRow, type PolicyRow, type ReportContent } from './reports.ts';
import type { PrintedPolicy, SplitRow } from '../truth.ts';

/** The engine's field names for Section II columns (pipelines/ddor/layout.ts), which the truth's printed keys use. */
export type DeclinedField =
  | 'state' | 'county' | 'city' | 'facility' | 'citizenship' | 'detainer_issued' | 'detainer_declined'
  | 'status' | 'activity';

/** Without a status column the status is printed as a prefix of the activity cell. */
export interface DeclinedColumn { field: DeclinedField; header: string; share: number }

/** Table looks beyond the rules (the fuzzer varies them; the committed samples leave them out). */
export type TableLook = Pick<TableStyle, 'padding' | 'paragraphSpacing' | 'valign' | 'zebra'>;

export interface ReportStyle {
  margins: Margins;
  bodySize: number;
  /** Each section starts on a new page. */
  sectionPerPage: boolean;
  top: { rules: TableStyle['rules']; fontSize: number; totalLine: boolean; shares: [number, number]; headers?: [string, string]; look?: TableLook };
  declined: {
    columns: DeclinedColumn[];
    rules: TableStyle['rules'];
    fontSize: number;
    headerShade: boolean;
    repeatHeader: TableStyle['repeatHeader'];
    rowBreaks: TableStyle['rowBreaks'];
    stateAs: 'usps' | 'name';
    paddedDates: boolean;
    /** Share of Travis County rows printed "Travis" without the suffix. */
    shortTravisShare: number;
    /** Every county printed without its suffix ("Clark", not "Clark County"). */
    shortCounties?: boolean;
    /** Without a status column: "Convicted: Assault" (prefix, the default) or "Assault (Convicted)". */
    statusForm?: 'prefix' | 'suffix';
    look?: TableLook;
  };
  policy: {
    rules: TableStyle['rules'];
    fontSize: number;
    headerShade: boolean;
    repeatHeader: TableStyle['repeatHeader'];
    rowBreaks: TableStyle['rowBreaks'];
    shares: [number, number, number, number];
    /** Print only the first N rows (a shortened Section III); all when null. */
    limit: number | null;
    headers?: [string, string, string, string];
    look?: TableLook;
  };
  /** A line at the top of every page. */
  runningHeader?: string;
  /** A PNG drawn at the top left of page 1, with its size in points. */
  logo?: { png: Uint8Array; width: number; height: number };
  footer: ((page: number, pageCount: number) => string[]) | null;
}

export interface Composed {
  pageCount: number;
  pages: { top: number[]; declined: number[]; policies: number[] };
  /** Rows split by a page break, keyed like `printed`. */
  splits: { declined: SplitRow[]; policies: SplitRow[] };
  printed: {
    top_jurisdictions: Array<Record<string, string>>;
    declined_detainers: Array<Record<string, string>>;
    policy_jurisdictions: PrintedPolicy[];
  };
  /** The policy rows actually printed (after `limit`). */
  policies: PolicyRow[];
}

const STATUS_WORD = { convicted: 'Convicted', charged: 'Charged' } as const;

function statusInActivity(row: DeclinedRow, index: number, form: 'prefix' | 'suffix'): string {
  if (form === 'suffix') return `${row.offense.text} (${STATUS_WORD[row.status]})`;
  // Both prefix spellings occur in one report, as they would in hand-typed data.
  return index % 3 === 0 ? `${STATUS_WORD[row.status]} - ${row.offense.text}` : `${STATUS_WORD[row.status]}: ${row.offense.text}`;
}

/** One Section II row's cells as printed, keyed by the engine's field names. */
export function printedDeclined(row: DeclinedRow, index: number, style: ReportStyle['declined'], shortTravis: boolean): Record<string, string> {
  const hasStatusColumn = style.columns.some((c) => c.field === 'status');
  const values: Record<DeclinedField, string> = {
    state: style.stateAs === 'usps' ? row.county.state : stateName(row.county.state),
    county: shortTravis ? row.county.shortName : style.shortCounties ? unambiguousShortName(row.county) : row.county.name,
    city: row.facility.city,
    facility: row.facility.name,
    citizenship: row.country.name,
    detainer_issued: slashDate(row.issued, style.paddedDates),
    detainer_declined: slashDate(row.declined, style.paddedDates),
    status: STATUS_WORD[row.status],
    activity: hasStatusColumn ? row.offense.text : statusInActivity(row, index, style.statusForm ?? 'prefix'),
  };
  return Object.fromEntries(style.columns.map((c) => [c.field, values[c.field]]));
}

const POLICY_FIELDS = ['jurisdiction', 'date_enacted', 'policy', 'criteria'] as const;

/**
 * The rows a page break split, with each cell's text on the next page keyed like `printed`. Bullets
 * are dropped so the text is a suffix of the printed cell (criteria joined with a space).
 */
function splitRows(table: DrawnTable, fields: readonly string[]): SplitRow[] {
  const unbullet = (line: string) => (line.startsWith(`${BULLET} `) ? line.slice(BULLET.length + 1) : line);
  return table.breaks.map(({ row, continued }) => ({
    row: row + 1,
    page: table.pages[row]!,
    continued: Object.fromEntries(continued
      .map((lines, i) => [fields[i]!, lines.map(unbullet).join(' ')] as const)
      .filter(([, text]) => text !== '')),
  }));
}

/** Section I rows as printed: "Clark, Nevada" | "51". */
export function printedTop(content: ReportContent): Array<{ county_state: string; issued_detainers: string }> {
  return content.top.map((r) => ({ county_state: `${unambiguousShortName(r.county)}, ${stateName(r.county.state)}`, issued_detainers: String(r.issued) }));
}

/**
 * A county's name without "County"; an independent city keeps its word ("Baltimore City"), since
 * "Baltimore, Maryland" would name Baltimore County.
 */
function unambiguousShortName(county: County): string {
  return county.name.endsWith(' County') ? county.shortName : county.name.replace(/ city$/, ' City');
}

export function printedPolicy(row: PolicyRow): PrintedPolicy {
  return {
    jurisdiction: `${row.source.jurisdiction} (${row.source.aor})`,
    date_enacted: row.dateEnacted,
    policy: row.policy,
    criteria: row.criteria,
  };
}

export function sectionOneText(content: ReportContent): string {
  if (content.sectionOneText) return content.sectionOneText;
  return `During the week of ${content.longPeriod}, ICE issued ${content.detainersIssued.toLocaleString('en-US')} detainers throughout the United States. The top ten jurisdictions listed below, which have enacted policies that limit cooperation with ICE, were issued a total of ${content.topTenIssued} detainers during this period.`;
}

export const SECTION_II_TEXT = 'The table below lists each detainer that ICE recorded as declined during the reporting period, by the state, county and facility where the individual was held, together with the individual\'s country of citizenship, the dates the detainer was issued and declined, and the individual\'s notable criminal activity, marked as a conviction or a charge.';
export const SECTION_III_TEXT = 'The following jurisdictions have enacted policies that limit cooperation with ICE. The table is sorted chronologically, with most recent first, by the date a policy was enacted; the Area of Responsibility (AOR) of the responsible ICE field office is shown in parentheses.';

export function composeReport(pen: Pen, content: ReportContent, style: ReportStyle): Composed {
  const flow = new Flow(pen, style.margins);
  const body = style.bodySize;
  const heading = (text: string) => flow.paragraph(text, { font: 'bold', size: body + 1, after: body * 0.6 });
  const sectionBreak = () => {
    if (style.sectionPerPage) flow.newPage();
    else flow.space(body * 1.5);
  };

  if (style.logo) {
    pen.image(style.logo.png, style.margins.left, style.margins.top, style.logo.width, style.logo.height);
    flow.space(style.logo.height + 4);
  }
  flow.paragraph('ENFORCEMENT AND REMOVAL OPERATIONS', { font: 'bold', size: body + 4, align: 'center', after: 4 });
  flow.paragraph(content.title, { font: 'bold', size: body + 6, align: 'center', after: 4 });
  flow.paragraph(`For Recorded Declined Detainers ${content.headerPeriod}`, { font: 'regular', size: body + 2, align: 'center', after: body * 1.5 });
  if (content.correctionNotice) flow.paragraph(content.correctionNotice, { font: 'italic', size: body, after: body });
  flow.paragraph('Summary', { font: 'bold', size: body + 1, after: body * 0.5 });
  flow.paragraph(content.summary, { font: 'regular', size: body, after: body * 0.5 });
  for (const title of content.sectionTitles) flow.paragraph(title, { font: 'regular', size: body, indent: 18, after: body * 0.3 });

  sectionBreak();
  heading(content.sectionTitles[0]);
  flow.paragraph(sectionOneText(content), { font: 'regular', size: body, after: body });
  const topPrinted = printedTop(content);
  const topRows: Cell[][] = topPrinted.map((r) => [{ text: r.county_state }, { text: r.issued_detainers }]);
  if (style.top.totalLine) topRows.push([{ text: 'Total' }, { text: String(content.top.reduce((s, r) => s + r.issued, 0)) }]);
  const [placeHeader, countHeader] = style.top.headers ?? ['County, State', 'Issued Detainers'];
  const topColumns: TableColumn[] = [
    { header: placeHeader, share: style.top.shares[0] },
    { header: countHeader, share: style.top.shares[1], align: 'right' },
  ];
  const topPages = flow.table(topColumns, topRows, { rules: style.top.rules, fontSize: style.top.fontSize, headerShade: style.top.rules !== 'none', repeatHeader: () => true, rowBreaks: 0, ...style.top.look })
    .pages.slice(0, content.top.length);

  sectionBreak();
  heading(content.sectionTitles[1]);
  flow.paragraph(SECTION_II_TEXT, { font: 'regular', size: body, after: body });
  const rng = seededRng(`${content.reportId}:short-travis`);
  const declinedPrinted = content.declined.map((row, i) => printedDeclined(row, i, style.declined,
    row.county.shortName === 'Travis' && row.county.state === 'TX' && rng.chance(style.declined.shortTravisShare)));
  const declinedTable = flow.table(
    style.declined.columns.map((c) => ({ header: c.header, share: c.share })),
    declinedPrinted.map((cells) => style.declined.columns.map((c) => ({ text: cells[c.field]! }))),
    { rules: style.declined.rules, fontSize: style.declined.fontSize, headerShade: style.declined.headerShade, repeatHeader: style.declined.repeatHeader, rowBreaks: style.declined.rowBreaks, ...style.declined.look },
  );

  sectionBreak();
  heading(content.sectionTitles[2]);
  flow.paragraph(SECTION_III_TEXT, { font: 'regular', size: body, after: body });
  const policies = style.policy.limit === null ? content.policies : content.policies.slice(0, style.policy.limit);
  const policyPrinted = policies.map(printedPolicy);
  const policyHeaders = style.policy.headers ?? ['Jurisdiction (AOR)', 'Date Enacted', 'Policy', 'Criteria for Honoring Detainer'];
  const policyTable = flow.table(
    policyHeaders.map((header, i) => ({ header, share: style.policy.shares[i]! })),
    policies.map((row, i) => {
      const printed = policyPrinted[i]!;
      return [{ text: printed.jurisdiction }, { text: printed.date_enacted }, { text: printed.policy }, { bullets: row.criteria, bulleted: row.bulleted }];
    }),
    { rules: style.policy.rules, fontSize: style.policy.fontSize, headerShade: style.policy.headerShade, repeatHeader: style.policy.repeatHeader, rowBreaks: style.policy.rowBreaks, ...style.policy.look },
  );

  sectionBreak();
  heading(content.sectionTitles[3]);
  for (const paragraph of content.scopeParagraphs) flow.paragraph(paragraph, { font: 'regular', size: body, after: body * 0.6 });

  const pageCount = flow.page;
  if (style.runningHeader) {
    const size = body - 2;
    for (let page = 1; page <= pageCount; page++) {
      pen.goToPage(page);
      pen.text(style.runningHeader, style.margins.left, style.margins.top / 2 - size / 2, 'italic', size);
    }
  }
  if (style.footer) {
    for (let page = 1; page <= pageCount; page++) {
      pen.goToPage(page);
      style.footer(page, pageCount).forEach((line, i, lines) => {
        const size = body - 2;
        const top = pen.height - style.margins.bottom / 2 - (lines.length - i) * size * 1.3 + size;
        pen.text(line, (pen.width - pen.measure(line, 'regular', size)) / 2, top, 'regular', size);
      });
    }
  }

  return {
    pageCount,
    pages: { top: topPages, declined: declinedTable.pages, policies: policyTable.pages },
    splits: {
      declined: splitRows(declinedTable, style.declined.columns.map((c) => c.field)),
      policies: splitRows(policyTable, POLICY_FIELDS),
    },
    printed: { top_jurisdictions: topPrinted, declined_detainers: declinedPrinted, policy_jurisdictions: policyPrinted },
    policies,
  };
}
