import { createHash } from 'node:crypto';
import { basename, dirname, relative, sep } from 'node:path';
import { ASSET_TYPE_OF_KIND, RECORDING_KINDS, type FileKind } from '../../../shared/ingest/fileKinds';
import type { AssetType } from '../../../shared/scenebox/constants';
import { standardizeName } from '../../../shared/scenebox/standardizeName';
import type { Source } from '../journal/journalTypes';

/** Where and how a unit is registered, decided once when it is probed and kept in the journal. */
export interface UnitPlan {
  assetType: AssetType | undefined;
  /** Stable across restarts and re-ingests of the same path: re-sending a file updates its asset. */
  assetId: string;
  /** Storage file id (a bag folder's files go under it). */
  fileId: string;
  sensor: string | null;
  /** The session the unit belongs to, by name; undefined when the source wants none. */
  sessionName: string | undefined;
  /** The set name per asset type: `<source set>_<asset type>` (a set holds one asset type). */
  setName: string | undefined;
  /** Capture time: from the probe when it knows one, else the file's modification time. */
  timestamp: string;
}

/**
 * Decides a unit's asset id, storage key, sensor, session and set from its path and its source's
 * defaults. The asset id joins the file name with a short hash of the full path, so that two
 * `0001.jpg` in different folders never overwrite each other while re-ingesting one path does.
 */
export function planUnit(
  unit: { path: string; isFolder: boolean; mtimeMs: number },
  kind: FileKind,
  source: Source | undefined,
  probeTime: string | null,
): UnitPlan {
  const name = basename(unit.path);
  const pathHash = createHash('sha256').update(unit.path).digest('hex').slice(0, 10);
  const assetId = standardizeName(`${name}_${pathHash}`);
  const assetType = ASSET_TYPE_OF_KIND[kind];
  const folder = unit.isFolder ? unit.path : dirname(unit.path);
  return {
    assetType,
    assetId,
    fileId: `${assetType ?? kind}/${assetId}`,
    sensor: sensorFor(folder, source),
    sessionName: sessionFor(unit, kind, source),
    setName: source?.setName && assetType ? `${source.setName}_${assetType}` : undefined,
    timestamp: probeTime ?? new Date(unit.mtimeMs).toISOString(),
  };
}

/** The sensor: the source's rule on the folder path (first capture group, else the match), its fixed sensor, or the folder's name. */
function sensorFor(folder: string, source: Source | undefined): string | null {
  if (source?.sensorRule) {
    try {
      const m = new RegExp(source.sensorRule).exec(folder);
      if (m) return m[1] ?? m[0];
    } catch {
      // An invalid rule was refused when the source was saved; fall through to the defaults.
    }
  }
  return source?.sensor ?? (basename(folder) || null);
}

/**
 * The session: a named one, none, or one per recording: a bag (or bag folder) is its own
 * recording; any other file belongs to the recording folder it sits in under the source (the
 * first folder below the source's root, or the dropped folder itself).
 */
function sessionFor(unit: { path: string; isFolder: boolean }, kind: FileKind, source: Source | undefined): string | undefined {
  if (source?.sessionMode === 'none') return undefined;
  if (source?.sessionMode === 'named' && source.sessionName) return source.sessionName;
  if (RECORDING_KINDS.includes(kind)) return basename(unit.path).replace(/\.(bag|mcap)$/i, '');
  if (!source) return basename(dirname(unit.path));
  const rel = relative(source.path, unit.path);
  if (rel.startsWith('..') || rel === '') return basename(dirname(unit.path));
  const [first, ...rest] = rel.split(sep);
  return rest.length > 0 && first ? first : basename(source.path);
}
