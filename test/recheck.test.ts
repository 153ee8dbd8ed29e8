import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Word } from '../src/layout/tokens.ts';
import { createOcrPool, type OcrPool } from '../src/ocr/pool.ts';
import { applyRechecks, cellsToRecheck, cutOutCell, DEFAULT_RECHECK_SETTINGS, type CellToRecheck } from '../src/ocr/recheck.ts';
import { openPdf } from '../src/pdf/load.ts';
import type { CellValue, ExtractedRow, ExtractedTable } from '../src/table/extract.ts';
import { TableLayoutSpecSchema } from '../src/table/spec.ts';
import { makeTablePdf, scanPdf, tempDir, writePdf } from './support/ocr-fixtures.ts';

const DATE = { pattern: '^\\d{1,2}/\\d{1,2}/\\d{4}$', charset: '0123456789/' };
const SPEC = TableLayoutSpecSchema.parse({
  name: 'cases',
  columns: [{ field: 'name', aliases: ['Name'] }, { field: 'issued', aliases: ['Issued'], anchor: true, recheck: DATE }],
});

const word = (text: string, confidence: number): Word => ({ text, x0: 0, y0: 0, x1: 1, y1: 1, size: 10, confidence, source: 'ocr' });
const cell = (text: string, confidence: number, words = text.split(' ').map((t) => word(t, confidence))): CellValue =>
  ({ lines: [text], text, boxes: [], confidence, words });

function table(rows: { issued?: CellValue; source?: 'ocr' | 'text' }[], id = 'cases#1'): ExtractedTable {
  return {
    id, spec: 'cases', pages: [1],
    rows: rows.map((r, i): ExtractedRow => ({
      index: i + 1, page: 1, source: r.source ?? 'ocr',
      cells: { name: cell('Someone', 0.95), ...(r.issued ? { issued: r.issued } : {}) },
      boxes: [{ page: 1, box: { x0: 40, x1: 500, y0: 100 + 20 * i, y1: 110 + 20 * i } }],
      columns: { name: { x0: 40, x1: 300 }, issued: { x0: 300, x1: 380 } },
    })),
  };
}

describe('choosing cells for a second look', () => {
  it('takes OCR cells that do not match their pattern, are missing or were read with low confidence', () => {
    const t = table([
      { issued: cell('2/11/2017', 0.95) },
      { issued: cell('SHEL', 0.95) },
      { issued: cell('2/10/2047', 0.6) },
      {},
      { issued: cell('2/11/2017 .|', 0.95) },
      { issued: cell('garbled', 0.2), source: 'text' },
    ]);
    const cells = cellsToRecheck([t], [SPEC]);
    expect(cells.map((c) => c.row)).toEqual([2, 3, 4, 5]);
    // Column bounds 1 pt inside, the row's band 2 pt outside.
    expect(cells[0]).toEqual({ table: 'cases', tableId: 'cases#1', row: 2, field: 'issued', page: 1, box: { x0: 301, x1: 379, y0: 118, y1: 132 }, ...DATE, take: 'best-line' });
  });

  it('takes the empty cells of required columns on OCR rows, to be read whole with any character', () => {
    const t = table([{ issued: cell('2/11/2017', 0.95) }, { issued: cell('2/12/2017', 0.95) }, { issued: cell('2/13/2017', 0.95), source: 'text' }]);
    t.rows[1]!.cells.name = cell('.', 0.4);
    delete t.rows[2]!.cells.name;
    expect(cellsToRecheck([t], [SPEC])).toEqual([
      { table: 'cases', tableId: 'cases#1', row: 2, field: 'name', page: 1, box: { x0: 41, x1: 299, y0: 118, y1: 132 }, pattern: '[\\p{L}\\p{N}]', charset: '', take: 'all-lines' },
    ]);
  });
});

