/**
 * U.S. states and counties: printed spellings → USPS codes and Census county names with FIPS codes,
 * from the Census reference copies in `data/reference/` and the reviewed `data/state-aliases.csv`
 * and `data/place-aliases.csv`.
 *
 * Rules cover what is systematic (case, accents, "St."/"Saint", spacing, the County/Parish/Borough
 * suffix, independent cities); the alias files cover what is not (renamed counties, NYC boroughs,
 * consolidated city-counties).
 */
import { readDataCsv } from './data-files.ts';
import { collapseWhitespace, placeKey } from './text.ts';
import { resolved, unresolved, type Resolved } from './resolved.ts';

export interface UsState {
  fips: string;
  code: string;
  name: string;
}

/** A Census county or county-equivalent. `kind` says what its name's suffix makes it. */
export interface CensusCounty {
  fips: string;
  name: string;
  state: string;
  current: boolean;
  kind: 'county' | 'city' | 'other';
  /** placeKey of the whole name ("baltimorecity"). */
  key: string;
  /** placeKey without the suffix ("baltimore"). */
  base: string;
}

export interface CountyMatch {
  /** Census name with its suffix, e.g. "Travis County", "Baltimore city". */
  county: string;
  county_fips: string;
}

const CENSUS_COUNTY_SUFFIX = /\s+(County|Parish|Borough|Census Area|City and Borough|Municipality)$/;
const CENSUS_CITY_SUFFIX = /\s+(city|City)$/;
/** Suffixes a printed county name may carry, abbreviations included. */
const PRINTED_COUNTY_SUFFIX = /\s+(county|parish|borough|census area|city and borough|municipality|co\.?|cnty\.?)$/i;

let statesCache: { byKey: Map<string, UsState>; byCode: Map<string, UsState> } | undefined;

function stateTables() {
  if (statesCache) return statesCache;
  const byCode = new Map<string, UsState>();
  const byKey = new Map<string, UsState>();
  for (const r of readDataCsv('reference/us-states.csv', ['fips', 'state_abbr', 'state_name'])) {
    const state = { fips: r.fips!, code: r.state_abbr!, name: r.state_name! };
    byCode.set(state.code, state);
    byKey.set(placeKey(state.code), state);
    byKey.set(placeKey(state.name), state);
  }
  for (const r of readDataCsv('state-aliases.csv', ['printed', 'state_abbr'])) {
    const state = byCode.get(r.state_abbr!);
    if (!state) throw new Error(`data/state-aliases.csv: "${r.printed}" maps to unknown state ${r.state_abbr}; use a USPS code`);
    byKey.set(placeKey(r.printed!), state);
  }
  statesCache = { byKey, byCode };
  return statesCache;
}

/** The state for a USPS code ("TX"), or undefined. */
export function stateByCode(code: string): UsState | undefined {
  return stateTables().byCode.get(code);
}

/** "TX", "tx", "Texas", "TEXAS", "D.C.", "District of Columbia" → USPS code. */
export function resolveState(text: string): Resolved<string> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the state is empty');
  const state = stateTables().byKey.get(placeKey(printed));
  if (!state) return unresolved(`"${printed}" is not a U.S. state, DC, or a spelling in data/state-aliases.csv`);
  return resolved(state.code);
}

function censusCounty(r: Record<string, string>): CensusCounty {
  const name = r.county_name!;
  const countySuffix = CENSUS_COUNTY_SUFFIX.exec(name);
  const citySuffix = CENSUS_CITY_SUFFIX.exec(name);
  const stem = countySuffix ? name.slice(0, countySuffix.index) : citySuffix ? name.slice(0, citySuffix.index) : name;
  return {
    fips: r.fips!,
    name,
    state: r.state_abbr!,
    current: r.current === 'true',
    kind: countySuffix ? 'county' : citySuffix ? 'city' : 'other',
    key: placeKey(name),
    base: placeKey(stem),
  };
}

interface PlaceAlias {
  state: string;
  key: string;
  kind: 'county' | 'city';
  fips: string;
}

let countiesCache: {
  byState: Map<string, CensusCounty[]>;
  byFips: Map<string, CensusCounty>;
  aliases: PlaceAlias[];
} | undefined;

function countyTables() {
  if (countiesCache) return countiesCache;
  const byState = new Map<string, CensusCounty[]>();
  const byFips = new Map<string, CensusCounty>();
  for (const r of readDataCsv('reference/us-counties.csv', ['fips', 'county_name', 'state_abbr', 'current'])) {
    const county = censusCounty(r);
    byFips.set(county.fips, county);
    const ofState = byState.get(county.state);
    if (ofState) ofState.push(county);
    else byState.set(county.state, [county]);
  }
  const aliases = readDataCsv('place-aliases.csv', ['state_abbr', 'printed', 'kind', 'county_fips']).map((r) => {
    if (r.kind !== 'county' && r.kind !== 'city') {
      throw new Error(`data/place-aliases.csv: "${r.printed}" has kind "${r.kind}"; use county or city`);
    }
    if (byFips.get(r.county_fips!)?.state !== r.state_abbr) {
      throw new Error(`data/place-aliases.csv: "${r.printed}" points at ${r.county_fips}, which is not a county of ${r.state_abbr}`);
    }
    return { state: r.state_abbr!, key: placeKey(r.printed!), kind: r.kind, fips: r.county_fips! } satisfies PlaceAlias;
  });
  countiesCache = { byState, byFips, aliases };
  return countiesCache;
}

