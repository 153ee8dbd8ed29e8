import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Row, TableSpec } from '../src/dataset/table-spec.ts';
import { renderDataset, writeDatasetAtomically } from '../src/dataset/write.ts';
import { diffDatasets, type DiffSettingsInput } from '../src/versions/diff.ts';
import { VersioningError } from '../src/versions/read.ts';
import { renderDiffHtml } from '../src/versions/render-html.ts';
import { diffToJson, renderDiffMarkdown } from '../src/versions/render.ts';
import { finding, findingsReport, type Finding } from '../src/findings.ts';
import { proposeBump } from '../src/versions/semver.ts';

/** A content-hash identity (like DDOR record ids) with positional row and page columns. */
const ITEMS: TableSpec = {
  name: 'items',
  title: 'Items',
  schema: z.object({
    item_id: z.string(),
    group: z.string(),
    row: z.number().int(),
    name: z.string(),
    amount: z.number(),
    page: z.number().int(),
  }),
  primaryKey: ['item_id'],
  positional: ['row', 'page'],
};

/** A positional key (rank) with a natural identity. */
const RANKS: TableSpec = {
  name: 'ranks',
  title: 'Ranks',
  schema: z.object({ group: z.string(), rank: z.number().int(), place: z.string(), count: z.number().int() }),
  primaryKey: ['group', 'rank'],
  identity: ['group', 'place'],
  positional: ['rank'],
};

const ITEMS_WITH_NOTE: TableSpec = { ...ITEMS, schema: ITEMS.schema.extend({ note: z.string().nullable() }) };
const TABLES = [ITEMS, RANKS];

function item(group: string, row: number, name: string, amount: number, page: number): Row {
  const item_id = createHash('sha256').update(JSON.stringify([group, name, amount])).digest('hex').slice(0, 8);
  return { item_id, group, row, name, amount, page };
}

const BASE = {
  items: [item('g1', 1, 'Apple', 1, 1), item('g1', 2, 'Pear', 2, 1), item('g1', 3, 'Plum', 3, 2)],
  ranks: [
    { group: 'g1', rank: 1, place: 'A', count: 10 },
    { group: 'g1', rank: 2, place: 'B', count: 8 },
    { group: 'g1', rank: 3, place: 'C', count: 5 },
    { group: 'g1', rank: 4, place: 'D', count: 2 },
  ],
};

const roots: string[] = [];
afterAll(async () => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function dataset(rows: Record<string, Row[]>, tables: readonly TableSpec[] = TABLES): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'ddor-diff-'));
  roots.push(root);
  const dir = join(root, 'dataset');
  await writeDatasetAtomically(dir, renderDataset(tables, rows, { name: 'test', title: 'Test', description: 'Synthetic test data' }));
  return dir;
}

async function diffOf(oldRows: Record<string, Row[]>, newRows: Record<string, Row[]>, settings?: DiffSettingsInput) {
  return diffDatasets(TABLES, await dataset(oldRows), await dataset(newRows), settings);
}

const tableOf = (diff: Awaited<ReturnType<typeof diffOf>>, name: string) => diff.tables.find((t) => t.table === name)!;

