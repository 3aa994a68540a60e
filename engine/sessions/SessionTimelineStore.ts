import type { Database, Statement } from 'better-sqlite3';
import type { TimelineFrame } from './resolveField';
import { decodeColumn, type EncodedColumn } from './timelineColumns';

export interface StoredFrame extends TimelineFrame {
  resolvedAt: string;
}

export interface SessionRef {
  key: number;
  uid: string;
}

/** Resolved session timelines in SQLite (migration 0002): one row per (session, field). */
export class SessionTimelineStore {
  readonly #db: Database;
  readonly #stmt: {
    frame: Statement<[number]>;
    putFrame: Statement<[number, number, number, number, string]>;
    dropFields: Statement<[number]>;
    putField: Statement<[number, string, string, Buffer | string]>;
    fields: Statement<[number]>;
    field: Statement<[number, string]>;
    withField: Statement<[string, string]>;
    resolved: Statement<[string]>;
  };

  public constructor(db: Database) {
    this.#db = db;
    this.#stmt = {
      frame: db.prepare('SELECT resolution_us AS resUs, first_index AS first, length, resolved_at AS resolvedAt FROM session_timelines WHERE session = ?'),
      putFrame: db.prepare(`INSERT INTO session_timelines (session, resolution_us, first_index, length, resolved_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (session) DO UPDATE SET resolution_us = excluded.resolution_us, first_index = excluded.first_index,
        length = excluded.length, resolved_at = excluded.resolved_at`),
      dropFields: db.prepare('DELETE FROM session_timeline_fields WHERE session = ?'),
      putField: db.prepare('INSERT INTO session_timeline_fields (session, field, encoding, data) VALUES (?, ?, ?, ?)'),
      fields: db.prepare('SELECT field FROM session_timeline_fields WHERE session = ? ORDER BY field'),
      field: db.prepare('SELECT encoding, data FROM session_timeline_fields WHERE session = ? AND field = ?'),
      withField: db.prepare(`SELECT k.id AS key, k.session_uid AS uid FROM session_timeline_fields f
        JOIN session_keys k ON k.id = f.session WHERE f.field = ? AND k.organization_id = ? ORDER BY k.session_uid`),
      resolved: db.prepare(`SELECT k.id AS key, k.session_uid AS uid FROM session_keys k
        JOIN session_timelines t ON t.session = k.id WHERE k.organization_id = ? ORDER BY k.session_uid`),
    };
  }

  /** Replaces a session's timeline in one transaction: readers see the old one or the new one. */
  public write(key: number, frame: TimelineFrame, columns: ReadonlyMap<string, EncodedColumn>, resolvedAt: string): void {
    this.#db.transaction(() => {
      this.#stmt.putFrame.run(key, frame.resUs, frame.first, frame.length, resolvedAt);
      this.#stmt.dropFields.run(key);
      for (const [field, c] of columns) this.#stmt.putField.run(key, field, c.encoding, c.data);
    })();
  }

  public frame(key: number | undefined): StoredFrame | undefined {
    return key === undefined ? undefined : (this.#stmt.frame.get(key) as StoredFrame | undefined);
  }

  public fields(key: number): string[] {
    return this.#stmt.fields.pluck().all(key) as string[];
  }

  /** Decoded columns of the named fields that the timeline has (absent fields are left out). */
  public columns(key: number, frame: TimelineFrame, fields: Iterable<string>): Map<string, unknown[]> {
    const out = new Map<string, unknown[]>();
    for (const field of new Set(fields)) {
      const row = this.#stmt.field.get(key, field) as { encoding: string; data: Buffer | string } | undefined;
      if (row) out.set(field, decodeColumn(row.encoding, row.data, frame.length));
    }
    return out;
  }

  /** An organization's resolved sessions that have `field` on their timeline. */
  public sessionsWithField(organizationId: string, field: string): SessionRef[] {
    return this.#stmt.withField.all(field, organizationId) as SessionRef[];
  }

  public resolvedSessions(organizationId: string): SessionRef[] {
    return this.#stmt.resolved.all(organizationId) as SessionRef[];
  }
}
