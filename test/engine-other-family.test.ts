/**
 * The engine knows nothing of DDOR: a report of another kind is read with table specs of its own.
 * An invented weekly library report, drawn with pdf-lib, holds two tables; the second is printed
 * again under a note (a spec that yields two tables), and one row's anchor cell is empty. Its specs are defined here, the way a new
 * family's folder would define them, and the generic engine (text layer → extractTables) reads
 * every cell back.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../src/pdf/load.ts';
import { readPageContent } from '../src/pdf/page-content.ts';
import { TextLayerSettingsSchema, textLayerTokens } from '../src/pdf/text-layer.ts';
import { extractTables, type ExtractedTable } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';
import { tempDir, writePdf } from './support/ocr-fixtures.ts';

const BRANCHES = TableLayoutSpecSchema.parse({
  name: 'branch_loans',
  columns: [
    { field: 'branch', aliases: ['Branch'] },
    { field: 'loans', aliases: ['Loans'] },
    { field: 'opened', aliases: ['Opened'], anchor: true },
  ],
});
const OVERDUE = TableLayoutSpecSchema.parse({
  name: 'overdue_items',
  columns: [
    { field: 'title', aliases: ['Title'] },
    { field: 'borrower', aliases: ['Borrower', 'Borrower ID'], anchor: true },
    { field: 'days', aliases: ['Days overdue'] },
  ],
});

/** One printed line: its top (points from the page's top) and the text at each x. */
type Line = [top: number, ...cells: [x: number, text: string][]];
const BRANCH_X = [60, 260, 360], OVERDUE_X = [60, 300, 420];
const row = (top: number, xs: number[], texts: string[]): Line => [top, ...texts.map((t, i): [number, string] => [xs[i]!, t])];

const LINES: Line[] = [
  [50, [60, 'Westshire County Libraries: weekly loans, week 12']],
  [90, [60, 'Loans by branch']],
  row(120, BRANCH_X, ['Branch', 'Loans', 'Opened']),
  row(140, BRANCH_X, ['Central', '1,204', '3/4/1921']),
  row(156, BRANCH_X, ['Riverside', '311', '6/1/1988']),
  // A row with its anchor cell empty (as when OCR skips a short word alone in a cell): set off
  // like a row and filled like one, it is a row of its own, not the end of Riverside's.
  row(172, BRANCH_X, ['Eastgate', '52']),
  row(188, BRANCH_X, ['Hill Top', '87', '9/9/2001']),
  [220, [60, 'Overdue items']],
  row(250, OVERDUE_X, ['Title', 'Borrower ID', 'Days overdue']),
  row(270, OVERDUE_X, ['The Long Walk', 'B-1001', '12']),
  // A title wrapped onto a second line, with no borrower beside it: the same row.
  row(286, OVERDUE_X, ['A Field Guide to', 'B-2040', '3']),
  [298, [60, 'Mosses and Lichens']],
  [340, [60, 'Notes']],
  [360, [60, 'Items returned after the count closed are listed again below.']],
  row(400, OVERDUE_X, ['Title', 'Borrower ID', 'Days overdue']),
  row(420, OVERDUE_X, ['Winter Birds', 'B-0007', '40']),
  row(436, OVERDUE_X, ['Maps of the Coast', 'B-3310', '8']),
];

async function libraryReport(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  for (const [top, ...cells] of LINES) for (const [x, text] of cells) page.drawText(text, { x, y: 792 - top - 10, size: 10, font });
  return doc.save();
}

const cellsOf = (table: ExtractedTable) => table.rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([field, c]) => [field, c.text])));

describe('an invented report with table specs of its own', () => {
  it('reads both tables, and the second printed twice as two tables with their own ids', async () => {
    const dir = await tempDir();
    const pdf = await openPdf(await writePdf(dir, 'library.pdf', await libraryReport()));
    const tokens = textLayerTokens(await readPageContent(pdf.doc, 1), TextLayerSettingsSchema.parse({}));
    await pdf.doc.destroy();

    const result = extractTables([tokens], [BRANCHES, OVERDUE], { stopPatterns: [/^Overdue items$/, /^Notes$/] });

    expect(result.tables.map((t) => t.id)).toEqual(['branch_loans#1', 'overdue_items#1', 'overdue_items#2']);
    const [branches, overdue, overdueAgain] = result.tables as [ExtractedTable, ExtractedTable, ExtractedTable];
    expect(cellsOf(branches)).toEqual([
      { branch: 'Central', loans: '1,204', opened: '3/4/1921' },
      { branch: 'Riverside', loans: '311', opened: '6/1/1988' },
      { branch: 'Eastgate', loans: '52' },
      { branch: 'Hill Top', loans: '87', opened: '9/9/2001' },
    ]);
    expect(cellsOf(overdue)).toEqual([
      { title: 'The Long Walk', borrower: 'B-1001', days: '12' },
      { title: 'A Field Guide to Mosses and Lichens', borrower: 'B-2040', days: '3' },
    ]);
    expect(cellsOf(overdueAgain)).toEqual([
      { title: 'Winter Birds', borrower: 'B-0007', days: '40' },
      { title: 'Maps of the Coast', borrower: 'B-3310', days: '8' },
    ]);
    // Each table numbers its rows from 1: a row is named by its table's id and its index.
    expect(overdueAgain.rows.map((r) => r.index)).toEqual([1, 2]);
    // The title, the headings and the note are the page's text, not rows.
    expect(result.text[0]!.lines.map((l) => l.text)).toEqual([
      'Westshire County Libraries: weekly loans, week 12', 'Loans by branch', 'Overdue items', 'Notes',
      'Items returned after the count closed are listed again below.',
    ]);
    expect(result.leftOut).toEqual([]);
  });
});
