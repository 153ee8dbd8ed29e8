/**
 * Printed jurisdictions → state, type and county FIPS.
 *
 * Section I prints "County, State" ("Clark, Nevada"): a bare name there is a county. Section III
 * prints "Jurisdiction (AOR)" where counties carry their suffix ("Travis County, Texas") and a bare
 * name is a city ("Ithaca, New York"); a city inside a named county gets that county's FIPS
 * ("Iowa City, Johnson County, Iowa"), a plain city only when it is itself a county-equivalent
 * (independent or consolidated: "Baltimore City, Maryland", "Washington, D.C."). A state body
 * named instead of a place ("Rhode Island Department of Corrections, Rhode Island") is "other".
 */
import { collapseWhitespace } from './text.ts';
import { resolved, unresolved, type Resolved } from './resolved.ts';
import { cityCounty, resolveCounty, resolveState } from './places.ts';

export type JurisdictionType = 'state' | 'county' | 'city' | 'other';

export interface CountyStateMatch {
  county: string;
  state: string;
  county_fips: string;
}

export interface JurisdictionMatch {
  jurisdiction_type: JurisdictionType;
  state: string | null;
  county_fips: string | null;
}

export interface PlaceAndState {
  /** The printed text before the state ("Iowa City, Johnson County"). */
  place: string;
  /** The printed state ("Iowa"). */
  state: string;
  /** Its USPS code ("IA"). */
  code: string;
  /** False when no comma separated them and the state was recognised from the trailing words. */
  comma: boolean;
}

/** A word in a place that makes it a county-level name. */
const COUNTY_WORD = /^(.*?\b(County|Parish|Borough|Census Area|Municipality))\b/i;
/** "State of California", "Commonwealth of Massachusetts". */
const STATE_PREFIX = /^(the )?(state|commonwealth) of /i;
/** "City of Philadelphia", "City and County of San Francisco", "Town of Amherst". */
const CITY_PREFIX = /^(the )?(city and county|city|town|village|township) of /i;
/** A state or court body named instead of a place ("Rhode Island Department of Corrections"). */
const GOVERNMENT_BODY = /\b(department|court|office|agency|board|commission|division|bureau|authority|public safety|corrections?)\b/i;
/** "County of Los Angeles" reads as "Los Angeles County". */
const COUNTY_PREFIX = /^(the )?(county|parish) of (.+)$/i;

/** Puts a part into the "<name> County" / "<city>" form the rules below expect. */
function plainPlaceName(part: string): string {
  const countyOf = COUNTY_PREFIX.exec(part);
  return countyOf ? `${countyOf[3]} ${countyOf[2]}` : part.replace(CITY_PREFIX, '');
}

/**
 * Splits a printed "<place>, <state>" at its last comma, or, when the comma is missing (a lost
 * glyph, an OCR slip), before the longest run of trailing words that names a state.
 */
export function splitTrailingState(text: string): PlaceAndState | undefined {
  const printed = collapseWhitespace(text);
  const comma = printed.lastIndexOf(',');
  if (comma > 0) {
    const state = printed.slice(comma + 1).trim();
    const code = resolveState(state);
    if (code.ok) return { place: printed.slice(0, comma).trim(), state, code: code.value, comma: true };
  }
  const words = printed.split(' ');
  for (let i = 1; i < words.length; i++) {
    const state = words.slice(i).join(' ');
    const code = resolveState(state);
    if (code.ok) return { place: words.slice(0, i).join(' ').replace(/,$/, ''), state, code: code.value, comma: false };
  }
  return undefined;
}

/** Section I "Clark, Nevada" → { county: "Clark County", state: "NV", county_fips: "32003" }. */
export function resolveCountyState(text: string): Resolved<CountyStateMatch> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the county and state are empty');
  const split = splitTrailingState(printed);
  if (!split) return unresolved(`"${printed}" does not end with a U.S. state`);
  const county = resolveCounty(split.place, split.code);
  if (!county.ok) return county;
  const notes = [split.comma ? undefined : `no comma in "${printed}"; read the state from its last words`, county.note]
    .filter((n): n is string => n !== undefined);
  return resolved({ ...county.value, state: split.code }, notes.length > 0 ? notes.join('; ') : undefined);
}

