/**
 * Where a Section I row starts on a 150 DPI scan that lost most counts: at a place and its
 * comma. Where a Section II row starts on a noisy scan: a date whose slashes OCR read as digits
 * ("1782017" for 1/8/2017) still starts its row, so two rows that lost their state and their
 * slashes are not read as one. Synthetic OCR words through the real extractTables and the DDOR
 * Section II layout.
 */
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { extractTables } from '../src/table/extract.ts';
import { SECTION_I_LAYOUT, SECTION_II_LAYOUT, SECTION_III_LAYOUT } from '../pipelines/ddor/layout.ts';

const word = (text: string, x0: number, top: number): Word =>
  ({ text, x0, x1: x0 + 5 * text.length, y0: top, y1: top + 7, size: 8, confidence: 0.9, source: 'ocr' });
const X = { state: 40, county: 80, facility: 170, citizenship: 290, issued: 360, declined: 430, activity: 500 };

describe('Section II rows on a noisy scan', () => {
  it('start at a date whose slashes were read as digits', () => {
    const header = [word('State', X.state, 80), word('County', X.county, 80), word('Facility', X.facility, 80), word('Citizenship', X.citizenship, 80),
      word('Issued', X.issued, 80), word('Declined', X.declined, 80), word('Activity', X.activity, 80)];
    const row = (top: number, state: string | null, issued: string, declined: string, activity: string) => [
      ...(state ? [word(state, X.state, top)] : []), word('Denver', X.county, top), word('Downtown', X.facility, top), word('Mexico', X.citizenship, top),
      word(issued, X.issued, top), word(declined, X.declined, top), word(activity, X.activity, top),
    ];
    const words = [...header, ...row(100, 'CO', '1/8/2017', '1782017', 'Burglary'), ...row(114, null, '12017', '17102017', 'Assault')];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const rows = extractTables([page], [SECTION_II_LAYOUT]).tables[0]!.rows;
    expect(rows.map((r) => [r.cells.detainer_declined?.text, r.cells.activity?.text])).toEqual([['1782017', 'Burglary'], ['17102017', 'Assault']]);
  });
});

describe('Section II rows on a 150 DPI scan', () => {
  it('start at a date that read both its slashes as digits, ten digits in all, or read as digits at low confidence (fresh seed 257108937)', () => {
    const header = [word('State', X.state, 80), word('County', X.county, 80), word('Facility', X.facility, 80), word('Citizenship', X.citizenship, 80),
      word('Issued', X.issued, 80), word('Declined', X.declined, 80), word('Activity', X.activity, 80)];
    const row = (top: number, state: string | null, issued: string, declined: string, country: string, confidence = [0.9, 0.9]) => [
      ...(state ? [word(state, X.state, top)] : []), word('Denver', X.county, top), word('Downtown', X.facility, top), word(country, X.citizenship, top),
      { ...word(issued, X.issued, top), confidence: confidence[0]! }, { ...word(declined, X.declined, top), confidence: confidence[1]! }, word('Burglary', X.activity, top),
    ];
    // The second row lost its state; the third read "co" and its dates as digits and noise; the
    // fourth, set close under it (so no gap starts it), lost its state and read its dates as digits
    // at low confidence.
    const words = [...header, ...row(100, 'CA', '10/7/2017', '10/17/2017', 'Mexico'), ...row(114, null, '10/52017', '10/14/2017', 'Honduras'),
      ...row(128, 'co', '1071572017', '10/15.2017', 'Guatemala', [0.9, 0]), ...row(137, null, '10132017', '100117,2017', 'Vietnam', [0.15, 0])];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const rows = extractTables([page], [SECTION_II_LAYOUT]).tables[0]!.rows;
    expect(rows.map((r) => r.cells.citizenship?.text)).toEqual(['Mexico', 'Honduras', 'Guatemala', 'Vietnam']);
  });
});

