import { join, resolve, sep } from 'node:path';

/** A dropped file's name the staging area refuses, with the reason (the page shows it). */
export class UnsafeNameError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UnsafeNameError';
  }
}

const BATCH = /^[A-Za-z0-9_-]{1,64}$/;
// Control characters, and characters Windows refuses or reads as drive/stream separators.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*]/;

export interface StagedPath {
  /** Where the file is written. */
  file: string;
  /** The dropped top-level entry it belongs to (the file itself, or the folder it was dropped in). */
  root: string;
}

/**
 * Maps a browser-given relative name (`folder/sub/file.bag`) into `<stagingDir>/<batch>/...`.
 * Every segment is checked, and the result is checked again to lie inside the batch folder, so
 * neither `..`, an absolute path, a drive letter nor a backslash trick can write elsewhere (zip slip).
 */
export function safeStagedPath(stagingDir: string, batch: string, relativeName: string): StagedPath {
  if (!BATCH.test(batch)) throw new UnsafeNameError('batch must be 1 to 64 letters, digits, _ or -');
  if (relativeName.length === 0 || relativeName.length > 4096) throw new UnsafeNameError('the name must be 1 to 4096 characters');
  const segments = relativeName.split(/[/\\]/);
  if (segments.length > 64) throw new UnsafeNameError('the name is nested more than 64 folders deep');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') throw new UnsafeNameError(`${JSON.stringify(relativeName)} has an empty, "." or ".." segment`);
    if (segment.length > 255) throw new UnsafeNameError(`${JSON.stringify(relativeName)} has a segment longer than 255 characters`);
    if (FORBIDDEN.test(segment)) throw new UnsafeNameError(`${JSON.stringify(relativeName)} contains a control character or one of <>:"|?*`);
  }
  const batchDir = resolve(stagingDir, batch);
  const file = resolve(batchDir, ...segments);
  if (!file.startsWith(batchDir + sep)) throw new UnsafeNameError(`${JSON.stringify(relativeName)} leaves the staging folder`);
  return { file, root: join(batchDir, segments[0] ?? '') };
}
