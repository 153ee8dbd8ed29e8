/**
 * Everything a fuzz seed decides, drawn from the seed alone and recorded beside each document, so
 * `--from S --seeds 1` rebuilds it. Each group of choices has its own random stream, so forcing
 * the producer or the scan kind leaves every other choice of the seed as it was.
 */
import { seededRng, type Rng } from '../prng.ts';
import type { DeclinedField } from '../compose.ts';
import { FUZZ_SETTINGS } from './settings.ts';

export const PRODUCERS = ['pdf-lib', 'pdfkit', 'chromium', 'libreoffice-html', 'libreoffice-odt'] as const;
export type Producer = (typeof PRODUCERS)[number];

export const KINDS = ['born-digital', 'scan300', 'degraded200', 'degraded150', 'mixed', 'sandwich-tesseract', 'sandwich-ocrmypdf'] as const;
export type Kind = (typeof KINDS)[number];

export type Borders = 'none' | 'horizontal' | 'grid' | 'outer';

export interface TableChoice {
  borders: Borders;
  headerShade: boolean;
  /** Grey level of every second row, or null for no stripes. */
  zebra: number | null;
  padding: number;
  /** Extra space under each body cell's text; 0 for none. */
  paragraphSpacing: number;
  valign: 'top' | 'middle';
  repeatHeader: boolean;
  fontSize: number;
}

export interface ScanChoice {
  dpi: number;
  jpegQuality: number;
  skewDegrees: number;
  alternateSkew: boolean;
  noise: number;
  blur: number;
  specks: number;
  /** One bit per pixel (a scanner's black-and-white mode): grey fills dithered into dots, stored losslessly. */
  bilevel: boolean;
}

export interface FuzzChoices {
  seed: number;
  producer: Producer;
  kind: Kind;
  fullSize: boolean;
  font: 'serif' | 'sans' | 'mono';
  /** Index into the producer's fonts of that family (fonts.ts). */
  fontPick: number;
  bodySize: number;
  page: { size: 'letter' | 'legal' | 'a4'; landscape: boolean };
  margins: { top: number; bottom: number; left: number; right: number };
  sectionPerPage: boolean;
  tables: { top: TableChoice; declined: TableChoice; policy: TableChoice };
  declined: {
    columns: Array<{ field: DeclinedField; header: string }>;
    stateAs: 'usps' | 'name';
    shortCounties: boolean;
    paddedDates: boolean;
    statusForm: 'column' | 'prefix' | 'suffix';
  };
  topHeaders: [string, string];
  policyHeaders: [string, string, string, string];
  wording: { sectionTitleForm: number; sectionLabel: number; totalsForm: number; periodForm: number; groupedThousands: boolean };
  furniture: { runningHeader: number | null; footer: number | null; logo: boolean };
  /** The scan of scanned, mixed and sandwich kinds; null for born-digital. */
  scan: ScanChoice | null;
}

const between = (rng: Rng, [min, max]: readonly [number, number], step = 0.5) => min + Math.round((rng.next() * (max - min)) / step) * step;

/** Header wordings per field: REPORT-FORMAT.md §3's alias table. */
const DECLINED_HEADERS: Record<DeclinedField, readonly string[]> = {
  state: ['State'],
  county: ['County'],
  city: ['City'],
  facility: ['Facility', 'Facility Name', 'Detention Facility'],
  citizenship: ['Citizenship', 'Country of Citizenship'],
  detainer_issued: ['Detainer Issued', 'Detainer Issued Date', 'Issued', 'Date Issued'],
  detainer_declined: ['Detainer Declined', 'Declined', 'Declined Date', 'Date Declined'],
  activity: ['Notable Criminal Activity', 'Criminal Activity', 'Offense'],
  status: ['Convicted/Charged', 'Status'],
};

const CANONICAL_ORDER: DeclinedField[] = ['state', 'county', 'city', 'facility', 'citizenship', 'detainer_issued', 'detainer_declined', 'activity', 'status'];

function drawColumns(rng: Rng, withCity: boolean, withStatus: boolean): FuzzChoices['declined']['columns'] {
  const fields = CANONICAL_ORDER.filter((f) => (f !== 'city' || withCity) && (f !== 'status' || withStatus));
  // Most copies keep the usual order; some put the facility first (as report 3) or shuffle freely.
  const roll = rng.next();
  const ordered = roll < 0.55 ? fields
    : roll < 0.8 ? ['facility' as const, ...fields.filter((f) => f !== 'facility')]
      : rng.shuffle(fields);
  return ordered.map((field) => ({ field, header: rng.pick(DECLINED_HEADERS[field]) }));
}

function drawTable(rng: Rng, fontSize: number): TableChoice {
  return {
    borders: rng.pick(['none', 'horizontal', 'grid', 'outer'] as const),
    headerShade: rng.chance(0.4),
    zebra: rng.chance(0.25) ? rng.pick([0.9, 0.93, 0.95]) : null,
    padding: between(rng, FUZZ_SETTINGS.cellPadding),
    paragraphSpacing: rng.chance(0.25) ? between(rng, FUZZ_SETTINGS.paragraphSpacing) : 0,
    valign: rng.chance(0.25) ? 'middle' : 'top',
    repeatHeader: rng.chance(0.6),
    fontSize,
  };
}