describe('diffDatasets', () => {
  it('finds no changes between identical datasets', async () => {
    const diff = await diffOf(BASE, structuredClone(BASE));
    expect(diff.equal).toBe(true);
    expect(diff.tables.map((t) => t.counts)).toEqual([
      { added: 0, removed: 0, changed: 0, unchanged: 3 },
      { added: 0, removed: 0, changed: 0, unchanged: 4 },
    ]);
    expect(proposeBump(diff)).toBeNull();
    expect(renderDiffMarkdown(diff)).toContain('No changes.');
    expect(renderDiffHtml(diff)).toContain('<p>No changes.</p>');
  });

  it('reports added, removed and changed rows matched by identity, with per-column counts', async () => {
    const ranks = [
      { group: 'g1', rank: 1, place: 'A', count: 11 },
      { group: 'g1', rank: 2, place: 'B', count: 8 },
      { group: 'g1', rank: 3, place: 'C', count: 5 },
      { group: 'g1', rank: 4, place: 'E', count: 1 },
    ];
    const diff = await diffOf(BASE, { ...BASE, ranks });
    const t = tableOf(diff, 'ranks');
    expect(t.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 2 });
    expect(t.changed[0]).toMatchObject({ identity: { group: 'g1', place: 'A' }, pairedBy: 'identity', changes: [{ field: 'count', old: 10, new: 11 }] });
    expect(t.columnChanges).toEqual({ count: 1 });
    expect(t.removed.map((e) => e.identity)).toEqual([{ group: 'g1', place: 'D' }]);
    expect(t.added.map((e) => e.identity)).toEqual([{ group: 'g1', place: 'E' }]);
    expect(diff.equal).toBe(false);
    expect(proposeBump(diff)).toBe('minor');
  });

  it('counts a rank shift caused by a removed row as that removal only', async () => {
    const ranks = [
      { group: 'g1', rank: 1, place: 'A', count: 10 },
      { group: 'g1', rank: 2, place: 'C', count: 5 },
      { group: 'g1', rank: 3, place: 'D', count: 2 },
    ];
    const diff = await diffOf(BASE, { ...BASE, ranks });
    expect(tableOf(diff, 'ranks').counts).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 3 });
    expect(tableOf(diff, 'ranks').removed[0]!.row).toMatchObject({ place: 'B', rank: 2 });
    expect(proposeBump(diff)).toBe('patch');
  });

  it('pairs a corrected cell that changed a content-hash identity into one changed row', async () => {
    const items = [item('g1', 1, 'Apple', 1, 1), item('g1', 2, 'Pears', 2, 1), item('g1', 3, 'Plum', 3, 2)];
    const diff = await diffOf(BASE, { ...BASE, items });
    const t = tableOf(diff, 'items');
    expect(t.counts).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 2 });
    expect(t.changed[0]!.pairedBy).toBe('similarity');
    expect(t.changed[0]!.changes.map((c) => c.field).sort()).toEqual(['item_id', 'name']);
    expect(t.changed[0]!.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', old: 'Pear', new: 'Pears' });
    expect(t.columnChanges).toEqual({ item_id: 1, name: 1 });
    expect(proposeBump(diff)).toBe('patch');
  });

  it('pairs each row at most once', async () => {
    const old = { ...BASE, items: [...BASE.items, item('g1', 4, 'Peas', 2, 2)] };
    const items = [item('g1', 1, 'Apple', 1, 1), item('g1', 2, 'Pears', 2, 1), item('g1', 3, 'Plum', 3, 2)];
    const t = tableOf(await diffOf(old, { ...BASE, items }), 'items');
    expect(t.counts).toEqual({ added: 0, removed: 1, changed: 1, unchanged: 2 });
  });

  it('does not pair rows that differ in most of their cells', async () => {
    const items = [item('g1', 1, 'Apple', 1, 1), item('g1', 2, 'Quince', 9, 1), item('g1', 3, 'Plum', 3, 2)];
    const t = tableOf(await diffOf(BASE, { ...BASE, items }), 'items');
    expect(t.counts).toEqual({ added: 1, removed: 1, changed: 0, unchanged: 2 });
  });

  it('pairs only within the configured columns (e.g. one report)', async () => {
    const items = [item('g2', 1, 'Apple', 1, 1), item('g1', 2, 'Pear', 2, 1), item('g1', 3, 'Plum', 3, 2)];
    const loose = tableOf(await diffOf(BASE, { ...BASE, items }), 'items');
    expect(loose.counts).toMatchObject({ changed: 1, added: 0, removed: 0 });
    const scoped = tableOf(await diffOf(BASE, { ...BASE, items }, { pairing: { within: ['group'] } }), 'items');
    expect(scoped.counts).toMatchObject({ changed: 0, added: 1, removed: 1 });
  });

  it('ignores positional columns: a row that moved to another page is unchanged', async () => {
    const items = [item('g1', 1, 'Apple', 1, 1), item('g1', 2, 'Pear', 2, 2), item('g1', 3, 'Plum', 3, 3)];
    const diff = await diffOf(BASE, { ...BASE, items });
    expect(diff.equal).toBe(true);
  });

  it('detects a schema change from the datapackage field lists and proposes a major bump', async () => {
    const withNote = BASE.items.map((row) => ({ ...row, note: null }));
    const diff = await diffDatasets([ITEMS_WITH_NOTE, RANKS], await dataset(BASE), await dataset({ ...BASE, items: withNote }, [ITEMS_WITH_NOTE, RANKS]));
    const t = tableOf(diff, 'items');
    expect(t.schema).toMatchObject({ status: 'fields-changed', fieldsAdded: ['note'], fieldsRemoved: [], fieldsChanged: [] });
    expect(t.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(diff.schemaChanged).toBe(true);
    expect(proposeBump(diff)).toBe('major');
    expect(renderDiffMarkdown(diff)).toContain('Schema: fields added: note.');
  });

  it('reports changed package metadata', async () => {
    const oldDir = await dataset(BASE);
    const root = await mkdtemp(join(tmpdir(), 'ddor-diff-'));
    roots.push(root);
    await writeDatasetAtomically(root, renderDataset(TABLES, BASE, { name: 'test', title: 'Test', description: 'Reworded' }));
    const diff = await diffDatasets(TABLES, oldDir, root);
    expect(diff.metadataChanged).toEqual(['description']);
    expect(proposeBump(diff)).toBe('minor');
  });

  it('names the folder and what to do when a dataset is missing', async () => {
    const dir = await dataset(BASE);
    await expect(diffDatasets(TABLES, join(dir, 'nowhere'), dir)).rejects.toThrow(VersioningError);
    await expect(diffDatasets(TABLES, join(dir, 'nowhere'), dir)).rejects.toThrow(/nowhere.*missing datapackage\.json\. Pass a dataset folder/);
  });
});

