/**
 * From a seed's choices to what every producer draws: the report style (pens draw it through
 * compose.ts; the HTML and ODT producers read the same fields), column widths that fit the longest
 * word of each column, page furniture texts, and the logo.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { DeclinedColumn, ReportStyle, TableLook } from '../compose.ts';
import type { TableStyle } from '../layout.ts';
import type { ReportContent } from '../reports.ts';
import type { FuzzChoices, TableChoice } from './choices.ts';
import { FUZZ_SETTINGS } from './settings.ts';

export const PAGE_SIZES = { letter: [612, 792], legal: [612, 1008], a4: [595.28, 841.89] } as const;

export function pageSize(choices: FuzzChoices): [number, number] {
  const [w, h] = PAGE_SIZES[choices.page.size];
  return choices.page.landscape ? [h, w] : [w, h];
}

const pickOf = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

export function runningHeaderText(choices: FuzzChoices, content: ReportContent): string | null {
  if (choices.furniture.runningHeader === null) return null;
  return pickOf([
    'U.S. Immigration and Customs Enforcement',
    `Declined Detainer Outcome Report - ${content.headerPeriod}`,
    'ICE Enforcement and Removal Operations',
  ], choices.furniture.runningHeader);
}

/** Footer lines of a page, or null for no footer. */
export function footerLines(choices: FuzzChoices): ((page: number, count: number) => string[]) | null {
  if (choices.furniture.footer === null) return null;
  return pickOf<(page: number, count: number) => string[]>([
    (page) => [String(page)],
    (page, count) => [`Page ${page} of ${count}`],
    (page) => [`- ${page} -`],
    (page, count) => ['FOR OFFICIAL USE ONLY (FOUO) - LAW ENFORCEMENT SENSITIVE', `Page ${page} of ${count}`],
    (page) => [`U.S. Immigration and Customs Enforcement - Page ${page}`],
  ], choices.furniture.footer);
}

/** A seal-like logo drawn with shapes only (no text), so its pixels do not depend on installed fonts. */
export function logoPng(): Uint8Array {
  const size = 160;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const ring = (r: number, fill: string) => { ctx.beginPath(); ctx.arc(size / 2, size / 2, r, 0, 2 * Math.PI); ctx.fillStyle = fill; ctx.fill(); };
  ring(78, '#1f3a6b');
  ring(66, '#ffffff');
  ring(58, '#c9a227');
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 48 : 20;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    ctx.lineTo(size / 2 + r * Math.cos(a), size / 2 + r * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = '#1f3a6b';
  ctx.fill();
  return new Uint8Array(canvas.toBuffer('image/png'));
}

/**
 * Column shares of the text width: each column at least as wide as its longest word (so nothing
 * overprints its neighbour), the rest shared by the columns' average text width. Null when even
 * the longest words do not fit at this size.
 */
export function fitShares(columns: string[][], measure: (text: string) => number, textWidth: number, padding: number): number[] | null {
  const words = (texts: string[]) => texts.flatMap((t) => t.split(/\s+/)).filter(Boolean);
  const least = columns.map((texts) => Math.max(...words(texts).map(measure)) + 2 * padding + 1);
  const spare = textWidth - least.reduce((a, b) => a + b, 0);
  if (spare < 0) return null;
  const natural = columns.map((texts) => texts.reduce((sum, t) => sum + measure(t), 0) / texts.length);
  const total = natural.reduce((a, b) => a + b, 0);
  return least.map((w, i) => (w + (spare * natural[i]!) / total) / textWidth);
}

function look(t: TableChoice): TableLook {
  return { padding: t.padding, paragraphSpacing: t.paragraphSpacing, valign: t.valign, ...(t.zebra === null ? {} : { zebra: t.zebra }) };
}

const rules = (t: TableChoice): TableStyle['rules'] => t.borders;

/** The report style for a seed, with provisional equal shares (fitted per producer once fonts are known). */
export function reportStyle(choices: FuzzChoices, content: ReportContent): ReportStyle {
  const { top, declined, policy } = choices.tables;
  const columns: DeclinedColumn[] = choices.declined.columns.map((c) => ({ ...c, share: 1 / choices.declined.columns.length }));
  const repeat = (t: TableChoice) => () => t.repeatHeader;
  const header = runningHeaderText(choices, content);
  return {
    margins: choices.margins,
    bodySize: choices.bodySize,
    sectionPerPage: choices.sectionPerPage,
    top: { rules: rules(top), fontSize: top.fontSize, totalLine: false, shares: [0.6, 0.4], headers: choices.topHeaders, look: look(top) },
    declined: {
      columns, rules: rules(declined), fontSize: declined.fontSize, headerShade: declined.headerShade,
      repeatHeader: repeat(declined), rowBreaks: 0,
      stateAs: choices.declined.stateAs, paddedDates: choices.declined.paddedDates, shortTravisShare: 0,
      shortCounties: choices.declined.shortCounties,
      ...(choices.declined.statusForm === 'suffix' ? { statusForm: 'suffix' as const } : {}),
      look: look(declined),
    },
    policy: {
      rules: rules(policy), fontSize: policy.fontSize, headerShade: policy.headerShade, repeatHeader: repeat(policy), rowBreaks: 0,
      shares: [0.25, 0.25, 0.25, 0.25], limit: null, headers: choices.policyHeaders, look: look(policy),
    },
    footer: footerLines(choices),
    ...(header ? { runningHeader: header } : {}),
  };
}

/** System fonts (Debian fonts-liberation, fonts-dejavu, fonts-freefont, fonts-urw-base35) per family, for Chromium and LibreOffice. */
const SYSTEM_FONTS = {
  serif: ['Liberation Serif', 'DejaVu Serif', 'FreeSerif', 'Nimbus Roman', 'P052'],
  sans: ['Liberation Sans', 'DejaVu Sans', 'FreeSans', 'Nimbus Sans', 'URW Gothic'],
  mono: ['Liberation Mono', 'DejaVu Sans Mono', 'FreeMono', 'Nimbus Mono PS'],
} as const;

export function systemFont(choices: FuzzChoices): string {
  return pickOf(SYSTEM_FONTS[choices.font], choices.fontPick);
}

/** Average glyph width per em by family: a conservative estimate for producers that lay out themselves. */
const EM_PER_CHAR = { serif: 0.5, sans: 0.56, mono: 0.6 } as const;


/** Shares that fit each column's longest word, shrinking the type in half points until they do. */
export function fitTable(texts: string[][], measure: (text: string, size: number) => number, width: number, padding: number, size: number): { shares: number[]; size: number } {
  for (let s = size; s >= FUZZ_SETTINGS.minTableSize; s -= 0.5) {
    const shares = fitShares(texts, (t) => measure(t, s), width, padding);
    if (shares) return { shares, size: s };
  }
  throw new Error(`fuzz: a table's longest words do not fit ${width.toFixed(0)} pt even at ${FUZZ_SETTINGS.minTableSize} pt type; widen the page or narrow the margins in choices.ts`);
}

/**
 * A width estimate for producers that lay tables out themselves (HTML, ODT), from the family's
 * average glyph width, the bold header a little wider.
 */
export function estimatedMeasure(family: FuzzChoices['font']): (text: string, size: number) => number {
  return (text, size) => text.length * EM_PER_CHAR[family] * size * 1.1;
}
