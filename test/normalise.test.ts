/**
 * The DDOR resolvers on the spellings the reports and their transcriptions actually use
 * (REPORT-FORMAT.md), the hard cases named in issue 5, and malformed values.
 */
import { describe, expect, it } from 'vitest';
import { parseMonthYear, parseUsDate } from '../pipelines/ddor/normalise/dates.ts';
import { countyByFips, resolveCounty, resolveState } from '../pipelines/ddor/normalise/places.ts';
import {
  resolveCountyState, resolveJurisdiction, splitJurisdictionAor,
} from '../pipelines/ddor/normalise/jurisdictions.ts';
import { resolveCountry } from '../pipelines/ddor/normalise/countries.ts';
import { classifyOffense, parseCriminalStatus, splitStatus } from '../pipelines/ddor/normalise/offenses.ts';
import { readDataCsv } from '../pipelines/ddor/normalise/data-files.ts';
import { normaliseSettings } from '../pipelines/ddor/normalise/settings.ts';
import { OFFENSE_CATEGORIES } from '../pipelines/ddor/contract.ts';

describe('parseUsDate', () => {
  it.each([
    ['2/1/2017', '2017-02-01'],
    ['02/01/2017', '2017-02-01'],
    ['10/16/2010', '2010-10-16'],
    ['2/29/2016', '2016-02-29'],
    [' 2 / 1 / 2017 ', '2017-02-01'],
    // Wrapped mid-number by a narrow column.
    ['11/23/201 7', '2017-11-23'],
    ['11/23/ 2017', '2017-11-23'],
  ])('%s → %s', (printed, iso) => {
    expect(parseUsDate(printed)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['2/30/2017', '"2/30/2017": February 2017 has 28 days, not 30'],
    ['2/29/2017', '"2/29/2017": February 2017 has 28 days, not 29'],
    ['4/31/2017', '"4/31/2017": April 2017 has 30 days, not 31'],
    ['13/1/2017', '"13/1/2017": month 13 does not exist'],
    ['0/1/2017', '"0/1/2017": month 0 does not exist'],
    ['2/0/2017', '"2/0/2017": February 2017 has 28 days, not 0'],
    ['2/1/17', '"2/1/17": the year must have 4 digits'],
    ['2/1/2917', '"2/1/2917": year 2917 is outside 1970–2030; probably a misread digit'],
    ['2017-02-01', '"2017-02-01" is not a date in M/D/YYYY form'],
    ['Feb 1, 2017', '"Feb 1, 2017" is not a date in M/D/YYYY form'],
    ['1/2/2017 1/3/2017', '"1/2/2017 1/3/2017" is not a date in M/D/YYYY form'],
    // A stray digit beside a date is not taken into it; only the year may be wrapped.
    ['1 2/1/2017', '"1 2/1/2017" is not a date in M/D/YYYY form'],
    ['2/1 1/2017', '"2/1 1/2017" is not a date in M/D/YYYY form'],
    ['', 'the date is empty'],
  ])('rejects %j: %s', (printed, reason) => {
    expect(parseUsDate(printed)).toEqual({ ok: false, reason });
  });

  it('takes its plausible years from the settings', () => {
    expect(parseUsDate('2/1/2031', normaliseSettings({ latestYear: 2040 }))).toEqual({ ok: true, value: '2031-02-01' });
  });
});

describe('parseMonthYear', () => {
  it.each([
    ['January 2017', '2017-01'], ['Jan. 2017', '2017-01'], ['Jan 2017', '2017-01'], ['JANUARY 2017', '2017-01'],
    ['February 2017', '2017-02'], ['Sept. 2016', '2016-09'], ['Dec 2014', '2014-12'], ['January, 2017', '2017-01'],
    ['1/2017', '2017-01'], ['10 / 2016', '2016-10'],
  ])('%s → %s', (printed, value) => {
    expect(parseMonthYear(printed)).toEqual({ ok: true, value });
  });

  it.each([
    ['Ma 2017', '"Ma 2017": "Ma" is not a month'],
    ['Febuary 2017', '"Febuary 2017": "Febuary" is not a month'],
    ['13/2017', '"13/2017": month 13 does not exist'],
    ['2017', '"2017" is not a month and year such as "January 2017"'],
  ])('rejects %j', (printed, reason) => {
    expect(parseMonthYear(printed)).toEqual({ ok: false, reason });
  });
});

describe('resolveState', () => {
  it.each([
    ['TX', 'TX'], ['tx', 'TX'], ['Texas', 'TX'], ['TEXAS', 'TX'], ['New York', 'NY'], ['new  york', 'NY'],
    ['DC', 'DC'], ['D.C.', 'DC'], ['District of Columbia', 'DC'], ['Washington, D.C.', 'DC'], ['Washington', 'WA'],
  ])('%s → %s', (printed, code) => {
    expect(resolveState(printed)).toEqual({ ok: true, value: code });
  });

  it.each(['XX', 'Texass', 'Puerto Rico', 'Tex.'])('rejects %j naming the alias file', (printed) => {
    expect(resolveState(printed)).toEqual({ ok: false, reason: `"${printed}" is not a U.S. state, DC, or a spelling in data/state-aliases.csv` });
  });
});

describe('resolveCounty', () => {
  it.each([
    ['Travis', 'TX', 'Travis County', '48453'],
    ['Travis County', 'TX', 'Travis County', '48453'],
    ['travis county', 'TX', 'Travis County', '48453'],
    ['TRAVIS CO.', 'TX', 'Travis County', '48453'],
    ['St. Lawrence', 'NY', 'St. Lawrence County', '36089'],
    ['Saint Lawrence County', 'NY', 'St. Lawrence County', '36089'],
    ['Ste. Genevieve', 'MO', 'Ste. Genevieve County', '29186'],
    ['Sainte Genevieve', 'MO', 'Ste. Genevieve County', '29186'],
    ['Dona Ana', 'NM', 'Doña Ana County', '35013'],
    ['Doña Ana County', 'NM', 'Doña Ana County', '35013'],
    ['Baltimore City', 'MD', 'Baltimore city', '24510'],
    ['Baltimore County', 'MD', 'Baltimore County', '24005'],
    ['St. Louis City', 'MO', 'St. Louis city', '29510'],
    ['Norfolk', 'VA', 'Norfolk city', '51710'],
    ['Carson City', 'NV', 'Carson City', '32510'],
    ['Orleans Parish', 'LA', 'Orleans Parish', '22071'],
    ['Jefferson', 'LA', 'Jefferson Parish', '22051'],
    ['Matanuska-Susitna', 'AK', 'Matanuska-Susitna Borough', '02170'],
    ['Kusilvak Census Area', 'AK', 'Kusilvak Census Area', '02158'],
    ['District of Columbia', 'DC', 'District of Columbia', '11001'],
    ['Washington', 'DC', 'District of Columbia', '11001'],
    ['De Kalb', 'IL', 'DeKalb County', '17037'],
    ['La Salle', 'IL', 'LaSalle County', '17099'],
    ['Du Page', 'IL', 'DuPage County', '17043'],
    ['OBrien', 'IA', "O'Brien County", '19141'],
    ['Dade', 'FL', 'Miami-Dade County', '12086'],
    ['Shannon', 'SD', 'Oglala Lakota County', '46102'],
    ['Brooklyn', 'NY', 'Kings County', '36047'],
  ])('%s, %s → %s %s', (printed, state, county, county_fips) => {
    const result = resolveCounty(printed, state);
    expect(result).toMatchObject({ ok: true, value: { county, county_fips } });
  });

  it('resolves a bare name shared by a county and an independent city to the county, with a note', () => {
    expect(resolveCounty('Baltimore', 'MD')).toEqual({
      ok: true,
      value: { county: 'Baltimore County', county_fips: '24005' },
      note: '"Baltimore" also names the independent Baltimore city (24510); took Baltimore County',
    });
    expect(resolveCounty('Richmond', 'VA')).toMatchObject({ ok: true, value: { county_fips: '51159' } });
  });

  it('never takes an independent city for a printed "County"', () => {
    expect(resolveCounty('Norfolk County', 'VA')).toEqual({ ok: false, reason: 'no county "Norfolk County" in VA (Census list or data/place-aliases.csv)' });
  });

  it.each([
    ['Travsi', 'TX', 'no county "Travsi" in TX (Census list or data/place-aliases.csv)'],
    ['Clark', 'TX', 'no county "Clark" in TX (Census list or data/place-aliases.csv)'],
    ['', 'TX', 'the county is empty'],
    ['Travis', 'XX', 'cannot look up county "Travis": "XX" is not a state code'],
  ])('rejects %j in %s', (printed, state, reason) => {
    expect(resolveCounty(printed, state)).toEqual({ ok: false, reason });
  });

  it('knows every county-equivalent by its FIPS code', () => {
    expect(countyByFips('48453')).toMatchObject({ name: 'Travis County', state: 'TX', kind: 'county', current: true });
    expect(countyByFips('46113')).toMatchObject({ name: 'Shannon County', current: false });
    expect(countyByFips('99999')).toBeUndefined();
  });
});

describe('resolveCountyState (Section I)', () => {
  // Report 1's published top ten (local news quoting the report), and report 2's named rows.
  it.each([
    ['Clark, Nevada', 'Clark County', 'NV', '32003'],
    ['Nassau, New York', 'Nassau County', 'NY', '36059'],
    ['Cook, Illinois', 'Cook County', 'IL', '17031'],
    ['Montgomery, Iowa', 'Montgomery County', 'IA', '19137'],
    ['Snohomish, Washington', 'Snohomish County', 'WA', '53061'],
    ['Franklin, New York', 'Franklin County', 'NY', '36033'],
    ['Washington, Oregon', 'Washington County', 'OR', '41067'],
    ['Alachua, Florida', 'Alachua County', 'FL', '12001'],
    ['Franklin, Iowa', 'Franklin County', 'IA', '19069'],
    ['Franklin, Pennsylvania', 'Franklin County', 'PA', '42055'],
    ['Los Angeles, California', 'Los Angeles County', 'CA', '06037'],
    ['New York, New York', 'New York County', 'NY', '36061'],
    ['Kern, California', 'Kern County', 'CA', '06029'],
    ['San Diego, California', 'San Diego County', 'CA', '06073'],
    ['Orange, California', 'Orange County', 'CA', '06059'],
    ['San Bernardino, California', 'San Bernardino County', 'CA', '06071'],
    ['Santa Barbara, California', 'Santa Barbara County', 'CA', '06083'],
    ['Travis, Texas', 'Travis County', 'TX', '48453'],
    ['King, Washington', 'King County', 'WA', '53033'],
  ])('%s → %s %s %s', (printed, county, state, county_fips) => {
    expect(resolveCountyState(printed)).toEqual({ ok: true, value: { county, state, county_fips } });
  });

  it('reads the state from the last words when the comma is lost, and says so', () => {
    expect(resolveCountyState('Nassau New York')).toEqual({
      ok: true,
      value: { county: 'Nassau County', state: 'NY', county_fips: '36059' },
      note: 'no comma in "Nassau New York"; read the state from its last words',
    });
  });

  it.each([
    ['Clark, Nevadx', '"Clark, Nevadx" does not end with a U.S. state'],
    ['Clark, Texas', 'no county "Clark" in TX (Census list or data/place-aliases.csv)'],
  ])('rejects %j', (printed, reason) => {
    expect(resolveCountyState(printed)).toEqual({ ok: false, reason });
  });
});

describe('Section III jurisdictions', () => {
  it.each([
    ['Travis County, Texas (San Antonio)', 'Travis County, Texas', 'San Antonio'],
    ['Iowa City, Johnson County, Iowa (Saint Paul)', 'Iowa City, Johnson County, Iowa', 'Saint Paul'],
    ['Ithaca, New York (Buffalo)', 'Ithaca, New York', 'Buffalo'],
    ['Travis County, Texas\n(San\nAntonio)', 'Travis County, Texas', 'San Antonio'],
  ])('splits %j', (printed, jurisdiction, aor) => {
    expect(splitJurisdictionAor(printed)).toEqual({ ok: true, value: { jurisdiction, aor } });
  });

  it('keeps a jurisdiction without an AOR, with a note', () => {
    expect(splitJurisdictionAor('State of California')).toEqual({
      ok: true, value: { jurisdiction: 'State of California', aor: null }, note: '"State of California" has no "(AOR)"',
    });
    expect(splitJurisdictionAor('Ithaca, New York (Buffalo')).toMatchObject({ ok: true, value: { aor: 'Buffalo' } });
  });

  it.each([
    ['Travis County, Texas', 'county', 'TX', '48453'],
    ['Iowa City, Johnson County, Iowa', 'city', 'IA', '19103'],
    ['Ithaca, New York', 'city', 'NY', null],
    ['State of California', 'state', 'CA', null],
    ['Commonwealth of Massachusetts', 'state', 'MA', null],
    ['Oregon', 'state', 'OR', null],
    ['Doña Ana County, New Mexico', 'county', 'NM', '35013'],
    ['Dona Ana County, New Mexico', 'county', 'NM', '35013'],
    ['Baltimore City, Maryland', 'city', 'MD', '24510'],
    ['Washington, D.C.', 'city', 'DC', '11001'],
    ['District of Columbia', 'city', 'DC', '11001'],
    ['St. Lawrence County, New York', 'county', 'NY', '36089'],
    ['Orleans Parish, Louisiana', 'county', 'LA', '22071'],
    ['New Orleans, Louisiana', 'city', 'LA', '22071'],
    ['Philadelphia, Pennsylvania', 'city', 'PA', '42101'],
    ['City of Philadelphia, Pennsylvania', 'city', 'PA', '42101'],
    ['City and County of San Francisco, California', 'city', 'CA', '06075'],
    ['County of Los Angeles, California', 'county', 'CA', '06037'],
    ['Norfolk, Virginia', 'city', 'VA', '51710'],
    ['Kansas City, Kansas', 'city', 'KS', '20209'],
    ['Iowa City, Iowa', 'city', 'IA', null],
    ['Rhode Island Department of Corrections, Rhode Island', 'other', 'RI', null],
    ['Massachusetts Trial Court, Massachusetts', 'other', 'MA', null],
    ['Washington, District of Columbia', 'city', 'DC', '11001'],
  ])('%s → %s %s %s', (printed, jurisdiction_type, state, county_fips) => {
    expect(resolveJurisdiction(printed)).toMatchObject({ ok: true, value: { jurisdiction_type, state, county_fips } });
  });

  it('takes the county from a longer agency name, with a note', () => {
    expect(resolveJurisdiction("Travis County Sheriff's Office, Texas")).toEqual({
      ok: true,
      value: { jurisdiction_type: 'county', state: 'TX', county_fips: '48453' },
      note: `took the county "Travis County" from "Travis County Sheriff's Office"`,
    });
  });

  it('keeps an unplaceable jurisdiction as "other" with the reason', () => {
    expect(resolveJurisdiction('Department of Corrections')).toEqual({
      ok: true, value: { jurisdiction_type: 'other', state: null, county_fips: null }, note: '"Department of Corrections" names no U.S. state',
    });
    expect(resolveJurisdiction('Jonson County, Iowa')).toEqual({
      ok: true, value: { jurisdiction_type: 'county', state: 'IA', county_fips: null }, note: 'no county "Jonson County" in IA (Census list or data/place-aliases.csv)',
    });
  });
});

describe('resolveCountry', () => {
  it.each([
    ['Mexico', 'MX'], ['MEXICO', 'MX'], ['El Salvador', 'SV'], ['Guatemala', 'GT'], ['Honduras', 'HN'],
    ['St. Vincent and the Grenadines', 'VC'], ['Saint Vincent and the Grenadines', 'VC'], ['St. Lucia', 'LC'],
    ["Côte d'Ivoire", 'CI'], ["Cote d'Ivoire", 'CI'], ['Cote d’Ivoire', 'CI'], ['Ivory Coast', 'CI'],
    ['Laos', 'LA'], ['Burma', 'MM'], ['Republic of Korea', 'KR'], ['South Korea', 'KR'], ['Korea, South', 'KR'],
    ['North Korea', 'KP'], ['Democratic Republic of the Congo', 'CD'], ['Congo, Democratic Republic of the', 'CD'],
    ['Cape Verde', 'CV'], ['Cabo Verde', 'CV'], ['Bahamas, The', 'BS'], ['The Gambia', 'GM'],
    ['Trinidad & Tobago', 'TT'], ['Dominican Republic', 'DO'], ['Dominica', 'DM'], ['Curacao', 'CW'],
    ['Vietnam', 'VN'], ['Russia', 'RU'], ['Macedonia', 'MK'], ['United Kingdom', 'GB'],
  ])('%s → %s', (printed, code) => {
    expect(resolveCountry(printed)).toEqual({ ok: true, value: code });
  });

  it.each([
    ['Congo', '"Congo": ambiguous: Republic of the Congo (CG) or Democratic Republic of the Congo (CD); check the source'],
    ['Yugoslavia', '"Yugoslavia": dissolved; ISO 3166-1 withdrew its code and no successor state can be chosen from the name'],
    ['Atlantis', 'no ISO 3166-1 country is named "Atlantis"; if it is a real spelling, add it to data/country-aliases.csv'],
    ['', 'the citizenship is empty'],
  ])('rejects %j', (printed, reason) => {
    expect(resolveCountry(printed)).toEqual({ ok: false, reason });
  });
});

describe('offences', () => {
  it.each([
    ['Dangerous Drugs', 'Dangerous Drugs'],
    ['Assault - Domestic', 'Assault'],
    ['Driving Under Influence Liquor', 'Traffic Offenses'],
    ['Driving Under Influence Drugs', 'Traffic Offenses'],
    ['Sex Assault - Carnal Abuse', 'Sexual Assault'],
    ['Weapon Offense', 'Weapon Offenses'],
    ['Traffic Offense', 'Traffic Offenses'],
    ['Illegal Entry', 'Immigration'],
    ['Illegal Re-Entry', 'Immigration'],
    ['Larceny', 'Larceny'],
    ['Burglary', 'Burglary'],
    ['Homicide', 'Homicide'],
    ['Kidnapping', 'Kidnapping'],
    ['Robbery', 'Robbery'],
    ['Fraudulent Activities', 'Fraudulent Activities'],
    ['Forgery', 'Forgery'],
    ['Obstructing Police', 'Obstructing Police'],
    ['Family Offenses', 'Family Offenses'],
    ['Public Peace', 'Public Peace'],
    ['Stolen Vehicle', 'Stolen Vehicle'],
    ['Invasion of Privacy', 'Invasion of Privacy'],
    ['Smuggling', 'Smuggling'],
    ['Smuggling Aliens', 'Immigration'],
    ['Continuous Smuggling of Persons', 'Immigration'],
    ['LARCENY', 'Larceny'],
    ['Homicide - Willful Kill - Gun', 'Homicide'],
    ['Flight - Escape', 'Flight/Escape'],
    ['Health/Safety', 'Health/Safety'],
    ['Liquor', 'Liquor'],
  ])('%s → %s', (printed, category) => {
    expect(classifyOffense(printed)).toEqual({ ok: true, value: category });
  });

  it('marks a keyword match as a guess, taking the earliest keyword', () => {
    expect(classifyOffense('Possession of Marijuana')).toEqual({
      ok: true, value: 'Dangerous Drugs', note: '"Possession of Marijuana" classified as Dangerous Drugs by the keyword "marijuana"',
    });
    expect(classifyOffense('Aggravated assault with a weapon')).toMatchObject({ value: 'Assault' });
    expect(classifyOffense('Felon in possession of a weapon')).toMatchObject({ value: 'Weapon Offenses' });
  });

  it('does not match part of a word', () => {
    expect(classifyOffense('Trafficking')).toEqual({
      ok: true, value: 'Unclassified', note: 'no rule in data/offense-categories.csv matches "Trafficking"',
    });
  });

  it.each([
    ['Convicted: Assault', 'convicted', 'Assault'],
    ['Charged - Burglary', 'charged', 'Burglary'],
    ['CONVICTED: Dangerous Drugs', 'convicted', 'Dangerous Drugs'],
    ['CONVICTED:', 'convicted', ''],
    ['Charged – Sex Assault - Carnal Abuse', 'charged', 'Sex Assault - Carnal Abuse'],
    ['Assault - Domestic', null, 'Assault - Domestic'],
    ['Charges pending', null, 'Charges pending'],
    ['Assault (Convicted)', 'convicted', 'Assault'],
    ['Burglary [Charged]', 'charged', 'Burglary'],
    ['Assault - Domestic - Convicted', 'convicted', 'Assault - Domestic'],
    ['Dangerous Drugs, Charged', 'charged', 'Dangerous Drugs'],
    ['Charged', null, 'Charged'],
  ])('splitStatus(%j)', (printed, status, offense) => {
    expect(splitStatus(printed)).toEqual({ status, offense });
  });

  it('reads a separate status column', () => {
    expect(parseCriminalStatus('Convicted')).toEqual({ ok: true, value: 'convicted' });
    expect(parseCriminalStatus('CHARGED')).toEqual({ ok: true, value: 'charged' });
    expect(parseCriminalStatus('')).toEqual({ ok: true, value: null });
    expect(parseCriminalStatus('Pending')).toEqual({ ok: false, reason: '"Pending" is neither Convicted nor Charged' });
  });
});

describe('data files', () => {
  it('maps every offence pattern to a contract category', () => {
    const rows = readDataCsv('offense-categories.csv', ['match', 'pattern', 'category', 'comment']);
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) expect(OFFENSE_CATEGORIES).toContain(r.category);
    for (const r of rows) expect(r.comment, r.pattern).not.toBe('');
  });

  it('gives every alias a reviewer comment and a target that exists', () => {
    for (const r of readDataCsv('place-aliases.csv', ['state_abbr', 'printed', 'kind', 'county_fips', 'comment'])) {
      expect(r.comment, r.printed).not.toBe('');
      expect(countyByFips(r.county_fips!)?.state, r.printed).toBe(r.state_abbr);
    }
    for (const r of readDataCsv('country-aliases.csv', ['printed', 'code', 'comment'])) expect(r.comment, r.printed).not.toBe('');
    for (const r of readDataCsv('state-aliases.csv', ['printed', 'state_abbr', 'comment'])) {
      expect(resolveState(r.printed!)).toEqual({ ok: true, value: r.state_abbr });
    }
  });

  it('has the complete Census reference (3,145 county-equivalents, 50 states and DC)', () => {
    expect(readDataCsv('reference/us-counties.csv', ['fips'])).toHaveLength(3145);
    expect(readDataCsv('reference/us-states.csv', ['fips'])).toHaveLength(51);
  });
});