describe('Section III rows on a noisy scan', () => {
  it('start at a month OCR garbled, with its year after it; a year alone (a wrapped date) does not', () => {
    const X3 = { jurisdiction: 40, enacted: 200, policy: 280, criteria: 400 };
    const header = [word('Jurisdiction', X3.jurisdiction, 80), word('Date', X3.enacted, 80), word('Enacted', X3.enacted + 25, 80), word('Policy', X3.policy, 80), word('Criteria', X3.criteria, 80)];
    const row = (top: number, place: string, month: string, year: string) => [word(place, X3.jurisdiction, top), word(month, X3.enacted, top), word(year, X3.enacted + 55, top), word('Resolution', X3.policy, top), word('Will', X3.criteria, top)];
    const words = [...header, ...row(100, 'Sioux', 'June', '2014'), ...row(114, 'Marion', 'Fiosumsber', '2013'), word('Marin', X3.jurisdiction, 128), word('August', X3.enacted, 128), word('Ordinance', X3.policy, 128), word('2012', X3.enacted, 137)];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const rows = extractTables([page], [SECTION_III_LAYOUT]).tables[0]!.rows;
    expect(rows.map((r) => r.cells.date_enacted?.text)).toEqual(['June 2014', 'Fiosumsber 2013', 'August 2012']);
  });

  it('start at a month and year read whole at low confidence, so two rows are not read as one', () => {
    const X3 = { jurisdiction: 40, enacted: 200, policy: 280, criteria: 400 };
    const header = [word('Jurisdiction', X3.jurisdiction, 80), word('Date', X3.enacted, 80), word('Enacted', X3.enacted + 25, 80), word('Policy', X3.policy, 80), word('Criteria', X3.criteria, 80)];
    const row = (top: number, place: string, month: string, year: string, confidence: number) => [word(place, X3.jurisdiction, top),
      { ...word(month, X3.enacted, top), confidence }, { ...word(year, X3.enacted + 55, top), confidence }, word('Resolution', X3.policy, top), word('Will', X3.criteria, top)];
    // "March 2014" at 0.00 on a noisy 200 DPI scan (fresh seed 1666926523): noise spells no whole month and year.
    const words = [...header, ...row(100, 'Monona', 'March', '2015', 0.96), ...row(114, 'Fremont', 'March', '2014', 0), ...row(128, 'San Juan', 'December', '2013', 0.96)];
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    const rows = extractTables([page], [SECTION_III_LAYOUT]).tables[0]!.rows;
    expect(rows.map((r) => [r.cells.jurisdiction?.text, r.cells.date_enacted?.text])).toEqual([['Monona', 'March 2015'], ['Fremont', 'March 2014'], ['San Juan', 'December 2013']]);
  });
});

describe('Section I rows on a 150 DPI scan that lost most of their counts', () => {
  // Rows of one line each, set as close as a wrapped place's lines would be (fresh seed 617283970).
  const places = ['Harris, Texas', 'Orange, California', 'Stanislaus, California', 'San Juan, Washington', 'Philadelphia, Pennsylvania', 'Polk, Oregon'];
  const header = [word('County,', 40, 80), word('State', 80, 80), word('Issued', 400, 80), word('Detainers', 435, 80)];
  const row = (top: number, place: string, count: string | null, confidence = 0.9) => [
    ...place.split(' ').map((text, k) => ({ ...word(text, 40 + 45 * k, top), confidence: k === 0 ? 0.9 : confidence })),
    ...(count ? [word(count, 420, top)] : []),
  ];
  const countiesOf = (words: Word[]) => {
    const page: PageTokens = { page: 1, width: 612, height: 792, words, rulings: [], source: 'ocr' };
    return extractTables([page], [SECTION_I_LAYOUT]).tables[0]!.rows.map((r) => r.cells.county_state?.text);
  };

  it('start at each place with its comma, the state after it read at any confidence', () => {
    const counts = [null, '109', null, null, '41', null];
    const words = [...header, ...places.flatMap((place, i) => row(100 + 10 * i, place, counts[i]!, i === 2 ? 0.27 : 0.9))];
    expect(countiesOf(words)).toEqual(places);
  });

  it('start where rows are set apart, at a place whose comma OCR did not read with confidence', () => {
    // Rows set apart; "Marin," read at 0.20, so its line starts no value, but it fills the place
    // column as every row does, set as far below the row above as rows are (fresh seed 155819046).
    const set = ['Butler, Kansas', 'Marin, California', 'Pottawattamie, Iowa', 'Arlington, Virginia'];
    const words = [...header, ...set.flatMap((place, i) => (i === 1
      ? place.split(' ').map((text, k) => ({ ...word(text, 40 + 60 * k, 100 + 22 * i), confidence: 0.2 }))
      : row(100 + 22 * i, place, String(60 - i))))];
    expect(countiesOf(words)).toEqual(set);
  });

  it('do not start at the state of a place wrapped after its comma', () => {
    const words = [...header, ...row(100, 'Prince George\'s,', '107'), ...row(109, 'Maryland', null), ...row(130, 'Sarpy, Nebraska', '73')];
    expect(countiesOf(words)).toEqual(['Prince George\'s, Maryland', 'Sarpy, Nebraska']);
  });
});
