/**
 * OCR measurements, not a test. Each part runs in its own process so RSS figures do not mix:
 *   npx tsx test/ocr-bench.ts psm [plain]  page segmentation modes compared on scanned grid (or plain) table pages:
 *                                      share of drawn words read right at the right place, time
 *   node --expose-gc --import tsx test/ocr-bench.ts pool [pages] [recycleAfterPages]
 *                                      throughput and peak RSS of the pool (2 workers by default)
 *                                      on dense 300 DPI table pages
 *   npx tsx test/ocr-bench.ts native   the same page through native `tesseract`, when installed
 * CPU seconds (all threads) are printed next to wall time: on a shared machine they are the
 * stable figure.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodePgm } from '../src/ocr/gray.ts';
import { preparePageImage } from '../src/ocr/page-image.ts';
import { createOcrPool } from '../src/ocr/pool.ts';
import { OcrSettingsSchema, PAGE_SEGMENTATION_MODES } from '../src/ocr/settings.ts';
import { openPdf, type OpenedPdf } from '../src/pdf/load.ts';
import { makeTablePdf, pairWords, scanPdf, tempDir, writePdf } from './support/ocr-fixtures.ts';

const run = promisify(execFile);
const [part = 'psm', pagesArg = '12', recycleArg] = process.argv.slice(2);
const pageCount = Number(pagesArg);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const dir = await tempDir();
// `psm plain` compares the modes on a table without vertical rulings.
const dense = await makeTablePdf({ rows: 36, grid: pagesArg !== 'plain' });

const SCANS = [
  { name: 'clean 200 DPI, straight', skewDegrees: 0, dpi: 200, jpegQuality: 85 },
  { name: '150 DPI q60, 1.2° skew', skewDegrees: 1.2, dpi: 150, jpegQuality: 60 },
  { name: '200 DPI q75, -2.5° skew', skewDegrees: -2.5, dpi: 200, jpegQuality: 75 },
];
// A born-digital page rendered straight, as an unmapped-text or mixed page is.
const scans: { name: string; pdf: OpenedPdf }[] = [{ name: 'born-digital render', pdf: await openPdf(await writePdf(dir, 'digital.pdf', dense.bytes)) }];
for (const s of SCANS) {
  scans.push({ name: s.name, pdf: await openPdf(await writePdf(dir, `${s.skewDegrees}.pdf`, await scanPdf(dense.bytes, dir, s))) });
}

if (part === 'psm') {
  console.log(`## Page segmentation modes, ${pagesArg === 'plain' ? 'table without vertical rulings' : 'grid table'} (${dense.words.length} drawn words per page)`);
  for (const mode of PAGE_SEGMENTATION_MODES) {
    const pool = createOcrPool({ workers: 1, ocr: { pageSegmentation: mode } });
    for (const { name, pdf } of scans) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const tokens = await pool.ocrPage(pdf, 1);
      const seconds = (performance.now() - started) / 1000;
      const pairs = pairWords(dense.words, tokens.words);
      const found = pairs.filter(([, w]) => w !== null).length;
      const missed = [...new Set(pairs.filter(([, w]) => w === null).map(([d]) => d.text))].slice(0, 5).join(' ');
      console.log(`${mode.padEnd(12)} ${name.padEnd(26)} words ${(found / dense.words.length * 100).toFixed(1).padStart(5)} %  extra ${String(tokens.words.length - found).padStart(3)}  skew ${tokens.skewDegrees.toFixed(1).padStart(4)}°  ${seconds.toFixed(1)} s wall, ${cpuSeconds(cpu).toFixed(1)} s CPU  missed: ${missed}`);
    }
    await pool.close();
  }
}

if (part === 'pool') {
  const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;
  // Run with `node --expose-gc --import tsx` so the fixtures' garbage is not counted as baseline.
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const pool = createOcrPool(recycleArg ? { recycleAfterPages: Number(recycleArg) } : {});
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The whole "file" submitted at once, as a pipeline would.
  const rssAfterPage: number[] = [];
  await Promise.all(Array.from({ length: pageCount }, (_, i) => pool.ocrPage(scans[i % scans.length]!.pdf, 1)
    .then(() => rssAfterPage.push(process.memoryUsage().rss))));
  const wall = (performance.now() - started) / 1000;
  const cpuUsed = cpuSeconds(cpu);
  await pool.close();
  clearInterval(sampler);
  console.log(`## Pool: ${pageCount} dense pages, ${pool.stats().workerStarts} worker starts`);
  console.log(`${wall.toFixed(1)} s wall (${(wall / pageCount).toFixed(2)} s/page), ${cpuUsed.toFixed(1)} s CPU (${(cpuUsed / pageCount).toFixed(2)} s/page); RSS before ${mb(rssBefore)}, peak ${mb(peakRss)}`);
  console.log(`RSS after pages ${[1, Math.ceil(pageCount / 4), Math.ceil(pageCount / 2), pageCount].map((n) => `${n}: ${mb(rssAfterPage[n - 1]!)}`).join(', ')}`);
}

if (part === 'native') {
  const image = await preparePageImage(scans[0]!.pdf.doc, scans[0]!.pdf.file, 1, OcrSettingsSchema.parse({}));
  const pgm = join(dir, 'page.pgm');
  await writeFile(pgm, encodePgm(image.pixels));
  try {
    const { stdout } = await run('tesseract', ['--version']);
    const nativeStart = performance.now();
    await run('tesseract', [pgm, join(dir, 'native'), '--psm', '11', '--dpi', '300', '-l', 'eng'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    console.log(`\nnative ${stdout.split('\n')[0]}: ${((performance.now() - nativeStart) / 1000).toFixed(1)} s wall for the same page, one thread (OMP_THREAD_LIMIT=1)`);
  } catch (error) {
    console.log(`\nnative tesseract not available (${(error as Error).message.split('\n')[0]})`);
  }
}
await Promise.all(scans.map((s) => s.pdf.doc.destroy()));
