/**
 * The committed fuzz seeds (test/fixtures/fuzz/) read by the real engine and held to issue 12's
 * "Done when" bars per kind; and the fuzzer's determinism: one seed, one document.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrPool } from '../src/ocr/pool.ts';
import { drawChoices } from '../pipelines/ddor/generator/fuzz/choices.ts';
import { generateFuzz } from '../pipelines/ddor/generator/fuzz/generate.ts';
import { sandwichFailures, scoreFuzzFile, thresholdFailures, type SectionScores } from '../pipelines/ddor/generator/fuzz/score.ts';
import { SampleTruthSchema } from '../pipelines/ddor/truth.ts';
import { FUZZ_FIXTURES, fixtureName } from './fixtures/fuzz/seeds.ts';

const DIR = fileURLToPath(new URL('./fixtures/fuzz/', import.meta.url));
const pool = createOcrPool({ workers: 1 });
afterAll(() => pool.close());

const truthOf = async (name: string) => SampleTruthSchema.parse(JSON.parse(await readFile(`${DIR}${name}.truth.json`, 'utf8')));
const scored = new Map<string, SectionScores>();

async function scoresOf(name: string): Promise<SectionScores> {
  if (!scored.has(name)) scored.set(name, await scoreFuzzFile(`${DIR}${name}.pdf`, await truthOf(name), pool));
  return scored.get(name)!;
}

describe('committed fuzz seeds meet the bars of their kind', () => {
  for (const fixture of FUZZ_FIXTURES) {
    const name = fixtureName(fixture);
    // A known failure is expected to fail (see seeds.ts): when it starts passing, this fails.
    const test = fixture.knownFailure ? it.fails : it;
    test(fixture.knownFailure ? `${name} (known failure: ${fixture.knownFailure})` : name, async () => {
      // Joined into one string so a failure prints every missed bar in full.
      expect(thresholdFailures(fixture.kind, await scoresOf(name)).join('\n')).toBe('');
      if (fixture.kind.startsWith('sandwich')) {
        const plain = fixtureName({ ...fixture, kind: 'degraded200' });
        expect(sandwichFailures(await scoresOf(name), await scoresOf(plain)).join('\n'), `against ${plain}`).toBe('');
      }
    }, 600_000);
  }
});

describe('the bars', () => {
  const score = (table: string, correctCells: number, found = 5) => ({ table, expected: 5, found, cells: 40, correctCells, exactRows: 0, flaggedWrong: 40 - correctCells, silentWrong: 0, reviewedExactRows: 0, missingRows: 0, extraRows: 0, examples: [] });
  it('fail a section read under half its cells in a kind without a bar of its own (fresh seed 155819069)', () => {
    const scores = { I: score('top', 40), II: score('declined', 40), III: score('policies', 0, 1) };
    expect(thresholdFailures('sandwich-ocrmypdf', scores)).toEqual(['Section III cells 0.0 % < 50.0 %']);
    expect(thresholdFailures('mixed', { ...scores, III: score('policies', 20) })).toEqual([]);
    expect(thresholdFailures('mixed', { ...scores, III: score('policies', 0, 0) })).toEqual(['Section III: zero rows']);
    // A section under its kind's own bar is named once.
    expect(thresholdFailures('degraded200', { ...scores, II: score('declined', 10), III: score('policies', 40) })).toEqual(['Section II cells 25.0 % < 98.0 %']);
  });
});

describe('the fuzzer is deterministic', () => {
  it('draws the same choices for a seed, whatever else was drawn before', () => {
    const first = [7, 8, 9].map((seed) => drawChoices(seed));
    expect([9, 8, 7].map((seed) => drawChoices(seed)).reverse()).toEqual(first);
    expect(drawChoices(7)).not.toEqual(drawChoices(8));
  });

  it('forcing the producer or kind leaves every other choice of the seed as drawn', () => {
    const drawn = drawChoices(11);
    const forced = drawChoices(11, { producer: 'pdfkit', kind: 'degraded150' });
    expect({ ...forced, producer: drawn.producer, kind: drawn.kind, scan: drawn.scan }).toEqual(drawn);
  });

  it('rebuilds a committed seed with the same truth and settings', async () => {
    const fixture = FUZZ_FIXTURES[0]!;
    const doc = await generateFuzz(fixture.seed, { producer: fixture.producer, kind: fixture.kind });
    const committed = JSON.parse(await readFile(`${DIR}${fixtureName(fixture)}.settings.json`, 'utf8'));
    expect({ seed: doc.choices.seed, choices: doc.choices, derived: doc.derived }).toEqual(committed);
    expect(doc.truth).toEqual(await truthOf(fixtureName(fixture)));
  });
});
