import { mkdtemp, readdir, readFile, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../src/dataset/csv.ts';
import { renderDataset, writeDatasetAtomically } from '../src/dataset/write.ts';
import type { TableSpec } from '../src/dataset/table-spec.ts';
import { leftBeside } from './support/hostile.ts';

const table: TableSpec = {
  name: 'things', title: 'Things', primaryKey: ['id'],
  schema: z.object({ id: z.number().int(), name: z.string(), tags: z.array(z.string()), note: z.string().nullable() }),
};

describe('CSV writer', () => {
  it('quotes commas, quotes, newlines and edge spaces, writes arrays as JSON, and round-trips', () => {
    const rows = [
      { id: 1, name: 'Clark, Nevada', tags: ['a'], note: 'said "no"' },
      { id: 2, name: 'Doña Ana County', tags: ['• first', 'second'], note: null },
      { id: 3, name: ' padded ', tags: [], note: 'line\nbreak' },
    ];
    const csv = toCsv(['id', 'name', 'tags', 'note'], rows);
    expect(csv).toBe('id,name,tags,note\n1,"Clark, Nevada","[""a""]","said ""no"""\n2,Doña Ana County,"[""• first"",""second""]",\n3," padded ",[],"line\nbreak"\n');
    expect(parseCsv(csv)).toEqual([
      ['id', 'name', 'tags', 'note'],
      ['1', 'Clark, Nevada', '["a"]', 'said "no"'],
      ['2', 'Doña Ana County', '["• first","second"]', ''],
      ['3', ' padded ', '[]', 'line\nbreak'],
    ]);
    expect(csv.includes('\r')).toBe(false);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes columns in schema order and rows in key order, byte-identical for the same input', () => {
    const rows = [{ note: null, tags: [], name: 'b', id: 2 }, { id: 1, name: 'a', tags: ['x'], note: 'n' }];
    const first = renderDataset([table], { things: rows }, { name: 't', title: 'T', description: 'd' });
    const second = renderDataset([table], { things: [...rows].reverse() }, { name: 't', title: 'T', description: 'd' });
    expect([...first.entries()]).toEqual([...second.entries()]);
    expect(first.get('things.csv')).toBe('id,name,tags,note\n1,a,"[""x""]",n\n2,b,[],\n');
    const pkg = JSON.parse(first.get('datapackage.json')!);
    expect(pkg.resources[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pkg.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(['id', 'name', 'tags', 'note']);
  });

  it('refuses rows that break the schema instead of writing them', () => {
    expect(() => renderDataset([table], { things: [{ id: 'x', name: 1, tags: [], note: null }] }, { name: 't', title: 'T', description: 'd' })).toThrow();
  });
});

describe('atomic dataset folders', () => {
  it('replace the old content only once the new one is complete, leaving no staging folders', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ddor-write-'));
    const out = join(root, 'dataset');
    await writeDatasetAtomically(out, new Map([['a.json', '1\n']]));
    await writeDatasetAtomically(out, new Map([['b.json', '2\n']]));
    expect(await readdir(out)).toEqual(['.written-by.json', 'b.json']);
    expect(await leftBeside(out)).toEqual([]);
  });

  it('leave the previous dataset untouched when writing fails', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: make the write fail with a file name that cannot be created instead.
      const root = await mkdtemp(join(tmpdir(), 'ddor-write-'));
      const out = join(root, 'dataset');
      await writeDatasetAtomically(out, new Map([['a.json', 'old\n']]));
      await expect(writeDatasetAtomically(out, new Map([['ok.json', '1'], ['bad\0name.json', '2']]))).rejects.toThrow();
      expect(await readFile(join(out, 'a.json'), 'utf8')).toBe('old\n');
      expect(await leftBeside(out)).toEqual([]);
      return;
    }
    const root = await mkdtemp(join(tmpdir(), 'ddor-write-'));
    await mkdir(join(root, 'locked'));
    await writeFile(join(root, 'locked', 'keep'), 'x');
    await chmod(join(root, 'locked'), 0o500);
    await expect(writeDatasetAtomically(join(root, 'locked', 'out'), new Map([['a', '1']]))).rejects.toThrow();
  });
});
