import { describe, expect, it } from 'vitest';
import { readMetadata } from '../pipelines/ddor/metadata.ts';
import { DDOR_STOP_PATTERNS, sectionNumber } from '../pipelines/ddor/layout.ts';

const pageOf = (...lines: string[]) => [{ page: 1, lines: lines.map((text) => ({ text })) }] as unknown as Parameters<typeof readMetadata>[0];

describe('the top-ten total, worded as each edition and OCR word it', () => {
  const national = 'During this period ICE issued a total of 2,454 detainers throughout the United States.';
  it('reads it beside "detainers" or alone in a sentence about the ten jurisdictions', () => {
    expect(readMetadata(pageOf(national, 'The top ten jurisdictions below received 574 detainers.')).top_ten_issued).toBe(574);
    expect(readMetadata(pageOf(national, 'Detainers were declined by many (540 to these 10 jurisdictions).')).top_ten_issued).toBe(540);
  });

  it('reads it when OCR ran "ten" into a garbled "jurisdictions"', () => {
    const ocr = 'The ten’jugisdictions below, which restrict cooperation with ICE, received 574 detainers.';
    expect(readMetadata(pageOf(national, ocr)).top_ten_issued).toBe(574);
    expect(readMetadata(pageOf(national, ocr)).detainers_issued).toBe(2454);
  });

  it('reads the totals when OCR read a speck as a mark after the count (fresh seed 1154424652)', () => {
    const meta = readMetadata(pageOf('ICE issued 2388. detainers nationwide bejween August 19, 2017 and August 25, 2017, of which 522 were issued to the top 10 jurisdictions listed below.'));
    expect([meta.detainers_issued, meta.top_ten_issued]).toEqual([2388, 522]);
  });

  it('reads the number in the ten jurisdictions\' clause when a heading with a garbled date ran into the sentence (fresh seed 1307624178)', () => {
    const meta = readMetadata(pageOf('Section I: Highest Volume of Detainers Issued between pabeuny 25, 2017 and March 3, 2017 to', 'Jurisdictions which Restrict Cooperation with ICE',
      'Between February 25, 2017 and March 3,.2017, ICE issued 4315 detainers throughout the United States (822 to these 10', 'jurisdictions)'));
    expect([meta.detainers_issued, meta.top_ten_issued]).toEqual([4315, 822]);
    // Two numbers in that clause: neither is taken.
    expect(readMetadata(pageOf(national, 'Of 25, 822 went to these 10 jurisdictions.')).top_ten_issued).toBeNull();
  });

  it('ends a sentence whose full stop OCR lost at its paragraph\'s end (fresh seed 2973917912, 300 DPI, monospace)', () => {
    // The prose lines as read, with their tops and bottoms (points): "listed below" lost its stop.
    const at = (page: number, y0: number, y1: number, text: string) => ({ page, y0, y1, text });
    const lines = [
      at(1, 198.2, 206.6, 'This report identifies jurisdictions that declined detainers recorded by U.S. Immigration and Customs Enforcement between June 17, 2017 and June'),
      at(1, 210.5, 218.6, '23; 2017, and lists the notable criminal activity associated with the individuals released. It is published weekly in accordance with Executive'),
      at(1, 222.7, 230.9, 'Order 13768, Enhancing Public Safety in the Interior of the United States, and contains the following four sections:'),
      at(1, 240.0, 248.2, 'Section I Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions between June 17, 2017, and June 23, 2017'),
      at(1, 285.6, 293.8, 'Section IV. Report Scope and Data Fidelity'),
      at(1, 315.6, 324.7, 'Section I. Highest Volume of Detainers Issued to Non-Cooperative Jurisdictions between June 17, 2017, and June 23, 2017'),
      at(1, 335.3, 343.4, 'ICE issued 3,276 detainers nationwide between June 17, 2017 and June 23, 2017, of which 627 were issued to the top 10 jurisdictions listed below'),
      at(2, 47.8, 56.4, 'Section II. Jurisdictions with Recorded Declined Detainers Broken Down by Individuals Released between June 17, 2017, and June 23,'),
      at(2, 61.4, 68.6, '2017'),
      at(2, 80.6, 88.8, 'The table below lists each of the 34 detainers that ICE recorded as declined during the reporting period, by the state, county and facility where the'),
      at(2, 92.6, 101.0, 'individual was held.'),
    ];
    const pages = [1, 2].map((page) => ({ page, lines: lines.filter((l) => l.page === page) })) as unknown as Parameters<typeof readMetadata>[0];
    expect([readMetadata(pages).detainers_issued, readMetadata(pages).top_ten_issued]).toEqual([3276, 627]);
  });

  it('does not take a word that only starts like "jurisdictions" for it', () => {
    expect(readMetadata(pageOf('ICE issued 3,196 detainers nationwide. Ten justifications exist for the 120 requests.')).top_ten_issued).toBeNull();
  });

  it('does not take the national total for it', () => {
    expect(readMetadata(pageOf('ICE issued 2,454 detainers throughout the United States to the top ten jurisdictions and others.')).top_ten_issued).toBeNull();
  });
});

