import type { Database, Statement } from 'better-sqlite3';
import { ITEM_STATES, type ItemState } from '../../../shared/ingest/itemStates';
import {
  fileFromRow, itemFromRow, type ItemFile, type ItemFileRow, type ItemRow, type JournalItem, type PartRecord, type SessionMode, type Source,
} from './journalTypes';
import { statementCache } from './statementCache';

export interface ItemQuery {
  states?: readonly ItemState[];
  /** Case-insensitive substring of the file name. */
  search?: string;
  /** Item kinds (`ros1_bag`, `mcap`, ...): the Jobs screen lists recordings with it. */
  kinds?: readonly string[];
  /** Keyset paging: items with a larger id. */
  afterId?: number;
  limit?: number;
}

export type StateCounts = Record<ItemState, { count: number; bytes: number }>;

interface SourceRow {
  id: number; kind: 'watch' | 'drop'; path: string; set_name: string | null; session_mode: string; session_name: string | null;
  sensor_rule: string | null; sensor: string | null; index_bags: number; created_at: string;
}

const sourceFromRow = (r: SourceRow): Source => ({
  id: r.id, kind: r.kind, path: r.path, setName: r.set_name, sessionMode: r.session_mode as SessionMode, sessionName: r.session_name,
  sensorRule: r.sensor_rule, sensor: r.sensor, indexBags: r.index_bags !== 0, createdAt: r.created_at,
});

/** The read side of the journal: what views, the CLI's status and the pipeline's scheduler ask. */
export class JournalReader {
  readonly #sql: (sql: string) => Statement;

  public constructor(db: Database) {
    this.#sql = statementCache(db);
  }

  public counts(): StateCounts {
    const out = Object.fromEntries(ITEM_STATES.map((s) => [s, { count: 0, bytes: 0 }])) as StateCounts;
    const rows = this.#sql('SELECT state, count(*) AS count, coalesce(sum(size), 0) AS bytes FROM items GROUP BY state').all() as { state: ItemState; count: number; bytes: number }[];
    for (const r of rows) out[r.state] = { count: r.count, bytes: r.bytes };
    return out;
  }

  /** Bytes acknowledged by the engine over every item still uploading (for overall progress). */
  public bytesInFlight(): { done: number; total: number } {
    return this.#sql("SELECT coalesce(sum(bytes_done), 0) AS done, coalesce(sum(size), 0) AS total FROM items WHERE state = 'uploading'").get() as { done: number; total: number };
  }

  public get(id: number): JournalItem | undefined {
    const row = this.#sql('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
    return row && itemFromRow(row);
  }

  public byPath(path: string): JournalItem | undefined {
    const row = this.#sql('SELECT * FROM items WHERE path = ?').get(path) as ItemRow | undefined;
    return row && itemFromRow(row);
  }

