/**
 * Section III source data: jurisdictions with policies limiting cooperation with ICE. The three
 * rows quoted in REPORT-FORMAT.md are verbatim; the rest are plausible (real jurisdiction names and
 * field offices, invented policy titles, dates and criteria drawn by the seeded generator).
 */
import { county, stateName } from './reference.ts';

export type JurisdictionType = 'state' | 'county' | 'city' | 'other';

export interface PolicySource {
  /** As printed, without the AOR. */
  jurisdiction: string;
  aor: string;
  state: string;
  type: JurisdictionType;
  /**
   * Set for counties and county-equivalents (Baltimore City, consolidated city-counties such as
   * Philadelphia and Washington D.C.), and for a city printed with its county ("Iowa City, Johnson
   * County, Iowa" gets Johnson County's), as the normalisers decide.
   */
  fips: string | null;
  /** Fixed values for the verbatim rows; the generator draws the others. */
  fixed?: { dateEnacted: string; policy: string; criteria: string[]; bulleted: boolean };
  /** First report (period start) that lists it; the jurisdiction is in every later report too. */
  since?: string;
}

const AOR_BY_STATE: Record<string, string> = {
  CA: 'San Francisco', CO: 'Denver', OR: 'Seattle', WA: 'Seattle', IA: 'Saint Paul', MN: 'Saint Paul',
  NE: 'Saint Paul', KS: 'Chicago', IL: 'Chicago', NY: 'New York City', NM: 'El Paso', MD: 'Baltimore',
  VA: 'Washington', FL: 'Miami', PA: 'Philadelphia', NJ: 'Newark', RI: 'Boston', CT: 'Boston',
  MA: 'Boston', TX: 'San Antonio', DC: 'Washington', HI: 'San Francisco',
};

const AOR_BY_COUNTY: Record<string, string> = {
  'CA:Los Angeles': 'Los Angeles', 'CA:Orange': 'Los Angeles', 'CA:Riverside': 'Los Angeles',
  'CA:San Bernardino': 'Los Angeles', 'CA:Santa Barbara': 'Los Angeles', 'CA:San Luis Obispo': 'Los Angeles',
  'CA:San Diego': 'San Diego', 'NY:St. Lawrence': 'Buffalo', 'NY:Tompkins': 'Buffalo',
};

const COUNTY_POLICY_LIST: Record<string, string[]> = {
  CA: ['Alameda', 'Amador', 'Butte', 'Contra Costa', 'Del Norte', 'Fresno', 'Humboldt', 'Los Angeles', 'Marin',
    'Merced', 'Monterey', 'Napa', 'Nevada', 'Orange', 'Placer', 'Riverside', 'Sacramento', 'San Bernardino',
    'San Diego', 'San Francisco', 'San Luis Obispo', 'San Mateo', 'Santa Barbara', 'Santa Clara', 'Santa Cruz',
    'Sonoma', 'Stanislaus', 'Tulare', 'Yolo'],
  CO: ['Arapahoe', 'Boulder', 'Denver', 'Garfield', 'Jefferson', 'Larimer', 'Mesa', 'Pueblo', 'Weld'],
  OR: ['Clackamas', 'Clatsop', 'Coos', 'Deschutes', 'Jackson', 'Lane', 'Lincoln', 'Marion', 'Multnomah', 'Polk',
    'Washington', 'Yamhill'],
  WA: ['Benton', 'Chelan', 'Clallam', 'Clark', 'Franklin', 'Jefferson', 'King', 'Kitsap', 'Pierce', 'San Juan',
    'Skagit', 'Snohomish', 'Spokane', 'Thurston', 'Walla Walla', 'Whatcom', 'Yakima'],
  IA: ['Benton', 'Cass', 'Franklin', 'Fremont', 'Ida', 'Iowa', 'Jefferson', 'Johnson', 'Marion', 'Monona',
    'Montgomery', 'Pottawattamie', 'Sioux'],
  NY: ['Nassau', 'St. Lawrence'],
  IL: ['Cook'], MN: ['Hennepin', 'Ramsey'], FL: ['Alachua', 'Miami-Dade'], MD: ['Montgomery', "Prince George's"],
  NM: ['Bernalillo', 'San Miguel', 'Santa Fe'], KS: ['Butler', 'Harvey', 'Sedgwick', 'Shawnee'],
  NE: ['Hall', 'Sarpy'], VA: ['Arlington'],
};

function countyPolicy(state: string, shortName: string): PolicySource {
  const found = county(state, shortName);
  return {
    jurisdiction: `${found.name}, ${stateName(state)}`,
    aor: AOR_BY_COUNTY[`${state}:${shortName}`] ?? AOR_BY_STATE[state]!,
    state, type: 'county', fips: found.fips,
  };
}


const VERBATIM: PolicySource[] = [
  {
    jurisdiction: 'Ithaca, New York', aor: 'Buffalo', state: 'NY', type: 'city', fips: null,
    fixed: {
      dateEnacted: 'February 2017', policy: 'Municipal Code Change', bulleted: false,
      criteria: ['Will only honor "warrantless detainer requests from the federal government under limited, specified circumstances" such as violent or serious crimes or terrorist activities'],
    },
  },
  {
    jurisdiction: 'Travis County, Texas', aor: 'San Antonio', state: 'TX', type: 'county', fips: '48453',
    fixed: {
      dateEnacted: 'January 2017', bulleted: true,
      policy: "Travis County Sheriff's Office Policy on Cooperation with U.S. Immigration and Customs Enforcement",
      criteria: [
        'Willing to accept requests accompanied by a court order',
        'Willing to accept requests when the subject of the detainer request is charged with or has been convicted of Capital Murder, First Degree Murder, Aggravated Sexual Assault, or Continuous Smuggling of Persons',
      ],
    },
  },
  {
    jurisdiction: 'Iowa City, Johnson County, Iowa', aor: 'Saint Paul', state: 'IA', type: 'city', fips: county('IA', 'Johnson').fips,
    fixed: {
      dateEnacted: 'January 2017', bulleted: true,
      policy: 'Resolution Reaffirming the Public Safety Function of Local Law Enforcement',
      criteria: ['Willing to only accept some requests for notifications, I-247N form.'],
    },
  },
];

