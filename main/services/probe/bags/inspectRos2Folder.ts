import { realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Ros2FolderStatus } from '../../../../shared/ingest/bagProbeSchemas';
import { isMcapComplete } from './isMcapComplete';
import { METADATA_FILE, type Ros2Metadata } from '../../../../shared/formats/bags/parseRos2Metadata';
import { readRos2Metadata } from './readRos2Metadata';

export interface Ros2FolderInspection {
  status: Ros2FolderStatus;
  /** Present whenever metadata.yaml parsed, even if the folder is not complete. */
  metadata?: Ros2Metadata;
}

/**
 * Checks a rosbag2 folder without reading message data: metadata.yaml (which rosbag2 writes when
 * it closes the bag), every storage file it lists, the footer of each MCAP storage file, and the
 * SQLite side files that betray a database still open for writing.
 */
export async function inspectRos2Folder(dir: string): Promise<Ros2FolderInspection> {
  let metadata: Ros2Metadata;
  try {
    metadata = await readRos2Metadata(dir);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const reason = missing
      ? `no ${METADATA_FILE}: the bag is still being recorded (rosbag2 writes it on close) or this is not a rosbag2 folder`
      : error instanceof Error ? error.message : String(error);
    return { status: { complete: false, reason, metadataVersion: null, storageIdentifier: null, files: [] } };
  }
  // Before v4, listed paths began with the bag folder's own name (rosbag2 resolves them the same way).
  const base = metadata.version < 4 ? dirname(resolve(dir)) : resolve(dir);
  const files: Ros2FolderStatus['files'] = [];
  const reasons: string[] = [];
  if (metadata.relativeFilePaths.length === 0) reasons.push(`${METADATA_FILE} lists no storage files`);
  for (const relativePath of metadata.relativeFilePaths) {
    const path = resolve(base, relativePath);
    const inside = relative(resolve(dir), path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      reasons.push(`listed file ${relativePath} lies outside the bag folder`);
      files.push({ relativePath, path, exists: false, size: null });
      continue;
    }
    // A listed name inside the folder may still be a link to a file elsewhere: ingesting the bag
    // must not upload bytes from outside the folder the user gave.
    if (await linksOutside(dir, path)) {
      reasons.push(`listed file ${relativePath} is a symbolic link to a file outside the bag folder`);
      files.push({ relativePath, path, exists: false, size: null });
      continue;
    }
    const size = await fileSize(path);
    files.push({ relativePath, path, exists: size !== null, size });
    if (size === null) {
      reasons.push(`listed file ${relativePath} is missing`);
      continue;
    }
    const reason = await storageFileReason(path, relativePath);
    if (reason) reasons.push(reason);
  }
  const status: Ros2FolderStatus = {
    complete: reasons.length === 0,
    metadataVersion: metadata.version,
    storageIdentifier: metadata.storageIdentifier,
    files,
  };
  if (reasons.length > 0) status.reason = reasons.join('; ');
  return { status, metadata };
}

async function storageFileReason(path: string, relativePath: string): Promise<string | undefined> {
  if (path.endsWith('.mcap')) {
    const mcap = await isMcapComplete(path);
    return mcap.complete ? undefined : `${relativePath}: ${mcap.reason ?? 'incomplete'}`;
  }
  if (path.endsWith('.db3')) {
    // A closed database has checkpointed its WAL and has no hot rollback journal.
    for (const suffix of ['-wal', '-journal']) {
      const size = await fileSize(path + suffix);
      if (size !== null && size > 0) return `${relativePath}${suffix} holds ${size} bytes: the database is still open for writing, or its writer crashed`;
    }
  }
  return undefined;
}

async function linksOutside(dir: string, path: string): Promise<boolean> {
  const [realDir, realPath] = await Promise.all([realpath(dir), realpath(path)]).catch(() => [undefined, undefined]);
  if (realDir === undefined || realPath === undefined) return false;
  const inside = relative(realDir, realPath);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside);
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}
