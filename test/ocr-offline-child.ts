/**
 * Run by ocr-offline.test.ts in a child process under ocr-network-guard.cjs. First proves the
 * guard bites (a fetch from the main thread and from a worker thread must be refused), then OCRs a
 * small scanned table through the pool. Prints one JSON line for the test.
 */
import { Worker } from 'node:worker_threads';
import { createOcrPool } from '../src/ocr/pool.ts';
import { openPdf } from '../src/pdf/load.ts';
import { makeTablePdf, scanPdf, tempDir, writePdf } from './support/ocr-fixtures.ts';

const UNROUTABLE = 'http://192.0.2.1/'; // TEST-NET-1: never a real host

async function refusedInMain(): Promise<boolean> {
  return fetch(UNROUTABLE, { signal: AbortSignal.timeout(3000) }).then(() => false, () => true);
}

async function refusedInWorker(): Promise<boolean> {
  const worker = new Worker(
    `fetch(${JSON.stringify(UNROUTABLE)}, { signal: AbortSignal.timeout(3000) })
       .then(() => require('node:worker_threads').parentPort.postMessage(false),
             () => require('node:worker_threads').parentPort.postMessage(true));`,
    { eval: true },
  );
  const refused = await new Promise<boolean>((resolve) => worker.once('message', resolve));
  await worker.terminate();
  return refused;
}

const controls = { main: await refusedInMain(), worker: await refusedInWorker() };
const dir = await tempDir();
const pdf = await openPdf(await writePdf(dir, 'scan.pdf', await scanPdf((await makeTablePdf({ rows: 3 })).bytes, dir)));
const pool = createOcrPool({ workers: 1 });
const tokens = await pool.ocrPage(pdf, 1);
await pool.close();
await pdf.doc.destroy();
console.log(JSON.stringify({ controls, words: tokens.words.map((w) => w.text) }));
