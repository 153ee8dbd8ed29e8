import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { DDOR_TABLES } from '../pipelines/ddor/contract.ts';
import { parseCsv } from '../src/dataset/csv.ts';
import { FindingsReportSchema } from '../src/findings.ts';

const SAMPLE = 'samples/ddor-2017-02-11.pdf';


function encryptedPdf(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => writeFile(path, Buffer.concat(chunks)).then(resolve, reject));
    doc.text('Weekly Declined Detainer Outcome Report');
    doc.end();
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ddor-cli-'));
  await writeFile(join(dir, 'notes.pdf'), 'these are not PDF bytes\n');
  await writeFile(join(dir, 'page.pdf'), '<!DOCTYPE html><html><body>Not found</body></html>');
  const sample = await readFile(SAMPLE);
  await writeFile(join(dir, 'truncated.pdf'), sample.subarray(0, Math.floor(sample.length / 2)));
  await encryptedPdf(join(dir, 'encrypted.pdf'));
  await writeFile(join(dir, 'a-file'), 'x');
});

describe('ddor extract on bad input', () => {
  it.each([
    ['a missing file', () => join(dir, 'nope.pdf'), /nope\.pdf: no such file/],
    ['a file that is not a PDF', () => join(dir, 'notes.pdf'), /notes\.pdf: not a PDF file/],
    ['an HTML page saved as .pdf', () => join(dir, 'page.pdf'), /page\.pdf: this is an HTML page/],
    ['a truncated PDF', () => join(dir, 'truncated.pdf'), /truncated\.pdf: the file is truncated/],
    ['an encrypted PDF', () => join(dir, 'encrypted.pdf'), /encrypted\.pdf: the PDF is encrypted/],
  ])('%s: one-line error naming the file, exit 2, nothing written', async (_, file, message) => {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const result = await runCli('extract', file(), '--out', out, '--no-ocr');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('an output folder that cannot be written: error before any work', async () => {
    const result = await runCli('extract', SAMPLE, '--out', join(dir, 'a-file', 'out'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write to .*a-file\/out/);
  });

  it('a missing --out or an unknown option: usage error with a hint', async () => {
    expect((await runCli('extract', SAMPLE)).stderr).toMatch(/--out <dir> is required/);
    const unknown = await runCli('extract', SAMPLE, '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bogus'.*--help/);
  });

  it('--help documents the command', async () => {
    const help = await runCli('extract', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--debug <dir>/);
    expect((await runCli('--help')).stdout).toMatch(/extract .*\n.*diff/s);
  });
});

describe('ddor extract on a born-digital sample', () => {
  it('writes every table as JSON and CSV that parse against the contract, plus the data package', async () => {
    const out = join(dir, 'dataset');
    const result = await runCli('extract', SAMPLE, '--out', out, '--no-ocr', '--json');
    expect(result.code).toBe(0);
    for (const table of DDOR_TABLES) {
      const rows = JSON.parse(await readFile(join(out, `${table.name}.json`), 'utf8')) as unknown[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) table.schema.parse(row);
      const csv = parseCsv(await readFile(join(out, `${table.name}.csv`), 'utf8'));
      expect(csv[0]).toEqual(Object.keys(table.schema.shape));
      expect(csv).toHaveLength(rows.length + 1);
    }
    const pkg = JSON.parse(await readFile(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.resources.map((r: { name: string }) => r.name)).toEqual(DDOR_TABLES.map((t) => t.name));
    FindingsReportSchema.parse(JSON.parse(await readFile(join(out, 'findings.json'), 'utf8')));
    // The log is structured JSON, one object per line.
    for (const line of result.stderr.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
