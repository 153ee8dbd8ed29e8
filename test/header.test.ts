import { describe, expect, it } from 'vitest';
import { repeatsHeader } from '../src/table/header.ts';
import { DEFAULT_EXTRACTION_SETTINGS } from '../src/table/settings.ts';
import { SECTION_I_LAYOUT, SECTION_II_LAYOUT } from '../pipelines/ddor/layout.ts';

const cells = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([field, text]) => [field, { text }]));

describe('a repeated header read as a body row', () => {
  it('is known by cells that name their own columns, with OCR misspellings', () => {
    const header = cells({ state: 'State', county: 'County', facility: 'Facility', citizenship: 'Citizenshlp', detainer_issued: 'Detainer Issued', detainer_declined: '|Detainer Declined', activity: 'Notable Criminal Activity' });
    expect(repeatsHeader(header, SECTION_II_LAYOUT, true, DEFAULT_EXTRACTION_SETTINGS)).toBe(true);
    // The band matcher merged two header cells: the rest still name their columns.
    const merged = cells({ state: 'State', county: 'County', facility: 'Facility', citizenship: 'Citizenship Detainer Issued', detainer_declined: 'Detainer Declined', activity: 'Notable Criminal Activity' });
    expect(repeatsHeader(merged, SECTION_II_LAYOUT, true, DEFAULT_EXTRACTION_SETTINGS)).toBe(true);
  });

  it('is not a data row, nor a row with one header-like word', () => {
    const data = cells({ state: 'TX', county: 'Travis County', facility: 'Travis County Jail', citizenship: 'Mexico', detainer_issued: '2/1/2017', detainer_declined: '2/3/2017', activity: 'Burglary' });
    expect(repeatsHeader(data, SECTION_II_LAYOUT, true, DEFAULT_EXTRACTION_SETTINGS)).toBe(false);
    const oneWord = cells({ county_state: 'Travis, Texas', issued_detainers: 'Issued' });
    expect(repeatsHeader(oneWord, SECTION_I_LAYOUT, false, DEFAULT_EXTRACTION_SETTINGS)).toBe(false);
    // Spelling slack is for OCR only.
    const typed = cells({ state: 'State', county: 'Countie', facility: 'Facilty', citizenship: 'Citizenshlp', detainer_issued: 'Detainer Isued', detainer_declined: 'Detainer Declned', activity: 'Notable Criminal Activty' });
    expect(repeatsHeader(typed, SECTION_II_LAYOUT, false, DEFAULT_EXTRACTION_SETTINGS)).toBe(false);
  });
});
