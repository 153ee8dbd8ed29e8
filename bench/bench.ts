/**
 * npm run bench [-- --runs 3 --pages 35 --workers 2 --out output/bench/bench.json]: speed and memory
 * of the engine, not a test.
 *
 * - born-digital: pages per second through open → classify → text layer → tables → the family's
 *   rows, over every bundled sample whose pages all have a text layer; median of --runs runs.
 * - ocr: seconds per page through the OCR pool (classify, render, deskew, recognise) on an
 *   image-only scan of --pages pages made by `samples/generate.ts --bench-scan`.
 * - peak RSS per part (sampled) and for the whole process (resourceUsage().maxRSS).
 * - where installed: `pdftotext -layout` on the same born-digital PDFs, and native `tesseract`
 *   recognising the very images our pool recognises (one thread each), with ratios.
 *
 * Wall times depend on what else the machine runs: CPU seconds (all threads of this process)
 * and the load average are printed beside them.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { readDocument } from '../src/document.ts';
import { extractReadings, sourceDocument } from '../src/extract-file.ts';
import { createOcrPool } from '../src/ocr/pool.ts';
import { encodePgm } from '../src/ocr/gray.ts';
import { preparePageImage } from '../src/ocr/page-image.ts';
import { OcrSettingsSchema } from '../src/ocr/settings.ts';
import { classifyPages, needsOcr } from '../src/pdf/classify.ts';
import { openPdf } from '../src/pdf/load.ts';
import { ddor } from '../pipelines/ddor/family.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: '35' },
    workers: { type: 'string', default: String(Math.max(1, Math.min(2, availableParallelism()))) },
    'native-pages': { type: 'string', default: '3' },
    out: { type: 'string', default: 'output/bench/bench.json' },
  },
});
const positiveInt = (name: string, raw: string, min = 1) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
};
const runs = positiveInt('runs', values.runs);
const scanPages = positiveInt('pages', values.pages, 0);
const workers = positiveInt('workers', values.workers);
const nativePages = positiveInt('native-pages', values['native-pages'], 0);

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** Runs `work` while sampling RSS; returns its result, wall and CPU seconds, and the peak RSS seen. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await work();
    return { value, wall: (performance.now() - started) / 1000, cpu: cpuSeconds(cpu), peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)) };
  } finally {
    clearInterval(sampler);
  }
}

async function installed(tool: string): Promise<string | null> {
  try {
    return (await run('which', [tool])).stdout.trim() || null;
  } catch {
    return null;
  }
}

async function bornDigitalFiles(): Promise<{ file: string; pages: number }[]> {
  const files: { file: string; pages: number }[] = [];
  for (const file of await ddor.samples()) {
    const pdf = await openPdf(file);
    try {
      const classes = await classifyPages(pdf.doc);
      if (!classes.some(needsOcr)) files.push({ file, pages: pdf.pageCount });
    } finally {
      await pdf.doc.destroy();
    }
  }
  return files;
}

/** One pass over the born-digital files; seconds split between reading pages and extracting tables/rows. */
async function extractBornDigital(files: readonly { file: string }[]) {
  let reading = 0;
  let extracting = 0;
  for (const { file } of files) {
    const pdf = await openPdf(file);
    try {
      const t0 = performance.now();
      const readings = await readDocument(pdf, { ocr: null });
      const t1 = performance.now();
      const { report } = await extractReadings(ddor, sourceDocument(pdf, basename(file)), readings);
      if (report.rows.reports?.length !== 1) throw new Error(`${file}: no report row extracted; the bench measures a broken extraction`);
      reading += (t1 - t0) / 1000;
      extracting += (performance.now() - t1) / 1000;
    } finally {
      await pdf.doc.destroy();
    }
  }
  return { reading, extracting };
}

async function pdftotextSeconds(files: readonly { file: string }[]): Promise<number> {
  const started = performance.now();
  for (const { file } of files) await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 2 ** 20 });
  return (performance.now() - started) / 1000;
}

function generateScan(file: string, pages: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'samples/generate.ts', '--bench-scan', file, '--bench-pages', String(pages)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`samples/generate.ts --bench-scan exited with ${code}`))));
  });
}

