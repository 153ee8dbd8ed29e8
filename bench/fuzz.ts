/**
 * npm run fuzz -- --seeds N [--from S] [--producer P] [--kind K] [--keep DIR] [--full]
 *
 * Generates N layout-fuzzed DDOR reports from seed S on (pipelines/ddor/generator/fuzz/), reads
 * each with the real engine on one OCR worker, scores it against its truth, and prints per
 * producer and scan kind, per section: cells, exact rows, silent errors, missing rows and
 * documents with zero rows; Tabula's Section II on born-digital copies where Java is installed;
 * then every document that misses its kind's bar, with the command that rebuilds it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createOcrPool } from '../src/ocr/pool.ts';
import { cellAccuracy, type TableScore } from '../pipelines/ddor/accuracy.ts';
import { KINDS, PRODUCERS, type Kind, type Producer } from '../pipelines/ddor/generator/fuzz/choices.ts';
import { generateFuzz, writeFuzzDocument } from '../pipelines/ddor/generator/fuzz/generate.ts';
import { SECTIONS, scoreFuzzFile, thresholdFailures, type SectionScores } from '../pipelines/ddor/generator/fuzz/score.ts';
import { tabulaJar, tabulaSectionTwo } from '../pipelines/ddor/generator/fuzz/tabula.ts';
import { MissingToolError } from '../pipelines/ddor/generator/fuzz/tools.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '10' }, from: { type: 'string', default: '1' },
    producer: { type: 'string' }, kind: { type: 'string' }, keep: { type: 'string' }, full: { type: 'boolean', default: false },
  },
});
const count = Number(values.seeds);
const from = Number(values.from);
if (!Number.isInteger(count) || count < 1) fail(`fuzz: --seeds must be a positive integer, got "${values.seeds}"`);
if (!Number.isInteger(from) || from < 0) fail(`fuzz: --from must be a non-negative integer, got "${values.from}"`);
if (values.producer && !PRODUCERS.includes(values.producer as Producer)) fail(`fuzz: unknown --producer "${values.producer}"; one of ${PRODUCERS.join(', ')}`);
if (values.kind && !KINDS.includes(values.kind as Kind)) fail(`fuzz: unknown --kind "${values.kind}"; one of ${KINDS.join(', ')}`);
const overrides = {
  ...(values.producer ? { producer: values.producer as Producer } : {}),
  ...(values.kind ? { kind: values.kind as Kind } : {}),
  fullSize: values.full,
};

interface Outcome { seed: number; producer: Producer; kind: Kind; oneBit: boolean; scores: SectionScores; tabula: TableScore | null; failures: string[]; seconds: number }

const tabula = tabulaJar();
const dir = values.keep ?? await mkdtemp(join(tmpdir(), 'ddor-fuzz-'));
const pool = createOcrPool({ workers: 1 });
const outcomes: Outcome[] = [];
/** Seeds the generator could not build (a bug of the fuzzer, not of the engine). */
const generatorFailures: string[] = [];
/** Documents the engine stopped on (not in the table: they have no scores). */
const engineFailures: string[] = [];
/** The summary table and the failing documents, for what has been scored so far. */
function summary(): string {
  const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
  function sum(scores: TableScore[]) {
    const total = (f: (s: TableScore) => number) => scores.reduce((acc, s) => acc + f(s), 0);
    return {
      cells: pct(total((s) => s.correctCells), total((s) => s.cells)),
      exact: pct(total((s) => s.exactRows), total((s) => Math.max(s.expected, s.found))),
      silent: total((s) => s.silentWrong),
      reviewed: pct(total((s) => s.reviewedExactRows), total((s) => s.exactRows)),
      missing: total((s) => s.missingRows),
      empty: scores.filter((s) => s.expected > 0 && s.found === 0).length,
    };
  }

  const lines: string[] = [];
  const cols = (cells: Array<string | number>, widths: number[]) => lines.push(cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join(' '));
  const widths = [18, 20, 5, 4, 8, 8, 7, 9, 8, 6, 14];
  lines.push(`npm run fuzz -- --seeds ${count} --from ${from}${values.producer ? ` --producer ${values.producer}` : ''}${values.kind ? ` --kind ${values.kind}` : ''}: ${outcomes.length} documents scored`);
  cols(['producer', 'kind', 'docs', 'sec', 'cells', 'exact', 'silent', 'reviewed', 'missing', 'empty', 'tabula II'], widths);
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(`${o.producer}|${o.kind}`, [...(groups.get(`${o.producer}|${o.kind}`) ?? []), o]);
  const sortedKeys = [...groups.keys()].sort((a, b) => {
    const [pa, ka] = a.split('|') as [Producer, Kind];
    const [pb, kb] = b.split('|') as [Producer, Kind];
    return PRODUCERS.indexOf(pa) - PRODUCERS.indexOf(pb) || KINDS.indexOf(ka) - KINDS.indexOf(kb);
  });
  const tabulaCell = (group: Outcome[]) => {
    const peers = group.map((o) => o.tabula).filter((t): t is TableScore => t !== null);
    if (!peers.length) return '';
    const s = sum(peers);
    return `${s.cells} (${s.exact})`;
  };
  for (const key of sortedKeys) {
    const group = groups.get(key)!;
    const [producer, kind] = key.split('|');
    for (const { section } of SECTIONS) {
      const s = sum(group.map((o) => o.scores[section]));
      cols([section === 'I' ? producer! : '', section === 'I' ? kind! : '', section === 'I' ? group.length : '', section, s.cells, s.exact, s.silent, s.reviewed, s.missing, s.empty, section === 'II' ? tabulaCell(group) : ''], widths);
    }
  }
  lines.push('', 'By scan kind (all producers):');
  cols(['kind', '', 'docs', 'sec', 'cells', 'exact', 'silent', 'reviewed', 'missing', 'empty', 'tabula II'], widths);
  const kindRows = (label: string, group: Outcome[]) => {
    for (const { section } of SECTIONS) {
      const s = sum(group.map((o) => o.scores[section]));
      cols([section === 'I' ? label : '', '', section === 'I' ? group.length : '', section, s.cells, s.exact, s.silent, s.reviewed, s.missing, s.empty, section === 'II' ? tabulaCell(group) : ''], widths);
    }
  };
  for (const kind of KINDS) {
    const group = outcomes.filter((o) => o.kind === kind);
    if (!group.length) continue;
    kindRows(kind, group);
    // One-bit scans (fuzz/choices.ts ScanChoice.bilevel) apart too: they are read differently.
    const oneBit = group.filter((o) => o.oneBit);
    if (oneBit.length) kindRows(`  of which one-bit`, oneBit);
  }
  if (!('jar' in tabula)) lines.push('', `Tabula not scored: ${tabula.unavailable}.`);
  const failing = outcomes.filter((o) => o.failures.length);
  lines.push('', `Failing documents (${failing.length + engineFailures.length} of ${outcomes.length + engineFailures.length}); rebuild one with npm run fuzz -- --from SEED --seeds 1 --producer P --kind K --keep DIR:`);
  for (const o of failing) lines.push(`  seed ${o.seed} ${o.producer} ${o.kind}${o.oneBit ? ' (one-bit)' : ''}: ${o.failures.join('; ')}`);
  for (const f of engineFailures) lines.push(`  ${f}`);
  if (generatorFailures.length) lines.push('', 'Seeds the generator could not build (not scored):', ...generatorFailures.map((f) => `  ${f}`));
  return `${lines.join('\n')}\n`;
}

