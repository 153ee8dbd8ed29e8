/**
 * A cell that overflows into the closed-form column beside it: the form says where each column's
 * words end. A text layer may also run the overflowing word and the next cell's first word
 * together with no space ("Angeles)February 2017"): the word is split where the rest reads in the
 * form. Synthetic words through the real extractTables, and one pdf-lib page through pdf.js.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { PageTokens, Word } from '../src/layout/tokens.ts';
import { openPdf } from '../src/pdf/load.ts';
import { readPageContent } from '../src/pdf/page-content.ts';
import { TextLayerSettingsSchema, textLayerTokens } from '../src/pdf/text-layer.ts';
import { tempDir, writePdf } from './support/ocr-fixtures.ts';
import { extractTables } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';

const SPEC = TableLayoutSpecSchema.parse({
  name: 'policies',
  columns: [
    { field: 'place', aliases: ['Jurisdiction'], anchor: true },
    { field: 'enacted', aliases: ['Date Enacted'], recheck: { pattern: '^\\p{L}+ \\d{4}$', charset: 'A-Za-z0-9 ' } },
    { field: 'policy', aliases: ['Policy'] },
  ],
});
const AT = { place: 26, enacted: 181, policy: 269 };
const word = (text: string, x0: number, top: number, source: Word['source'] = 'text'): Word =>
  ({ text, x0, x1: x0 + 5 * text.length, y0: top, y1: top + 10, size: 10, confidence: source === 'text' ? 1 : 0.9, source });
const header = [word('Jurisdiction', AT.place, 100), word('Date', AT.enacted, 100), word('Enacted', AT.enacted + 23, 100), word('Policy', AT.policy, 100)];
const read = (words: Word[]) => {
  const page: PageTokens = { page: 1, width: 612, height: 792, words: [...header, ...words], rulings: [], source: words[0]!.source };
  return extractTables([page], [SPEC]).tables[0]!.rows.map((r) => [r.cells.place?.text, r.cells.enacted?.text]);
};

describe('a cell that overflows into a closed-form column', () => {
  it('gives back a word of a text layer run together with the date beside it (fresh seed 2468013614, born-digital)', () => {
    const row = [word('Santa', AT.place, 120), word('Ana,', 54, 120), word('California', 76, 120), word('(Los', 130, 120),
      word('Angeles)February', 153, 120), word('2017', 238, 120), word('Sanctuary', AT.policy, 120)];
    expect(read(row)).toEqual([['Santa Ana, California (Los Angeles)', 'February 2017']]);
  });

  it('leaves an OCR word alone, where a mark inside a value is a misread letter rather than glue', () => {
    const row = [word('Cook', AT.place, 120, 'ocr'), word('Il,January', 150, 120, 'ocr'), word('2017', 230, 120, 'ocr'), word('Resolution', AT.policy, 120, 'ocr')];
    expect(read(row)[0]![1]).toBe('Il,January 2017');
  });
});

describe('a printed word that runs past the next cell\'s start', () => {
  it('stays whole: the next cell\'s run starts an item of its own and cuts nothing (fresh seed 1767526175, born-digital)', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    const size = 9, baseline = 792 - 140;
    const place = 'Albany (New York';
    // The date column starts 3 pt before the place's last word ends, a ruling between them.
    const dateAt = AT.place + font.widthOfTextAtSize(place, size) - 3;
    for (const [x, text] of [[AT.place, 'Jurisdiction'], [dateAt, 'Date Enacted'], [AT.policy, 'Policy']] as const) page.drawText(text, { x, y: 792 - 110, size, font });
    page.drawLine({ start: { x: dateAt - 1, y: 792 - 95 }, end: { x: dateAt - 1, y: 792 - 160 }, thickness: 0.5 });
    page.drawText(place, { x: AT.place, y: baseline, size, font });
    page.drawText('May 2016', { x: dateAt, y: baseline, size, font });
    page.drawText('Sanctuary', { x: AT.policy, y: baseline, size, font });
    const pdf = await openPdf(await writePdf(await tempDir(), 'overflow.pdf', await doc.save()));
    const tokens = textLayerTokens(await readPageContent(pdf.doc, 1), TextLayerSettingsSchema.parse({}));
    await pdf.doc.destroy();

    expect(tokens.words.filter((w) => w.y0 > 130).map((w) => w.text)).toEqual(['Albany', '(New', 'York', 'May', '2016', 'Sanctuary']);
    const [row] = extractTables([tokens], [SPEC]).tables[0]!.rows;
    expect([row!.cells.place?.text, row!.cells.enacted?.text]).toEqual(['Albany (New York', 'May 2016']);
  });
});
