/**
 * The generator's own reference tables. Normalised values in the ground truth come from here, never
 * from a lookup at generation time, so the samples can be regenerated anywhere.
 *
 * Sources: county names and FIPS codes copied from the Census county list compiled by Kieran Healy
 * (GitHub kjhealy/fips-codes, 2017-era vintage); state names are the USPS list; ISO 3166-1 alpha-2
 * codes from the ISO country list; offence descriptions follow NCIC uniform offense code titles.
 * Facility names and cities are realistic but invented where not public.
 */

export const STATE_NAMES: Record<string, string> = {
  CA: 'California', CO: 'Colorado', CT: 'Connecticut', FL: 'Florida', HI: 'Hawaii', IA: 'Iowa',
  IL: 'Illinois', KS: 'Kansas', MA: 'Massachusetts', MD: 'Maryland', MN: 'Minnesota',
  NC: 'North Carolina', NE: 'Nebraska', NJ: 'New Jersey', NM: 'New Mexico', NV: 'Nevada',
  NY: 'New York', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', TX: 'Texas', VA: 'Virginia',
  WA: 'Washington', DC: 'District of Columbia',
};

/** [USPS state, Census county name, FIPS]. */
const COUNTY_ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ['TX', 'Travis County', '48453'], ['TX', 'Williamson County', '48491'], ['TX', 'Bastrop County', '48021'],
  ['TX', 'Hays County', '48209'], ['TX', 'Harris County', '48201'], ['TX', 'El Paso County', '48141'],
  ['PA', 'Chester County', '42029'], ['PA', 'Philadelphia County', '42101'], ['PA', 'Franklin County', '42055'],
  ['NC', 'Richmond County', '37153'], ['NC', 'Mecklenburg County', '37119'], ['NC', 'Wake County', '37183'],
  ['NY', 'St. Lawrence County', '36089'], ['NY', 'Nassau County', '36059'], ['NY', 'New York County', '36061'],
  ['NY', 'Suffolk County', '36103'], ['NY', 'Franklin County', '36033'], ['NY', 'Tompkins County', '36109'],
  ['NM', 'Doña Ana County', '35013'], ['NM', 'Santa Fe County', '35049'], ['NM', 'Bernalillo County', '35001'],
  ['NM', 'San Miguel County', '35047'],
  ['NV', 'Clark County', '32003'], ['NV', 'Washoe County', '32031'],
  ['IL', 'Cook County', '17031'],
  ['WA', 'Snohomish County', '53061'], ['WA', 'King County', '53033'], ['WA', 'Benton County', '53005'],
  ['WA', 'Chelan County', '53007'], ['WA', 'Clallam County', '53009'], ['WA', 'Clark County', '53011'],
  ['WA', 'Franklin County', '53021'], ['WA', 'Jefferson County', '53031'], ['WA', 'Kitsap County', '53035'],
  ['WA', 'Pierce County', '53053'], ['WA', 'San Juan County', '53055'], ['WA', 'Skagit County', '53057'],
  ['WA', 'Spokane County', '53063'], ['WA', 'Thurston County', '53067'], ['WA', 'Walla Walla County', '53071'],
  ['WA', 'Whatcom County', '53073'], ['WA', 'Yakima County', '53077'],
  ['OR', 'Washington County', '41067'], ['OR', 'Multnomah County', '41051'], ['OR', 'Clackamas County', '41005'],
  ['OR', 'Clatsop County', '41007'], ['OR', 'Coos County', '41011'], ['OR', 'Deschutes County', '41017'],
  ['OR', 'Jackson County', '41029'], ['OR', 'Lane County', '41039'], ['OR', 'Lincoln County', '41041'],
  ['OR', 'Marion County', '41047'], ['OR', 'Polk County', '41053'], ['OR', 'Yamhill County', '41071'],
  ['FL', 'Alachua County', '12001'], ['FL', 'Miami-Dade County', '12086'],
  ['CA', 'Los Angeles County', '06037'], ['CA', 'San Diego County', '06073'], ['CA', 'Kern County', '06029'],
  ['CA', 'Orange County', '06059'], ['CA', 'San Bernardino County', '06071'], ['CA', 'Santa Barbara County', '06083'],
  ['CA', 'Santa Clara County', '06085'], ['CA', 'San Francisco County', '06075'], ['CA', 'Alameda County', '06001'],
  ['CA', 'Amador County', '06005'], ['CA', 'Butte County', '06007'], ['CA', 'Contra Costa County', '06013'],
  ['CA', 'Del Norte County', '06015'], ['CA', 'Fresno County', '06019'], ['CA', 'Humboldt County', '06023'],
  ['CA', 'Marin County', '06041'], ['CA', 'Merced County', '06047'], ['CA', 'Monterey County', '06053'],
  ['CA', 'Napa County', '06055'], ['CA', 'Nevada County', '06057'], ['CA', 'Placer County', '06061'],
  ['CA', 'Riverside County', '06065'], ['CA', 'Sacramento County', '06067'], ['CA', 'San Luis Obispo County', '06079'],
  ['CA', 'San Mateo County', '06081'], ['CA', 'Santa Cruz County', '06087'], ['CA', 'Sonoma County', '06097'],
  ['CA', 'Stanislaus County', '06099'], ['CA', 'Tulare County', '06107'], ['CA', 'Yolo County', '06113'],
  ['CO', 'Denver County', '08031'], ['CO', 'Arapahoe County', '08005'], ['CO', 'Boulder County', '08013'],
  ['CO', 'Jefferson County', '08059'], ['CO', 'Larimer County', '08069'], ['CO', 'Mesa County', '08077'],
  ['CO', 'Pueblo County', '08101'], ['CO', 'Weld County', '08123'], ['CO', 'Garfield County', '08045'],
  ['MA', 'Suffolk County', '25025'],
  ['MD', 'Montgomery County', '24031'], ['MD', 'Baltimore city', '24510'], ['MD', "Prince George's County", '24033'],
  ['NJ', 'Middlesex County', '34023'], ['NJ', 'Union County', '34039'],
  ['MN', 'Hennepin County', '27053'], ['MN', 'Ramsey County', '27123'],
  ['IA', 'Montgomery County', '19137'], ['IA', 'Franklin County', '19069'], ['IA', 'Johnson County', '19103'],
  ['IA', 'Benton County', '19011'], ['IA', 'Cass County', '19029'], ['IA', 'Fremont County', '19071'],
  ['IA', 'Ida County', '19093'], ['IA', 'Iowa County', '19095'], ['IA', 'Jefferson County', '19101'],
  ['IA', 'Marion County', '19125'], ['IA', 'Monona County', '19133'], ['IA', 'Pottawattamie County', '19155'],
  ['IA', 'Sioux County', '19167'],
  ['KS', 'Butler County', '20015'], ['KS', 'Harvey County', '20079'], ['KS', 'Sedgwick County', '20173'],
  ['KS', 'Shawnee County', '20177'],
  ['NE', 'Sarpy County', '31153'], ['NE', 'Hall County', '31079'],
  ['VA', 'Arlington County', '51013'],
  ['RI', 'Providence County', '44007'],
  // A county-equivalent with no suffix, for Section III's "Washington, District of Columbia".
  ['DC', 'District of Columbia', '11001'],
];