describe('applying second readings', () => {
  const recheckOf = (t: ExtractedTable) => cellsToRecheck([t], [SPEC]);

  it('replaces a reading of the wrong form, keeps the first, and leaves the cell doubtful', () => {
    const t = table([{ issued: cell('SHEL', 0.95) }]);
    const applied = applyRechecks([t], recheckOf(t), [{ lines: [{ text: '2/11/2017', confidence: 0.93 }] }]);
    expect(applied).toHaveLength(1);
    expect(t.rows[0]!.cells.issued).toMatchObject({ text: '2/11/2017', firstReading: 'SHEL', confidence: 0.7 });
  });

  it('fills a cell the page OCR missed, without the specks at its ends', () => {
    const t = table([{}]);
    applyRechecks([t], recheckOf(t), [{ lines: [{ text: ',9/1/2016.', confidence: 0.85 }] }]);
    expect(t.rows[0]!.cells.issued).toMatchObject({ text: '9/1/2016', firstReading: '', confidence: 0.7 });
  });

  it('trusts two readings that agree, and drops specks read as words', () => {
    const t = table([{ issued: cell('2/16/2017 -', 0.6, [word('2/16/2017', 0.6), word('-', 0.3)]) }]);
    const [applied] = applyRechecks([t], recheckOf(t), [{ lines: [{ text: '.', confidence: 0.2 }, { text: '2/16/2017', confidence: 0.88 }] }]);
    expect(applied).toMatchObject({ agree: true, reading: { text: '2/16/2017', confidence: 0.88 } });
    expect(t.rows[0]!.cells.issued).toMatchObject({ text: '2/16/2017', firstReading: '2/16/2017 -' });
  });

  it('fills an empty required cell with every line read there, unless the reading is doubtful', () => {
    const t = table([{ issued: cell('2/11/2017', 0.95) }, { issued: cell('2/12/2017', 0.95) }]);
    delete t.rows[0]!.cells.name;
    delete t.rows[1]!.cells.name;
    const applied = applyRechecks([t], recheckOf(t), [
      { lines: [{ text: 'North', confidence: 0.91 }, { text: 'Carolina', confidence: 0.88 }] },
      { lines: [{ text: 'i', confidence: 0.3 }] },
    ]);
    expect(applied.map((a) => a.cell.row)).toEqual([1]);
    expect(t.rows[0]!.cells.name).toMatchObject({ text: 'North Carolina', firstReading: '', confidence: 0.7 });
    expect(t.rows[1]!.cells.name).toBeUndefined();
  });

  it('keeps the first reading when it is the more confident, or the second has no line of the form', () => {
    const a = table([{ issued: cell('2/16/2017 -', 0.6, [word('2/16/2017', 0.85), word('-', 0.3)]) }]);
    expect(applyRechecks([a], recheckOf(a), [{ lines: [{ text: '2/18/2017', confidence: 0.77 }] }])).toEqual([]);
    expect(a.rows[0]!.cells.issued!.text).toBe('2/16/2017 -');
    const b = table([{ issued: cell('SHEL', 0.9) }]);
    expect(applyRechecks([b], recheckOf(b), [{ lines: [{ text: '2111', confidence: 0.9 }] }])).toEqual([]);
  });

  it('re-reads a cell of the second table one spec yielded, leaving the same-numbered row of the first alone', () => {
    // A table found again after it ended (a "table-split"): both tables' rows are numbered from 1.
    const first = table([{ issued: cell('2/11/2017', 0.95) }, { issued: cell('2/12/2017', 0.95) }], 'cases#1');
    const second = table([{ issued: cell('2/13/2017', 0.95) }, { issued: cell('SHEL', 0.95) }], 'cases#2');
    const cells = cellsToRecheck([first, second], [SPEC]);
    expect(cells.map((c) => [c.tableId, c.row])).toEqual([['cases#2', 2]]);
    const applied = applyRechecks([first, second], cells, [{ lines: [{ text: '2/14/2017', confidence: 0.93 }] }]);
    expect(applied).toHaveLength(1);
    expect(second.rows[1]!.cells.issued).toMatchObject({ text: '2/14/2017', firstReading: 'SHEL' });
    expect(first.rows.map((r) => r.cells.issued!.text)).toEqual(['2/11/2017', '2/12/2017']);
    expect(first.rows[1]!.cells.issued!.firstReading).toBeUndefined();
  });
});

