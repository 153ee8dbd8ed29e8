/**
 * What the review site is built from: a dataset folder (as `extract --out` or `run` writes it) or a
 * versions root (`latest.json` → the newest version, whose manifest names the previous one), read
 * with the files beside the tables: findings.json, provenance.json and quarantine.json.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { PackageSource } from '../dataset/write.ts';
import type { TableSpec } from '../dataset/table-spec.ts';
import type { QuarantinedRow, RowProvenance } from '../provenance.ts';
import { readDataset, type DatasetContent } from '../versions/read.ts';
import { LATEST_POINTER, MANIFEST, readLatest } from '../versions/release.ts';

/** The input cannot be reviewed as given; the message says what to pass instead. */
export class ReviewInputError extends Error {
  override name = 'ReviewInputError';
}

const BoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
const ProvenanceSchema = z.array(z.object({
  table: z.string(),
  key: z.string(),
  source_sha256: z.string(),
  row: z.number(),
  page: z.number(),
  source: z.enum(['text', 'ocr']),
  confidence: z.number(),
  cells: z.record(z.string(), z.object({
    text: z.string(),
    raw: z.string().optional(),
    boxes: z.array(z.object({ page: z.number(), box: BoxSchema })),
    confidence: z.number(),
  })),
})) satisfies z.ZodType<RowProvenance[]>;
const QuarantineSchema = z.array(z.object({ table: z.string(), row: z.record(z.string(), z.unknown()), reasons: z.array(z.string()) })) satisfies z.ZodType<QuarantinedRow[]>;
const SourcesSchema = z.array(z.object({ title: z.string(), path: z.string().optional(), url: z.string().nullable().optional(), sha256: z.string().optional() }));
const ManifestSchema = z.object({ previous: z.string().nullable() });

export interface ReviewDataset extends DatasetContent {
  /** How the dataset is named on the page: its version, else its folder name. */
  label: string;
  sources: PackageSource[];
  provenance: RowProvenance[];
  quarantine: QuarantinedRow[];
}

const exists = (path: string) => stat(path).then(() => true, () => false);

async function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ReviewInputError(`${file}: missing ${what}. Pass a dataset folder written by "extract --out" or "run" (they write it beside the tables).`);
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ReviewInputError(`${file}: ${what} is not valid JSON (${(error as Error).message}). Rebuild the dataset.`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ReviewInputError(`${file}: ${what} does not have the expected shape (${z.prettifyError(parsed.error).split('\n')[0]}). Rebuild the dataset with this version of the pipeline.`);
  return parsed.data;
}

/** The previous version named by a version folder's manifest, when that folder sits beside it. */
async function previousVersionOf(dir: string): Promise<string | null> {
  const manifestFile = join(dir, MANIFEST);
  if (!(await exists(manifestFile))) return null;
  const { previous } = await readJsonFile(manifestFile, ManifestSchema, 'the version manifest');
  if (previous === null) return null;
  const candidate = join(dirname(dir), previous);
  return (await exists(join(candidate, 'datapackage.json'))) ? candidate : null;
}

/**
 * `path` is a dataset folder or a versions root. Returns the dataset to review and the previous
 * version to diff against when the input names one (a version folder's manifest).
 */
export async function resolveReviewTarget(path: string): Promise<{ dir: string; previous: string | null }> {
  const dir = resolve(path);
  if (await exists(join(dir, 'datapackage.json'))) return { dir, previous: await previousVersionOf(dir) };
  if (await exists(join(dir, LATEST_POINTER))) {
    // readLatest validates the pointer: it never leads outside the root.
    const pointer = (await readLatest(dir))!;
    const latest = join(dir, pointer.path);
    return { dir: latest, previous: await previousVersionOf(latest) };
  }
  throw new ReviewInputError(`${path} holds neither datapackage.json (a dataset folder) nor ${LATEST_POINTER} (a versions root). Pass the folder written by "extract --out" or "run", or a release root.`);
}

export async function readReviewDataset(tables: readonly TableSpec[], dir: string): Promise<ReviewDataset> {
  let content: DatasetContent;
  try {
    content = await readDataset(tables, dir);
  } catch (error) {
    throw new ReviewInputError((error as Error).message);
  }
  const provenance = await readJsonFile(join(dir, 'provenance.json'), ProvenanceSchema, 'provenance.json');
  const quarantine = await readJsonFile(join(dir, 'quarantine.json'), QuarantineSchema, 'quarantine.json');
  const sources = SourcesSchema.safeParse(content.datapackage.sources ?? []);
  if (!sources.success) throw new ReviewInputError(`${join(dir, 'datapackage.json')}: "sources" is not a list of {title, path, url, sha256}. Rebuild the dataset.`);
  const version = content.datapackage.version;
  return {
    ...content,
    label: typeof version === 'string' ? version : basename(dir),
    sources: sources.data,
    provenance,
    quarantine,
  };
}