describe('the reporting period', () => {
  it('reads a comma OCR read as a semicolon or a point', () => {
    for (const line of ['For Recorded Declined Detainers July 8, 2017 - July 14; 2017', 'For Recorded Declined Detainers July 8. 2017 - July 14, 2017']) {
      const meta = readMetadata(pageOf(line));
      expect([meta.period_start, meta.period_end], line).toEqual(['2017-07-08', '2017-07-14']);
    }
  });

  it('reads a dash OCR read as "~~" and, when nothing parses as printed, a month one letter off, saying so (fresh seed 2050416739, 200 DPI: the report was refused)', () => {
    const meta = readMetadata(pageOf('Weekly Declined Detainer Outcome Report', 'For Recorded Declined Detainers December 16, 2017 ~~ Depember 22, 2017'));
    expect([meta.period_start, meta.period_end]).toEqual(['2017-12-16', '2017-12-22']);
    expect(meta.period_respelled).toContain('December 16, 2017 ~~ Depember 22, 2017');
    // A line that parses as printed wins over an earlier one that needs respelling; June is too short to respell.
    const printed = readMetadata(pageOf('Between Decembre 1, 2017 and Decembre 8, 2017', 'For Recorded Declined Detainers December 2 - December 8, 2017'));
    expect([printed.period_start, printed.period_respelled]).toEqual(['2017-12-02', null]);
    expect(readMetadata(pageOf('For Recorded Declined Detainers Jane 2 - Jane 8, 2017')).period_start).toBeNull();
  });
});

describe('the reporting period with specks glued to its months', () => {
  it('is read (fresh seed 3120427762, an OCRmyPDF sandwich: the report was refused)', () => {
    const meta = readMetadata(pageOf('Weekly Declined Detainer Outcome Report', 'For Recorded Declined Detainers .July 29 - ‘Aug. 4, 2017'));
    expect([meta.period_start, meta.period_end]).toEqual(['2017-07-29', '2017-08-04']);
  });
});

