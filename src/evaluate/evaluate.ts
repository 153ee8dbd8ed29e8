/**
 * Regression evaluation: every PDF with a `<name>.truth.json` beside it is run through the engine,
 * the family scores the result against the truth, and each table is held to the thresholds
 * (thresholds.ts). Generic: what a truth file holds and how cells are compared is the family's.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FamilyReport, ReportFamily } from '../family.ts';
import type { Finding } from '../findings.ts';
import type { OcrPool } from '../ocr/pool.ts';
import { displayPath } from '../pipeline/sources.ts';
import { thresholdsFor, type TableThresholds, type ThresholdTree } from './thresholds.ts';

/** One table of one file scored against its truth. */
export interface TableEvaluation {
  table: string;
  expectedRows: number;
  foundRows: number;
  /** Truth rows the extraction did not find. */
  missingRows: number;
  cells: number;
  correctCells: number;
  exactRows: number;
  /** Wrong cells a person would see: low confidence, corrected, or named by a finding. */
  flaggedErrors: number;
  /** Wrong cells that are confident and unflagged. */
  silentErrors: number;
  /** Every wrong cell, each naming its row and field, e.g. `row 12 facility: expected "A", got "B"`. */
  wrongCells: string[];
}

/** A figure the report states about itself (a total, its period), against the truth. */
export interface StatedFigure {
  name: string;
  expected: string;
  found: string;
}

export interface FileEvaluation {
  /** Selects the thresholds (e.g. "born-digital", "scanned"); the family reads it from the truth file. */
  kind: string;
  tables: TableEvaluation[];
  stated: StatedFigure[];
}

/** What a family provides so its extractions can be checked against truth files. */
export interface FamilyEvaluation {
  /** Default thresholds: kind → table → thresholds, "*" for any (see thresholds.ts). */
  thresholds: ThresholdTree;
  /**
   * Scores one report against a parsed truth file. `findings` include validation's. Throws an
   * Error whose message says what is wrong with the truth file when it is not one of this family's.
   */
  score(truth: unknown, report: FamilyReport, findings: readonly Finding[]): FileEvaluation;
}

export const TRUTH_SUFFIX = '.truth.json';

/** A PDF and its truth file. */
export interface CheckCase {
  pdf: string;
  truth: string;
}

/** Bad input to the check (a named PDF without truth, an unreadable truth file): exit 2, not a regression. */
export class EvaluationInputError extends Error {
  override name = 'EvaluationInputError';
}

const truthFileOf = (pdf: string) => pdf.replace(/\.pdf$/i, TRUTH_SUFFIX);
const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * The PDFs to check: named PDFs must have a truth file; folders are searched (with subfolders) and
 * their PDFs without one are skipped, so a samples folder may hold PDFs that are not checked.
 */
export async function findCases(inputs: readonly string[]): Promise<{ cases: CheckCase[]; skipped: string[] }> {
  const cases: CheckCase[] = [];
  const skipped: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new EvaluationInputError(`${input}: no such file or folder; give PDFs with a ${TRUTH_SUFFIX} beside them, or folders holding them`);
    if (info.isFile()) {
      if (!/\.pdf$/i.test(input)) throw new EvaluationInputError(`${input}: not a .pdf file; give PDFs with a ${TRUTH_SUFFIX} beside them, or folders holding them`);
      if (!(await exists(truthFileOf(input)))) throw new EvaluationInputError(`${input}: no ${truthFileOf(input)} beside it; write one (see "Truth files" in the README) or leave the file out`);
      cases.push({ pdf: input, truth: truthFileOf(input) });
      continue;
    }
    const pdfs = (await readdir(input, { recursive: true })).filter((name) => /\.pdf$/i.test(name)).sort().map((name) => join(input, name));
    for (const pdf of pdfs) {
      if (await exists(truthFileOf(pdf))) cases.push({ pdf, truth: truthFileOf(pdf) });
      else skipped.push(pdf);
    }
  }
  return { cases, skipped };
}

export interface TableVerdict extends TableEvaluation {
  thresholds: TableThresholds;
  /** Each threshold missed, e.g. `cell accuracy 99.10 % < 100.00 %`. */
  failures: string[];
}

export interface FileVerdict {
  file: string;
  kind: string;
  seconds: number;
  tables: TableVerdict[];
  stated: StatedFigure[];
  /** Stated figures that differ from the truth, when the thresholds check them. */
  statedFailures: string[];
  /** The file could not be read or scored at all (e.g. it is no longer recognised as a report). */
  error: string | null;
}

