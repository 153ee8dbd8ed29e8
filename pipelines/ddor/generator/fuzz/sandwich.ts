/**
 * OCR-sandwich copies: a scan with an invisible OCR text layer laid over each page image, as
 * document-hosting sites and archives make them. Native tesseract writes one PDF per page image
 * (merged here with pdf-lib); OCRmyPDF rewrites the scanned PDF. Both run single-threaded.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { ScannedPage } from '../scan.ts';
import { runTool } from './tools.ts';

const ONE_THREAD = { OMP_THREAD_LIMIT: '1' };

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'ddor-fuzz-ocr-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function tesseractSandwich(scans: ScannedPage[], dpi: number): Promise<Uint8Array> {
  return inTempDir(async (dir) => {
    const out = await PDFDocument.create({ updateMetadata: false });
    for (const [i, scan] of scans.entries()) {
      const image = join(dir, `page-${i + 1}.jpg`);
      if (!('jpeg' in scan)) throw new Error('a tesseract sandwich is made of JPEG scans; one-bit scans are not drawn for sandwiches');
      await writeFile(image, scan.jpeg);
      await runTool('tesseract', [image, join(dir, `page-${i + 1}`), '-l', 'eng', '--dpi', String(dpi), 'pdf'], ONE_THREAD);
      const page = await PDFDocument.load(await readFile(join(dir, `page-${i + 1}.pdf`)));
      const [copied] = await out.copyPages(page, [0]);
      out.addPage(copied!);
    }
    out.setProducer('Tesseract (pages merged by the ddor fuzzer)');
    return out.save();
  });
}

export function ocrmypdfSandwich(scanned: Uint8Array): Promise<Uint8Array> {
  return inTempDir(async (dir) => {
    const input = join(dir, 'scan.pdf');
    const output = join(dir, 'ocr.pdf');
    await writeFile(input, scanned);
    await runTool('ocrmypdf', ['--jobs', '1', '--output-type', 'pdf', '--optimize', '0', '--quiet', '-l', 'eng', input, output], ONE_THREAD);
    return new Uint8Array(await readFile(output));
  });
}
