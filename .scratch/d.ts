import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ddor } from '../pipelines/ddor/family.ts';
import { withDerivedFiles } from '../src/dataset/derived.ts';
import { renderDataset } from '../src/dataset/write.ts';
const dir = 'output/ddor/candidate/';
const rows = Object.fromEntries(ddor.tables.map((x) => [x.name, JSON.parse(readFileSync(`${dir + x.name}.json`, 'utf8'))]));
if (process.argv[2]) { const junk = []; for (let i = 0; i < 2e5; i++) junk.push('x'.repeat(i % 300)); }
const all = withDerivedFiles(renderDataset(ddor.tables, rows, { name: 'ddor', title: 't', description: 'd', portal: ddor.portal }), ddor.database, {});
console.log(createHash('sha256').update(all.get('ddor.sqlite')!).digest('hex'));
