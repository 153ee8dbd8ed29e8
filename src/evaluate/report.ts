/**
 * The check's results for people and CI: a plain-text table for the terminal, JUnit XML (which CI
 * systems show as test results) and a Markdown summary (a GitHub job summary or PR comment).
 * Every failed threshold names its file and table, and the wrong cells behind it by row and field.
 */
import { z } from 'zod';
import { escapeHtml } from '../versions/render-html.ts';
import { escapeMarkdown } from '../versions/render.ts';
import { cellAccuracyOf, exactRowRateOf, passed, percent, type FileVerdict, type TableVerdict } from './evaluate.ts';

export const CheckReportSettingsSchema = z.object({
  listedCells: z.number().int().positive().default(10)
    .describe('wrong cells listed per failing table in the summary and JUnit file; the rest are counted'),
});
export type CheckReportSettings = z.input<typeof CheckReportSettingsSchema>;

/** The name stated figures are reported under, beside the tables. */
export const STATED_CASE = 'stated totals';

const rowsText = (t: TableVerdict) => `${t.foundRows}/${t.expectedRows}`;

export function checkHeadline(verdicts: readonly FileVerdict[]): string {
  const failing = verdicts.filter((v) => !passed(v)).length;
  return failing === 0
    ? `all ${verdicts.length} files meet their thresholds`
    : `${failing} of ${verdicts.length} files regressed`;
}

/** Each failure of a file: `table: what` lines. */
export function failureLines(verdict: FileVerdict): string[] {
  if (verdict.error) return [`could not be read: ${verdict.error}`];
  return [
    ...verdict.tables.flatMap((t) => t.failures.map((f) => `${t.table}: ${f}`)),
    ...verdict.statedFailures.map((f) => `${STATED_CASE}: ${f}`),
  ];
}

function listed(cells: readonly string[], limit: number): string[] {
  return cells.length > limit ? [...cells.slice(0, limit), `… and ${cells.length - limit} more wrong cells`] : [...cells];
}

export function checkTable(verdicts: readonly FileVerdict[]): string {
  const header = ['file', 'kind', 'table', 'rows', 'cells', 'exact rows', 'silent', 'missing', 'result'];
  const rows: string[][] = [];
  for (const v of verdicts) {
    if (v.error) rows.push([v.file, '', '', '', '', '', '', '', 'ERROR']);
    for (const t of v.tables) {
      rows.push([v.file, v.kind, t.table, rowsText(t), percent(cellAccuracyOf(t)), percent(exactRowRateOf(t)), String(t.silentErrors), String(t.missingRows), t.failures.length ? 'FAIL' : 'ok']);
    }
    if (v.stated.length) rows.push([v.file, v.kind, STATED_CASE, '', '', '', '', '', v.statedFailures.length ? 'FAIL' : 'ok']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function checkMarkdown(verdicts: readonly FileVerdict[], title: string, settings: CheckReportSettings = {}): string {
  const { listedCells } = CheckReportSettingsSchema.parse(settings);
  const ok = verdicts.every(passed);
  const lines = [`## ${ok ? '✅' : '❌'} ${escapeMarkdown(title)}: ${checkHeadline(verdicts)}`, ''];
  lines.push('| file | kind | table | rows found/expected | cells | exact rows | silent errors | missing rows | result |', '|---|---|---|---|---|---|---|---|---|');
  for (const v of verdicts) {
    if (v.error) lines.push(`| ${escapeMarkdown(v.file)} | | | | | | | | ❌ not read |`);
    for (const t of v.tables) {
      lines.push(`| ${escapeMarkdown(v.file)} | ${v.kind} | ${escapeMarkdown(t.table)} | ${rowsText(t)} | ${percent(cellAccuracyOf(t))} | ${percent(exactRowRateOf(t))} | ${t.silentErrors} | ${t.missingRows} | ${t.failures.length ? '❌' : '✅'} |`);
    }
    if (v.stated.length) lines.push(`| ${escapeMarkdown(v.file)} | ${v.kind} | ${STATED_CASE} | | | | | | ${v.statedFailures.length ? '❌' : '✅'} |`);
  }
  const failing = verdicts.filter((v) => !passed(v));
  if (failing.length > 0) {
    lines.push('', '### Regressions', '');
    for (const v of failing) {
      lines.push(`**${escapeMarkdown(v.file)}**`, '');
      for (const failure of failureLines(v)) lines.push(`- ${escapeMarkdown(failure)}`);
      for (const t of v.tables.filter((t) => t.failures.length > 0 && t.wrongCells.length > 0)) {
        lines.push('', `<details><summary>${escapeMarkdown(t.table)}: ${t.wrongCells.length} wrong cells</summary>`, '');
        for (const cell of listed(t.wrongCells, listedCells)) lines.push(`- ${escapeMarkdown(cell)}`);
        lines.push('', '</details>');
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Escaped for XML, without the control characters XML 1.0 cannot hold at all. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is what this does
const xml = (text: string) => escapeHtml(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function tableCase(file: string, t: TableVerdict, listedCells: number): string {
  const open = `    <testcase classname="${xml(file)}" name="${xml(t.table)}" time="0">`;
  if (t.failures.length === 0) return `${open}</testcase>`;
  const body = [...t.failures, ...listed(t.wrongCells, listedCells)].join('\n');
  return `${open}\n      <failure type="regression" message="${xml(t.failures.join('; '))}">${xml(body)}</failure>\n    </testcase>`;
}

function statedCase(v: FileVerdict): string {
  const open = `    <testcase classname="${xml(v.file)}" name="${STATED_CASE}" time="0">`;
  if (v.statedFailures.length === 0) return `${open}</testcase>`;
  return `${open}\n      <failure type="regression" message="${xml(v.statedFailures.join('; '))}">${xml(v.statedFailures.join('\n'))}</failure>\n    </testcase>`;
}

/** JUnit XML as Jenkins, GitLab and the GitHub test-report actions read it: one suite per file, one case per table. */
export function checkJunit(verdicts: readonly FileVerdict[], title: string, settings: CheckReportSettings = {}): string {
  const { listedCells } = CheckReportSettingsSchema.parse(settings);
  const suites = verdicts.map((v) => {
    const cases = v.error
      ? [`    <testcase classname="${xml(v.file)}" name="read" time="${v.seconds.toFixed(3)}">\n      <error type="unreadable" message="${xml(v.error)}"/>\n    </testcase>`]
      : [...v.tables.map((t) => tableCase(v.file, t, listedCells)), ...(v.stated.length ? [statedCase(v)] : [])];
    const failures = v.tables.filter((t) => t.failures.length > 0).length + (v.statedFailures.length ? 1 : 0);
    return `  <testsuite name="${xml(v.file)}" tests="${cases.length}" failures="${failures}" errors="${v.error ? 1 : 0}" time="${v.seconds.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const count = (pattern: RegExp) => suites.join('\n').match(pattern)?.length ?? 0;
  const seconds = verdicts.reduce((sum, v) => sum + v.seconds, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${xml(title)}" tests="${count(/<testcase /g)}" failures="${count(/<failure /g)}" errors="${count(/<error /g)}" time="${seconds.toFixed(3)}">
${suites.join('\n')}
</testsuites>
`;
}