export interface County {
  state: string;
  /** Census name with its suffix, e.g. "Travis County", "Baltimore city". */
  name: string;
  /** The name without the Census suffix, as Section I prints it ("Clark, Nevada"). */
  shortName: string;
  fips: string;
}

const COUNTIES = new Map(COUNTY_ROWS.map(([state, name, fips]) => {
  const shortName = name.replace(/ (County|city)$/, '');
  return [`${state}:${shortName}`, { state, name, shortName, fips }];
}));

/** Every county as [state, short name], in table order. */
export const COUNTY_KEYS: ReadonlyArray<readonly [string, string]> = [...COUNTIES.values()].map((c) => [c.state, c.shortName] as const);

/** Looks up a county by state and short name ("TX", "Travis"); throws on a typo in the tables. */
export function county(state: string, shortName: string): County {
  const found = COUNTIES.get(`${state}:${shortName}`);
  if (!found) throw new Error(`reference.ts: no county "${shortName}" in ${state}; add it to COUNTY_ROWS with its Census FIPS`);
  return found;
}

export function stateName(usps: string): string {
  const name = STATE_NAMES[usps];
  if (!name) throw new Error(`reference.ts: no state name for "${usps}"; add it to STATE_NAMES`);
  return name;
}

/** Country as printed, ISO 3166-1 alpha-2, and a weight for how often it is drawn. */
export const COUNTRIES: ReadonlyArray<{ name: string; code: string; weight: number }> = [
  { name: 'Mexico', code: 'MX', weight: 60 }, { name: 'Honduras', code: 'HN', weight: 8 },
  { name: 'El Salvador', code: 'SV', weight: 8 }, { name: 'Guatemala', code: 'GT', weight: 8 },
  { name: 'Dominican Republic', code: 'DO', weight: 2 }, { name: 'Cuba', code: 'CU', weight: 1 },
  { name: 'St. Vincent and the Grenadines', code: 'VC', weight: 1 }, { name: "Côte d'Ivoire", code: 'CI', weight: 1 },
  { name: 'Laos', code: 'LA', weight: 1 }, { name: 'Burma', code: 'MM', weight: 1 },
  { name: 'India', code: 'IN', weight: 1 }, { name: 'China', code: 'CN', weight: 1 },
  { name: 'Vietnam', code: 'VN', weight: 1 }, { name: 'Jamaica', code: 'JM', weight: 1 },
  { name: 'Haiti', code: 'HT', weight: 1 }, { name: 'Colombia', code: 'CO', weight: 1 },
  { name: 'Ecuador', code: 'EC', weight: 1 }, { name: 'Nicaragua', code: 'NI', weight: 1 },
  { name: 'Korea, South', code: 'KR', weight: 1 }, { name: 'Trinidad and Tobago', code: 'TT', weight: 1 },
];