// Ctrl-C (or a time limit's SIGTERM) prints the table for the documents scored so far.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stdout.write(`(interrupted)\n${summary()}`);
    process.exit(130);
  });
}

try {
  for (let seed = from; seed < from + count; seed++) {
    const started = performance.now();
    let doc: Awaited<ReturnType<typeof generateFuzz>>;
    try {
      doc = await generateFuzz(seed, overrides);
    } catch (error) {
      if (error instanceof MissingToolError) throw error;
      generatorFailures.push(`seed ${seed}: ${(error as Error).message}`);
      console.error(`seed ${seed}: the generator failed: ${(error as Error).message}`);
      continue;
    }
    const file = await writeFuzzDocument(doc, dir);
    const { producer, kind } = doc.choices;
    let scores: SectionScores;
    try {
      scores = await scoreFuzzFile(file, doc.truth, pool);
    } catch (error) {
      // A document the engine refuses is a failure of the engine, listed with the failing ones.
      engineFailures.push(`seed ${seed} ${producer} ${kind}: the engine failed: ${(error as Error).message}`);
      console.error(engineFailures.at(-1));
      continue;
    }
    const peer = kind === 'born-digital' && 'jar' in tabula ? await tabulaSectionTwo(tabula.jar, file, doc.truth).catch(() => null) : null;
    const failures = thresholdFailures(kind, scores);
    const seconds = (performance.now() - started) / 1000;
    outcomes.push({ seed, producer, kind, oneBit: doc.choices.scan?.bilevel === true, scores, tabula: peer, failures, seconds });
    console.error(`seed ${seed} ${producer} ${kind}${doc.choices.scan?.bilevel ? " (one-bit)" : ""}: ${SECTIONS.map(({ section }) => `${section} ${(100 * cellAccuracy(scores[section])).toFixed(1)}%`).join(', ')}${failures.length ? ` FAIL: ${failures.join('; ')}` : ''} (${seconds.toFixed(0)} s)`);
  }
} catch (error) {
  if (error instanceof MissingToolError) fail(error.message);
  throw error;
} finally {
  await pool.close();
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

process.stdout.write(summary());
