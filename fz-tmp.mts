import { readFile } from 'node:fs/promises';
import { createOcrPool } from '/work/main/src/ocr/pool.ts';
import { scoreFuzzFile, thresholdFailures } from '/work/main/pipelines/ddor/generator/fuzz/score.ts';
import { SampleTruthSchema } from '/work/main/pipelines/ddor/truth.ts';
import { FUZZ_FIXTURES, fixtureName } from '/work/main/test/fixtures/fuzz/seeds.ts';
const DIR = '/work/main/test/fixtures/fuzz/';
const pool = createOcrPool({ workers: 1 });
const only = process.argv[2];
for (const f of FUZZ_FIXTURES) {
  const name = fixtureName(f);
  if (only && !name.includes(only)) continue;
  const truth = SampleTruthSchema.parse(JSON.parse(await readFile(`${DIR}${name}.truth.json`, 'utf8')));
  const t0 = Date.now();
  const s = await scoreFuzzFile(`${DIR}${name}.pdf`, truth, pool);
  console.log(name, ((Date.now() - t0) / 1000).toFixed(0) + 's', JSON.stringify(thresholdFailures(f.kind, s)));
}
await pool.close();