const OTHERS: PolicySource[] = [
  { jurisdiction: 'State of California', aor: 'San Francisco', state: 'CA', type: 'state', fips: null },
  { jurisdiction: 'State of Connecticut', aor: 'Boston', state: 'CT', type: 'state', fips: null },
  { jurisdiction: 'State of Oregon', aor: 'Seattle', state: 'OR', type: 'state', fips: null },
  { jurisdiction: 'Doña Ana County, New Mexico', aor: 'El Paso', state: 'NM', type: 'county', fips: county('NM', 'Doña Ana').fips },
  { jurisdiction: 'Baltimore City, Maryland', aor: 'Baltimore', state: 'MD', type: 'city', fips: county('MD', 'Baltimore').fips },
  { jurisdiction: 'New York City, New York', aor: 'New York City', state: 'NY', type: 'city', fips: null },
  { jurisdiction: 'Chicago, Illinois', aor: 'Chicago', state: 'IL', type: 'city', fips: null },
  { jurisdiction: 'Philadelphia, Pennsylvania', aor: 'Philadelphia', state: 'PA', type: 'city', fips: county('PA', 'Philadelphia').fips },
  { jurisdiction: 'Newark, New Jersey', aor: 'Newark', state: 'NJ', type: 'city', fips: null },
  { jurisdiction: 'Providence, Rhode Island', aor: 'Boston', state: 'RI', type: 'city', fips: null },
  { jurisdiction: 'Washington, District of Columbia', aor: 'Washington', state: 'DC', type: 'city', fips: county('DC', 'District of Columbia').fips },
  { jurisdiction: 'Seattle, Washington', aor: 'Seattle', state: 'WA', type: 'city', fips: null },
  { jurisdiction: 'Portland, Oregon', aor: 'Seattle', state: 'OR', type: 'city', fips: null },
  { jurisdiction: 'Rhode Island Department of Corrections, Rhode Island', aor: 'Boston', state: 'RI', type: 'other', fips: null },
  { jurisdiction: 'Hawaii Department of Public Safety, Hawaii', aor: 'San Francisco', state: 'HI', type: 'other', fips: null },
  { jurisdiction: 'Massachusetts Trial Court, Massachusetts', aor: 'Boston', state: 'MA', type: 'other', fips: null },
  { jurisdiction: 'Santa Ana, California', aor: 'Los Angeles', state: 'CA', type: 'city', fips: null, since: '2017-02-04' },
  { jurisdiction: 'Boulder, Colorado', aor: 'Denver', state: 'CO', type: 'city', fips: null, since: '2017-02-04' },
  { jurisdiction: 'Tompkins County, New York', aor: 'Buffalo', state: 'NY', type: 'county', fips: county('NY', 'Tompkins').fips, since: '2017-02-11' },
];

/** All Section III jurisdictions in a stable order (118 for report 1). */
export const POLICY_SOURCES: PolicySource[] = [
  ...VERBATIM,
  ...OTHERS,
  ...Object.entries(COUNTY_POLICY_LIST).flatMap(([state, names]) => names.map((name) => countyPolicy(state, name))),
];

/** Policy titles by jurisdiction type, so a state does not get a "Sheriff's Memorandum". */
export const POLICY_TITLES: Record<JurisdictionType, readonly string[]> = {
  state: ['State Law', 'Trust Act', 'Executive Order', 'Senate Bill', 'Attorney General Guidance on Detainer Requests'],
  county: [
    "Sheriff's Office Policy", 'Board of Supervisors Resolution', 'County Ordinance', "Sheriff's Memorandum",
    'Jail Policy on ICE Detainers', 'Detainer Policy Memorandum', 'Board of Commissioners Resolution',
    'Ordinance Limiting Cooperation with Federal Immigration Enforcement', 'Resolution Affirming Community Trust and Public Safety',
  ],
  city: ['City Ordinance', 'Executive Order', 'Municipal Code Change', 'City Council Resolution', 'Sanctuary Resolution', 'Welcoming City Ordinance'],
  other: ['Administrative Directive', 'Policy Statement', 'Department Policy on Immigration Detainers'],
};

/** Criteria bullets; the one citing California law is only drawn for California jurisdictions. */
export const CRITERIA: ReadonlyArray<{ text: string; onlyIn?: string }> = [
  { text: 'Willing to accept requests accompanied by a court order' },
  { text: 'Willing to accept requests accompanied by a judicial warrant' },
  { text: 'Will not honor detainers without a judicial determination of probable cause' },
  { text: 'Willing to accept requests for individuals with prior convictions for serious or violent felonies' },
  { text: 'Will not honor detainers' },
  { text: 'Will honor detainers only for individuals charged with or convicted of a serious or violent felony' },
  { text: 'Will not hold individuals beyond their scheduled release date' },
  { text: 'Will honor requests for notification of release if time permits' },
  { text: 'Will only honor a detainer if the subject has a final order of removal signed by a judge' },
  { text: 'Willing to accept requests when the subject has been convicted of a crime listed in Government Code section 7282.5', onlyIn: 'CA' },
  { text: 'Will not allow ICE officers access to the jail without a court order' },
  { text: 'Will honor detainers for individuals identified as gang members in a state database' },
];
