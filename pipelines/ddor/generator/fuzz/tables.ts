/**
 * A report's tables as cells, for producers that lay tables out themselves (HTML, ODT): the same
 * printed texts compose.ts draws for the pens, so the truth is the same whichever producer prints.
 */
import type { Cell } from '../layout.ts';
import {
  SECTION_III_TEXT, SECTION_II_TEXT, printedDeclined, printedPolicy, printedTop, sectionOneText, type Composed, type ReportStyle,
} from '../compose.ts';
import type { ReportContent } from '../reports.ts';

export interface TableCells { headers: string[]; rows: Cell[][] }

export interface ReportTables {
  top: TableCells;
  declined: TableCells;
  policy: TableCells;
  sectionOneText: string;
  sectionTwoText: string;
  sectionThreeText: string;
  printed: Composed['printed'];
}

export function reportTables(content: ReportContent, style: ReportStyle): ReportTables {
  const top = printedTop(content);
  const declined = content.declined.map((row, i) => printedDeclined(row, i, style.declined, false));
  const policies = content.policies.map(printedPolicy);
  const columns = style.declined.columns;
  return {
    top: { headers: [...(style.top.headers ?? ['County, State', 'Issued Detainers'])], rows: top.map((r) => [{ text: r.county_state }, { text: r.issued_detainers }]) },
    declined: { headers: columns.map((c) => c.header), rows: declined.map((cells) => columns.map((c) => ({ text: cells[c.field]! }))) },
    policy: {
      headers: [...(style.policy.headers ?? ['Jurisdiction (AOR)', 'Date Enacted', 'Policy', 'Criteria for Honoring Detainer'])],
      rows: content.policies.map((row, i) => [
        { text: policies[i]!.jurisdiction }, { text: row.dateEnacted }, { text: row.policy }, { bullets: row.criteria, bulleted: row.bulleted },
      ]),
    },
    sectionOneText: sectionOneText(content),
    sectionTwoText: SECTION_II_TEXT,
    sectionThreeText: SECTION_III_TEXT,
    printed: { top_jurisdictions: top, declined_detainers: declined, policy_jurisdictions: policies },
  };
}

/** Every text of each column (header included), for fitting column widths. */
export function columnTexts(table: TableCells): string[][] {
  return table.headers.map((header, i) => [header, ...table.rows.map((r) => {
    const cell = r[i]!;
    return 'text' in cell ? cell.text : cell.bullets.map((b) => (cell.bulleted ? `\u2022 ${b}` : b)).join(' ');
  })]);
}
