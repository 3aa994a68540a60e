import type { ItemState } from '../../../shared/ingest/itemStates';

export type SessionMode = 'per_recording' | 'named' | 'none';

/** Where files come from, and the defaults they are registered with. */
export interface Source {
  id: number;
  kind: 'watch' | 'drop';
  path: string;
  setName: string | null;
  sessionMode: SessionMode;
  sessionName: string | null;
  /** A regular expression over the file's folder path; its first capture group (or whole match) names the sensor. */
  sensorRule: string | null;
  sensor: string | null;
  indexBags: boolean;
  createdAt: string;
}

export type NewSource = Omit<Source, 'id' | 'createdAt'>;

export interface JournalItem {
  id: number;
  sourceId: number | null;
  path: string;
  name: string;
  kind: string | null;
  state: ItemState;
  failedIn: ItemState | null;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  probe: unknown;
  assetType: string | null;
  assetId: string | null;
  /** Storage file id of the unit (a folder's files are stored under it). */
  fileId: string | null;
  /** Bytes the engine acknowledged, over all the unit's files. */
  bytesDone: number;
  sessionUid: string | null;
  setId: string | null;
  jobId: string | null;
  attempts: number;
  lastError: string | null;
  nextRetryAt: number | null;
  reason: string | null;
  paused: boolean;
  createdAt: string;
  updatedAt: string;
  stateChangedAt: string;
  finishedAt: string | null;
}

/** Fields a transition may set along with the state. */
export type ItemPatch = Partial<Pick<JournalItem,
  'kind' | 'size' | 'mtimeMs' | 'sha256' | 'probe' | 'assetType' | 'assetId' | 'fileId' |
  'sessionUid' | 'setId' | 'jobId' | 'lastError' | 'reason' | 'nextRetryAt' | 'attempts'>>;

/** One file of a unit (the unit itself for a plain file; each listed file of a ROS 2 bag folder). */
export interface ItemFile {
  fileNo: number;
  /** Relative to the unit's folder; the file name for a plain file. */
  relPath: string;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  uploadId: string | null;
  partSize: number | null;
  objectUri: string | null;
  bytesDone: number;
}

export interface PartRecord {
  partNo: number;
  size: number;
  etag: string;
}

/** A row of `items` as SQLite returns it. */
export interface ItemRow {
  id: number; source_id: number | null; path: string; name: string; kind: string | null; state: string; failed_in: string | null;
  size: number; mtime_ms: number; sha256: string | null; probe: string | null; asset_type: string | null; asset_id: string | null;
  file_id: string | null; bytes_done: number;
  session_uid: string | null; set_id: string | null; job_id: string | null; attempts: number; last_error: string | null;
  next_retry_at: number | null; reason: string | null; paused: number; created_at: string; updated_at: string;
  state_changed_at: string; finished_at: string | null;
}

export function itemFromRow(r: ItemRow): JournalItem {
  return {
    id: r.id, sourceId: r.source_id, path: r.path, name: r.name, kind: r.kind, state: r.state as ItemState,
    failedIn: r.failed_in as ItemState | null, size: r.size, mtimeMs: r.mtime_ms, sha256: r.sha256,
    probe: r.probe === null ? null : (JSON.parse(r.probe) as unknown), assetType: r.asset_type, assetId: r.asset_id,
    fileId: r.file_id, bytesDone: r.bytes_done,
    sessionUid: r.session_uid, setId: r.set_id, jobId: r.job_id, attempts: r.attempts, lastError: r.last_error,
    nextRetryAt: r.next_retry_at, reason: r.reason, paused: r.paused !== 0, createdAt: r.created_at, updatedAt: r.updated_at,
    stateChangedAt: r.state_changed_at, finishedAt: r.finished_at,
  };
}

/** Column of each patchable field. */
export const PATCH_COLUMNS: Record<keyof ItemPatch, string> = {
  kind: 'kind', size: 'size', mtimeMs: 'mtime_ms', sha256: 'sha256', probe: 'probe', assetType: 'asset_type',
  assetId: 'asset_id', fileId: 'file_id', sessionUid: 'session_uid', setId: 'set_id', jobId: 'job_id', lastError: 'last_error',
  reason: 'reason', nextRetryAt: 'next_retry_at', attempts: 'attempts',
};

export interface ItemFileRow {
  file_no: number; rel_path: string; size: number; mtime_ms: number; sha256: string | null; upload_id: string | null;
  part_size: number | null; object_uri: string | null; bytes_done: number;
}

export const fileFromRow = (r: ItemFileRow): ItemFile => ({
  fileNo: r.file_no, relPath: r.rel_path, size: r.size, mtimeMs: r.mtime_ms, sha256: r.sha256, uploadId: r.upload_id,
  partSize: r.part_size, objectUri: r.object_uri, bytesDone: r.bytes_done,
});
