/**
 * npm run accuracy [-- [--errors] [sample-name-fragment | file.pdf] ...]: extraction scored against
 * ground truth, for every bundled sample or the ones named, or for given PDFs with a
 * <name>.truth.json beside them (e.g. a scan from `samples/generate.ts --bench-scan`). Prints, per file and table, rows expected/found,
 * cell accuracy and exact-row rate (dataset rows and printed cells), and for OCR'd files how many
 * wrong cells were flagged for review and how many were silent.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { extractFile } from '../src/extract-file.ts';
import { createOcrPool } from '../src/ocr/pool.ts';
import { cellAccuracy, exactRowRate, scoreDataset, scorePrinted, type TableScore } from '../pipelines/ddor/accuracy.ts';
import { ddor } from '../pipelines/ddor/family.ts';
import { SampleTruthSchema } from '../pipelines/ddor/truth.ts';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const args = process.argv.slice(2);
/** --errors lists every wrong cell instead of the first four per table. */
const listAllErrors = args.includes('--errors');
/** Arguments ending in .pdf are files to score (each with <name>.truth.json beside it); others pick bundled samples by name. */
const paths = args.filter((a) => a.endsWith('.pdf'));
const filters = args.filter((a) => a !== '--errors' && !a.endsWith('.pdf'));
const samples = paths.length > 0 && filters.length === 0 ? [] : (await ddor.samples()).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const files = [...samples, ...paths];
const pool = createOcrPool({});
let silentTotal = 0;
const lines: string[] = [];
const row = (cols: (string | number)[]) => lines.push(cols.map((c, i) => String(c).padEnd(i === 0 ? 34 : i === 1 ? 22 : 10)).join(''));
try {
  row(['file', 'table', 'expected', 'found', 'cells', 'exact rows', 'printed', 'flagged', 'silent', 'seconds']);
  for (const file of files) {
    const truthFile = file.replace(/\.pdf$/, '.truth.json');
    const truth = SampleTruthSchema.parse(JSON.parse(await readFile(truthFile, 'utf8')));
    const started = performance.now();
    const result = await extractFile(ddor, file, { ocr: pool, displayName: paths.includes(file) ? file : `samples/${basename(file)}` });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const validation = ddor.validate(result.report.rows, [result.report]);
    const dataset = scoreDataset(truth, result.report, [...result.report.findings, ...validation.findings], ddor.reviewThreshold);
    const printed = new Map<string, TableScore>(scorePrinted(truth, result.report).map((s) => [s.table, s]));
    for (const s of dataset) {
      silentTotal += s.silentWrong;
      const p = printed.get(s.table);
      row([basename(file), s.table, s.expected, s.found, pct(cellAccuracy(s)), pct(exactRowRate(s)), p ? pct(cellAccuracy(p)) : '-', s.flaggedWrong, s.silentWrong, s.table === 'top_jurisdictions' ? seconds : '']);
      for (const e of [...s.examples, ...(p?.examples ?? [])].slice(0, listAllErrors ? undefined : 4)) lines.push(`    ${e}`);
    }
    const report = result.report.rows.reports![0] as Record<string, unknown>;
    const want = truth.dataset.reports[0]!;
    const meta = (['period_start', 'period_end', 'detainers_issued', 'top_ten_issued', 'edition'] as const)
      .map((k) => `${k} ${report[k] === want[k] ? 'ok' : `WRONG (${String(report[k])} vs ${String(want[k])})`}`).join(', ');
    lines.push(`    report: ${meta}`);
  }
} finally {
  await pool.close();
}
process.stdout.write(lines.join('\n') + `\n\nsilent errors (wrong, confident, unflagged): ${silentTotal}\n`);