/** NCIC-style offence description and its contract category (OFFENSE_CATEGORIES). */
export const OFFENSES: ReadonlyArray<{ text: string; category: string; weight: number }> = [
  { text: 'Dangerous Drugs', category: 'Dangerous Drugs', weight: 10 },
  { text: 'Marijuana - Possess', category: 'Dangerous Drugs', weight: 4 },
  { text: 'Cocaine - Sell', category: 'Dangerous Drugs', weight: 2 },
  { text: 'Assault - Domestic', category: 'Assault', weight: 10 },
  { text: 'Aggravated Assault - Family - Strong-Arm', category: 'Assault', weight: 3 },
  { text: 'Simple Assault', category: 'Assault', weight: 4 },
  { text: 'Driving Under Influence Liquor', category: 'Traffic Offenses', weight: 10 },
  { text: 'Driving Under Influence Drugs', category: 'Traffic Offenses', weight: 2 },
  { text: 'Hit and Run', category: 'Traffic Offenses', weight: 2 },
  { text: 'Traffic Offense', category: 'Traffic Offenses', weight: 5 },
  { text: 'Sex Assault - Carnal Abuse', category: 'Sexual Assault', weight: 2 },
  { text: 'Sexual Assault With An Object', category: 'Sexual Assault', weight: 1 },
  { text: 'Weapon Offense', category: 'Weapon Offenses', weight: 3 },
  { text: 'Carrying Concealed Weapon', category: 'Weapon Offenses', weight: 1 },
  { text: 'Burglary', category: 'Burglary', weight: 4 },
  { text: 'Burglary - Forced Entry - Residence', category: 'Burglary', weight: 2 },
  { text: 'Homicide', category: 'Homicide', weight: 1 },
  { text: 'Kidnapping', category: 'Kidnapping', weight: 1 },
  { text: 'Larceny', category: 'Larceny', weight: 4 },
  { text: 'Shoplifting', category: 'Larceny', weight: 2 },
  { text: 'Illegal Entry', category: 'Immigration', weight: 3 },
  { text: 'Illegal Re-Entry', category: 'Immigration', weight: 1 },
  { text: 'Robbery', category: 'Robbery', weight: 2 },
  { text: 'Forgery', category: 'Forgery', weight: 1 },
  { text: 'Fraud - Impersonating', category: 'Fraudulent Activities', weight: 1 },
  { text: 'Stolen Vehicle', category: 'Stolen Vehicle', weight: 1 },
  { text: 'Damage Property', category: 'Damage Property', weight: 1 },
  { text: 'Resisting Officer', category: 'Obstructing Police', weight: 2 },
  { text: 'Cruelty Toward Child', category: 'Family Offenses', weight: 1 },
  // NCIC 0303 Smuggling Aliens is in the Immigration group; group 58 Smuggling is contraband.
  { text: 'Smuggling Aliens', category: 'Immigration', weight: 1 },
  { text: 'Stolen Property - Possess', category: 'Stolen Property', weight: 1 },
  // NCIC group 50 Obstructing Judiciary holds probation and parole violations.
  { text: 'Probation Violation', category: 'Obstructing Judiciary', weight: 1 },
];

export interface Facility {
  state: string;
  county: string;
  name: string;
  city: string;
}