describe('cutting a cell out of the page', () => {
  const page = { width: 100, height: 50, data: new Uint8Array(100 * 50).fill(0) };

  it('copies the cell\'s pixels inside a white margin and paints out rulings on it', () => {
    const box = { x0: 10, x1: 30, y0: 10, y1: 20 };
    const rulings = [{ orientation: 'v' as const, x0: 20, x1: 20, y0: 0, y1: 50 }, { orientation: 'v' as const, x0: 2, x1: 2, y0: 0, y1: 50 }];
    const image = cutOutCell(page, 1, box, rulings, { ...DEFAULT_RECHECK_SETTINGS, marginPx: 5 });
    expect([image.width, image.height]).toEqual([30, 20]);
    const at = (x: number, y: number) => image.data[y * image.width + x];
    expect(at(0, 0)).toBe(255); // margin
    expect(at(6, 6)).toBe(0); // the cell's ink
    expect(at(15, 10)).toBe(255); // the ruling at x = 20
    // A ruling left of the cell paints nothing (no wrap-around into other rows).
    expect(image.data.filter((v) => v === 0).length).toBe(20 * 10 - 2 * 10);
  });

  it('makes the paper\'s near-white scan noise white and keeps grey ink', () => {
    // Noise of 250-254 over the paper made Tesseract's own threshold fall inside it: a clean "17"
    // read as nothing (300 DPI scan, fresh seed 357622729).
    const noisy = { width: 10, height: 1, data: Uint8Array.from([252, 254, 250, 0, 120, 240, 251, 253, 255, 248]) };
    const image = cutOutCell(noisy, 1, { x0: 0, x1: 10, y0: 0, y1: 1 }, [], { ...DEFAULT_RECHECK_SETTINGS, marginPx: 0 });
    expect([...image.data]).toEqual([255, 255, 255, 0, 120, 240, 255, 255, 255, 255]);
  });

  it('makes a grey row\'s paper white too, so that the white margin is no darker edge (fresh seed 236893302)', () => {
    // A zebra row at 242: Tesseract's threshold fell between the margin and the cell.
    const zebra = { width: 10, height: 1, data: Uint8Array.from([242, 241, 243, 0, 120, 242, 240, 244, 242, 200]) };
    const image = cutOutCell(zebra, 1, { x0: 0, x1: 10, y0: 0, y1: 1 }, [], { ...DEFAULT_RECHECK_SETTINGS, marginPx: 0 });
    expect([...image.data]).toEqual([255, 255, 255, 0, 120, 255, 255, 255, 255, 200]);
  });
});

describe('second look with Tesseract', () => {
  let pool: OcrPool;
  beforeAll(() => { pool = createOcrPool({ workers: 2 }); });
  afterAll(async () => { await pool.close(); });

  it('reads each date cell of a scanned grid table, cut out by its column and row', async () => {
    const dir = await tempDir();
    const drawn = await makeTablePdf({ grid: true });
    const pdf = await openPdf(await writePdf(dir, 'grid.pdf', await scanPdf(drawn.bytes, dir, { dpi: 200, skewDegrees: 0.8, jpegQuality: 60 })));
    const dates = drawn.words.filter((w) => /^\d+\/\d+\/\d{4}$/.test(w.text));
    // Column "Issued" runs from its border at x = 415 to the next at x = 485; rows are 18 pt.
    const cells: CellToRecheck[] = dates.map((d, i) => ({
      table: 'cases', tableId: 'cases#1', row: i + 1, field: 'issued', page: 1, ...DATE, take: 'best-line',
      box: { x0: 416, x1: 484, y0: d.baseline - 13, y1: d.baseline + 3 },
    }));
    const readings = await pool.recheckCells(pdf, 1, cells);
    await pdf.doc.destroy();
    expect(readings.map((r) => r.lines.map((l) => l.text).join(' | '))).toEqual(dates.map((d) => d.text));
    for (const r of readings) expect(r.lines[0]!.confidence).toBeGreaterThan(0.5);
  }, 120_000);
});
