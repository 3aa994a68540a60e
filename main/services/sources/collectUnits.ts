import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isRecorderTemporary } from '../watch/isRecorderTemporary';

export interface DroppedUnit {
  path: string;
  name: string;
  isFolder: boolean;
  size: number;
  mtimeMs: number;
}

const BAG_METADATA = 'metadata.yaml';

/**
 * The units of ingestion under dropped paths: every file, except that a folder holding
 * metadata.yaml is one ROS 2 bag unit. Temporary and hidden names are left out; a dropped path
 * that does not exist is reported to `onMissing` and the rest go on.
 */
export async function* collectUnits(paths: readonly string[], onMissing: (path: string, reason: string) => void = () => undefined): AsyncGenerator<DroppedUnit> {
  for (const raw of paths) {
    const path = resolve(raw);
    const s = await stat(path).catch((error: unknown) => {
      onMissing(path, error instanceof Error ? error.message : String(error));
      return undefined;
    });
    if (!s) continue;
    if (s.isFile()) {
      if (!isRecorderTemporary(basename(path))) yield { path, name: basename(path), isFolder: false, size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    } else if (s.isDirectory()) {
      yield* walk(path);
    }
  }
}

async function* walk(dir: string): AsyncGenerator<DroppedUnit> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  if (entries.some((e) => e.isFile() && e.name === BAG_METADATA)) {
    let size = 0;
    let mtimeMs = 0;
    for (const e of entries) {
      if (!e.isFile() || isRecorderTemporary(e.name)) continue;
      const s = await stat(join(dir, e.name)).catch(() => undefined);
      if (!s) continue;
      size += s.size;
      mtimeMs = Math.max(mtimeMs, Math.floor(s.mtimeMs));
    }
    yield { path: dir, name: basename(dir), isFolder: true, size, mtimeMs };
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (isRecorderTemporary(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) {
      const s = await stat(path).catch(() => undefined);
      if (s) yield { path, name: e.name, isFolder: false, size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    }
  }
}
