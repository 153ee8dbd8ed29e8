/**
 * Regenerates the sample corpus: every samples/<name>.pdf with its <name>.truth.json.
 *
 *   npx tsx samples/generate.ts                      all samples into samples/
 *   npx tsx samples/generate.ts --only NAME          one sample (name with or without .pdf)
 *   npx tsx samples/generate.ts --out DIR            somewhere else
 *   npx tsx samples/generate.ts --bench-scan FILE [--bench-pages 35] [--bench-dpi 300] [--bench-degraded]
 *                                                     a long image-only scan for the OCR benchmark
 */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SAMPLES, generateSample, generateScannedReport, sampleByName } from '../pipelines/ddor/generator/samples.ts';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      out: { type: 'string', default: here },
      'bench-scan': { type: 'string' },
      'bench-pages': { type: 'string', default: '35' },
      'bench-dpi': { type: 'string', default: '300' },
      'bench-degraded': { type: 'boolean', default: false },
    },
  });
  const sizeOf = async (file: string) => `${((await stat(file)).size / 1024).toFixed(0)} KB`;

  if (values['bench-scan']) {
    const pages = Number(values['bench-pages']);
    const dpi = Number(values['bench-dpi']);
    if (!Number.isInteger(pages) || pages < 1) throw new Error(`--bench-pages must be a positive integer, got "${values['bench-pages']}"`);
    if (!Number.isInteger(dpi) || dpi < 72 || dpi > 600) throw new Error(`--bench-dpi must be an integer from 72 to 600, got "${values['bench-dpi']}"`);
    const file = await generateScannedReport({ pages, dpi, outFile: values['bench-scan'], degraded: values['bench-degraded'] });
    console.log(`${file} (${await sizeOf(file)})`);
    return;
  }

  const chosen = values.only ? [sampleByName(values.only)] : SAMPLES;
  for (const def of chosen) {
    const file = await generateSample(def, values.out!);
    console.log(`${join(values.out!, `${def.name}.pdf`)} (${await sizeOf(file)})`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
