/**
 * Report 1 (Jan 28 – Feb 3, 2017) as the extraction engine would hand it to the normalisers:
 * the published Section I top ten, Section II rows in the published shapes, and the three
 * verbatim Section III rows of REPORT-FORMAT.md. Shared by the normalise and validate tests.
 */
import {
  normaliseDeclinedDetainers, normalisePolicyJurisdiction, normaliseTopJurisdiction,
  type PrintedDeclinedDetainer, type PrintedPolicyJurisdiction, type SectionIIOrigin,
} from '../../pipelines/ddor/normalise/rows.ts';
import type { DdorDraft } from '../../pipelines/ddor/validate.ts';
import type { Finding } from '../../src/findings.ts';

export const FILE = 'ddor2017-01-28to02-03.pdf';
export const REPORT_ID = 'ddor-2017-01-28';

export const SECTION_I: [string, string][] = [
  ['Clark, Nevada', '51'], ['Nassau, New York', '38'], ['Cook, Illinois', '13'], ['Montgomery, Iowa', '12'],
  ['Snohomish, Washington', '12'], ['Franklin, New York', '9'], ['Washington, Oregon', '7'], ['Alachua, Florida', '5'],
  ['Franklin, Iowa', '5'], ['Franklin, Pennsylvania', '5'],
];

export const SECTION_II: PrintedDeclinedDetainer[] = [
  { state: 'TX', county: 'Travis County', facility: 'Travis County Jail', citizenship: 'Mexico', detainer_issued: '10/16/2010', detainer_declined: '2/1/2017', activity: 'Charged: Dangerous Drugs' },
  { state: 'Texas', county: 'Travis', facility: 'Travis  County\nJail', citizenship: 'Honduras', detainer_issued: '01/30/2017', detainer_declined: '02/01/2017', activity: 'Convicted: Assault - Domestic' },
  { state: 'TX', county: 'Travis County', facility: 'Travis County Jail', citizenship: 'El Salvador', detainer_issued: '1/31/2017', detainer_declined: '2/2/2017', activity: 'Charged - Driving Under Influence Liquor' },
  { state: 'NY', county: 'St. Lawrence', facility: 'St. Lawrence County Jail', citizenship: 'Guatemala', detainer_issued: '1/28/2017', detainer_declined: '1/30/2017', activity: 'Convicted: Illegal Re-Entry' },
  { state: 'NM', county: 'Dona Ana', facility: 'Doña Ana County Detention Center', citizenship: "Cote d'Ivoire", detainer_issued: '1/2/2017', detainer_declined: '2/3/2017', activity: 'Charged: Sex Assault - Carnal Abuse' },
  { state: 'MD', county: 'Baltimore City', facility: 'Baltimore City Detention Center', citizenship: 'Burma', detainer_issued: '12/20/2016', detainer_declined: '1/29/2017', activity: 'Convicted: Weapon Offense' },
];

export const SECTION_III: PrintedPolicyJurisdiction[] = [
  {
    jurisdiction: 'Ithaca, New York (Buffalo)', date_enacted: 'February 2017', policy: 'Municipal Code Change',
    criteria: 'Will only honor "warrantless detainer requests from the federal government under limited, specified circumstances" such as violent or serious crimes or terrorist activities',
  },
  {
    jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'January 2017',
    policy: "Travis County Sheriff's Office Policy on Cooperation with U.S. Immigration and Customs Enforcement",
    criteria: '• Willing to accept requests accompanied by a court order\n• Willing to accept requests when the subject of the detainer request is charged with or has been convicted of Capital Murder, First Degree Murder, Aggravated Sexual Assault, or Continuous Smuggling of Persons',
  },
  {
    jurisdiction: 'Iowa City, Johnson County, Iowa (Saint Paul)', date_enacted: 'January 2017',
    policy: 'Resolution Reaffirming the Public Safety Function of Local Law Enforcement',
    criteria: '• Willing to only accept some requests for notifications, I-247N form.',
  },
];

/** Section II origin for printed row `row` (rows run two per page from page 12 here). */
export function sectionIIOrigin(row: number): SectionIIOrigin {
  return { file: FILE, report_id: REPORT_ID, row, page: 11 + Math.ceil(row / 2), source: 'text', confidence: 1 };
}

/** Normalises the printed report; `declined` lets a test swap in malformed rows. */
export function buildReport1(declined: readonly PrintedDeclinedDetainer[] = SECTION_II): { dataset: DdorDraft; notes: Finding[] } {
  const top = SECTION_I.map(([county_state, issued_detainers], i) =>
    normaliseTopJurisdiction({ county_state, issued_detainers }, { file: FILE, report_id: REPORT_ID, row: i + 1, page: 3 }));
  const section2 = normaliseDeclinedDetainers(declined.map((cells, i) => ({ cells, origin: sectionIIOrigin(i + 1) })));
  const policies = SECTION_III.map((cells, i) =>
    normalisePolicyJurisdiction(cells, { file: FILE, report_id: REPORT_ID, row: i + 1, page: 30 }));
  const report = {
    report_id: REPORT_ID, edition: 'original', title: 'Weekly Declined Detainer Outcome Report',
    period_start: '2017-01-28', period_end: '2017-02-03', published: '2017-03-20',
    detainers_issued: 3083, top_ten_issued: 157, declined_count: declined.length,
    source_url: null, source_sha256: 'a'.repeat(64), page_count: 35, scope_text: null,
  };
  return {
    dataset: {
      reports: [report],
      top_jurisdictions: top.map((r) => r.row),
      declined_detainers: section2.row,
      policy_jurisdictions: policies.map((r) => r.row),
    },
    notes: [...top, section2, ...policies].flatMap((r) => r.notes),
  };
}
