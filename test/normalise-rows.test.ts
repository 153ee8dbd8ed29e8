/**
 * Printed cells → dataset rows: the published report 1 rows end up in the contract's normal form,
 * unresolvable cells keep their printed text, and guesses come back as notes that name the cell.
 */
import { describe, expect, it } from 'vitest';
import { DeclinedDetainerSchema, PolicyJurisdictionSchema, TopJurisdictionSchema } from '../pipelines/ddor/contract.ts';
import {
  normaliseDeclinedDetainer, normalisePolicyJurisdiction, normaliseTopJurisdiction, parseCount, splitCriteria,
} from '../pipelines/ddor/normalise/rows.ts';
import { buildReport1, FILE, REPORT_ID, sectionIIOrigin } from './support/normalise-fixture.ts';

describe('report 1 as printed', () => {
  const { dataset, notes } = buildReport1();

  it('gives Section I rows in Census form whose sum is the stated 157', () => {
    expect(dataset.top_jurisdictions[0]).toEqual({
      report_id: REPORT_ID, rank: 1, county: 'Clark County', state: 'NV', county_fips: '32003', issued_detainers: 51, page: 3,
    });
    expect(dataset.top_jurisdictions.map((r) => r.county_fips)).toEqual([
      '32003', '36059', '17031', '19137', '53061', '36033', '41067', '12001', '19069', '42055',
    ]);
    expect(dataset.top_jurisdictions.reduce((s, r) => s + (r.issued_detainers as number), 0)).toBe(157);
    for (const row of dataset.top_jurisdictions) expect(TopJurisdictionSchema.safeParse(row).success).toBe(true);
  });

  it('gives Section II rows that satisfy the contract', () => {
    expect(dataset.declined_detainers[0]).toEqual({
      record_id: expect.stringMatching(/^[0-9a-f]{12}-1$/),
      report_id: REPORT_ID, row: 1, state: 'TX', county: 'Travis County', county_fips: '48453', city: null,
      facility: 'Travis County Jail', citizenship: 'Mexico', citizenship_code: 'MX',
      detainer_issued: '2010-10-16', detainer_declined: '2017-02-01', criminal_status: 'charged',
      offense: 'Dangerous Drugs', offense_category: 'Dangerous Drugs', page: 12, source: 'text', confidence: 1,
    });
    expect(dataset.declined_detainers.map((r) => [r.state, r.county, r.county_fips, r.citizenship_code, r.criminal_status, r.offense, r.offense_category])).toEqual([
      ['TX', 'Travis County', '48453', 'MX', 'charged', 'Dangerous Drugs', 'Dangerous Drugs'],
      ['TX', 'Travis County', '48453', 'HN', 'convicted', 'Assault - Domestic', 'Assault'],
      ['TX', 'Travis County', '48453', 'SV', 'charged', 'Driving Under Influence Liquor', 'Traffic Offenses'],
      ['NY', 'St. Lawrence County', '36089', 'GT', 'convicted', 'Illegal Re-Entry', 'Immigration'],
      ['NM', 'Doña Ana County', '35013', 'CI', 'charged', 'Sex Assault - Carnal Abuse', 'Sexual Assault'],
      ['MD', 'Baltimore city', '24510', 'MM', 'convicted', 'Weapon Offense', 'Weapon Offenses'],
    ]);
    expect(dataset.declined_detainers[1]!.facility).toBe('Travis County Jail');
    for (const row of dataset.declined_detainers) expect(DeclinedDetainerSchema.safeParse(row).error).toBeUndefined();
  });

  it('gives the verbatim Section III rows with AOR, type, FIPS and one criterion per bullet', () => {
    expect(dataset.policy_jurisdictions.map((r) => [r.jurisdiction, r.aor, r.state, r.jurisdiction_type, r.county_fips, r.date_enacted, (r.criteria as string[]).length])).toEqual([
      ['Ithaca, New York', 'Buffalo', 'NY', 'city', null, '2017-02', 1],
      ['Travis County, Texas', 'San Antonio', 'TX', 'county', '48453', '2017-01', 2],
      ['Iowa City, Johnson County, Iowa', 'Saint Paul', 'IA', 'city', '19103', '2017-01', 1],
    ]);
    expect(dataset.policy_jurisdictions[1]!.criteria).toEqual([
      'Willing to accept requests accompanied by a court order',
      'Willing to accept requests when the subject of the detainer request is charged with or has been convicted of Capital Murder, First Degree Murder, Aggravated Sexual Assault, or Continuous Smuggling of Persons',
    ]);
    for (const row of dataset.policy_jurisdictions) expect(PolicyJurisdictionSchema.safeParse(row).success).toBe(true);
  });

  it('needed no guesses', () => {
    expect(notes).toEqual([]);
  });
});