describe('section headings end a table', () => {
  const ends = (line: string) => DDOR_STOP_PATTERNS.some((re) => re.test(line));
  it('with the numeral read as l, 1 or |, or run into the word and garbled by OCR', () => {
    for (const line of ['SECTION III: Jurisdictions with Policies Limiting Cooperation with ICE', 'Section Ill: Table', 'SECTIONAL: Jurisdictions with Policies Limiting Cooperation', '‘SECTION |I: Recorded', 'Section HI: Jurisdictions with Policies Limiting Cooperation with ICE']) {
      expect(ends(line), line).toBe(true);
    }
    expect(sectionNumber('Section Ill: Table')).toBe(3);
    expect(sectionNumber('SECTIONAL: Jurisdictions')).toBeNull();
    // "III" read as "HI" (fresh seed 3280610874): the Section II table ran on through the heading
    // and Section III's header, and Section III was not found.
    expect(sectionNumber('Section HI: Jurisdictions')).toBeNull();
  });

  it('with the numeral and a word of the title garbled (fresh seed 822832123, 150 DPI: Section I ran on over Section II)', () => {
    for (const line of ['Section IF - Toitadictions with Recorded Declined Detainers between July 8', 'Sectian ll: Jurisdictlons with Recorded Declined Detainers', 'SECTI0N IV: Report Scope and Data Fidelity', 'Sectlon III: Jurisdictions that have enacted policies']) {
      expect(ends(line), line).toBe(true);
    }
  });

  it('with an em dash after the numeral, and by the scope title\'s other wording (fresh seed 428834272: Section III\'s last row took Section IV\'s title and text)', () => {
    for (const line of ['Section IV —- Scope of the Report and Data Fidelity', 'Sectlon 1V Scope of the Report and Data Fidelity']) {
      expect(ends(line), line).toBe(true);
    }
    expect(sectionNumber('Section IV — Scope')).toBe(4);
  });

  it('not a row or prose that mentions a section', () => {
    for (const line of ['Sections of the report follow', 'Section A.R.S. 11-1051 requires', 'Section to - be', 'Sectional Facility: 2/1/2017']) {
      expect(ends(line), line).toBe(false);
    }
  });
});

describe('the national total', () => {
  it('reads each edition\'s wording, the top-ten sentence after it not taken for it', () => {
    for (const [sentence, issued, top] of [
      ['During the week of May 1, 2017, ICE issued 3,083 detainers throughout the United States. The top ten jurisdictions listed below were issued a total of 437 detainers during this period.', 3083, 437],
      ['During this period ICE issued a total of 2,454 detainers throughout the United States. The ten jurisdictions below received 574 detainers.', 2454, 574],
      ['ICE issued 1,200 detainers nationwide between May 1 and May 7, 2017, of which 300 were issued to the top 10 jurisdictions listed below.', 1200, 300],
      // "issued" garbled by OCR in the national sentence: the top ten's "were issued a total of"
      // is not taken for the national total (fresh seed 428834262, 200 DPI: 640 and 20).
      ['During the week of May 20, 2017, through May 26, 2017, ICE isstied 2603 detainers throughout the United State\'s. The top ten jurisdictions listed below, which have enacted policies that limit cooperation with ICE, were issued a total of 640 detainers during.this period', 2603, 640],
      ['ICE lssued 2603 detainers throughout the United States. The top ten jurisdictions listed below were issued a total of 640 detainers.', 2603, 640],
    ] as const) {
      const meta = readMetadata(pageOf(sentence));
      expect([meta.detainers_issued, meta.top_ten_issued], sentence).toEqual([issued, top]);
    }
  });
});

describe('counts with the thousands comma read as a point', () => {
  it('are whole counts, so the top-ten total is still told from the national one', () => {
    const meta = readMetadata(pageOf('Between November 11, 2017 and November 17, 2017, ICE issued 3.196 detainers throughout the United States (376 to these 10 jurisdictions).'));
    expect([meta.detainers_issued, meta.top_ten_issued]).toEqual([3196, 376]);
    // A comma OCR misplaced leaves the count whole, not its tail.
    expect(readMetadata(pageOf('ICE issued 4,200 detainers nationwide. The top ten jurisdictions received 31,96 detainers.')).top_ten_issued).toBe(3196);
  });
});

describe('the stated count of declined detainers', () => {
  it('is a number or not read, never a comma before the words (fresh seed 286531539: "the report states NaN")', () => {
    expect(readMetadata(pageOf('ICE recorded 37 declined detainers during this period.')).declined_stated).toBe(37);
    expect(readMetadata(pageOf('These records may change as records are updated, Declined detainers are reported by the agencies.')).declined_stated).toBeNull();
  });
});
