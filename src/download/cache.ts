/**
 * The download cache: content-addressed objects (`objects/<sha256>.pdf`) plus a URL index
 * (`urls/<sha256 of the URL>.json`, one small file per URL so parallel downloads never fight over
 * one index file). Every file is written to `tmp/` first, fsynced and renamed into place, so a
 * crash or a failed download can leave at most a stray temp file, never a corrupt entry.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256Hex, writeFileAtomically } from '../files.ts';

export const CacheEntrySchema = z.object({
  url: z.string(),
  finalUrl: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  contentType: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  fetchedAt: z.string(),
});

export type CacheEntry = z.infer<typeof CacheEntrySchema>;

export const objectPath = (cacheDir: string, sha256: string) => join(cacheDir, 'objects', `${sha256}.pdf`);
const entryPath = (cacheDir: string, url: string) => join(cacheDir, 'urls', `${sha256Hex(url)}.json`);


/** Stores the bytes under their hash (a no-op when that object is already there) and returns its path. */
export async function storeObject(cacheDir: string, bytes: Uint8Array, sha256: string): Promise<string> {
  const path = objectPath(cacheDir, sha256);
  if (await hashOfFile(path) === sha256) return path;
  await mkdir(join(cacheDir, 'objects'), { recursive: true });
  await writeFileAtomically(cacheDir, path, bytes);
  return path;
}

export async function writeCacheEntry(cacheDir: string, entry: CacheEntry): Promise<void> {
  await mkdir(join(cacheDir, 'urls'), { recursive: true });
  await writeFileAtomically(cacheDir, entryPath(cacheDir, entry.url), `${JSON.stringify(entry, null, 2)}\n`);
}

async function hashOfFile(path: string): Promise<string | null> {
  try {
    return sha256Hex(await readFile(path));
  } catch {
    return null;
  }
}

/**
 * Forgets a URL's cached copy (its index entry; the object goes too), so the next run downloads
 * it again: for a body that passed the PDF checks but that pdf.js cannot parse.
 */
export async function forgetCachedUrl(cacheDir: string, url: string): Promise<void> {
  const entry = await readCacheEntry(cacheDir, url);
  await rm(entryPath(cacheDir, url), { force: true });
  if (entry) await rm(objectPath(cacheDir, entry.sha256), { force: true });
}

/**
 * The cached entry for a URL, or null when there is none or it cannot be trusted (unreadable
 * index file, missing object, object whose bytes no longer match its hash): the caller then
 * downloads afresh instead of serving damaged bytes.
 */
export async function readCacheEntry(cacheDir: string, url: string): Promise<CacheEntry | null> {
  let entry: CacheEntry;
  try {
    entry = CacheEntrySchema.parse(JSON.parse(await readFile(entryPath(cacheDir, url), 'utf8')));
  } catch {
    return null;
  }
  return await hashOfFile(objectPath(cacheDir, entry.sha256)) === entry.sha256 ? entry : null;
}