/** Jails by county (state, county short name); long names are there to force cell wrapping. */
export const FACILITIES: ReadonlyArray<Facility> = [
  ['TX', 'Travis', 'Travis County Jail', 'Austin'],
  ['TX', 'Travis', 'Travis County Correctional Complex', 'Del Valle'],
  ['TX', 'Travis', 'Travis County Central Booking Facility', 'Austin'],
  ['TX', 'Williamson', 'Williamson County Jail', 'Georgetown'],
  ['TX', 'Bastrop', 'Bastrop County Jail', 'Bastrop'],
  ['TX', 'Hays', 'Hays County Law Enforcement Center', 'San Marcos'],
  ['PA', 'Chester', 'Chester County Prison', 'West Chester'],
  ['PA', 'Philadelphia', 'Curran-Fromhold Correctional Facility', 'Philadelphia'],
  ['PA', 'Philadelphia', 'Philadelphia Industrial Correctional Center', 'Philadelphia'],
  ['PA', 'Philadelphia', 'Riverside Correctional Facility', 'Philadelphia'],
  ['NC', 'Richmond', 'Richmond County Jail', 'Rockingham'],
  ['NC', 'Mecklenburg', 'Mecklenburg County Jail Central', 'Charlotte'],
  ['NC', 'Mecklenburg', 'Mecklenburg County Jail North', 'Charlotte'],
  ['NY', 'St. Lawrence', 'St. Lawrence County Jail', 'Canton'],
  ['NY', 'Nassau', 'Nassau County Correctional Center', 'East Meadow'],
  ['NY', 'New York', 'Manhattan Detention Complex', 'New York'],
  ['NY', 'New York', 'Otis Bantum Correctional Center (Rikers Island)', 'East Elmhurst'],
  ['NY', 'Suffolk', 'Suffolk County Correctional Facility Riverhead', 'Riverhead'],
  ['NY', 'Suffolk', 'Suffolk County Correctional Facility Yaphank', 'Yaphank'],
  ['NM', 'Doña Ana', 'Doña Ana County Detention Center', 'Las Cruces'],
  ['NV', 'Clark', 'Clark County Detention Center', 'Las Vegas'],
  ['NV', 'Clark', 'North Las Vegas Detention Center', 'North Las Vegas'],
  ['NV', 'Clark', 'Henderson Detention Center', 'Henderson'],
  ['IL', 'Cook', 'Cook County Jail', 'Chicago'],
  ['IL', 'Cook', 'Cook County Department of Corrections Division Ten', 'Chicago'],
  ['WA', 'Snohomish', 'Snohomish County Jail', 'Everett'],
  ['WA', 'King', 'King County Correctional Facility', 'Seattle'],
  ['WA', 'King', 'Maleng Regional Justice Center', 'Kent'],
  ['OR', 'Washington', 'Washington County Jail', 'Hillsboro'],
  ['OR', 'Multnomah', 'Multnomah County Detention Center', 'Portland'],
  ['OR', 'Multnomah', 'Multnomah County Inverness Jail', 'Portland'],
  ['FL', 'Alachua', 'Alachua County Jail', 'Gainesville'],
  ['FL', 'Miami-Dade', 'Miami-Dade Turner Guilford Knight Correctional Center', 'Miami'],
  ['FL', 'Miami-Dade', 'Miami-Dade Pre-Trial Detention Center', 'Miami'],
  ['CA', 'Los Angeles', "Los Angeles County Men's Central Jail", 'Los Angeles'],
  ['CA', 'Los Angeles', 'Twin Towers Correctional Facility', 'Los Angeles'],
  ['CA', 'San Diego', 'San Diego Central Jail', 'San Diego'],
  ['CA', 'Santa Clara', 'Santa Clara County Main Jail', 'San Jose'],
  ['CO', 'Denver', 'Denver Downtown Detention Center', 'Denver'],
  ['MA', 'Suffolk', 'Suffolk County House of Correction', 'Boston'],
  ['MD', 'Montgomery', 'Montgomery County Correctional Facility', 'Boyds'],
  ['MD', 'Baltimore', 'Baltimore Central Booking and Intake Center', 'Baltimore'],
  ['NJ', 'Middlesex', 'Middlesex County Adult Correction Center', 'North Brunswick'],
  ['NJ', 'Union', 'Union County Jail', 'Elizabeth'],
  ['MN', 'Hennepin', 'Hennepin County Adult Detention Center', 'Minneapolis'],
  ['MN', 'Hennepin', 'Hennepin County Adult Corrections Facility', 'Plymouth'],
  ['MN', 'Ramsey', 'Ramsey County Adult Detention Center', 'Saint Paul'],
  ['IA', 'Johnson', 'Johnson County Jail', 'Iowa City'],
].map(([state, countyShort, name, city]) => ({ state: state!, county: countyShort!, name: name!, city: city! }));

export function facilitiesOf(state: string, countyShort: string): Facility[] {
  const found = FACILITIES.filter((f) => f.state === state && f.county === countyShort);
  if (found.length === 0) throw new Error(`reference.ts: no facility for ${countyShort}, ${state}; add one to FACILITIES`);
  return found;
}
