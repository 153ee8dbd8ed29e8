/**
 * validateDraft on report 1 as printed: a clean report yields nothing to fix; each malformed
 * value or disagreement yields one precise finding naming file, page, table, row and field; rows
 * that break the contract are quarantined with their reasons and the rest can be written.
 */
import { describe, expect, it } from 'vitest';
import { formatFinding, type Finding } from '../src/findings.ts';
import { renderDataset } from '../src/dataset/write.ts';
import { DDOR_TABLES } from '../pipelines/ddor/contract.ts';
import { validateDraft, type DdorDraft, type ValidationContext } from '../pipelines/ddor/validate.ts';
import { buildReport1, FILE, REPORT_ID, SECTION_II } from './support/normalise-fixture.ts';

const context: ValidationContext = {
  file: (id) => (id === REPORT_ID ? FILE : `unknown report ${id}`),
  statedCounts: { [REPORT_ID]: { detainers_issued: 3083, top_ten_issued: 157 } },
};

const codes = (findings: Finding[]) => findings.map((f) => f.code);

function withDeclined(patch: Partial<(typeof SECTION_II)[number]>, at = 4) {
  return buildReport1(SECTION_II.map((row, i) => (i === at ? { ...row, ...patch } : row))).dataset;
}

describe('validateDraft', () => {
  it('finds nothing in report 1 as published', () => {
    expect(validateDraft(buildReport1().dataset, context).findings).toEqual([]);
  });

  it('names file, page and row of an impossible date, with the reason', () => {
    const findings = validateDraft(withDeclined({ detainer_issued: '2/30/2017' }), context).findings;
    expect(findings).toEqual([{
      severity: 'error', code: 'date-unparsable', message: '"2/30/2017": February 2017 has 28 days, not 30',
      file: FILE, page: 14, table: 'declined_detainers', row: 5, field: 'detainer_issued', value: '2/30/2017',
    }]);
    expect(formatFinding(findings[0]!)).toBe(
      `ERROR date-unparsable at ${FILE} p.14 declined_detainers row 5 (detainer_issued): "2/30/2017": February 2017 has 28 days, not 30`);
  });

  it('flags a state that does not exist, printed as a name or as a code, and the county it leaves unplaced', () => {
    const findings = validateDraft(withDeclined({ state: 'Texass' }), context).findings;
    expect(findings[0]).toEqual({
      severity: 'error', code: 'state-unknown', message: '"Texass" is not a U.S. state, DC, or a spelling in data/state-aliases.csv',
      file: FILE, page: 14, table: 'declined_detainers', row: 5, field: 'state', value: 'Texass',
    });
    expect(findings.slice(1).map((f) => [f.severity, f.code, f.row, f.field, f.message])).toEqual([
      ['warning', 'county-unresolved', 5, 'county', 'county "Dona Ana" cannot be placed: its state "Texass" is not known'],
    ]);
    const draft = buildReport1().dataset;
    const county = draft.declined_detainers[2]!.county;
    draft.declined_detainers[2] = { ...draft.declined_detainers[2]!, state: 'XX', county_fips: null };
    expect(validateDraft(draft, context).findings.map((f) => [f.severity, f.code, f.page, f.row, f.field, f.message])).toEqual([
      ['error', 'state-unknown', 13, 3, 'state', 'XX is not a U.S. state or DC'],
      ['warning', 'county-unresolved', 13, 3, 'county', `county "${county}" cannot be placed: its state "XX" is not known`],
    ]);
  });

  it('flags a row without a status in a report whose other rows have one', () => {
    const findings = validateDraft(withDeclined({ activity: 'Burglary' }), context).findings;
    expect(findings.map((f) => [f.severity, f.code, f.row, f.field])).toEqual([['warning', 'status-missing', 5, 'criminal_status']]);
    expect(findings[0]!.message).toMatch(/^no Convicted or Charged read in this row; \d+ of the report's \d+ rows have one$/);
  });

  it('flags an empty facility', () => {
    expect(validateDraft(withDeclined({ facility: ' ' }, 0), context).findings).toEqual([{
      severity: 'error', code: 'value-empty', message: 'facility is empty',
      file: FILE, page: 12, table: 'declined_detainers', row: 1, field: 'facility', value: '',
    }]);
  });

  it('flags a status that is neither convicted nor charged', () => {
    const findings = validateDraft(withDeclined({ status: 'Pending' }), context).findings;
    expect(findings.map((f) => [f.severity, f.code, f.row, f.field, f.message])).toEqual([
      ['error', 'status-unparsable', 5, 'criminal_status', '"Pending" is neither Convicted nor Charged'],
    ]);
  });

  it('warns about places and countries it could not identify, and lists unclassified offences', () => {
    const findings = validateDraft(withDeclined({ county: 'Travsi', state: 'TX', citizenship: 'Atlantis', activity: 'Charged: Jaywalking' }), context).findings;
    expect(findings.map((f) => [f.severity, f.code, f.row, f.field, f.value, f.message])).toEqual([
      ['warning', 'county-unresolved', 5, 'county', 'Travsi', 'no county "Travsi" in TX (Census list or data/place-aliases.csv)'],
      ['warning', 'country-unresolved', 5, 'citizenship', 'Atlantis', 'no ISO 3166-1 country is named "Atlantis"; if it is a real spelling, add it to data/country-aliases.csv'],
      ['info', 'offense-unclassified', 5, 'offense', 'Jaywalking', '"Jaywalking" matches no rule in data/offense-categories.csv'],
    ]);
  });

  it('warns about declined dates outside the period and issued dates after declined ones', () => {
    const findings = validateDraft(withDeclined({ detainer_issued: '2/10/2017', detainer_declined: '2/6/2017' }), context).findings;
    expect(findings.map((f) => [f.code, f.row, f.field, f.message])).toEqual([
      ['issued-after-declined', 5, 'detainer_issued', 'issued 2017-02-10 is after declined 2017-02-06'],
      ['declined-outside-period', 5, 'detainer_declined', 'declined 2017-02-06 is outside the report period 2017-01-28 – 2017-02-03'],
    ]);
    expect(validateDraft(withDeclined({ detainer_declined: '2/6/2017' }), { ...context, settings: { declinedPeriodGraceDays: 3 } }).findings).toEqual([]);
  });

  it('warns about duplicate printed rows, pointing at the first', () => {
    const findings = validateDraft(buildReport1([...SECTION_II, SECTION_II[1]!]).dataset, context).findings;
    expect(findings).toEqual([expect.objectContaining({
      severity: 'warning', code: 'duplicate-row', file: FILE, page: 15, row: 7, message: expect.stringMatching(/as row 2$/),
    })]);
  });

  it('errors on a duplicate key', () => {
    const draft = buildReport1().dataset;
    draft.policy_jurisdictions[2] = { ...draft.policy_jurisdictions[2]!, row: 2 };
    expect(codes(validateDraft(draft, context).findings)).toEqual(['duplicate-key']);
  });

  it('checks Section I against the stated total, as the corrected edition of report 1 needs', () => {
    const draft = buildReport1().dataset;
    draft.top_jurisdictions = draft.top_jurisdictions.filter((r) => r.county !== 'Nassau County');
    const findings = validateDraft(draft, context).findings;
    expect(findings.filter((f) => f.table === 'reports').map((f) => [f.severity, f.code, f.table, f.field, f.message])).toEqual([
      ['error', 'top-ten-sum-mismatch', 'reports', 'top_ten_issued', 'Section I rows add up to 119, the report states 157'],
      ['warning', 'top-ten-row-count', 'reports', 'top_ten_issued', 'Section I has 9 rows, expected 10'],
    ]);
    // The sum cannot say which count is wrong: each row's count is named for review.
    const counts = findings.filter((f) => f.table === 'top_jurisdictions' && f.code === 'count-unconfirmed');
    expect(counts.map((f) => [f.severity, f.code, f.field])).toEqual(Array(9).fill(['warning', 'count-unconfirmed', 'issued_detainers']));
    expect(counts.map((f) => f.row)).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10]); // by rank: Nassau, rank 2, is gone
    // A row lost (or read twice) moves the ranks after it: with 9 rows, every rank goes to review.
    const ranks = findings.filter((f) => f.table === 'top_jurisdictions' && f.code === 'rank-unconfirmed');
    expect(ranks.map((f) => [f.severity, f.field, f.row])).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10].map((row) => ['warning', 'rank', row]));
  });

  it('names the two counts around a break in Section I\'s order, most first, where no stated total was read', () => {
    const draft = buildReport1().dataset;
    draft.reports[0] = { ...draft.reports[0]!, top_ten_issued: null };
    const inSectionI = (findings: readonly Finding[]) => findings.filter((f) => f.table === 'top_jurisdictions');
    expect(inSectionI(validateDraft(draft, context).findings)).toEqual([]);
    // Washington, Oregon (rank 7) printed 7, read 17: after Franklin, New York's 9.
    draft.top_jurisdictions[6] = { ...draft.top_jurisdictions[6]!, issued_detainers: 17 };
    const findings = inSectionI(validateDraft(draft, context).findings);
    expect(findings.map((f) => [f.severity, f.code, f.table, f.row, f.field])).toEqual([
      ['warning', 'count-out-of-order', 'top_jurisdictions', 6, 'issued_detainers'],
      ['warning', 'count-out-of-order', 'top_jurisdictions', 7, 'issued_detainers'],
    ]);
    expect(findings[0]!.message).toBe('Section I ranks by detainers issued, most first, but prints 17 after 9: this count or its neighbour is misread');
  });

  it('holds Section I\'s order across a count that did not read as a number', () => {
    const draft = buildReport1().dataset;
    draft.reports[0] = { ...draft.reports[0]!, top_ten_issued: null };
    // Cook (rank 3) printed 13, read 1; Montgomery's 12 unread; Snohomish's 12 follows.
    draft.top_jurisdictions[2] = { ...draft.top_jurisdictions[2]!, issued_detainers: 1 };
    draft.top_jurisdictions[3] = { ...draft.top_jurisdictions[3]!, issued_detainers: '' };
    const breaks = validateDraft(draft, context).findings.filter((f) => f.code === 'count-out-of-order');
    expect(breaks.map((f) => [f.severity, f.table, f.row, f.field])).toEqual([
      ['warning', 'top_jurisdictions', 3, 'issued_detainers'],
      ['warning', 'top_jurisdictions', 5, 'issued_detainers'],
    ]);
    expect(breaks[0]!.message).toBe('Section I ranks by detainers issued, most first, but prints 12 after 1: this count or its neighbour is misread');
  });

  it('sends every Section I rank to review when a count did not read as one number, though the rows number ten', () => {
    const draft = buildReport1().dataset;
    draft.reports[0] = { ...draft.reports[0]!, top_ten_issued: null };
    // Two rows read as one: their counts in one cell, a later row split to keep ten.
    draft.top_jurisdictions[4] = { ...draft.top_jurisdictions[4]!, issued_detainers: '12 ———— 9' };
    const ranks = validateDraft(draft, context).findings.filter((f) => f.code === 'rank-unconfirmed');
    expect(ranks.map((f) => f.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ranks[0]!.message).toBe('1 Section I count did not read as one number: this rank (the row\'s place) may be off');
  });

  it('sends every Section I rank to review when a place did not read as one county, though the rows number ten', () => {
    const draft = buildReport1().dataset;
    draft.reports[0] = { ...draft.reports[0]!, top_ten_issued: null };
    // Two rows read as one, and a junk row read from the text after the table (fresh seed 1154424645).
    draft.top_jurisdictions[5] = { ...draft.top_jurisdictions[5]!, county: 'Polk, Oregon os oe - Harrts', county_fips: null };
    const ranks = validateDraft(draft, context).findings.filter((f) => f.code === 'rank-unconfirmed');
    expect(ranks.map((f) => f.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ranks[0]!.message).toBe('1 Section I place did not read as one county: this rank (the row\'s place) may be off');
  });

  it('checks the declined count and the published figures', () => {
    const draft = buildReport1().dataset;
    draft.reports[0] = { ...draft.reports[0]!, declined_count: 206 };
    const stated = { ...context, statedCounts: { [REPORT_ID]: { detainers_issued: 3083, declined: 206, convicted: 90, charged: 116 } } };
    expect(validateDraft(draft, stated).findings.map((f) => f.message)).toEqual([
      'declined_count is 206 but 6 Section II rows were extracted',
      'declined detainers: extracted 6, published 206',
      'convicted: extracted 3, published 90',
      'charged: extracted 3, published 116',
    ]);
  });

  it('checks Section III jurisdictions and dates', () => {
    const draft = buildReport1().dataset;
    draft.policy_jurisdictions[0] = { ...draft.policy_jurisdictions[0]!, date_enacted: null };
    draft.policy_jurisdictions[1] = { ...draft.policy_jurisdictions[1]!, jurisdiction: 'Jonson County, Iowa', state: 'IA', county_fips: null };
    draft.policy_jurisdictions[2] = { ...draft.policy_jurisdictions[2]!, date_enacted: 'Febuary 2017' };
    expect(validateDraft(draft, context).findings.map((f) => [f.severity, f.code, f.page, f.row, f.field, f.message])).toEqual([
      ['warning', 'date-enacted-missing', 30, 1, 'date_enacted', 'the report gives no date this policy was enacted'],
      ['warning', 'jurisdiction-unresolved', 30, 2, 'jurisdiction', 'no county "Jonson County" in IA (Census list or data/place-aliases.csv)'],
      ['error', 'date-unparsable', 30, 3, 'date_enacted', '"Febuary 2017": "Febuary" is not a month'],
    ]);
  });

  it('checks that FIPS codes exist and lie in the row\'s state, and that rows belong to a report', () => {
    const draft = buildReport1().dataset;
    draft.top_jurisdictions[0] = { ...draft.top_jurisdictions[0]!, county_fips: '48453' };
    draft.top_jurisdictions[1] = { ...draft.top_jurisdictions[1]!, county_fips: '99999' };
    draft.declined_detainers[0] = { ...draft.declined_detainers[0]!, report_id: 'ddor-2017-02-04' };
    expect(validateDraft(draft, context).findings.map((f) => [f.code, f.file, f.table, f.row, f.message])).toEqual([
      ['declined-count-mismatch', FILE, 'reports', 1, 'declined_count is 6 but 5 Section II rows were extracted'],
      ['county-fips-state-mismatch', FILE, 'top_jurisdictions', 1, '48453 (Travis County) is in TX, not NV'],
      ['county-fips-unknown', FILE, 'top_jurisdictions', 2, '99999 is not a Census county code'],
      ['report-unknown', 'unknown report ddor-2017-02-04', 'declined_detainers', 1, 'no reports row has report_id "ddor-2017-02-04"'],
    ]);
  });
});

