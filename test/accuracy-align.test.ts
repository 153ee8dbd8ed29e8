/** Row alignment in scoring: a missing or merged row costs that row only, not every later one. */
import { describe, expect, it } from 'vitest';
import { alignRows, scorePrintedRows } from '../pipelines/ddor/accuracy.ts';

const rows = ['a', 'b', 'c', 'd', 'e'].map((k) => ({ key: k, other: `${k}${k}` }));
const reader = (r: Record<string, string>) => (key: string) => r[key] ?? '';

describe('alignRows', () => {
  it('pairs every row when nothing is lost', () => {
    expect(alignRows(rows, rows, (a, b) => (a.key === b.key ? 1 : 0))).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves a lost row unpaired and keeps the later rows paired', () => {
    const found = rows.filter((r) => r.key !== 'b');
    expect(alignRows(rows, found, (a, b) => (a.key === b.key ? 1 : 0))).toEqual([0, null, 1, 2, 3]);
  });

  it('never pairs rows that agree on less than half their cells', () => {
    const found = [{ key: 'x', other: 'yy' }];
    expect(alignRows(rows.slice(0, 1), found, (a, b) => (a.key === b.key ? 1 : 0))).toEqual([null]);
  });
});

describe('scorePrintedRows', () => {
  it('scores a merged row as one missing row and one wrong row, the rest exact', () => {
    const merged = { key: 'b c', other: 'bb cc' };
    const found = [rows[0]!, merged, rows[3]!, rows[4]!].map(reader);
    const score = scorePrintedRows('t', rows, found);
    expect(score.exactRows).toBe(3);
    expect(score.missingRows).toBe(2);
    expect(score.extraRows).toBe(1);
    expect(score.correctCells).toBe(6);
  });
});