export function drawScan(rng: Rng, kind: Kind): ScanChoice | null {
  const s = FUZZ_SETTINGS;
  if (kind === 'born-digital') return null;
  const degraded = kind === 'degraded200' || kind === 'degraded150' || kind.startsWith('sandwich');
  const dpi = kind === 'scan300' ? s.scan300Dpi
    : kind === 'degraded150' ? s.degraded150Dpi
      : kind === 'mixed' ? Math.round(between(rng, s.mixedDpi, 10))
        : s.degraded200Dpi;
  const skew = between(rng, degraded ? s.degradedSkew : s.cleanSkew, 0.1) * (rng.chance(0.5) ? -1 : 1);
  return {
    dpi,
    jpegQuality: Math.round(between(rng, degraded ? s.degradedJpegQuality : s.cleanJpegQuality, 1)),
    skewDegrees: Number(skew.toFixed(1)),
    alternateSkew: degraded && rng.chance(0.3),
    noise: degraded ? Math.round(between(rng, s.noise, 1)) : 0,
    blur: degraded ? Number(between(rng, s.blur, 0.1).toFixed(1)) : 0,
    specks: degraded ? Math.round(between(rng, s.specks, 1)) : 0,
    // Drawn last, so that the draws above are those of seeds drawn before it existed. Sandwiches
    // are left in grey: their OCR layer is made from the JPEG.
    bilevel: !kind.startsWith('sandwich') && rng.chance(s.bilevelShare),
  };
}

export interface ChoiceOverrides {
  producer?: Producer;
  kind?: Kind;
  fullSize?: boolean;
}

export function drawChoices(seed: number, overrides: ChoiceOverrides = {}): FuzzChoices {
  const stream = (name: string) => seededRng(`fuzz:${seed}:${name}`);
  const pick = stream('producer-and-kind');
  const producer = overrides.producer ?? pick.pick(PRODUCERS);
  const kind = overrides.kind ?? pick.weighted([
    { kind: 'born-digital' as const, weight: 4 }, { kind: 'scan300' as const, weight: 1 }, { kind: 'degraded200' as const, weight: 1 },
    { kind: 'degraded150' as const, weight: 1 }, { kind: 'mixed' as const, weight: 1 },
    { kind: 'sandwich-tesseract' as const, weight: 0.5 }, { kind: 'sandwich-ocrmypdf' as const, weight: 0.5 },
  ]).kind;

  const type = stream('typography');
  const font = type.pick(['serif', 'sans', 'mono'] as const);
  const size = () => between(type, FUZZ_SETTINGS.fontSize);
  const bodySize = Math.max(FUZZ_SETTINGS.minBodySize, size());
  const fontPick = type.int(0, 99);
  const pageRng = stream('page');
  const margin = () => Math.round(between(pageRng, FUZZ_SETTINGS.margin, 1));

  const tables = stream('tables');
  const form = stream('content-forms');
  const statusForm = form.pick(['column', 'prefix', 'suffix'] as const);
  const words = stream('wording');
  const furniture = stream('furniture');
  return {
    seed, producer, kind, fullSize: overrides.fullSize ?? false,
    font, fontPick, bodySize,
    page: { size: pageRng.pick(['letter', 'letter', 'legal', 'a4'] as const), landscape: pageRng.chance(0.35) },
    margins: { top: margin(), bottom: margin(), left: margin(), right: margin() },
    sectionPerPage: pageRng.chance(0.4),
    tables: { top: drawTable(tables, size()), declined: drawTable(tables, size()), policy: drawTable(tables, size()) },
    declined: {
      columns: drawColumns(form, form.chance(0.3), statusForm === 'column'),
      stateAs: form.chance(0.7) ? 'usps' : 'name',
      shortCounties: form.chance(0.3),
      paddedDates: form.chance(0.4),
      statusForm,
    },
    topHeaders: [form.pick(['County, State', 'County, State', 'Jurisdiction']), form.pick(['Issued Detainers', 'Issued Detainers', 'Detainers Issued'])],
    policyHeaders: [
      form.pick(['Jurisdiction (AOR)', 'Jurisdiction (AOR)', 'Jurisdiction']), 'Date Enacted', 'Policy',
      form.pick(['Criteria for Honoring Detainer', 'Criteria for Honoring Detainer', 'Criteria for Honoring Detainers']),
    ],
    wording: { sectionTitleForm: words.int(0, 99), sectionLabel: words.int(0, 99), totalsForm: words.int(0, 99), periodForm: words.int(0, 99), groupedThousands: words.chance(0.7) },
    furniture: {
      runningHeader: furniture.chance(0.4) ? furniture.int(0, 99) : null,
      footer: furniture.chance(0.8) ? furniture.int(0, 99) : null,
      logo: furniture.chance(0.5),
    },
    scan: drawScan(stream('scan'), kind),
  };
}