/** Recognition alone, page by page on one thread: our pool (1 worker) and native tesseract on the same images. */
async function recognitionComparison(scan: string, pages: number, dir: string) {
  const settings = OcrSettingsSchema.parse({});
  const pdf = await openPdf(scan);
  const pool = createOcrPool({ workers: 1 });
  const ours: number[] = [];
  const native: number[] = [];
  try {
    await pool.recognize(await preparePageImage(pdf.doc, scan, 1, settings)); // worker start-up, not counted
    for (let page = 1; page <= pages; page++) {
      const image = await preparePageImage(pdf.doc, scan, page, settings);
      let t = performance.now();
      await pool.recognize(image);
      ours.push((performance.now() - t) / 1000);
      const pgm = join(dir, `p${page}.pgm`);
      await writeFile(pgm, encodePgm(image.pixels));
      t = performance.now();
      await run('tesseract', [pgm, join(dir, `p${page}`), '--psm', '11', '--dpi', String(image.dpi), '-l', 'eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      native.push((performance.now() - t) / 1000);
    }
  } finally {
    await pool.close();
    await pdf.doc.destroy();
  }
  const { stdout } = await run('tesseract', ['--version']);
  return { pages, oursSecondsPerPage: median(ours), nativeSecondsPerPage: median(native), nativeVersion: stdout.split('\n')[0]!, ratio: median(ours) / median(native) };
}

const tools = { pdftotext: await installed('pdftotext'), tesseract: await installed('tesseract') };
const machine = { cpus: availableParallelism(), node: process.version, loadAverage1m: Number(loadavg()[0]!.toFixed(2)) };
const lines: string[] = [`ddor bench: ${machine.cpus} CPUs, Node ${machine.node}, load average ${machine.loadAverage1m} at start`];

// Born-digital extraction
const files = await bornDigitalFiles();
const totalPages = files.reduce((n, f) => n + f.pages, 0);
const passes: { wall: number; cpu: number; reading: number; extracting: number; peakRssMb: number }[] = [];
for (let i = 0; i < runs; i++) {
  const m = await measured(() => extractBornDigital(files));
  passes.push({ wall: m.wall, cpu: m.cpu, peakRssMb: m.peakRssMb, ...m.value });
}
const bornDigital = {
  files: files.map((f) => basename(f.file)),
  pages: totalPages,
  runs,
  pagesPerSecond: totalPages / median(passes.map((p) => p.wall)),
  cpuSecondsPerPage: median(passes.map((p) => p.cpu)) / totalPages,
  readingShare: median(passes.map((p) => p.reading / (p.reading + p.extracting))),
  peakRssMb: Math.max(...passes.map((p) => p.peakRssMb)),
  pdftotext: null as null | { pagesPerSecond: number; oursRelative: number },
};
if (tools.pdftotext) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await pdftotextSeconds(files));
  const seconds = median(times);
  bornDigital.pdftotext = { pagesPerSecond: totalPages / seconds, oursRelative: bornDigital.pagesPerSecond / (totalPages / seconds) };
}
lines.push('', `born-digital extraction (${files.length} files, ${totalPages} pages, median of ${runs})`,
  `  ${bornDigital.pagesPerSecond.toFixed(1)} pages/s, ${(bornDigital.cpuSecondsPerPage * 1000).toFixed(0)} ms CPU/page, ${(bornDigital.readingShare * 100).toFixed(0)} % of it reading pages, peak RSS ${bornDigital.peakRssMb} MB`,
  bornDigital.pdftotext
    ? `  pdftotext -layout: ${bornDigital.pdftotext.pagesPerSecond.toFixed(1)} pages/s (text only, no tables); ours runs at ${(bornDigital.pdftotext.oursRelative * 100).toFixed(1)} % of its speed`
    : '  pdftotext: not installed (apt-get install poppler-utils to compare)');

// OCR
let ocr: null | Record<string, unknown> = null;
if (scanPages > 0) {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-bench-'));
  try {
    const scan = join(dir, 'bench-scan.pdf');
    await generateScan(scan, scanPages);
    const pool = createOcrPool({ workers });
    const pdf = await openPdf(scan);
    const secondLook = { cells: 0, pages: 0, seconds: 0 };
    const m = await measured(async () => {
      const readings = await readDocument(pdf, { ocr: pool, ocrConcurrency: workers + 1 });
      const failed = readings.filter((r) => r.error);
      if (failed.length) throw new Error(`OCR failed on ${failed.length} pages: ${failed[0]!.error}`);
      // Tables, then the second look at doubtful cells, which renders those pages again.
      await extractReadings(ddor, sourceDocument(pdf, basename(scan)), readings, async (page, cells) => {
        const t = performance.now();
        const result = await pool.recheckCells(pdf, page, cells);
        secondLook.seconds += (performance.now() - t) / 1000;
        secondLook.cells += cells.length;
        secondLook.pages++;
        return result;
      });
      return readings.reduce((n, r) => n + (r.tokens?.words.length ?? 0), 0);
    });
    await pool.close();
    await pdf.doc.destroy();
    const comparison = tools.tesseract && nativePages > 0 ? await recognitionComparison(scan, Math.min(nativePages, scanPages), dir) : null;
    ocr = { pages: scanPages, workers, words: m.value, secondsPerPage: m.wall / scanPages, cpuSecondsPerPage: m.cpu / scanPages, peakRssMb: m.peakRssMb, secondLook, native: comparison };
    lines.push('', `OCR (${scanPages}-page 300 DPI scan, ${workers} workers, classify + render + deskew + despeckle + recognise + tables + second look)`,
      `  ${(m.wall / scanPages).toFixed(2)} s/page wall, ${(m.cpu / scanPages).toFixed(2)} s CPU/page, peak RSS ${m.peakRssMb} MB`,
      `  of which the second look: ${secondLook.cells} doubtful cells on ${secondLook.pages} pages, ${secondLook.seconds.toFixed(1)} s`,
      comparison
        ? `  recognition alone, 1 thread, median of ${comparison.pages} pages: tesseract.js ${comparison.oursSecondsPerPage.toFixed(2)} s/page, native ${comparison.nativeVersion} ${comparison.nativeSecondsPerPage.toFixed(2)} s/page (tesseract.js takes ${comparison.ratio.toFixed(2)}× as long)`
        : '  native tesseract: not installed (apt-get install tesseract-ocr to compare)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const maxRssMb = mb(process.resourceUsage().maxRSS * 1024);
lines.push('', `peak RSS of the whole process: ${maxRssMb} MB; load average ${loadavg()[0]!.toFixed(2)} at end`);
const result = { machine: { ...machine, loadAverage1mAtEnd: Number(loadavg()[0]!.toFixed(2)) }, tools, bornDigital, ocr, maxRssMb };
await mkdir(dirname(values.out), { recursive: true });
await writeFile(values.out, JSON.stringify(result, null, 2) + '\n');
lines.push(`written to ${values.out}`);
process.stdout.write(lines.join('\n') + '\n');
