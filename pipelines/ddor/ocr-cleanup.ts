/**
 * Column-aware cleanup of OCR'd Section II cells, using what each column may contain: dates must
 * parse as dates, states must be states, countries must be countries, and facility, county and
 * offence names are checked against the names the same report prints elsewhere. Every correction
 * is returned (raw text beside the cleaned value) so it is recorded, never applied silently.
 */
import { z } from 'zod';
import { nearest } from '../../src/text/fuzzy.ts';
import type { ExtractedRow } from '../../src/table/extract.ts';
import { parseUsDate } from './normalise/dates.ts';
import { resolveCountry } from './normalise/countries.ts';
import { resolveState } from './normalise/places.ts';
import { collapseWhitespace } from './normalise/text.ts';

export const OcrCleanupSettingsSchema = z.object({
  /** Largest edit distance for a correction against a known name. */
  maxEdits: z.number().int().default(2),
  /** ... and at most this share of the name's length. */
  maxEditShare: z.number().default(0.2),
  /** A name must be printed at least this many times elsewhere in the report to be a reference. */
  minReferenceCount: z.number().int().default(2),
  /** Confidence given to a corrected cell, so corrections stay visible in the review queue. */
  correctedConfidence: z.number().default(0.7),
});
export type OcrCleanupSettings = z.infer<typeof OcrCleanupSettingsSchema>;
const DEFAULTS = OcrCleanupSettingsSchema.parse({});

export interface Correction {
  field: string;
  raw: string;
  corrected: string;
  reason: string;
  confidence: number;
}

/** Characters OCR confuses with digits in a numeric context. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', i: '1', '|': '1', '!': '1', L: '1', S: '5', s: '5', B: '8', Z: '2', z: '2', g: '9', q: '9', G: '6', b: '6', T: '7' };

export function repairDate(text: string): string | null {
  const compact = text.replace(/\s+/g, '');
  const repaired = [...compact].map((ch) => DIGIT_LOOKALIKES[ch] ?? ch).join('').replace(/[.,\-\\]/g, '/').replace(/\/+/g, '/');
  if (repaired === text) return null;
  return parseUsDate(repaired).ok ? repaired : null;
}

function counts(rows: readonly ExtractedRow[], field: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) {
    const text = collapseWhitespace(row.cells[field]?.text ?? '');
    if (text) map.set(text, (map.get(text) ?? 0) + 1);
  }
  return map;
}

/** Corrections for one OCR'd row, given all rows of its table (the report's own vocabulary). */
export function cleanOcrRow(rows: readonly ExtractedRow[], row: ExtractedRow, settings: OcrCleanupSettings = DEFAULTS): Correction[] {
  const corrections: Correction[] = [];
  const text = (field: string) => collapseWhitespace(row.cells[field]?.text ?? '');
  const add = (field: string, corrected: string, reason: string) =>
    corrections.push({ field, raw: text(field), corrected, reason, confidence: settings.correctedConfidence });

  for (const field of ['detainer_issued', 'detainer_declined']) {
    const raw = text(field);
    if (raw && !parseUsDate(raw).ok) {
      const repaired = repairDate(raw);
      if (repaired) add(field, repaired, 'letters read for digits in a date');
    }
  }
  const state = text('state');
  if (state && !resolveState(state).ok) {
    const known = [...counts(rows, 'state').entries()].filter(([name, n]) => n >= settings.minReferenceCount && resolveState(name).ok).map(([name]) => name);
    const fixed = nearest(state, known, 1, 0.5);
    if (fixed) add('state', fixed, 'not a state; nearest state printed elsewhere in the report');
  }
  for (const field of ['county', 'facility', 'citizenship', 'activity']) {
    const raw = text(field);
    if (!raw) continue;
    const seen = counts(rows, field);
    if ((seen.get(raw) ?? 0) >= settings.minReferenceCount) continue;
    if (field === 'citizenship' && resolveCountry(raw).ok) continue;
    const references = [...seen.entries()].filter(([name, n]) => n >= settings.minReferenceCount && name !== raw).map(([name]) => name);
    const fixed = nearest(raw, references, settings.maxEdits, settings.maxEditShare);
    if (fixed && (field !== 'citizenship' || resolveCountry(fixed).ok)) add(field, fixed, `close to "${fixed}", printed elsewhere in the report`);
  }
  return corrections;
}
