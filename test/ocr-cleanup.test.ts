import { describe, expect, it } from 'vitest';
import { joinCellLines, type ExtractedRow } from '../src/table/extract.ts';
import { cleanOcrRow, confusableKey, fixNameWords, repairDate, stripNoise } from '../pipelines/ddor/ocr-cleanup.ts';
import { restoreLigatures } from '../src/text/ligatures.ts';
import { misreadLetters } from '../src/text/english-words.ts';
import { assembleReport } from '../pipelines/ddor/assemble.ts';

/** An OCR'd row with the given cell texts (boxes and words do not matter to the cleanup). */
function row(cells: Record<string, string | string[]>): ExtractedRow {
  return {
    index: 1, page: 1, source: 'ocr', boxes: [], columns: {},
    cells: Object.fromEntries(Object.entries(cells).map(([field, value]) => {
      const lines = Array.isArray(value) ? value : [value];
      return [field, { lines, text: joinCellLines(lines), boxes: [], confidence: 0.5, words: [] }];
    })),
  };
}

const travis = { state: 'TX', county: 'Travis County', facility: 'Travis County Jail', citizenship: 'Mexico', detainer_issued: '2/1/2017', detainer_declined: '2/3/2017', activity: 'Charged: Burglary' };

describe('OCR cleanup', () => {
  it.each([
    ['21712017', '2/7/2017'], ['2/112017', '2/11/2017'], ['2/1l/2017', '2/11/2017'], ['12/12/2012-', '12/12/2012'], ['2117/2017', '2/17/2017'],
    // Slashes lost at 150-200 DPI: the first lost and the second read as a 7; both lost.
    ['42572017', '4/25/2017'], ['4292017', '4/29/2017'], ['522017', '5/2/2017'],
    // Both read as 7s; a slash read as another mark (fresh seed 257108937, 150 DPI).
    ['1071572017', '10/15/2017'], ['10:20/2017', '10/20/2017'], ['10/17°2017', '10/17/2017'], ['10720:2017', '10/20/2017'],
  ])('repairs the date %s as %s', (raw, fixed) => expect(repairDate(raw)).toBe(fixed));

  it('leaves what no single repair makes a date', () => {
    expect(repairDate('APRIL')).toBeNull();
    expect(repairDate('11112017')).toBeNull(); // 1/1/12017? 11/1/2017? 1/11/2017? — ambiguous, flagged instead
    expect(repairDate('3/2017')).toBeNull(); // a slash read is no lost one: not 3/1/2017
    expect(repairDate('1212017')).toBeNull(); // 1/21/2017 or 12/1/2017 (both slashes lost), or 1/2/2017
    expect(repairDate('10/10/20 c 8)')).toBeNull(); // a letter between the digits is a speck as likely as a slash
  });

  it('strips specks but keeps the dash of an offence', () => {
    expect(stripNoise('| CA')).toBe('CA');
    expect(stripNoise('Assault - Domestic.')).toBe('Assault - Domestic');
    expect(stripNoise('"Mexico *')).toBe('Mexico');
    // A speck read as an opening quote before a word inside the value; a quoted name keeps its quotes.
    expect(stripNoise('Fremont ‘County, Iowa')).toBe('Fremont County, Iowa');
    expect(stripNoise('The “TRUST Act” Ordinance')).toBe('The “TRUST Act” Ordinance');
  });

  it('sets aside a speck read as a letter or two beside a state or a country (fresh seed 3280610877)', () => {
    const cleaned = (cells: Partial<typeof travis>) => {
      const rows = [row(travis), row({ ...travis, ...cells })];
      return Object.fromEntries(cleanOcrRow('declined_detainers', rows, rows[1]!).map((c) => [c.field, c.corrected]));
    };
    expect(cleaned({ citizenship: 'Mexico CY' }).citizenship).toBe('Mexico');
    expect(cleaned({ citizenship: 'LJ Mexico' }).citizenship).toBe('Mexico');
    expect(cleaned({ state: 'TX Ll' }).state).toBe('TX');
    // A longer word is no speck, and a name the list knows whole stays as it is.
    expect(cleaned({ citizenship: 'Mexico Cty' }).citizenship).not.toBe('Mexico');
    expect(cleaned({ citizenship: 'El Salvador' }).citizenship).toBeUndefined();
  });

  it('folds the classic OCR confusions together', () => {
    expect(confusableKey('lowa')).toBe(confusableKey('Iowa'));
    expect(confusableKey('Dofia Ana')).toBe(confusableKey('Doña Ana'));
    expect(confusableKey('Iowa')).not.toBe(confusableKey('Ohio'));
    expect(confusableKey('Cotinty')).toBe(confusableKey('County'));
  });

  it('corrects against reference lists and records raw beside cleaned, never silently', () => {
    const rows = [row(travis), row(travis), row({ ...travis, state: '', county: 'Travis County', citizenship: 'Mexlco', detainer_declined: '21712017', activity: 'Conyicted Burglary' })];
    const corrections = cleanOcrRow('declined_detainers', rows, rows[2]!);
    const byField = Object.fromEntries(corrections.map((c) => [c.field, c]));
    expect(byField.state).toMatchObject({ raw: '', corrected: 'TX' });
    expect(byField.citizenship).toMatchObject({ raw: 'Mexlco', corrected: 'Mexico' });
    expect(byField.detainer_declined).toMatchObject({ raw: '21712017', corrected: '2/7/2017' });
    expect(byField.activity!.corrected).toBe('Convicted: Burglary');
    for (const c of corrections) expect(c.confidence).toBeLessThan(0.8);
  });

  it('doubts a real state that has no county like the row\'s, and corrects it from the other rows', () => {
    const denver = { ...travis, state: 'CO', county: 'Denver County', facility: 'Denver County Jail' };
    // "CO" read as "CA": both are states, but California has no Denver County.
    const alone = row({ ...denver, state: 'CA' });
    expect(cleanOcrRow('declined_detainers', [alone], alone).find((c) => c.field === 'state')).toMatchObject({ raw: 'CA', corrected: 'CA' });
    const rows = [row(denver), row(denver), alone];
    expect(cleanOcrRow('declined_detainers', rows, alone).find((c) => c.field === 'state')).toMatchObject({ raw: 'CA', corrected: 'CO' });
    // A state that has the county is left alone, whatever the other rows print beside it.
    const orange = row({ ...denver, county: 'Orange County', state: 'CA' });
    expect(cleanOcrRow('declined_detainers', [row({ ...denver, county: 'Orange County', state: 'FL' }), orange], orange).find((c) => c.field === 'state')).toBeUndefined();
  });

  it('restores a state code OCR read a letter of, from the one state with the county a letter from it (fresh seed 257108917)', () => {
    const state = (code: string, county: string) => {
      const misread = row({ ...travis, state: code, county, facility: `${county} Jail` });
      return cleanOcrRow('declined_detainers', [misread], misread).find((c) => c.field === 'state')?.corrected;
    };
    expect([state('L', 'Cook'), state('Cc', 'Richmond'), state('J', 'Union')]).toEqual(['IL', 'NC', 'NJ']);
    // Washington County is in AL, AR and 28 more states: "A" is a letter from several of them.
    expect(state('A', 'Washington')).toBeUndefined();
  });

  it('corrects a country the list does not know even where OCR misread it alike on several rows (fresh seed 822832129)', () => {
    const rows = [row({ ...travis, citizenship: 'Mexigo' }), row({ ...travis, citizenship: 'Mexigo' }), row(travis)];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'citizenship')).toMatchObject({ raw: 'Mexigo', corrected: 'Mexico' });
  });

  it('reads a county whose serif I OCR read as a T as the county it then is (fresh seed 822832135, 300 DPI)', () => {
    const place = (text: string) => {
      const misread = row({ county_state: text, issued_detainers: '12' });
      return cleanOcrRow('top_jurisdictions', [misread], misread).find((c) => c.field === 'county_state')?.corrected;
    };
    expect(place('Towa, Iowa')).toBe('Iowa, Iowa');
    expect(place('Taylor, Iowa')).toBeUndefined();
  });

  it('reads a short low word starting a criteria line as the bullet OCR read as letters (fresh seed 756620700, 300 DPI, monospace)', () => {
    const w = (text: string, x0: number, y0: number, height = 6.5) => ({ text, x0, x1: x0 + 5 * text.length, y0, y1: y0 + height, size: 8, confidence: 0.8, source: 'ocr' as const });
    const lines = ['LJ Will not honor detainers', 'LJ Will not hold individuals', 'a judicial warrant'];
    const words = [w('LJ', 371, 100, 3.1), w('Will', 382, 100), w('not', 414, 100), w('honor', 439, 100), w('detainers', 477, 100),
      w('LJ', 371, 110, 3.1), w('Will', 382, 110), w('not', 414, 110), w('hold', 439, 110), w('individuals', 471, 110),
      w('a', 371, 120, 3.5), w('judicial', 382, 120), w('warrant', 430, 120)];
    const policy = row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'May 2017', policy: 'Sheriff Memorandum', criteria: lines });
    policy.cells.criteria = { ...policy.cells.criteria!, words };
    // "a", as low as a bullet, is an English word: it starts a wrapped line of prose.
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'criteria')?.corrected).toBe('• Will not honor detainers • Will not hold individuals a judicial warrant');
  });

  it('reads a bullet OCR read as letters a little over half the line\'s height as a bullet, and capitals as letters (fresh seed 848391230, 300 DPI, silent)', () => {
    const w = (text: string, x0: number, y0: number, height = 5.5) => ({ text, x0, x1: x0 + 5 * text.length, y0, y1: y0 + height, size: 8, confidence: 0.8, source: 'ocr' as const });
    const criteria = (first: string, height: number) => {
      const policy = row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'May 2017', policy: 'Sheriff Memorandum', criteria: [`${first} Will only honor a detainer`] });
      policy.cells.criteria = { ...policy.cells.criteria!, words: [w(first, 371, 100, height), w('Will', 382, 100), w('only', 404, 100, 6.7), w('honor', 430, 100), w('a', 460, 100, 3.5), w('detainer', 470, 100)] };
      return cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'criteria')?.corrected;
    };
    expect(criteria('LJ', 3.1)).toBe('• Will only honor a detainer');
    // Capitals stand nearly as tall as the line's words: a term of the text's own, for review.
    expect(String(criteria('DA', 5.2))).not.toContain('•');
  });

  it('reads a lone small letter between offence words as the dash other rows print there (fresh seed 756620697, 300 DPI)', () => {
    const rows = [row({ ...travis, activity: 'Convicted: Assault a Domestic' }), row({ ...travis, activity: 'Convicted: Assault - Domestic' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Assault - Domestic' });
  });

  it('takes a full stop between a word and "a" for the speck it is (fresh seed 1056232326, 150 DPI, silent)', () => {
    const policy = row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'May 2017', policy: 'Sheriff Memorandum', criteria: 'Will only honor a detainer if the subject has.a final order' });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'criteria')?.corrected).toBe('Will only honor a detainer if the subject has a final order');
  });

  it('drops a comma ending a criteria item, where prose items end on a word (fresh seed 1056232348, 200 DPI, silent)', () => {
    const policy = row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'May 2017', policy: 'Sheriff Memorandum', criteria: ['• Willing to accept requests accompanied by a judicial warrant,', '• Will not honor detainers, or hold individuals,'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'criteria')?.corrected).toBe('• Willing to accept requests accompanied by a judicial warrant • Will not honor detainers, or hold individuals');
  });

  it('fixes a misread state and county through the Census lists', () => {
    const misread = row({ ...travis, county: 'Dofia Ana County', state: 'NM', facility: 'Dofia Ana County Detention Center' });
    const fields = Object.fromEntries(cleanOcrRow('declined_detainers', [misread], misread).map((c) => [c.field, c.corrected]));
    expect(fields.county).toBe('Doña Ana County');
    expect(fields.facility).toBe('Doña Ana County Detention Center');
    // The ñ read as two strokes, its tilde as an i's dot, and "County" lost (fresh seed 428834241, 300 DPI).
    const strokes = row({ ...travis, county: 'Doiia Ana', state: 'NM', facility: 'Doiia Ana County Detention Center' });
    const fixed = Object.fromEntries(cleanOcrRow('declined_detainers', [strokes], strokes).map((c) => [c.field, c.corrected]));
    expect([fixed.county, fixed.facility]).toEqual(['Doña Ana', 'Doña Ana County Detention Center']);
    // ... or three (fresh seed 506788240).
    const three = row({ ...travis, county: 'Doiila Ana County', state: 'NM', facility: 'Doña Ana County Detention Center' });
    expect(cleanOcrRow('declined_detainers', [three], three).find((c) => c.field === 'county')?.corrected).toBe('Doña Ana County');
    // An offence misread before a status suffix is corrected in place, the suffix kept.
    const suffixed = row({ ...travis, activity: 'lllegal Re-Entry (Convicted)' });
    expect(cleanOcrRow('declined_detainers', [suffixed], suffixed).find((c) => c.field === 'activity')?.corrected).toBe('Illegal Re-Entry (Convicted)');
    // A dash OCR lost where the report prints the same words with it on other rows, even when
    // two rows lost it alike.
    const domestic = (activity: string) => row({ ...travis, activity });
    const reported = [domestic('Convicted: Assault - Domestic'), domestic('Convicted: Assault - Domestic'), domestic('Convicted: Assault Domestic'), domestic('Convicted: Assault Domestic')];
    expect(cleanOcrRow('declined_detainers', reported, reported[2]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Assault - Domestic' });
    expect(cleanOcrRow('declined_detainers', reported, reported[0]!).find((c) => c.field === 'activity')).toBeUndefined();
    // A capital I read as a small one, alike on every row: the offence table prints the word
    // capitalised. A word it prints in lower case ("of") stays as read.
    const influence = [domestic('Convicted: Driving Under influence Liquor'), domestic('Convicted: Driving Under influence Liquor'), domestic('Charged: Smuggling of Persons')];
    expect(cleanOcrRow('declined_detainers', influence, influence[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Driving Under Influence Liquor' });
    expect(cleanOcrRow('declined_detainers', influence, influence[2]!).find((c) => c.field === 'activity')).toBeUndefined();
    // A word the table lacks, in lower case where a part after a spaced dash starts: a capital too.
    const impersonating = [domestic('Fraud - impersonating (Convicted)'), domestic('Fraud - impersonating (Convicted)')];
    expect(cleanOcrRow('declined_detainers', impersonating, impersonating[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Fraud - Impersonating (Convicted)', confidence: 0.7 });
    // A hyphen read as a long dash, spaced or inside a word.
    const longDashes = domestic('Convicted: Aggravated Assault — Family — Strong—-Arm');
    expect(cleanOcrRow('declined_detainers', [longDashes], longDashes).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Aggravated Assault - Family - Strong-Arm' });
    // ... where every other row reads it long too, and where the long one stands beside a hyphen.
    const alike = [domestic('Charged: Assault — Domestic'), domestic('Charged: Assault — Domestic'), domestic('Charged: Burglary —- Forced Entry - Residence')];
    expect(cleanOcrRow('declined_detainers', alike, alike[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Charged: Assault - Domestic' });
    expect(cleanOcrRow('declined_detainers', alike, alike[2]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Charged: Burglary - Forced Entry - Residence' });
    // A dash OCR lost at 150 DPI, alike on every row, leaves a gap three spaces wide where it was:
    // put back, to review. Words at the table's usual gap get none.
    const spaced = (offense: string, gaps: number[]) => {
      const activity = row({ ...travis, activity: offense });
      let x = 600;
      activity.cells.activity!.words = offense.split(' ').map((text, i) => {
        const word = { text, x0: x, x1: x + 6 * text.length, y0: 100, y1: 109, size: 9, confidence: 0.95, source: 'ocr' as const };
        x = word.x1 + (gaps[i] ?? 0);
        return word;
      });
      return activity;
    };
    const usual = [spaced('Dangerous Drugs', [6]), spaced('Driving Under Influence Liquor', [6, 6, 6]), spaced('Traffic Offense', [6]), spaced('Weapon Offense', [6]), spaced('Smuggling Aliens', [6])];
    const gapped = [spaced('Marijuana Possess', [17]), spaced('Marijuana Possess', [17]), ...usual];
    expect(cleanOcrRow('declined_detainers', gapped, gapped[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Marijuana - Possess', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', gapped, gapped[3]!).find((c) => c.field === 'activity')).toBeUndefined();
    // Too few pairs of words to know the usual gap: nothing is put back.
    const few = [spaced('Marijuana Possess', [17]), spaced('Dangerous Drugs', [6])];
    expect(cleanOcrRow('declined_detainers', few, few[0]!).find((c) => c.field === 'activity')).toBeUndefined();
    // A city named after its state, its capital I read as l alike on every row.
    const iowaCity = [row({ ...travis, state: 'IA', county: 'Johnson County', facility: 'Johnson County Jail', city: 'lowa City' }), row({ ...travis, state: 'IA', county: 'Johnson County', facility: 'Johnson County Jail', city: 'lowa City' })];
    expect(cleanOcrRow('declined_detainers', iowaCity, iowaCity[0]!).find((c) => c.field === 'city')).toMatchObject({ corrected: 'Iowa City', confidence: 0.7 });
    // ... or its serif I read as T (fresh seed 28454377, silent).
    const serifI = row({ ...travis, state: 'IA', county: 'Johnson County', facility: 'Johnson County Jail', city: 'Towa City' });
    expect(cleanOcrRow('declined_detainers', [serifI], serifI).find((c) => c.field === 'city')).toMatchObject({ corrected: 'Iowa City', confidence: 0.7 });
    const coralville = row({ ...travis, state: 'IA', county: 'Johnson County', facility: 'Johnson County Jail', city: 'Coralville' });
    expect(cleanOcrRow('declined_detainers', [coralville], coralville).find((c) => c.field === 'city')).toBeUndefined();
    // A city misread on one row of several that print it (fresh seed 2009010869, silent).
    const charlotte = (city: string) => row({ ...travis, state: 'NC', county: 'Mecklenburg County', facility: 'Mecklenburg County Jail', city });
    const charlottes = [charlotte('Chatlotte'), charlotte('Charlotte'), charlotte('Charlotte'), charlotte('Charlotte')];
    expect(cleanOcrRow('declined_detainers', charlottes, charlottes[0]!).find((c) => c.field === 'city')).toMatchObject({ corrected: 'Charlotte' });
    // A city a letter from a county's name, printed once, goes to review as read (fresh seed
    // 159818192, 150 DPI, silent); one the report prints on other rows is its name ("Chicago", a
    // letter from Chisago County).
    const plymouth = (city: string) => row({ ...travis, state: 'MN', county: 'Hennepin County', facility: 'Hennepin County Adult Corrections Facility', city });
    const plymauth = plymouth('Plymauth');
    expect(cleanOcrRow('declined_detainers', [plymauth], plymauth).find((c) => c.field === 'city')).toMatchObject({ corrected: 'Plymauth', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', [plymouth('Plymouth')], plymouth('Plymouth')).find((c) => c.field === 'city')).toBeUndefined();
    const chicago = (n: number) => Array.from({ length: n }, () => row({ ...travis, state: 'IL', county: 'Cook County', facility: 'Cook County Jail', city: 'Chicago' }));
    expect(cleanOcrRow('declined_detainers', chicago(2), chicago(2)[0]!).find((c) => c.field === 'city')).toBeUndefined();
    expect(cleanOcrRow('declined_detainers', chicago(1), chicago(1)[0]!).find((c) => c.field === 'city')).toMatchObject({ corrected: 'Chicago', confidence: 0.7 });
    // A letter misread alike on every row that prints the offence: word by word against the offence table.
    const liguor = [domestic('Convicted: Driving Under Influence Liguor'), domestic('Convicted: Driving Under Influence Liguor')];
    expect(cleanOcrRow('declined_detainers', liguor, liguor[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Driving Under Influence Liquor', confidence: 0.7 });
    // "ri" read for "n": two edits, more than a word may take, but one of OCR's classic confusions.
    const urider = [domestic('Convicted: Driving Urider Influence Drugs'), domestic('Convicted: Driving Urider Influence Drugs')];
    expect(cleanOcrRow('declined_detainers', urider, urider[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Driving Under Influence Drugs', confidence: 0.7 });
    // A misread status suffix, specks after it.
    for (const [activity, fixed] of [['Cocaine - Sell (Chatged)', 'Cocaine - Sell (Charged)'], ['Forgery (Convieted) sts', 'Forgery (Convicted)']]) {
      const misreadSuffix = row({ ...travis, activity: activity! });
      expect(cleanOcrRow('declined_detainers', [misreadSuffix], misreadSuffix).find((c) => c.field === 'activity')).toMatchObject({ corrected: fixed, confidence: expect.any(Number) });
    }
    // An accent OCR dropped alike on every row, so the report's own spellings repeat it: the
    // county's Census spelling restores it in the county and the facility named after it.
    const unaccented = [1, 2, 3].map(() => row({ ...travis, state: 'NM', county: 'Dona Ana', facility: 'Dona Ana County Detention Center' }));
    const restored = Object.fromEntries(cleanOcrRow('declined_detainers', unaccented, unaccented[0]!).map((c) => [c.field, c]));
    expect(restored.county).toMatchObject({ corrected: 'Doña Ana', confidence: expect.any(Number) });
    expect(restored.facility).toMatchObject({ corrected: 'Doña Ana County Detention Center' });
    // A county OCR misread past any Census name is not copied into the facility read right.
    const misreadCounty = row({ ...travis, state: 'CO', county: 'cnver', facility: 'Denver Downtown Detention Center' });
    expect(cleanOcrRow('declined_detainers', [misreadCounty], misreadCounty).find((c) => c.field === 'facility')).toBeUndefined();
    const towa = row({ ...travis, state: 'Towa', county: 'Johnson', facility: 'Johnson County Jail' });
    expect(cleanOcrRow('declined_detainers', [towa], towa).find((c) => c.field === 'state')?.corrected).toBe('Iowa');
    const digitInCode = row({ ...travis, state: '1A', county: 'Johnson', facility: 'Johnson County Jail' });
    expect(cleanOcrRow('declined_detainers', [digitInCode], digitInCode).find((c) => c.field === 'state')?.corrected).toBe('IA');
    const sectionI = row({ county_state: 'Los Angeles, Cdlifornia', issued_detainers: '98' });
    expect(cleanOcrRow('top_jurisdictions', [sectionI], sectionI)[0]!.corrected).toBe('Los Angeles, California');
    // A count is never signed: a speck before it read as a sign.
    for (const count of ['-145', '+62', '— 1,045']) {
      const signed = row({ county_state: 'Hays, Texas', issued_detainers: count });
      expect(cleanOcrRow('top_jurisdictions', [signed], signed)).toMatchObject([{ field: 'issued_detainers', corrected: count.replace(/^\D+/, ''), confidence: 0.7 }]);
    }
    const sectionIII = row({ jurisdiction: 'lowa City, Johnson County, lowa (Saint Paul)', date_enacted: 'January 2017', policy: 'Resolution', criteria: ['« Willing to accept', 'requests'] });
    const policy = Object.fromEntries(cleanOcrRow('policy_jurisdictions', [sectionIII], sectionIII).map((c) => [c.field, c.corrected]));
    expect(policy.jurisdiction).toBe('Iowa City, Johnson County, Iowa (Saint Paul)');
    expect(policy.criteria).toBe('• Willing to accept requests');
    // ... or as "<" (fresh seed 264084268, 200 DPI).
    const angled = row({ jurisdiction: 'Newark, New Jersey (Newark)', date_enacted: 'April 2015', policy: 'Ordinance', criteria: ['< Will not honor detainers', '< Willing to accept requests'] });
    expect(cleanOcrRow('policy_jurisdictions', [angled], angled).find((c) => c.field === 'criteria')?.corrected).toBe('• Will not honor detainers • Willing to accept requests');
  });

  it('doubts a hyphen ending a wrapped line of a facility, and takes the spacing another row prints', () => {
    const wrapped = row({ ...travis, state: 'WA', county: 'King', facility: ['Maleng-', 'Regional Justice Center'] });
    const facility = (rows: ExtractedRow[]) => cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility');
    expect(facility([wrapped])).toMatchObject({ raw: 'Maleng-Regional Justice Center', corrected: 'Maleng-Regional Justice Center', confidence: expect.any(Number) });
    expect(facility([wrapped, row({ ...travis, state: 'WA', county: 'King', facility: ['Maleng Regional', 'Justice Center'] })])).toMatchObject({ corrected: 'Maleng Regional Justice Center' });
    // The name's own hyphen, which another row prints too, or a hyphen inside a line, is no doubt.
    expect(facility([wrapped, row({ ...travis, state: 'WA', county: 'King', facility: 'Maleng-Regional Justice Center' })])).toBeUndefined();
    expect(facility([row({ ...travis, state: 'FL', county: 'Miami-Dade', facility: ['Miami-Dade Pre-Trial', 'Detention Center'] })])).toBeUndefined();
  });

  it('doubts a facility named as its county alone, which may have lost the word saying what it is (fresh seed 2009010873)', () => {
    const facility = (name: string) => {
      const rows = [row({ ...travis, state: 'PA', county: 'Chester County', facility: name })];
      return cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility');
    };
    expect(facility('Chester County')).toMatchObject({ raw: 'Chester County', corrected: 'Chester County', confidence: expect.any(Number) });
    expect(facility('Chester County Prison')).toBeUndefined();
  });

  it('doubts a wrapped offence that goes on past a whole description without a dash', () => {
    const activity = (lines: string[]) => {
      const rows = [row({ ...travis, activity: lines })];
      return cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity');
    };
    expect(activity(['Convicted: Aggravated Assault', 'Family - Strong-Arm'])).toMatchObject({ corrected: 'Convicted: Aggravated Assault Family - Strong-Arm', confidence: expect.any(Number) });
    expect(activity(['Convicted: Aggravated Assault -', 'Family - Strong-Arm'])).toBeUndefined();
    expect(activity(['Aggravated Assault', '- Family - Strong-Arm (Convicted)'])).toBeUndefined();
    expect(activity(['Convicted: Aggravated', 'Assault'])).toBeUndefined();
  });

  it('puts back the letters of a ligature OCR read as one, where only that makes an English word', () => {
    expect(restoreLigatures("Resolution Afirming Community Trust, Sheriff's Ofice, OFICE")).toBe("Resolution Affirming Community Trust, Sheriff's Office, OFFICE");
    // Words of the list, names no ligature explains, and words two ways could mend stay as read.
    expect(restoreLigatures('Stafford Maleng Sufolk notification')).toBe('Stafford Maleng Sufolk notification');
    // Alike on every row of a Chromium print's scan (fresh seed 357622721), so only the word list can tell.
    const policies = [1, 2].map(() => row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'January 2017', policy: 'Resolution Afirming Community Trust', criteria: 'Will not allow ICE oficers access to the jail' }));
    const fixed = Object.fromEntries(cleanOcrRow('policy_jurisdictions', policies, policies[0]!).map((c) => [c.field, c.corrected]));
    expect(fixed).toMatchObject({ policy: 'Resolution Affirming Community Trust', criteria: 'Will not allow ICE officers access to the jail' });
  });

  it('mends a lower-case word of a policy printed once that is a letter from one English word, and sends a capitalised one to review as read', () => {
    const policy = (jurisdiction: string, name: string, criteria = 'Will not honor detainers') => row({ jurisdiction, date_enacted: 'January 2017', policy: name, criteria });
    const rows = [policy('Travis County, Texas (San Antonio)', 'Detainer Policy Memorandum'), policy('Johnson County, Iowa (Saint Paul)', 'Jail Palicy on ICE Detainers', 'Will not honor detainers without a judicial wargant')];
    const fixed = Object.fromEntries(cleanOcrRow('policy_jurisdictions', rows, rows[1]!).map((c) => [c.field, c]));
    expect(fixed.criteria).toMatchObject({ corrected: 'Will not honor detainers without a judicial warrant', confidence: 0.7 });
    // "Palicy" may be a name the word list lacks, as "Chicago" (a letter from "Chicano") is: kept, for review.
    expect(fixed.policy).toMatchObject({ raw: 'Jail Palicy on ICE Detainers', corrected: 'Jail Palicy on ICE Detainers', confidence: 0.7 });
    const chicago = [policy('Cook County, Illinois', 'Chicago Welcoming City Ordinance')];
    expect(cleanOcrRow('policy_jurisdictions', chicago, chicago[0]!).find((c) => c.field === 'policy')).toMatchObject({ corrected: 'Chicago Welcoming City Ordinance', confidence: 0.7 });
    // "Fresno" is a letter from "fresco", and "Lowndes" from "lownded": place names, not misread words.
    const places = [policy('Fresno County, California (San Francisco)', 'Fresno County Sheriff Policy'), policy('Lowndes County, Georgia (Atlanta)', 'Sheriff Policy for Lowndes and Fresno')];
    expect(cleanOcrRow('policy_jurisdictions', places, places[1]!)).toEqual([]);
    // A speck read as a symbol between two words of the name; an apostrophe read as "‘" stays.
    const specked = [policy('Travis County, Texas (San Antonio)', 'Board of*Supervisors Resolution'), policy('Travis County, Texas (San Antonio)', 'Sheriff‘s Office Policy')];
    expect(cleanOcrRow('policy_jurisdictions', specked, specked[0]!).find((c) => c.field === 'policy')).toMatchObject({ corrected: 'Board of Supervisors Resolution', confidence: 0.7 });
    expect(cleanOcrRow('policy_jurisdictions', specked, specked[1]!).find((c) => c.field === 'policy')).toBeUndefined();
    expect(misreadLetters('Jail Palicy', 5, () => false)).toEqual([{ word: 'Palicy', english: 'Policy' }]);
    // Short words have too many neighbours: "Jaul" stays.
    expect(misreadLetters('Jaul', 5, () => false)).toEqual([]);
  });

  it('reads a misread year as the nearest year the table\'s dates print (fresh seed 3072110416, 200 DPI)', () => {
    const rows = [row(travis), row({ ...travis, detainer_issued: '11/30/2016' }), row({ ...travis, detainer_issued: '2/10/2601 7', detainer_declined: '2/15/2817' })];
    const fixed = Object.fromEntries(cleanOcrRow('declined_detainers', rows, rows[2]!).map((c) => [c.field, [c.corrected, c.confidence]]));
    expect(fixed).toMatchObject({ detainer_issued: ['2/10/2017', 0.7], detainer_declined: ['2/15/2017', 0.7] });
    // A second look that agreed on the first line alone dropped the year's wrapped last digit
    // ("10/18/7201", as near 2016 as 2017): the page's first reading, "10/18/72017", still says
    // which (fresh seed 506788257, 300 DPI).
    const wrapped = [row(travis), row({ ...travis, detainer_issued: '11/30/2016' }), row({ ...travis, detainer_declined: '10/18/7201' })];
    wrapped[2]!.cells.detainer_declined!.firstReading = '10/18/72017';
    expect(cleanOcrRow('declined_detainers', wrapped, wrapped[2]!).find((c) => c.field === 'detainer_declined')).toMatchObject({ corrected: '10/18/2017', confidence: 0.7 });
    // No year near enough, or two as near: left for review as read.
    const far = [row(travis), row({ ...travis, detainer_issued: '2/10/9385' })];
    expect(cleanOcrRow('declined_detainers', far, far[1]!)).toEqual([]);
  });

  it('sends a policy name with a colon inside it to review as read (fresh seed 16616922, 200 DPI, silent)', () => {
    const policy = row({ jurisdiction: 'Tulare County, California', date_enacted: 'May 2015', policy: 'Board of Supervisors: Resolution', criteria: ['Will not honor detainers'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]).toMatchObject({ field: 'policy', corrected: 'Board of Supervisors: Resolution', confidence: 0.7 });
    const plain = row({ jurisdiction: 'Tulare County, California', date_enacted: 'May 2015', policy: 'Board of Supervisors Resolution', criteria: ['Will not honor detainers'] });
    expect(cleanOcrRow('policy_jurisdictions', [plain], plain)).toEqual([]);
  });

  it('drops a dash standing alone after an offence\'s last word, a speck (fresh seed 16616903, 150 DPI, silent)', () => {
    const rows = [row({ ...travis, activity: 'Charged: Larceny -' }), row({ ...travis, activity: 'Larceny - (Convicted)' }), row({ ...travis, activity: 'Charged: Assault - Domestic' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Charged: Larceny', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[1]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Larceny (Convicted)', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[2]!).find((c) => c.field === 'activity')).toBeUndefined();
  });

  it('sends a facility word a letter from one English word, no word itself nor printed in other names, to review as read (fresh seed 718313782, 200 DPI, silent)', () => {
    const miami = { ...travis, state: 'FL', county: 'Miami-Dade County' };
    const rows = [row({ ...miami, facility: 'Miami-Dade Turher Guilford Knight Correctional Center' }), row({ ...miami, facility: 'Miami-Dade Pretrial Detention Center' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Miami-Dade Turher Guilford Knight Correctional Center', confidence: 0.7 });
    // Printed so on another row, it is the report's name.
    const twice = [rows[0]!, row({ ...miami, facility: 'Turher Annex' })];
    expect(cleanOcrRow('declined_detainers', twice, twice[0]!).find((c) => c.field === 'facility')).toBeUndefined();
    expect(cleanOcrRow('declined_detainers', rows, rows[1]!)).toEqual([]);
  });

  it('sends a short facility word a letter from one facility word, and no word itself, to review as read (fresh seed 3072110418)', () => {
    const rows = [row({ ...travis, facility: 'Travis County Jajl' }), row({ ...travis, facility: 'Nassau County Correctional Center' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jajl', confidence: 0.7 });
    // ... even where other rows print it alike: OCR misread it the same way (fresh seed 2721330649, 300 DPI, silent).
    const added = [row({ ...travis, facility: 'Travis County Jalil' }), row({ ...travis, facility: 'Travis County Jalil' })];
    expect(cleanOcrRow('declined_detainers', added, added[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jalil', confidence: 0.7 });
    // An English word or a name of the report's places stays as read, unflagged.
    const named = [row({ ...travis, facility: 'Travis County Jail' }), row({ ...travis, facility: 'Ada County Jail' })];
    expect(cleanOcrRow('declined_detainers', named, named[0]!)).toEqual([]);
  });

  it('sends a short lower-case word of a facility that is no word to review as read (fresh seed 992905816, 150 DPI, silent)', () => {
    const house = (facility: string) => ({ ...travis, state: 'MA', county: 'Suffolk County', facility });
    const rows = [row(house('Suffolk County House df Correction')), row(house('Nashua Street Jail'))];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Suffolk County House df Correction', confidence: 0.7 });
    const right = [row(house('Suffolk County House of Correction')), row(house('Nashua Street Jail'))];
    expect(cleanOcrRow('declined_detainers', right, right[0]!).find((c) => c.field === 'facility')).toBeUndefined();
  });

  it('gives a facility word read in small letters its capital where names print it so, and sends it to review otherwise (fresh seed 5550022, a one-bit 300 DPI scan, silent)', () => {
    const rikers = (facility: string) => ({ ...travis, state: 'NY', county: 'Bronx County', facility });
    const rows = [row(rikers('Otis Bantum Correctional Center (Rikers island)')), row(rikers('Nashua Street Jail'))];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')?.corrected).toBe('Otis Bantum Correctional Center (Rikers Island)');
    const odd = [row(rikers('Otis Bantum Correctional Center (Rikers blorp)')), row(rikers('Nashua Street Jail'))];
    expect(cleanOcrRow('declined_detainers', odd, odd[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Otis Bantum Correctional Center (Rikers blorp)', confidence: 0.7 });
    // A capital lost: "aw" is a word, but no word of a name (fresh seed 506788239, 300 DPI, silent).
    const hays = [row(rikers('Hays County aw Enforcement Center')), row(rikers('Nashua Street Jail'))];
    expect(cleanOcrRow('declined_detainers', hays, hays[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Hays County aw Enforcement Center', confidence: 0.7 });
    // Function words stay small.
    const center = [row(rikers('Baltimore Central Booking and Intake Center')), row(rikers('Nashua Street Jail')), row(rikers('Suffolk County House of Correction'))];
    expect(cleanOcrRow('declined_detainers', center, center[0]!).find((c) => c.field === 'facility')).toBeUndefined();
    expect(cleanOcrRow('declined_detainers', center, center[2]!).find((c) => c.field === 'facility')).toBeUndefined();
  });

  it('sends an offence the offence table lists with more words after it, not after a dash, to review as read (fresh seed 28454353, silent)', () => {
    const rows = ['Convicted: Traffic', 'Charged: Burglary', 'Charged: Assault'].map((activity) => row({ ...travis, activity }));
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Traffic', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[2]!)).toEqual([]);
  });

  it('sends an offence with a word that is no English word nor offence word to review as read (fresh seed 257311816, silent)', () => {
    const rows = ['Convicted: Burglary - Forced Entry - Residehce', 'Charged: Burglary - Forced Entry - Residence', 'Charged: Assault - Domestic - Strong-Arm'].map((activity) => row({ ...travis, activity }));
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Burglary - Forced Entry - Residehce', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[1]!)).toEqual([]);
    expect(cleanOcrRow('declined_detainers', rows, rows[2]!)).toEqual([]);
  });

  it('drops a speck read as a hyphen after a facility word inside a line, or before one (fresh seeds 99297580, 848391212, silent)', () => {
    const rows = [row({ ...travis, facility: 'Travis County- Jail' }), row({ ...travis, facility: 'Miami-Dade Pre-Trial Detention Center' }), row({ ...travis, facility: 'Travis -County Jail' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jail', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[2]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jail', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[1]!).find((c) => c.field === 'facility')).toBeUndefined();
  });

  it('sends a facility with a parenthesis without its pair to review as read (fresh seed 3571926505, silent)', () => {
    const rows = [row({ ...travis, facility: 'Travis County Jail Centra)' }), row({ ...travis, facility: 'Otis Bantum Correctional Center (Rikers Island)' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jail Centra)', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[1]!).find((c) => c.field === 'facility')).toBeUndefined();
  });

  it('sends a facility to review when the state column beside it holds words of a facility name (fresh seed 239346112, silent)', () => {
    const cut = row({ ...travis, state: 'Detention', county: 'NY New York County', facility: 'Manhattan Complex' });
    expect(cleanOcrRow('declined_detainers', [cut], cut).find((c) => c.field === 'facility')).toMatchObject({ raw: 'Manhattan Complex', corrected: 'Manhattan Complex', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', [row(travis)], row(travis)).find((c) => c.field === 'facility')).toBeUndefined();
  });

  it('sends a facility with a dash alone between two words to review as read, unless other rows print it so (fresh seed 257108946, silent)', () => {
    const spaced = 'Travis County - Jail';
    const polk = { ...travis, county: 'Polk County', facility: 'Polk County Jail' };
    const rows = [row({ ...travis, facility: spaced }), row(polk), row(polk)];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ raw: spaced, corrected: spaced, confidence: 0.7 });
    // Rows printing the name without it correct it.
    const plain = [row({ ...travis, facility: spaced }), row(travis), row(travis)];
    expect(cleanOcrRow('declined_detainers', plain, plain[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jail' });
    const printed = [row({ ...travis, facility: spaced }), row({ ...travis, facility: spaced })];
    expect(cleanOcrRow('declined_detainers', printed, printed[0]!).find((c) => c.field === 'facility')).toBeUndefined();
  });

  it('sends an offence to review when another row prints its words with a dash and a speck (fresh seed 257108949, silent)', () => {
    const rows = [row({ ...travis, activity: 'Convicted: Assault Domestic' }), row({ ...travis, activity: 'Convicted: Assault - «Domestic' }), row({ ...travis, activity: 'Convicted: Burglary' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Assault Domestic', confidence: 0.7 });
  });

  it('mends a state\'s own jurisdiction, a long capitalised word of a policy, and a colon, full stop or asterisk glued to a word of the criteria (fresh seed 257108928)', () => {
    const misread = row({ jurisdiction: 'State of Orédgon (Seattle)', date_enacted: 'May 2017', policy: 'Board of Commiseioners Resolution', criteria: 'Will not honor :detainers without .a court order for individuals *with convictions' });
    const fields = Object.fromEntries(cleanOcrRow('policy_jurisdictions', [misread], misread).map((c) => [c.field, c.corrected]));
    // (A full stop or an asterisk glued to a word in lower case too: fresh seed 1767526170, 200 DPI.)
    expect(fields).toEqual({ jurisdiction: 'State of Oregon (Seattle)', policy: 'Board of Commissioners Resolution', criteria: 'Will not honor detainers without a court order for individuals with convictions' });
    // A shorter capitalised word may be a name: to review, as read.
    const named = row({ jurisdiction: 'State of Oregon (Seattle)', date_enacted: 'May 2017', policy: 'Chicano Ordinance', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [named], named)).toEqual([]);
  });

  it('sends a facility that starts with "County" to review as read: the name before it was lost (fresh seed 28454375, silent)', () => {
    const rows = [row({ ...travis, facility: 'County Jail' }), row({ ...travis, facility: 'Travis County Jail' })];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'County Jail', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[1]!)).toEqual([]);
  });

  it('sends a facility other rows print whole, then the start of a name they print, to review as read: a row cut too low took it (fresh seed 506119445, 150 DPI, silent)', () => {
    // OCR cut rows alike more than once, so the longer name is printed often too.
    const rows = [...['Travis County Jail Travis', 'Travis County Jail Travis', 'Travis County Jail', 'Travis County Jail', 'Main Jail North', 'Main Jail', 'Main Jail'].map((facility) => row({ ...travis, facility }))];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'facility')).toMatchObject({ corrected: 'Travis County Jail Travis', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[2]!)).toEqual([]);
    // A name that goes on past another with words no name starts with is a name of its own.
    expect(cleanOcrRow('declined_detainers', rows, rows[4]!)).toEqual([]);
  });

  it('sends an offence that stops where another row\'s goes on to review as read, not one another row qualifies after a dash (fresh seed 2256645629, silent)', () => {
    const rows = ['Convicted: Driving Under Influence', 'Convicted: Driving Under Influence Drugs', 'Charged: Assault', 'Charged: Assault - Domestic'].map((activity) => row({ ...travis, activity }));
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')).toMatchObject({ corrected: 'Convicted: Driving Under Influence', confidence: 0.7 });
    expect(cleanOcrRow('declined_detainers', rows, rows[2]!)).toEqual([]);
  });

  it('changes nothing in a clean row', () => {
    const rows = [row(travis), row(travis)];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!)).toEqual([]);
  });

  it.each([
    // Specks read as short words after the state, and a lost comma (fresh seed 1154424646, 150 DPI).
    ['Yolo, California we as', 'Yolo, California'],
    ['Thurston Washington’ d', 'Thurston, Washington'],
    ['Kanawha West Virginia', 'Kanawha, West Virginia'],
  ])('finds the county and state of the Section I place %s', (read, fixed) => {
    const top = row({ county_state: read, issued_detainers: '124' });
    expect(cleanOcrRow('top_jurisdictions', [top], top).find((c) => c.field === 'county_state')?.corrected).toBe(fixed);
  });

  it.each(['Los Angeles, California', 'Washington, Oregon'])('leaves the Section I place %s alone', (place) => {
    const top = row({ county_state: place, issued_detainers: '124' });
    expect(cleanOcrRow('top_jurisdictions', [top], top)).toEqual([]);
  });

  it.each([
    ['Ithaca, .New York', 'Ithaca, New York'],
    ['Ithaca,.New York (Buffalo)', 'Ithaca, New York (Buffalo)'],
    ['lowa City, Johnson County. lowa', 'Iowa City, Johnson County, Iowa'],
    ['San Luis Obispo County California', 'San Luis Obispo County, California'],
    ['Ordnge County, California (Los Angeles)', 'Orange County, California (Los Angeles)'],
    // A state name's capital read small (fresh seed 1666926509).
    ['Chelan County, washington (Seattle)', 'Chelan County, Washington (Seattle)'],
    // "County" with a letter misread read as a city of that name, silently (fresh seed 1154424652).
    ['St. Lawrence Gounty, New York (Buffalo)', 'St. Lawrence County, New York (Buffalo)'],
    // The AOR's opening parenthesis lost (fresh seed 1154424642, 150 DPI).
    ['Pueblo County, Colorado Denver)', 'Pueblo County, Colorado (Denver)'],
    ['Placer County, California San Francisco)', 'Placer County, California (San Francisco)'],
    // ... and the AOR misread too (fresh seed 155819069, an OCRmyPDF copy).
    ['Ithaca, New York Butialo)', 'Ithaca, New York (Buffalo)'],
    // A comma lost before the state after a body's name (fresh seed 3072110419, silent).
    ['Massachusetts Trial Court Massachusetts (Boston)', 'Massachusetts Trial Court, Massachusetts (Boston)'],
    // "ri" read for "n" in "County", the name misread too; a speck read as a comma before "County" (3072110414-19).
    ['Sarr Miguel Courity, New Mexico (El Paso)', 'San Miguel County, New Mexico (El Paso)'],
    ['Marion, County, Oregon (Seattle)', 'Marion County, Oregon (Seattle)'],
    // A speck read as a dash before a word (fresh seed 264084268, 200 DPI).
    ['-Newark, New Jersey (Newark)', 'Newark, New Jersey (Newark)'],
    ['Rhode Island Department of Corrections, -Rhode Island (Boston)', 'Rhode Island Department of Corrections, Rhode Island (Boston)'],
  ])('finds the state and county of the Section III place %s', (read, fixed) => {
    const policy = row({ jurisdiction: read, date_enacted: 'January 2017', policy: 'Resolution', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'jurisdiction')?.corrected).toBe(fixed);
  });

  it.each(['Kansas City', 'Miami-Dade County, Florida (Miami)', 'State of California (San Francisco)', 'West Virginia (Philadelphia)', 'Commonwealth of Virginia', 'State of West Virginia'])('leaves the Section III place %s alone', (place) => {
    const policy = row({ jurisdiction: place, date_enacted: 'January 2017', policy: 'Resolution', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)).toEqual([]);
  });

  it.each([['Qetober 2013', 'October 2013'], ['Septernber 2016', 'September 2016'], ['Jume 2012', 'June 2012'], ['Ju1e 2012', null], ['Mag 2012', null], ['Qetober 13', null]])('reads the month of %s a letter or two off its name (fresh seed 1154424647)', (read, month) => {
    const policy = row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: read, policy: 'Policy', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'date_enacted')?.corrected ?? null).toBe(month);
  });

  it('corrects a misread AOR to the nearest ICE field office', () => {
    const policy = row({ jurisdiction: 'Placer County, California (San-Francisco)', date_enacted: 'June 2012', policy: 'Memorandum', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'jurisdiction')?.corrected).toBe('Placer County, California (San Francisco)');
    const known = row({ jurisdiction: 'Placer County, California (San Francisco)', date_enacted: 'June 2012', policy: 'Memorandum', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [known], known)).toEqual([]);
  });

  it('corrects an AOR misread alike on every row, with a digit in it (fresh seed 428834272, monospace at 300 DPI)', () => {
    const rows = ['Luna County, New Mexico (E1 Paso)', 'Santa Fe County, New Mexico (E1 Paso)'].map((jurisdiction) => row({ jurisdiction, date_enacted: 'June 2012', policy: 'Memorandum', criteria: 'Will not honor detainers' }));
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[0]!).find((c) => c.field === 'jurisdiction')?.corrected).toBe('Luna County, New Mexico (El Paso)');
  });

  it.each(['{San Antonio)', '(San Antonio}', '{San Antonio}'])('reads an AOR whose parenthesis OCR read as a brace, %s (fresh seed 1154424649)', (aor) => {
    const policy = row({ jurisdiction: `Travis County, Texas ${aor}`, date_enacted: 'January 2017', policy: 'Policy', criteria: 'Will not honor detainers' });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'jurisdiction')?.corrected).toBe('Travis County, Texas (San Antonio)');
  });

  it('drops a speck read as a full stop between two words of the criteria, not abbreviations', () => {
    const policy = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['• Will not hold individuals beyond their scheduled release.date', '• per U.S. law, e.g. a warrant'] });
    const [correction] = cleanOcrRow('policy_jurisdictions', [policy], policy);
    expect(correction!.corrected).toBe('• Will not hold individuals beyond their scheduled release date • per U.S. law, e.g. a warrant');
    // ... and after a word that a word in lower case follows (fresh seed 2701219477).
    const after = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['• Willing to accept requests. accompanied by a court order', '• per U.S. law, e.g. a warrant, etc. or a writ'] });
    expect(cleanOcrRow('policy_jurisdictions', [after], after)[0]!.corrected).toBe('• Willing to accept requests accompanied by a court order • per U.S. law, e.g. a warrant, etc. or a writ');
    // ... and standing alone after a word (fresh seed 4242000006).
    const alone = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['• Will not honor detainers .', '• Will honor requests if time permits . . and more', '• per U.S. law'] });
    expect(cleanOcrRow('policy_jurisdictions', [alone], alone)[0]!.corrected).toBe('• Will not honor detainers • Will honor requests if time permits and more • per U.S. law');
  });

  it('puts a capital OCR misread inside a criteria sentence back in lower case, where the column prints the word so (fresh seed 264084252, 200 DPI)', () => {
    const criteria = (item: string) => row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: [item] });
    const rows = [
      criteria('• Willing to accept requests accompanied by a Judicial warrant'),
      criteria('• Will not honor detainers without a judicial warrant'), criteria('• Will honor a judicial order. Judicial review first'),
      criteria('• Will honor requests from ICE under a judicial order'),
    ];
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[0]!)[0]).toMatchObject({ corrected: '• Willing to accept requests accompanied by a judicial warrant', confidence: 0.7 });
    // After a full stop, a capital starts a sentence; "ICE" is no misread capital.
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[2]!)).toEqual([]);
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[3]!)).toEqual([]);
  });

  it('starts a criteria item read with a small w, o, s ... (shaped as its capital) with the capital every other item starts with (fresh seed 2973917912, 300 DPI, monospace)', () => {
    const criteria = (...items: string[]) => row({ jurisdiction: 'Humboldt County, California', date_enacted: 'December 2016', policy: 'Resolution', criteria: items });
    // As OCR read them: "W" at a line's start read small on some lines, not on others.
    const rows = [
      criteria('• Willing to accept requests accompanied by a court order', '• will honor requests for notification of release if time permits'),
      criteria('• will not honor detainers', '• Will not allow ICE officers access to the jail without a court order'),
      criteria('• Willing to accept requests when the subject of the detainer request is charged'),
    ];
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[0]!)[0]).toMatchObject({ corrected: '• Willing to accept requests accompanied by a court order • Will honor requests for notification of release if time permits' });
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[1]!)[0]).toMatchObject({ corrected: '• Will not honor detainers • Will not allow ICE officers access to the jail without a court order' });
    // A column that starts an item with a small letter OCR cannot mistake ("h") starts its items so.
    const small = [...rows, criteria('• honor requests for notification')];
    expect(cleanOcrRow('policy_jurisdictions', small, small[0]!)).toEqual([]);
  });

  it('cuts an item that is two items the column prints elsewhere run together, where a bullet was not read (fresh seed 2973917899, 300 DPI)', () => {
    const criteria = (...items: string[]) => row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: items });
    const hold = 'Will not hold individuals beyond their scheduled release date', notify = 'Will honor requests for notification of release if time permits';
    const warrant = 'Willing to accept requests accompanied by a judicial warrant';
    // As read: each item printed once on its own elsewhere, and run into another on two rows.
    const rows = [criteria(`• ${warrant}`, `• ${notify} ${hold}`), criteria(`• ${hold}`, `• ${notify}`), criteria(`• ${warrant} ${hold}`)];
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[0]!)[0]).toMatchObject({ corrected: `• ${warrant} • ${notify} • ${hold}` });
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[2]!)[0]).toMatchObject({ corrected: `• ${warrant} • ${hold}` });
    // Words run on past an item that no item printed elsewhere is are left as read.
    const other = [criteria(`• ${warrant}`, `• ${notify} if asked`), criteria(`• ${notify}`)];
    expect(cleanOcrRow('policy_jurisdictions', other, other[0]!)).toEqual([]);
  });

  it('reads an item that is one printed elsewhere with marks added, and no letter changed, as that item (fresh seed 1767526170, 200 DPI)', () => {
    const criteria = (...items: string[]) => row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: items });
    const felonies = 'Willing to accept requests for individuals with prior convictions for serious or violent felonies';
    const gang = 'Will honor detainers for individuals identified as gang members in a state database';
    // Each printed once elsewhere, as read; specks read as "*" and " -" on another row.
    const rows = [criteria(`• ${felonies}`, `• ${gang}`), criteria('• Willing to accept requests for individuals *with prior convictions for serious or violent felonies', '• Will honor detainers for individuals identified as gang members in a state - database')];
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[1]!)[0]).toMatchObject({ corrected: `• ${felonies} • ${gang}`, confidence: 0.7 });
    // A letter changed too is no speck's work: left as read.
    const other = [criteria(`• ${gang}`), criteria('• Will honor detainers for individuals identified as gang members in a state - databases')];
    expect(cleanOcrRow('policy_jurisdictions', other, other[1]!)).toEqual([]);
  });

  it('reads a DHS form\'s I misread as 1 before its hyphen and number as I (fresh seed 1767526159, 300 DPI)', () => {
    const policy = row({ jurisdiction: 'Iowa City, Johnson County, Iowa (Saint Paul)', date_enacted: 'January 2017', policy: 'Resolution', criteria: ['• Willing to only accept some requests for notifications, 1-247N form.', '• Will honor an l-203 or a 1-247 only'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]).toMatchObject({ corrected: '• Willing to only accept some requests for notifications, I-247N form. • Will honor an I-203 or a I-247 only', confidence: 0.7 });
    // A number of another shape is left as read.
    const other = row({ jurisdiction: 'Iowa City, Johnson County, Iowa (Saint Paul)', date_enacted: 'January 2017', policy: 'Resolution', criteria: ['Will hold for 1-2 days or 11-247 hours'] });
    expect(cleanOcrRow('policy_jurisdictions', [other], other)).toEqual([]);
  });

  it('joins a wrapped line a speck made an item to the item before it, and cuts no other cell there (fresh seed 2050416715, 200 DPI)', () => {
    const criteria = (...lines: string[]) => row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: lines });
    const gang = 'Will honor detainers for individuals identified as gang members in a state database', judge = 'Will only honor a detainer if the subject has a final order of removal signed by a';
    const warrant = 'Willing to accept requests accompanied by a judicial warrant', none = 'Will not honor detainers';
    // As read: a speck before "judge" read as "*", and the quote OCR read for a bullet.
    const rows = [criteria(`= ${gang}`, `.* ${judge}`, '* judge', `» ${warrant}`, `« ${none}`), criteria(`= ${warrant}`, `“ ${judge}`, 'judge'), criteria(`• ${none}`), criteria(`• ${gang}`, `• ${warrant}`)];
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[0]!)[0]).toMatchObject({ corrected: `• ${gang} • ${judge} judge • ${warrant} • ${none}` });
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[1]!)[0]).toMatchObject({ corrected: `• ${warrant} • ${judge} judge` });
  });

  it('drops an opening quote no closing one follows in a criteria item, and keeps a quotation', () => {
    // Fresh seed 3072110419 (200 DPI): "a judicial ‘warrant", silent.
    const policy = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['• Willing to accept requests accompanied by a judicial ‘warrant', '• Will only honor “warrantless detainer requests” in some cases'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]).toMatchObject({ corrected: '• Willing to accept requests accompanied by a judicial warrant • Will only honor “warrantless detainer requests” in some cases', confidence: 0.7 });
  });

  it('drops a full stop or hyphen a speck put before a word in lower case, and a closing quote that closes nothing', () => {
    // Fresh seeds 3072110414-19 (200 DPI).
    const policy = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: [
      '• Willing to accept requests for individuals- with prior convictions for serious or. violent felonies',
      '• Will not" honor detainers, etc. or a judicial warrant’', '• Will not allow ICE officers’ access per U.S. law, e.g. a "court order"'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]!.corrected).toBe(
      '• Willing to accept requests for individuals with prior convictions for serious or violent felonies • Will not honor detainers, etc. or a judicial warrant • Will not allow ICE officers’ access per U.S. law, e.g. a "court order"');
  });

  it('sends criteria with a word in lower case that is no English word to review as read, though other rows print it alike (fresh seed 2256645596, silent)', () => {
    const rows = ['Willing to accept req ied by a court order', 'Willing to accept requests ied by a judicial warrant'].map((criteria) => row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: [criteria] }));
    expect(cleanOcrRow('policy_jurisdictions', rows, rows[0]!)[0]).toMatchObject({ field: 'criteria', corrected: 'Willing to accept req ied by a court order', confidence: 0.7 });
    // English words, abbreviations, hyphenated parts and capitals stay unflagged.
    const clean = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['Will honor requests per the ICE-prescribed forms, e.g. a warrant for non-violent cases in Travis'] });
    expect(cleanOcrRow('policy_jurisdictions', [clean], clean)).toEqual([]);
  });

  it('sends criteria with a closing quote after a word that no quote opens to review as read (fresh seed 718313753, 150 DPI, silent)', () => {
    const read = 'Will only honor "warrantless detainer requests from the federal government under limited, specified circumstances" such as’ violent or serious crimes or terrorist activities';
    const policy = row({ jurisdiction: 'Ithaca, New York (Buffalo)', date_enacted: 'February 2017', policy: 'Municipal Code Change', criteria: [read] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]).toMatchObject({ field: 'criteria', corrected: read, confidence: 0.7 });
    // One a quote opens is a quotation, and an apostrophe inside a word is the word's.
    const quoted = row({ jurisdiction: 'Ithaca, New York (Buffalo)', date_enacted: 'February 2017', policy: 'Sheriff\'s Office Policy', criteria: ['Will honor a ‘serious felony’ detainer'] });
    expect(cleanOcrRow('policy_jurisdictions', [quoted], quoted)).toEqual([]);
  });

  it('sends criteria with two capitals standing alone that are no word to review as read (fresh seed 848391230, 300 DPI, silent)', () => {
    const read = 'LJ Will only honor a detainer if the subject has a final order of removal signed by a judge';
    const policy = row({ jurisdiction: 'Philadelphia, Pennsylvania (Philadelphia)', date_enacted: 'August 2016', policy: 'Sanctuary Resolution', criteria: [read] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]).toMatchObject({ field: 'criteria', corrected: read, confidence: 0.7 });
    const words = row({ jurisdiction: 'Philadelphia, Pennsylvania (Philadelphia)', date_enacted: 'August 2016', policy: 'Resolution', criteria: ['Will not honor ICE detainers in Philadelphia'] });
    expect(cleanOcrRow('policy_jurisdictions', [words], words)).toEqual([]);
  });

  it('mends two words a speck joined with a hyphen where other rows print them apart, and sends them to review where none does (fresh seed 848391220, silent)', () => {
    const criteria = (text: string) => row({ jurisdiction: 'Travis County, Texas (San Antonio)', date_enacted: 'February 2017', policy: 'Policy', criteria: [text] });
    const joined = criteria('Will not allow ICE officers-access to the jail without a court order');
    expect(cleanOcrRow('policy_jurisdictions', [joined], joined)[0]).toMatchObject({ field: 'criteria', corrected: joined.cells.criteria!.text, confidence: 0.7 });
    const rows = [joined, criteria('Will not allow ICE officers access to the jail')];
    expect(cleanOcrRow('policy_jurisdictions', rows, joined)[0]).toMatchObject({ field: 'criteria', corrected: 'Will not allow ICE officers access to the jail without a court order' });
    // A compound after a prefix, or one other rows print, is the text's own.
    const compounds = [criteria('Will honor detainers for non-violent felonies and court-ordered holds'), criteria('Will honor court-ordered holds')];
    expect(cleanOcrRow('policy_jurisdictions', compounds, compounds[0]!)).toEqual([]);
  });

  it('sends criteria whose quotes read both straight and curly to review as read (fresh seed 2256645598, silent)', () => {
    const policy = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['Will only honor "warrantless detainer requests from the federal government under limited, specified circumstances” such as violent crimes'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy)[0]).toMatchObject({ field: 'criteria', corrected: policy.cells.criteria!.text, confidence: 0.7 });
    const alike = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['Will only honor "warrantless detainer requests" such as violent crimes'] });
    expect(cleanOcrRow('policy_jurisdictions', [alike], alike)).toEqual([]);
  });

  it('keeps a criteria word wrapped at its hyphen whole', () => {
    // Its bullets read as other glyphs, so the cell is built again from its lines.
    const policy = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['« Will honor detainers for non-', 'violent felonies', '« Will not honor detainers'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'criteria')?.corrected).toBe('• Will honor detainers for non-violent felonies • Will not honor detainers');
  });

  it('reads a glyph glued to a capitalised word at a criteria line\'s start as the bullet it is (fresh seed 2973917914, 200 DPI)', () => {
    const policy = row({ jurisdiction: 'Sarpy County, Nebraska', date_enacted: 'May 2016', policy: 'Policy', criteria: ['• Will not honor detainers', '«Will only honor a detainer if the', 'subject has a final order', '*Willing to accept requests'] });
    expect(cleanOcrRow('policy_jurisdictions', [policy], policy).find((c) => c.field === 'criteria')?.corrected).toBe('• Will not honor detainers • Will only honor a detainer if the subject has a final order • Willing to accept requests');
  });

  it('drops a speck read as a mark standing alone after a criteria item, not one inside it', () => {
    // Fresh seed 1154424652 (150 DPI): "felony -", "cause .", each item printed once in the report.
    const policy = row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria: ['• Will not honor detainers without a judicial determination of probable cause .', '• Will honor detainers for a serious or violent felony -', '• Willing to accept requests - with a warrant'] });
    const [correction] = cleanOcrRow('policy_jurisdictions', [policy], policy);
    expect(correction!.corrected).toBe('• Will not honor detainers without a judicial determination of probable cause • Will honor detainers for a serious or violent felony • Willing to accept requests - with a warrant');
  });

  it('corrects criteria against the items and words the column prints on its other rows', () => {
    const policyRow = (criteria: string[]) => row({ jurisdiction: 'Travis County, Texas', date_enacted: 'February 2017', policy: 'Policy', criteria });
    const felony = '• Will honor detainers only for individuals charged with or convicted of a serious or violent felony';
    const rows = [
      policyRow([felony, '• Willing to accept requests accompanied by a court order']),
      policyRow([felony, '• Will not allow ICE officers access to the jail without a court order']),
      policyRow(['« Will honor detainers only fer individuals charged with or canvicted of a serious. or violent felony',
        '» Willing to accept requests when the subject of thedetainer request is charged', 'with murder under Government:Code 7282.5, Smuggling ofPersons']),
      policyRow(['• Willing to accept requests for individuals with prior convictions for serious or violent felonies', '• Will only honor a detainer with a final order']),
      policyRow(['• Will only honor a detainer with a final order']),
      policyRow([felony, '¢ Will only honor a detainer with a final order']),
    ];
    const corrected = (i: number) => cleanOcrRow('policy_jurisdictions', rows, rows[i]!).find((c) => c.field === 'criteria')?.corrected;
    expect(corrected(2)).toBe(`${felony} • Willing to accept requests when the subject of the detainer request is charged with murder under Government Code 7282.5, Smuggling of Persons`);
    // Words the column prints once and items it prints once are left alone; so are correct rows.
    expect(corrected(3)).toBeUndefined();
    expect(corrected(0)).toBeUndefined();
    // A bullet read as a cent sign.
    expect(corrected(5)).toBe(`${felony} • Will only honor a detainer with a final order`);
  });

  it('prefers the offence table to a misreading the report repeats', () => {
    const misread = { ...travis, activity: 'Convicted: Carrying-Concealed Weapon' };
    const rows = [row(misread), row(misread)];
    expect(cleanOcrRow('declined_detainers', rows, rows[0]!).find((c) => c.field === 'activity')?.corrected).toBe('Convicted: Carrying Concealed Weapon');
  });

  it('takes the country list\'s accents where it spells a name one way, and sends the name to review where it spells it both ways', () => {
    // "México" four times: the report's own repeats do not outrank the list.
    const accented = [row({ ...travis, citizenship: 'México' }), row({ ...travis, citizenship: 'México' }), row({ ...travis, citizenship: 'México' })];
    expect(cleanOcrRow('declined_detainers', accented, accented[0]!).find((c) => c.field === 'citizenship')).toMatchObject({ raw: 'México', corrected: 'Mexico' });
    const ivory = row({ ...travis, citizenship: "Cote d'Ivoire" });
    expect(cleanOcrRow('declined_detainers', [ivory], ivory).find((c) => c.field === 'citizenship')).toMatchObject({ raw: "Cote d'Ivoire", corrected: "Cote d'Ivoire" });
    expect(cleanOcrRow('declined_detainers', [row(travis)], row(travis))).toEqual([]);
    // A speck read as a hyphen between the words of a name the list spells with a space; a
    // hyphenated name of the list stays.
    const hyphened = row({ ...travis, citizenship: 'El-Salvador' });
    expect(cleanOcrRow('declined_detainers', [hyphened], hyphened).find((c) => c.field === 'citizenship')).toMatchObject({ corrected: 'El Salvador', confidence: 0.7 });
    const bissau = row({ ...travis, citizenship: 'Guinea-Bissau' });
    expect(cleanOcrRow('declined_detainers', [bissau], bissau)).toEqual([]);
  });

  it('takes the country list\'s capital for a word OCR read small, alike on every row, but keeps the words it prints small', () => {
    const small = [row({ ...travis, citizenship: 'st. Vincent and the Grenadines' }), row({ ...travis, citizenship: 'st. Vincent and the Grenadines' })];
    expect(cleanOcrRow('declined_detainers', small, small[0]!).find((c) => c.field === 'citizenship')).toMatchObject({ corrected: 'St. Vincent and the Grenadines', confidence: 0.7 });
    const printed = row({ ...travis, citizenship: 'Bosnia and Herzegovina' });
    expect(cleanOcrRow('declined_detainers', [printed], printed)).toEqual([]);
  });

  it('takes the Census\'s case for a county whose capital OCR read small, and for the facility named after it', () => {
    const small = { ...travis, state: 'OR', county: 'washington County', facility: 'washington County Jail' };
    // Printed (misread) the same way on three rows: the report's own repeats do not outrank the Census.
    const rows = [row(small), row(small), row(small)];
    const fields = Object.fromEntries(cleanOcrRow('declined_detainers', rows, rows[0]!).map((c) => [c.field, c.corrected]));
    expect(fields).toMatchObject({ county: 'Washington County', facility: 'Washington County Jail' });
  });

  it('takes the Census\'s spelling for a county whose point OCR lost, and for the facility named after it', () => {
    const lost = row({ ...travis, state: 'NY', county: 'St Lawrence County', facility: 'St Lawrence County Jail' });
    const fields = Object.fromEntries(cleanOcrRow('declined_detainers', [lost], lost).map((c) => [c.field, c.corrected]));
    expect(fields).toMatchObject({ county: 'St. Lawrence County', facility: 'St. Lawrence County Jail' });
  });

  it('takes a misread state from the county when the Census has that county in one state only', () => {
    const misread = row({ ...travis, state: 'IDS' });
    expect(cleanOcrRow('declined_detainers', [misread], misread).find((c) => c.field === 'state')).toMatchObject({ raw: 'IDS', corrected: 'TX' });
    const ambiguous = row({ ...travis, state: 'a', county: 'Washington County', facility: 'Washington County Jail' });
    expect(cleanOcrRow('declined_detainers', [ambiguous], ambiguous).find((c) => c.field === 'state')).toBeUndefined();
  });

  it('takes a lost state from a county misread alike on every row, and gives the row the cell OCR never read', () => {
    // Doña Ana read "Dofia Ana" on every row, NM lost on each: no other row prints a state for
    // it, and no county is spelt so, but only New Mexico has a county that reads so.
    const lost = [1, 2].map(() => row({ county: 'Dofia Ana', facility: 'Dofia Ana County Detention Center', citizenship: 'Mexico', detainer_issued: '2/1/2017', detainer_declined: '2/3/2017', activity: 'Charged: Burglary' }));
    const corrections = Object.fromEntries(cleanOcrRow('declined_detainers', lost, lost[0]!).map((c) => [c.field, c]));
    expect(corrections.state).toMatchObject({ raw: '', corrected: 'NM', confidence: 0.7 });
    expect(corrections.facility).toMatchObject({ corrected: 'Doña Ana County Detention Center' });
    const period = { text: 'For Recorded Declined Detainers Feb 4 – Feb 10, 2017', words: [], size: 10, x0: 50, x1: 400, y0: 50, y1: 60 };
    const { drafts, provenance } = assembleReport(
      { tables: [{ id: 'declined_detainers#1', spec: 'declined_detainers', rows: lost, pages: [1] }], text: [{ page: 1, source: 'ocr', lines: [period] }], debug: [], leftOut: [] },
      { file: 'report.pdf', sha256: 'f'.repeat(64), pageCount: 1, url: null, published: null, edition: null },
    );
    expect(drafts.declined_detainers[0]).toMatchObject({ state: 'NM', county: 'Doña Ana County', county_fips: '35013', facility: 'Doña Ana County Detention Center' });
    // The state cell has no boxes and the correction's confidence, so the row goes to review.
    expect(provenance.find((p) => p.table === 'declined_detainers' && p.row === 1)?.cells.state).toEqual({ text: 'NM', raw: '', boxes: [], confidence: 0.7 });
  });

  describe('facility names, word by word', () => {
    const vocabulary = ['County', 'Jail', 'Detention', 'Center', 'Correctional', 'Facility', 'Regional', 'Justice', 'Law', 'Enforcement', 'St.', 'Los', 'Angeles', 'Doña', 'Ana', 'Miami-Dade', 'Towner'];

    it.each([
      ['San Diego Central Jalil', 'San Diego Central Jail'],
      ['Hays County Law Enforcemerit Center', 'Hays County Law Enforcement Center'],
      ['Maleng Regianal Justice Center', 'Maleng Regional Justice Center'],
      ['Los Angelés County Jail', 'Los Angeles County Jail'],
      ['Riverside Corréctional Facility.', 'Riverside Correctional Facility'],
      ['Hennepin County, Adult Detention Center', 'Hennepin County Adult Detention Center'],
      ['|Multnomah County Jail', 'Multnomah County Jail'],
      ['Manhattan.Detention Complex', 'Manhattan Detention Complex'],
      ['Snohomish County-Jail', 'Snohomish County Jail'],
      ['ST LOUIS COUNTY JALIL', 'ST LOUIS COUNTY JAIL'],
      ['Nassau County Correctional® Center', 'Nassau County Correctional Center'],
      ['Hays County© Jail', 'Hays County Jail'],
      ['Travis Cotinty Central Booking Facility', 'Travis County Central Booking Facility'],
    ])('%s → %s', (read, fixed) => expect(fixNameWords(read, vocabulary)).toBe(fixed));

    it('leaves proper names, real accents, names with a hyphen, short words and abbreviations alone', () => {
      for (const name of ['Twin Towers Correctional Facility', 'Doña Ana County Detention Center', 'Curran-Fromhold Correctional Facility', 'Miami-Dade Pre-Trial Center', 'Otis Bantum (Rikers Island)', 'St. Lawrence County Jail', 'Cook Cnty Jail']) {
        expect(fixNameWords(name, vocabulary)).toBe(name);
      }
    });

    it('is applied to OCR\'d facilities with the row\'s state\'s counties, and recorded', () => {
      const misread = row({ ...travis, facility: 'Travis County Central Booking Facilty' });
      const [correction] = cleanOcrRow('declined_detainers', [misread], misread);
      expect(correction).toMatchObject({ field: 'facility', raw: 'Travis County Central Booking Facilty', corrected: 'Travis County Central Booking Facility' });
      expect(correction!.confidence).toBeLessThan(0.8);
    });
  });
});