describe('normaliseDeclinedDetainer', () => {
  const cells = {
    state: 'TX', county: 'Travis', facility: 'Travis County Jail', citizenship: 'Mexico',
    detainer_issued: '1/30/2017', detainer_declined: '2/1/2017', activity: 'Assault - Domestic',
  };

  it('keeps the printed text of cells it cannot read, for validation to name', () => {
    const { row } = normaliseDeclinedDetainer({ ...cells, state: 'Texass', detainer_issued: '2/30/2017', citizenship: 'Atlantis', facility: '  ' }, sectionIIOrigin(3));
    expect(row).toMatchObject({
      state: 'Texass', county: 'Travis', county_fips: null, detainer_issued: '2/30/2017', citizenship: 'Atlantis', citizenship_code: null, facility: '',
    });
  });

  it('reads the status from its own column, and warns when a prefix disagrees', () => {
    expect(normaliseDeclinedDetainer({ ...cells, status: 'Convicted' }, sectionIIOrigin(1)).row.criminal_status).toBe('convicted');
    const conflict = normaliseDeclinedDetainer({ ...cells, activity: 'Charged: Assault', status: 'Convicted' }, sectionIIOrigin(4));
    expect(conflict.row).toMatchObject({ criminal_status: 'convicted', offense: 'Assault' });
    expect(conflict.notes).toEqual([{
      severity: 'warning', code: 'status-conflict', file: FILE, page: 13, table: 'declined_detainers', row: 4, field: 'criminal_status', value: 'Convicted',
      message: 'the status column says convicted but the activity cell starts "charged"; kept the column',
    }]);
    expect(normaliseDeclinedDetainer({ ...cells, status: 'Pending' }, sectionIIOrigin(1)).row.criminal_status).toBe('Pending');
  });

  it('keeps a City column when the report has one', () => {
    expect(normaliseDeclinedDetainer({ ...cells, city: ' Austin ' }, sectionIIOrigin(1)).row.city).toBe('Austin');
    expect(normaliseDeclinedDetainer({ ...cells, city: '' }, sectionIIOrigin(1)).row.city).toBeNull();
  });

  it('notes guesses on resolved values, naming file, page and row', () => {
    const { row, notes } = normaliseDeclinedDetainer({ ...cells, state: 'MD', county: 'Baltimore', activity: 'Possession of Marijuana' }, sectionIIOrigin(7));
    expect(row).toMatchObject({ county: 'Baltimore County', county_fips: '24005', offense_category: 'Dangerous Drugs' });
    expect(notes.map((n) => [n.code, n.file, n.page, n.row, n.field])).toEqual([
      ['county-guessed', FILE, 15, 7, 'county'],
      ['offense-guessed', FILE, 15, 7, 'offense_category'],
    ]);
  });

  it('gives identical printed rows distinct, stable record ids', () => {
    const twice = buildReport1([cells, cells, { ...cells, citizenship: 'Honduras' }]).dataset.declined_detainers.map((r) => r.record_id);
    expect(twice[0]!.slice(0, 12)).toBe(twice[1]!.slice(0, 12));
    expect([twice[0]!.slice(13), twice[1]!.slice(13)]).toEqual(['1', '2']);
    expect(buildReport1([cells]).dataset.declined_detainers[0]!.record_id).toBe(twice[0]);
  });
});

describe('normaliseTopJurisdiction', () => {
  const origin = { file: FILE, report_id: REPORT_ID, row: 2, page: 3 };
  it('reads thousands separators and keeps unreadable counts as printed', () => {
    expect(normaliseTopJurisdiction({ county_state: 'Los Angeles, California', issued_detainers: '1,204' }, origin).row.issued_detainers).toBe(1204);
    expect(normaliseTopJurisdiction({ county_state: 'Clark, Nevada', issued_detainers: '5l' }, origin).row.issued_detainers).toBe('5l');
    expect(parseCount('12,34')).toEqual({ ok: false, reason: '"12,34" is not a whole number' });
  });

  it('keeps an unknown place as printed', () => {
    expect(normaliseTopJurisdiction({ county_state: 'Clark, Nevadx', issued_detainers: '51' }, origin).row)
      .toMatchObject({ county: 'Clark, Nevadx', state: 'Clark, Nevadx', county_fips: null });
    expect(normaliseTopJurisdiction({ county_state: 'Clarke, Nevada', issued_detainers: '51' }, origin).row)
      .toMatchObject({ county: 'Clarke', state: 'NV', county_fips: null });
  });
});

describe('normalisePolicyJurisdiction', () => {
  const origin = { file: FILE, report_id: REPORT_ID, row: 9, page: 31 };
  const cells = { jurisdiction: 'State of California (San Francisco)', date_enacted: 'October 2017', policy: 'SB 54', criteria: [] };

  it('treats "no date" cells as null and keeps a misprinted date as printed', () => {
    expect(normalisePolicyJurisdiction({ ...cells, date_enacted: 'N/A' }, origin).row.date_enacted).toBeNull();
    expect(normalisePolicyJurisdiction({ ...cells, date_enacted: '' }, origin).row.date_enacted).toBeNull();
    expect(normalisePolicyJurisdiction({ ...cells, date_enacted: 'Febuary 2017' }, origin).row.date_enacted).toBe('Febuary 2017');
  });

  it('warns about a missing AOR, naming the cell', () => {
    const { row, notes } = normalisePolicyJurisdiction({ ...cells, jurisdiction: 'State of California' }, origin);
    expect(row).toMatchObject({ jurisdiction: 'State of California', aor: null, state: 'CA', jurisdiction_type: 'state' });
    expect(notes).toEqual([{
      severity: 'warning', code: 'aor-missing', file: FILE, page: 31, table: 'policy_jurisdictions', row: 9, field: 'aor',
      value: 'State of California', message: '"State of California" has no "(AOR)"',
    }]);
  });

  it('splits criteria on any bullet glyph and drops empty pieces', () => {
    expect(splitCriteria('● one\n  wrapped ▪ two •')).toEqual(['one wrapped', 'two']);
    expect(splitCriteria([' a ', '', 'b'])).toEqual(['a', 'b']);
  });
});