/**
 * Splits the Section III "Jurisdiction (AOR)" cell: "Travis County, Texas (San Antonio)" →
 * { jurisdiction: "Travis County, Texas", aor: "San Antonio" }. A missing or unclosed
 * parenthesis still gives a value, with a note.
 */
export function splitJurisdictionAor(text: string): Resolved<{ jurisdiction: string; aor: string | null }> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the jurisdiction is empty');
  const closed = /^(.*\S)\s*\(([^()]+)\)$/.exec(printed);
  if (closed) return resolved({ jurisdiction: closed[1]!, aor: closed[2]!.trim() });
  const unclosed = /^(.*\S)\s*\(([^()]+)$/.exec(printed);
  if (unclosed) {
    return resolved({ jurisdiction: unclosed[1]!, aor: unclosed[2]!.trim() }, `"${printed}": the AOR's closing parenthesis is missing`);
  }
  return resolved({ jurisdiction: printed, aor: null }, `"${printed}" has no "(AOR)"`);
}

function countyJurisdiction(parts: string[], countyIndex: number, state: string): Resolved<JurisdictionMatch> {
  const part = parts[countyIndex]!;
  const countyText = COUNTY_WORD.exec(part)![1]!;
  const type: JurisdictionType = countyIndex > 0 ? 'city' : 'county';
  const county = resolveCounty(countyText, state);
  if (!county.ok) return resolved({ jurisdiction_type: type, state, county_fips: null }, county.reason);
  const notes = [countyText !== part ? `took the county "${countyText}" from "${part}"` : undefined, county.note]
    .filter((n): n is string => n !== undefined);
  return resolved({ jurisdiction_type: type, state, county_fips: county.value.county_fips }, notes.length > 0 ? notes.join('; ') : undefined);
}

/** Washington is coextensive with the District, so any DC jurisdiction is that one city-county. */
function districtOfColumbia(): Resolved<JurisdictionMatch> {
  const district = resolveCounty('District of Columbia', 'DC');
  return resolved({ jurisdiction_type: 'city', state: 'DC', county_fips: district.ok ? district.value.county_fips : null });
}

/**
 * A Section III jurisdiction (without the AOR) → { jurisdiction_type, state, county_fips }.
 * Unrecognisable text is type "other" with a note rather than a failure; only empty text fails.
 */
export function resolveJurisdiction(text: string): Resolved<JurisdictionMatch> {
  const printed = collapseWhitespace(text);
  if (printed === '') return unresolved('the jurisdiction is empty');

  const wholeState = resolveState(printed.replace(STATE_PREFIX, ''));
  if (wholeState.ok && wholeState.value === 'DC') return districtOfColumbia();
  if (wholeState.ok) return resolved({ jurisdiction_type: 'state', state: wholeState.value, county_fips: null });

  const split = splitTrailingState(printed);
  if (!split) return resolved({ jurisdiction_type: 'other', state: null, county_fips: null }, `"${printed}" names no U.S. state`);
  const parts = split.place.split(',').map((p) => plainPlaceName(p.trim())).filter((p) => p !== '');
  const countyIndex = parts.findIndex((p) => COUNTY_WORD.test(p));
  if (countyIndex !== -1) return countyJurisdiction(parts, countyIndex, split.code);

  if (split.code === 'DC') return districtOfColumbia();
  if (GOVERNMENT_BODY.test(parts[0]!)) return resolved({ jurisdiction_type: 'other', state: split.code, county_fips: null });
  const county = cityCounty(parts[0]!, split.code);
  return resolved({ jurisdiction_type: 'city', state: split.code, county_fips: county?.county_fips ?? null });
}