describe('validateDraft on report rows', () => {
  it('gives the contract message for a bad ISO date', () => {
    const draft = buildReport1().dataset;
    draft.reports[0] = { ...draft.reports[0]!, period_end: '2017-02-30' };
    expect(validateDraft(draft, context).findings.map((f) => [f.severity, f.code, f.file, f.table, f.row, f.field, f.value])).toEqual([
      ['error', 'schema-violation', FILE, 'reports', 1, 'period_end', '2017-02-30'],
    ]);
  });
});

describe('validateDraft: the quarantine', () => {
  it('moves contract violations out with their reasons and keeps every other row writable', () => {
    const draft: DdorDraft = withDeclined({ detainer_issued: '2/30/2017', facility: '' });
    const { dataset, quarantined } = validateDraft(draft, context);
    expect(quarantined).toEqual([{
      table: 'declined_detainers',
      row: draft.declined_detainers[4],
      reasons: ['facility: facility is empty', 'detainer_issued: "2/30/2017": February 2017 has 28 days, not 30'],
    }]);
    expect(dataset.declined_detainers).toHaveLength(5);
    expect(dataset.top_jurisdictions).toHaveLength(10);
    expect(dataset.policy_jurisdictions[0]).not.toHaveProperty('page');
    const files = renderDataset(DDOR_TABLES, dataset, { name: 'ddor', title: 'DDOR', description: 'test' });
    expect(files.get('declined_detainers.csv')!.trim().split('\n')).toHaveLength(6);
  });

  it('refuses nothing from a clean report', () => {
    const draft = buildReport1().dataset;
    const { dataset, quarantined } = validateDraft(draft, context);
    expect(quarantined).toEqual([]);
    expect(dataset.declined_detainers).toHaveLength(draft.declined_detainers.length);
  });
});