  public list(query: ItemQuery = {}): JournalItem[] {
    const filter = itemFilter(query);
    if (query.afterId !== undefined) {
      filter.where.push('id > ?');
      filter.params.push(query.afterId);
    }
    const sql = `SELECT * FROM items${whereClause(filter.where)} ORDER BY id LIMIT ?`;
    return (this.#sql(sql).all(...filter.params, query.limit ?? 1000) as ItemRow[]).map(itemFromRow);
  }

  /** Rows `offset`..`offset+limit` of the filtered list in id order (the UI's virtual list asks for its window). */
  public listWindow(query: Pick<ItemQuery, 'states' | 'search' | 'kinds'>, offset: number, limit: number): JournalItem[] {
    const filter = itemFilter(query);
    const sql = `SELECT * FROM items${whereClause(filter.where)} ORDER BY id LIMIT ? OFFSET ?`;
    return (this.#sql(sql).all(...filter.params, limit, offset) as ItemRow[]).map(itemFromRow);
  }

  public count(query: Omit<ItemQuery, 'afterId' | 'limit'> = {}): number {
    const filter = itemFilter(query);
    return this.#sql(`SELECT count(*) FROM items${whereClause(filter.where)}`).pluck().get(...filter.params) as number;
  }

  /**
   * Ids of the items the pipeline should work on now, oldest first: in one of `states`, not
   * paused, failed ones only once due, none of `busy` (the ones it already works on). A
   * `discovered` item under a watched folder is not due: the watcher says when it is complete.
   */
  public dueIds(states: readonly ItemState[], now: number, limit: number, busy: Pick<ReadonlySet<number>, 'has' | 'size'> = new Set()): number[] {
    // Ids only (the pipeline reads each item when it starts on it): the scheduler asks after every
    // change, and whole rows, probes parsed, for items already running were most of its cost.
    // One indexed range per state (items_by_state, items_retry) rather than one query with ORs,
    // which SQLite answers by walking every item, and a journal holds every file ever seen.
    const want = limit + busy.size;
    const ids: number[] = [];
    // Retries are rare: one look at the soonest spares a query per state when none is due.
    const retrying = (this.nextRetryAt() ?? Number.POSITIVE_INFINITY) <= now;
    for (const state of states) {
      ids.push(...this.#sql(state === 'discovered'
        ? `SELECT id FROM items WHERE state = 'discovered' AND paused = 0
            AND (source_id IS NULL OR source_id NOT IN (SELECT id FROM sources WHERE kind = 'watch' AND removed_at IS NULL))
          ORDER BY id LIMIT @want`
        : 'SELECT id FROM items WHERE state = @state AND paused = 0 ORDER BY id LIMIT @want').pluck().all(state === 'discovered' ? { want } : { state, want }) as number[]);
      if (retrying) {
        ids.push(...this.#sql(`SELECT id FROM items WHERE state = 'failed' AND next_retry_at IS NOT NULL AND next_retry_at <= @now
            AND failed_in = @state AND paused = 0 ORDER BY id LIMIT @want`).pluck().all({ state, now, want }) as number[]);
      }
    }
    return ids.filter((id) => !busy.has(id)).sort((a, b) => a - b).slice(0, limit);
  }

  /** Items still to settle: active ones, and failed ones with a retry scheduled. */
  public unsettledCount(): number {
    return this.#sql(`SELECT count(*) FROM items WHERE paused = 0 AND (
      state IN ('discovered', 'stable', 'probed', 'hashed', 'uploading', 'uploaded', 'registered', 'indexing')
      OR (state = 'failed' AND next_retry_at IS NOT NULL))`).pluck().get() as number;
  }

  /** When the next failed item becomes due (unix ms), to sleep until then. */
  public nextRetryAt(): number | undefined {
    const v = this.#sql("SELECT min(next_retry_at) FROM items WHERE state = 'failed' AND paused = 0 AND next_retry_at IS NOT NULL").pluck().get() as number | null;
    return v ?? undefined;
  }

  public files(id: number): ItemFile[] {
    return (this.#sql('SELECT * FROM item_files WHERE item_id = ? ORDER BY file_no').all(id) as ItemFileRow[]).map(fileFromRow);
  }

  public parts(id: number, fileNo: number): PartRecord[] {
    return this.#sql('SELECT part_no AS partNo, size, etag FROM item_parts WHERE item_id = ? AND file_no = ? ORDER BY part_no').all(id, fileNo) as PartRecord[];
  }

  public sources(): Source[] {
    return (this.#sql('SELECT * FROM sources WHERE removed_at IS NULL ORDER BY id').all() as SourceRow[]).map(sourceFromRow);
  }

  public source(id: number): Source | undefined {
    const row = this.#sql('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
    return row && sourceFromRow(row);
  }
}

function itemFilter(query: Pick<ItemQuery, 'states' | 'search' | 'kinds'>): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.states?.length) {
    where.push('state IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.states));
  }
  if (query.kinds?.length) {
    where.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.kinds));
  }
  if (query.search) {
    where.push("name LIKE ? ESCAPE '\\'");
    params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return { where, params };
}

const whereClause = (where: readonly string[]): string => (where.length ? ` WHERE ${where.join(' AND ')}` : '');
