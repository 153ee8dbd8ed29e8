/**
 * Scoring one fuzz document: the real engine reads it (extractFile, then validation, as
 * bench/accuracy.ts does), pipelines/ddor/accuracy.ts scores each section against the truth, and
 * the kind's "Done when" bars (settings.ts) say whether it passes.
 */
import { extractFile } from '../../../../src/extract-file.ts';
import type { OcrPool } from '../../../../src/ocr/pool.ts';
import { cellAccuracy, exactRowRate, scoreDataset, type TableScore } from '../../accuracy.ts';
import { TABLE } from '../../contract.ts';
import { ddor } from '../../family.ts';
import type { SampleTruth } from '../../truth.ts';
import type { Kind } from './choices.ts';
import { FUZZ_THRESHOLDS } from './settings.ts';

export const SECTIONS = [
  { section: 'I', table: TABLE.top },
  { section: 'II', table: TABLE.declined },
  { section: 'III', table: TABLE.policies },
] as const;
export type Section = (typeof SECTIONS)[number]['section'];

export type SectionScores = Record<Section, TableScore>;

export async function scoreFuzzFile(file: string, truth: SampleTruth, pool: OcrPool): Promise<SectionScores> {
  const result = await extractFile(ddor, file, { ocr: pool, displayName: file });
  const validation = ddor.validate(result.report.rows, [result.report]);
  const scores = scoreDataset(truth, result.report, [...result.report.findings, ...validation.findings], ddor.reviewThreshold);
  const byTable = new Map(scores.map((s) => [s.table, s]));
  return Object.fromEntries(SECTIONS.map(({ section, table }) => [section, byTable.get(table)!])) as SectionScores;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * What misses the bars for this kind; empty when the document passes. A sandwich is also
 * held to its plain scan's figures, which only a caller that scored both can check.
 */
export function thresholdFailures(kind: Kind, scores: SectionScores): string[] {
  const t = FUZZ_THRESHOLDS;
  const failures: string[] = [];
  const need = (section: Section, measure: 'cells' | 'exact rows', bar: number) => {
    const s = scores[section];
    const value = measure === 'cells' ? cellAccuracy(s) : exactRowRate(s);
    if (value < bar) failures.push(`Section ${section} ${measure} ${pct(value)} < ${pct(bar)}`);
  };
  for (const { section } of SECTIONS) {
    const s = scores[section];
    if (s.silentWrong > t.silentErrors) failures.push(`Section ${section}: ${s.silentWrong} silent errors`);
    if (s.expected > 0 && s.found === 0) failures.push(`Section ${section}: zero rows`);
  }
  if (kind === 'born-digital') for (const { section } of SECTIONS) need(section, 'exact rows', t.bornDigitalExactRows);
  if (kind === 'scan300') for (const { section } of SECTIONS) need(section, 'cells', t.scan300Cells);
  if (kind === 'degraded200') { need('II', 'cells', t.degraded200Cells.declined); need('III', 'cells', t.degraded200Cells.policy); }
  if (kind === 'degraded150') need('II', 'cells', t.degraded150DeclinedCells);
  // The floor, for sections whose rows were found and that missed no bar of their own.
  for (const { section } of SECTIONS) {
    if (scores[section].found > 0 && !failures.some((f) => f.startsWith(`Section ${section} `))) need(section, 'cells', t.anySectionCells);
  }
  return failures;
}

/** A sandwich must do at least as well as the same scan without its text layer, section by section. */
export function sandwichFailures(sandwich: SectionScores, plain: SectionScores): string[] {
  return SECTIONS.filter(({ section }) => cellAccuracy(sandwich[section]) < cellAccuracy(plain[section]))
    .map(({ section }) => `Section ${section} cells ${pct(cellAccuracy(sandwich[section]))} < plain scan's ${pct(cellAccuracy(plain[section]))}`);
}