export const passed = (verdict: FileVerdict) => verdict.error === null && verdict.statedFailures.length === 0 && verdict.tables.every((t) => t.failures.length === 0);

export const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
export const percent = (x: number) => `${(100 * x).toFixed(2)} %`;

export const cellAccuracyOf = (t: TableEvaluation) => share(t.correctCells, t.cells);
/** Exact rows count against the larger of expected and found rows, so extra rows also cost. */
export const exactRowRateOf = (t: TableEvaluation) => share(t.exactRows, Math.max(t.expectedRows, t.foundRows));

export function thresholdFailures(t: TableEvaluation, thresholds: TableThresholds): string[] {
  const failures: string[] = [];
  const { cellAccuracy, exactRows, silentErrors, missingRows } = thresholds;
  if (cellAccuracy !== undefined && cellAccuracyOf(t) < cellAccuracy) failures.push(`cell accuracy ${percent(cellAccuracyOf(t))} < ${percent(cellAccuracy)}`);
  if (exactRows !== undefined && exactRowRateOf(t) < exactRows) failures.push(`exact rows ${percent(exactRowRateOf(t))} < ${percent(exactRows)}`);
  if (silentErrors !== undefined && t.silentErrors > silentErrors) failures.push(`silent errors ${t.silentErrors} > ${silentErrors}`);
  if (missingRows !== undefined && t.missingRows > missingRows) failures.push(`missing rows ${t.missingRows} > ${missingRows}`);
  return failures;
}

/** Holds one file's evaluation to the thresholds of its kind. */
export function judge(file: string, evaluation: FileEvaluation, tree: ThresholdTree, seconds: number): FileVerdict {
  const tables = evaluation.tables.map((t) => {
    const thresholds = thresholdsFor(tree, evaluation.kind, t.table);
    return { ...t, thresholds, failures: thresholdFailures(t, thresholds) };
  });
  const checkStated = thresholdsFor(tree, evaluation.kind, '*').statedTotals === true;
  const statedFailures = checkStated
    ? evaluation.stated.filter((s) => s.expected !== s.found).map((s) => `${s.name}: expected ${s.expected}, found ${s.found}`)
    : [];
  return { file, kind: evaluation.kind, seconds, tables, stated: evaluation.stated, statedFailures, error: null };
}

export interface EvaluateOptions {
  family: ReportFamily;
  evaluation: FamilyEvaluation;
  thresholds: ThresholdTree;
  ocr: OcrPool | null;
  onFile?: (file: string, index: number, count: number) => void;
}

async function readTruth(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new EvaluationInputError(`${file}: ${(error as Error).message}; fix the truth file or remove it`);
  }
}

/** Runs the engine on one case and judges the result; a file the engine cannot read fails, it does not stop the others. */
export async function evaluateCase(options: EvaluateOptions, check: CheckCase): Promise<FileVerdict> {
  const { family, evaluation: scorer } = options;
  const file = displayPath(check.pdf);
  const truth = await readTruth(check.truth);
  const started = performance.now();
  let report: FamilyReport;
  try {
    // Imported here, not above: the CLI imports this module for `check`'s usage text, and the
    // engine loads pdf.js, which takes longer to load than `--help` should.
    const { extractFile } = await import('../extract-file.ts');
    report = (await extractFile(family, check.pdf, { ocr: options.ocr, displayName: file })).report;
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    return { file, kind: '', seconds, tables: [], stated: [], statedFailures: [], error: (error as Error).message };
  }
  const seconds = (performance.now() - started) / 1000;
  const validation = family.validate(report.rows, [report]);
  let evaluation: FileEvaluation;
  try {
    evaluation = scorer.score(truth, report, [...report.findings, ...validation.findings]);
  } catch (error) {
    throw new EvaluationInputError(`${displayPath(check.truth)}: ${(error as Error).message}`);
  }
  return judge(file, evaluation, options.thresholds, seconds);
}

export async function evaluateCases(options: EvaluateOptions, cases: readonly CheckCase[]): Promise<FileVerdict[]> {
  const verdicts: FileVerdict[] = [];
  for (const [i, check] of cases.entries()) {
    options.onFile?.(displayPath(check.pdf), i, cases.length);
    verdicts.push(await evaluateCase(options, check));
  }
  return verdicts;
}
