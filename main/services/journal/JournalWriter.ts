import type { Database, Statement } from 'better-sqlite3';
import { canTransition, FINAL_STATES, type ItemState } from '../../../shared/ingest/itemStates';
import { JournalReader } from './JournalReader';
import { PATCH_COLUMNS, type ItemPatch, type JournalItem, type NewSource, type Source } from './journalTypes';
import { statementCache } from './statementCache';

export type DiscoverOutcome = 'new' | 'unchanged' | 'changed';

export class IllegalTransitionError extends Error {
  public constructor(item: JournalItem, to: ItemState) {
    super(`item ${item.id} (${item.path}) cannot go from ${item.state} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

/**
 * The write side of the journal: only the ingestion pipeline holds one. Every method is one
 * SQLite transaction, so a crash at any instant leaves the item in a state a restart resumes from.
 */
export class JournalWriter {
  readonly #db: Database;
  readonly #sql: (sql: string) => Statement;
  readonly #reader: JournalReader;
  readonly #now: () => number;

  public constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#sql = statementCache(db);
    this.#reader = new JournalReader(db);
    this.#now = now;
  }

  public addSource(source: NewSource): Source {
    const createdAt = new Date(this.#now()).toISOString();
    const id = Number(this.#sql(`INSERT INTO sources (kind, path, set_name, session_mode, session_name, sensor_rule, sensor, index_bags, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(source.kind, source.path, source.setName, source.sessionMode, source.sessionName,
      source.sensorRule, source.sensor, source.indexBags ? 1 : 0, createdAt).lastInsertRowid);
    return { ...source, id, createdAt };
  }

  public updateSource(id: number, defaults: Pick<NewSource, 'setName' | 'sessionMode' | 'sessionName' | 'sensorRule' | 'sensor' | 'indexBags'>): Source {
    this.#sql('UPDATE sources SET set_name = ?, session_mode = ?, session_name = ?, sensor_rule = ?, sensor = ?, index_bags = ? WHERE id = ?')
      .run(defaults.setName, defaults.sessionMode, defaults.sessionName, defaults.sensorRule, defaults.sensor, defaults.indexBags ? 1 : 0, id);
    const row = this.#reader.source(id);
    if (!row) throw new Error(`no source ${id}`);
    return row;
  }

  public removeSource(id: number): void {
    this.#sql('UPDATE sources SET removed_at = ? WHERE id = ?').run(new Date(this.#now()).toISOString(), id);
  }

  /**
   * Records a file (or bag folder) seen on disk. A path seen before with the same size and mtime
   * is left alone; a changed one goes back to the start, whatever state it was in, because the
   * bytes already sent (or registered) are no longer the file's.
   */
  public discover(entry: { path: string; name: string; sourceId: number | null; size: number; mtimeMs: number; kind?: string | null }): { item: JournalItem; outcome: DiscoverOutcome } {
    return this.#db.transaction(() => {
      const known = this.#reader.byPath(entry.path);
      const now = new Date(this.#now()).toISOString();
      if (!known) {
        const id = Number(this.#sql(`INSERT INTO items (source_id, path, name, kind, state, size, mtime_ms, created_at, updated_at, state_changed_at)
          VALUES (?, ?, ?, ?, 'discovered', ?, ?, ?, ?, ?)`).run(entry.sourceId, entry.path, entry.name, entry.kind ?? null, entry.size, entry.mtimeMs, now, now, now).lastInsertRowid);
        return { item: this.#load(id), outcome: 'new' as const };
      }
      if (known.size === entry.size && known.mtimeMs === entry.mtimeMs) return { item: known, outcome: 'unchanged' as const };
      this.#reset(known.id, now, `file changed on disk (size ${known.size} → ${entry.size})`, { size: entry.size, mtime_ms: entry.mtimeMs });
      return { item: this.#load(known.id), outcome: 'changed' as const };
    })();
  }

  /** Moves an item to `to`, setting `patch` with it; refuses a move the state machine forbids. */
  public transition(id: number, to: ItemState, patch: ItemPatch = {}): JournalItem {
    return this.#db.transaction(() => {
      const item = this.#load(id);
      if (!canTransition(item.state, to, item.failedIn ?? undefined)) throw new IllegalTransitionError(item, to);
      const now = new Date(this.#now()).toISOString();
      const sets = ['state = ?', 'updated_at = ?', 'state_changed_at = ?'];
      const params: unknown[] = [to, now, now];
      if (FINAL_STATES.includes(to)) {
        sets.push('finished_at = ?');
        params.push(now);
      }
      if (item.state === 'failed') sets.push('failed_in = NULL', 'next_retry_at = NULL');
      for (const [key, value] of Object.entries(patch) as [keyof ItemPatch, unknown][]) {
        sets.push(`${PATCH_COLUMNS[key]} = ?`);
        params.push(key === 'probe' && value !== null && value !== undefined ? JSON.stringify(value) : value);
      }
      this.#sql(`UPDATE items SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
      return this.#load(id);
    })();
  }

  /** Sets fields without changing state (progress, upload id); refuses nothing but unknown items. */
  public patch(id: number, patch: ItemPatch): JournalItem {
    const entries = Object.entries(patch) as [keyof ItemPatch, unknown][];
    if (entries.length === 0) return this.#load(id);
    const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = ?`);
    const params = entries.map(([key, value]) => (key === 'probe' && value !== null && value !== undefined ? JSON.stringify(value) : value));
    this.#sql(`UPDATE items SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...params, new Date(this.#now()).toISOString(), id);
    return this.#load(id);
  }

  /** stable → probed with the probe's findings and the unit's files, in one transaction. */
  public markProbed(id: number, patch: ItemPatch, files: readonly { relPath: string; size: number; mtimeMs: number }[]): JournalItem {
    return this.#db.transaction(() => {
      this.setFiles(id, files);
      return this.transition(id, 'probed', patch);
    })();
  }

  /** Lists the unit's files (at probe time); replaces any earlier list and its upload state. */
  public setFiles(id: number, files: readonly { relPath: string; size: number; mtimeMs: number }[]): void {
    this.#db.transaction(() => {
      this.#sql('DELETE FROM item_files WHERE item_id = ?').run(id);
      const insert = this.#sql('INSERT INTO item_files (item_id, file_no, rel_path, size, mtime_ms) VALUES (?, ?, ?, ?, ?)');
      files.forEach((f, i) => insert.run(id, i, f.relPath, f.size, f.mtimeMs));
      this.#sql('UPDATE items SET bytes_done = 0, updated_at = ? WHERE id = ?').run(new Date(this.#now()).toISOString(), id);
    })();
  }

  /** Sets a file's hash, upload id (with its part size) or stored object URI. */
  public patchFile(id: number, fileNo: number, patch: { sha256?: string; uploadId?: string | null; partSize?: number | null; objectUri?: string | null }): void {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [['sha256', 'sha256'], ['uploadId', 'upload_id'], ['partSize', 'part_size'], ['objectUri', 'object_uri']] as const) {
      if (patch[key] !== undefined) {
        sets.push(`${column} = ?`);
        params.push(patch[key]);
      }
    }
    if (sets.length === 0) return;
    this.#db.transaction(() => {
      this.#sql(`UPDATE item_files SET ${sets.join(', ')} WHERE item_id = ? AND file_no = ?`).run(...params, id, fileNo);
      if (patch.objectUri) this.#syncBytes(id, fileNo);
    })();
  }

  /** Records a part the engine acknowledged; the byte counts follow the recorded parts. */
  public recordPart(id: number, fileNo: number, partNo: number, size: number, etag: string): JournalItem {
    return this.#db.transaction(() => {
      const item = this.#load(id);
      if (item.state !== 'uploading') throw new IllegalTransitionError(item, 'uploading');
      this.#sql(`INSERT INTO item_parts (item_id, file_no, part_no, size, etag) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (item_id, file_no, part_no) DO UPDATE SET size = excluded.size, etag = excluded.etag`).run(id, fileNo, partNo, size, etag);
      this.#syncBytes(id, fileNo);
      return this.#load(id);
    })();
  }

  /** Forgets a file's recorded parts except `keep` (the engine no longer holds them, or the file changed). */
  public clearParts(id: number, fileNo: number, keep: readonly number[] = []): void {
    this.#db.transaction(() => {
      this.#sql('DELETE FROM item_parts WHERE item_id = ? AND file_no = ? AND part_no NOT IN (SELECT value FROM json_each(?))')
        .run(id, fileNo, JSON.stringify(keep));
      this.#syncBytes(id, fileNo);
    })();
  }

  /** A file's acknowledged bytes: all of it once stored, else its recorded parts; the unit's, their sum. */
  #syncBytes(id: number, fileNo: number): void {
    this.#sql(`UPDATE item_files SET bytes_done = CASE WHEN object_uri IS NOT NULL THEN size
        ELSE (SELECT coalesce(sum(size), 0) FROM item_parts p WHERE p.item_id = item_files.item_id AND p.file_no = item_files.file_no) END
      WHERE item_id = ? AND file_no = ?`).run(id, fileNo);
    this.#sql('UPDATE items SET bytes_done = (SELECT coalesce(sum(bytes_done), 0) FROM item_files WHERE item_id = ?), updated_at = ? WHERE id = ?')
      .run(id, new Date(this.#now()).toISOString(), id);
  }

  /** Marks a failure; the item is retried at `retryAt` (unix ms), or never when undefined. */
  public fail(id: number, error: string, retryAt: number | undefined): JournalItem {
    return this.#db.transaction(() => {
      const item = this.#load(id);
      if (item.state === 'failed') {
        this.#sql('UPDATE items SET last_error = ?, next_retry_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?')
          .run(error, retryAt ?? null, new Date(this.#now()).toISOString(), id);
        return this.#load(id);
      }
      if (!canTransition(item.state, 'failed')) throw new IllegalTransitionError(item, 'failed');
      const now = new Date(this.#now()).toISOString();
      this.#sql(`UPDATE items SET state = 'failed', failed_in = state, last_error = ?, next_retry_at = ?, attempts = attempts + 1,
        updated_at = ?, state_changed_at = ? WHERE id = ?`).run(error, retryAt ?? null, now, now, id);
      return this.#load(id);
    })();
  }

  public setPaused(id: number, paused: boolean): JournalItem {
    this.#sql('UPDATE items SET paused = ?, updated_at = ? WHERE id = ?').run(paused ? 1 : 0, new Date(this.#now()).toISOString(), id);
    return this.#load(id);
  }

  /** Starts an item over from `discovered` (user retry, or its file changed). */
  public restart(id: number, why: string): JournalItem {
    return this.#db.transaction(() => {
      this.#reset(id, new Date(this.#now()).toISOString(), why, {});
      return this.#load(id);
    })();
  }

  #reset(id: number, now: string, why: string, extra: { size?: number; mtime_ms?: number }): void {
    this.#sql('DELETE FROM item_parts WHERE item_id = ?').run(id);
    this.#sql('DELETE FROM item_files WHERE item_id = ?').run(id);
    this.#sql(`UPDATE items SET state = 'discovered', failed_in = NULL, sha256 = NULL, probe = NULL,
      bytes_done = 0, job_id = NULL, attempts = 0, last_error = ?, next_retry_at = NULL, reason = NULL,
      finished_at = NULL, size = coalesce(?, size), mtime_ms = coalesce(?, mtime_ms), updated_at = ?, state_changed_at = ? WHERE id = ?`)
      .run(why, extra.size ?? null, extra.mtime_ms ?? null, now, now, id);
  }

  #load(id: number): JournalItem {
    const item = this.#reader.get(id);
    if (!item) throw new Error(`no journal item ${id}`);
    return item;
  }
}