/** The Census county for a 5-digit FIPS code, or undefined. */
export function countyByFips(fips: string): CensusCounty | undefined {
  return countyTables().byFips.get(fips);
}

function match(county: CensusCounty, note?: string): Resolved<CountyMatch> {
  return resolved({ county: county.name, county_fips: county.fips }, note);
}

function aliasFor(state: string, printed: string, kind: PlaceAlias['kind']): CensusCounty | undefined {
  const key = placeKey(printed);
  const alias = countyTables().aliases.find((a) => a.state === state && a.kind === kind && a.key === key);
  return alias && countyByFips(alias.fips);
}

/** Prefers current codes; a retired code is only a fallback, and says so. */
function pickCurrent(candidates: CensusCounty[]): { county: CensusCounty; retired: boolean } | undefined {
  const current = candidates.find((c) => c.current);
  if (current) return { county: current, retired: false };
  return candidates[0] && { county: candidates[0], retired: true };
}

/**
 * A printed county name within a state (USPS code) → Census name and FIPS. Accepts "Travis",
 * "Travis County", "travis county", "Saint Lawrence", "Dona Ana", "Baltimore City", "Carson City",
 * parishes and boroughs. A bare name that is both a county and an independent city ("Baltimore",
 * "Richmond" in Virginia) resolves to the county, with a note.
 */
export function resolveCounty(text: string, state: string): Resolved<CountyMatch> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the county is empty');
  const counties = countyTables().byState.get(state);
  if (!counties) return unresolved(`cannot look up county "${printed}": "${state}" is not a state code`);

  const alias = aliasFor(state, printed, 'county');
  if (alias) return match(alias);

  const key = placeKey(printed);
  const whole = pickCurrent(counties.filter((c) => c.key === key));
  if (whole) return match(whole.county, whole.retired ? `"${printed}" is a retired Census code` : undefined);

  const suffix = PRINTED_COUNTY_SUFFIX.exec(printed);
  const base = placeKey(suffix ? printed.slice(0, suffix.index) : printed);
  const sameBase = counties.filter((c) => c.base === base);
  const countyLike = sameBase.filter((c) => c.kind !== 'city');
  const picked = pickCurrent(countyLike) ?? (suffix ? undefined : pickCurrent(sameBase));
  if (!picked) return unresolved(`no county "${printed}" in ${state} (Census list or data/place-aliases.csv)`);

  const notes: string[] = [];
  if (picked.retired) notes.push(`"${printed}" matches only a retired Census code`);
  const city = sameBase.find((c) => c.kind === 'city' && c !== picked.county);
  if (city && !suffix) notes.push(`"${printed}" also names the independent ${city.name} (${city.fips}); took ${picked.county.name}`);
  return match(picked.county, notes.length > 0 ? notes.join('; ') : undefined);
}

/**
 * A city that is also a county-equivalent: an independent city in the Census list
 * ("Baltimore City", "Norfolk"), or a consolidated city-county in data/place-aliases.csv
 * ("Philadelphia", "San Francisco"). Undefined for an ordinary city inside a county.
 */
export function cityCounty(text: string, state: string): CountyMatch | undefined {
  const printed = collapseWhitespace(text);
  const alias = aliasFor(state, printed, 'city');
  if (alias) return { county: alias.name, county_fips: alias.fips };
  const key = placeKey(printed);
  const base = placeKey(printed.replace(/\s+city$/i, ''));
  const city = (countyTables().byState.get(state) ?? [])
    .find((c) => c.kind === 'city' && c.current && (c.key === key || c.base === base));
  return city && { county: city.name, county_fips: city.fips };
}

/** Every state's USPS code (DC included). */
export function stateCodes(): string[] {
  return [...stateTables().byCode.keys()];
}

/** Every state's name and USPS code: the vocabulary OCR cleanup checks a misread state against. */
export function stateVocabulary(): string[] {
  return [...stateTables().byCode.values()].flatMap((s) => [s.name, s.code]);
}

/** The states that have a county of this name (Census list and aliases), e.g. ["CA"] for "Los Angeles County". */
export function statesWithCounty(text: string): string[] {
  return [...countyTables().byState.keys()].filter((state) => resolveCounty(text, state).ok);
}

/** The current Census counties of a state (USPS code), for checking a misread county name. */
export function countiesOf(state: string): CensusCounty[] {
  return (countyTables().byState.get(state) ?? []).filter((c) => c.current);
}

/** Every state's name and every Census county's: names, not English words, where prose prints them. */
export function placeNames(): string[] {
  return [...[...stateTables().byCode.values()].map((s) => s.name), ...[...countyTables().byFips.values()].map((c) => c.name)];
}
