import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ItemFile } from '../journal/journalTypes';

/** A file of the unit changed between probing and hashing: the unit starts over. */
export class FileChangedError extends Error {
  public constructor(path: string, why: string) {
    super(`${path} changed on disk (${why}); it will be read again from the start`);
    this.name = 'FileChangedError';
  }
}

/** A file of the unit is gone: nothing to retry until it comes back (then it is a new discovery). */
export class FileGoneError extends Error {
  public constructor(path: string) {
    super(`${path} was deleted before it was ingested`);
    this.name = 'FileGoneError';
  }
}

/** Throws FileGoneError or FileChangedError unless the file is still the size and age first seen. */
export async function assertUnchanged(path: string, size: number, mtimeMs: number): Promise<void> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new FileGoneError(path);
  if (s.size !== size || Math.floor(s.mtimeMs) !== mtimeMs) throw new FileChangedError(path, `size ${size} → ${s.size}`);
}

/**
 * Hashes every file of a unit (sha256, streamed) after checking each is still the size and age
 * the probe saw. A unit's own hash is its file's, or for a bag folder the hash of the list of
 * `path<TAB>sha256` lines, so that the same recording copied elsewhere is recognised.
 */
export async function hashUnit(unitPath: string, isFolder: boolean, files: readonly ItemFile[], signal?: AbortSignal): Promise<{ fileHashes: string[]; unitHash: string }> {
  const fileHashes: string[] = [];
  for (const file of files) {
    const path = isFolder ? join(unitPath, file.relPath) : unitPath;
    await assertUnchanged(path, file.size, file.mtimeMs);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })) hash.update(chunk as Buffer);
    fileHashes.push(hash.digest('hex'));
  }
  if (!isFolder) return { fileHashes, unitHash: fileHashes[0] ?? createHash('sha256').digest('hex') };
  const listing = files.map((f, i) => `${f.relPath}\t${fileHashes[i] ?? ''}\n`).join('');
  return { fileHashes, unitHash: createHash('sha256').update(listing).digest('hex') };
}
