/**
 * File helpers shared by the download cache, the stage cache and the dataset writers: a content
 * hash, and a write that never leaves a half-written file where a reader looks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** SHA-256 of bytes or UTF-8 text, as 64 lowercase hex digits. */
export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Writes `data` to `<dir>/tmp/` first, fsyncs it and renames it onto `target` (in the same file
 * system as `dir`): a crash leaves at most a stray temp file, never a half-written target.
 */
export async function writeFileAtomically(dir: string, target: string, data: Uint8Array | string): Promise<void> {
  const tmpDir = join(dir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}.part`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