describe('diff renderers', () => {
  const corrected = {
    items: [item('g1', 1, 'Apple', 1, 1), item('g1', 2, 'Pear <b>&', 2, 1), item('g1', 3, 'Plum', 3, 2), item('g1', 4, 'Fig', 4, 3)],
    ranks: BASE.ranks.slice(1).map((r) => ({ ...r, rank: r.rank - 1 })),
  };

  it('summarises a diff in Markdown: counts, per-column counts, each change with identity and page', async () => {
    const diff = await diffOf(BASE, corrected);
    const markdown = renderDiffMarkdown(diff);
    expect(markdown.split('\n')[0]).toBe('## Dataset diff dataset → dataset: **minor** (1 row added)');
    expect(markdown).toContain('<details><summary><b>items</b>: Items (1 added, 1 changed)</summary>');
    expect(markdown).toContain('| items | 1 | 0 | 1 | 2 |');
    expect(markdown).toContain('| ranks | 0 | 1 | 0 | 3 |');
    expect(markdown).toContain('Changes per column: `item_id` 1, `name` 1');
    expect(markdown).toMatch(/- `item_id=[0-9a-f]{8}, p\. 1`: item_id: `"[0-9a-f]{8}"` → `"[0-9a-f]{8}"`; name: `"Pear"` → `"Pear <b>&"`/);
    expect(markdown).toContain('**Removed (1)**');
    expect(markdown).toContain('| g1 | 1 | A | 10 |');
    expect(markdown).toContain('| Fig | 4 | 3 |');
  });

  it('lists at most maxListedRows rows per section and counts the rest', async () => {
    const many = { ...BASE, items: [...BASE.items, ...[4, 5, 6].map((n) => item('g1', n, `New ${n}`, n * 10, 4))] };
    const markdown = renderDiffMarkdown(await diffOf(BASE, many), { maxListedRows: 1 });
    expect(['| New 4 |', '| New 5 |', '| New 6 |'].filter((cell) => markdown.includes(cell))).toHaveLength(1);
    expect(markdown).toContain('…and 2 more');
  });

  it('renders a self-contained, accessible HTML view with changed cells highlighted', async () => {
    const html = renderDiffHtml(await diffOf(BASE, corrected));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/\b(src|href)=|url\(|@import|<script|<link/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('<caption>Changed rows (1)</caption>');
    expect(html).toContain('<th scope="col">Identity</th><th scope="col">item_id</th>');
    expect(html).toContain('<th scope="col">name</th>');
    expect(html).toMatch(/<th scope="row">item_id=[0-9a-f]{8}, p\. 1<\/th>/);
    expect(html).toContain('<td class="changed"><span class="visually-hidden">changed from </span><del>Pear</del> <span class="visually-hidden">to </span><ins>Pear &lt;b&gt;&amp;</ins></td>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<caption>Removed rows (1)</caption>');
    expect(html).toContain('<tr class="added">');
  });

  it('shows a changed row with its identity and the changed columns only, in HTML', async () => {
    const ranks = BASE.ranks.map((r) => (r.place === 'A' ? { ...r, count: 11 } : r));
    const html = renderDiffHtml(await diffOf(BASE, { ...BASE, ranks }));
    expect(html).toContain('<caption>Changed rows (1)</caption><thead><tr><th scope="col">Identity</th><th scope="col">count</th></tr></thead>');
  });

  it('lists the findings added and removed; a change of findings alone is a patch', async () => {
    const withFindings = async (findings: Finding[]) => {
      const dir = await dataset(BASE);
      await writeFile(join(dir, 'findings.json'), JSON.stringify(findingsReport(findings)));
      return dir;
    };
    const kept = finding({ severity: 'info', code: 'page-ocr', message: 'OCR\'d', file: 'a.pdf', page: 2 });
    const gone = finding({ severity: 'warning', code: 'total-mismatch', message: 'rows add up to 5, the report states 6', table: 'ranks', row: 1 });
    const found = finding({ severity: 'error', code: 'table-not-found', message: 'no Section III', file: 'a.pdf' });
    const diff = await diffDatasets(TABLES, await withFindings([kept, gone]), await withFindings([kept, found]));
    expect(diff.findings).toEqual({ added: [found], removed: [gone] });
    expect(diff.equal).toBe(false);
    expect(proposeBump(diff)).toBe('patch');
    const markdown = renderDiffMarkdown(diff, { version: '1.0.1' });
    expect(markdown.split('\n')[0]).toBe('## Dataset diff dataset → 1.0.1 (dataset): **patch** (findings changed)');
    expect(markdown).toContain('<details><summary><b>Findings</b>: 1 added, 1 removed</summary>');
    expect(markdown).toContain('| added | error | `table-not-found` | a.pdf | no Section III |');
    expect(markdown).toContain('| removed | warning | `total-mismatch` | ranks row 1 | rows add up to 5, the report states 6 |');
  });

  it('keeps the Markdown under maxChars, naming the sections left out and where the full diff is', async () => {
    const many = { ranks: BASE.ranks.slice(0, 3), items: [...BASE.items, ...Array.from({ length: 60 }, (_, i) => item('g1', 4 + i, `New item number ${i}`, i * 10, 4))] };
    const diff = await diffOf(BASE, many);
    const whole = renderDiffMarkdown(diff);
    const capped = renderDiffMarkdown(diff, { maxChars: 2_000, fullDiff: '`tool diff a b --format json`' });
    expect(whole.length).toBeGreaterThan(2_000);
    expect(capped.length).toBeLessThanOrEqual(2_000);
    expect(capped).toContain('| items | 60 | 0 | 0 | 3 |');
    expect(capped).toContain('Left out to keep this under 2,000 characters: items. The full diff: `tool diff a b --format json`.');
    expect(capped).toContain('<details><summary><b>ranks</b>: Ranks (1 removed)</summary>');
  });

  it('gives machines the whole diff as JSON, and the same bytes every time', async () => {
    const oldDir = await dataset(BASE);
    const newDir = await dataset(corrected);
    const first = await diffDatasets(TABLES, oldDir, newDir);
    const second = await diffDatasets(TABLES, oldDir, newDir);
    expect(JSON.parse(diffToJson(first))).toEqual(first);
    expect(diffToJson(second)).toBe(diffToJson(first));
    expect(renderDiffMarkdown(second)).toBe(renderDiffMarkdown(first));
    expect(renderDiffHtml(second)).toBe(renderDiffHtml(first));
    expect(JSON.parse(diffToJson(first, { bump: 'minor' })).bump).toBe('minor');
  });
});
