import type { Database, Statement } from 'better-sqlite3';
import { ENTITY_INFLUENCE_TYPES } from '../../shared/scenebox/constants';
import type { Influence, TimelineEntity } from './resolveField';

/** An entity as stored (times in microseconds since the epoch; a numeric value as a number, any other as JSON text). */
export interface EntityRow {
  name: string;
  t: number;
  entityId: string;
  startUs: number | null;
  endUs: number | null;
  entityType: string;
  influence: Influence;
  value: number | string | null;
  extra: string | null;
}

/** The earliest and latest time any of a session's entities touches. */
export interface Cover {
  lo: number;
  hi: number;
}

/** t, start_us, end_us, influence code (+ GEO_FLAG for geo entities), value. */
type RawEntity = [number, number | null, number | null, number, number | string | null];
const GEO_FLAG = 16;
// The influence as its index in ENTITY_INFLUENCE_TYPES, computed by SQLite: resolution reads
// every entity of a session, and a small integer per row costs far less to hand to JavaScript
// than a string.
const INFLUENCE_CODE = `(CASE influence ${ENTITY_INFLUENCE_TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(' ')} END)`
  + ` + (CASE WHEN entity_type = 'geo' OR influence = 'geo_interpolation' THEN ${GEO_FLAG} ELSE 0 END)`;

/**
 * Session entities in SQLite (migration 0002). Sessions are addressed by the integer key of
 * (organization, session uid), so a caller can only reach its own organization's entities.
 */
export class SessionEntityStore {
  readonly #db: Database;
  readonly #stmt: {
    key: Statement<[string, string]>;
    addKey: Statement<[string, string]>;
    cover: Statement<[number]>;
    widen: Statement<[{ lo: number; hi: number; key: number }]>;
    recover: Statement<[{ key: number }]>;
    insert: Statement<[number, string, number, string, number | null, number | null, string, string, number | string | null, string | null]>;
    forResolution: Statement<[number, string]>;
    names: Statement<[number]>;
    inRange: Statement<[number, string, number, number]>;
    deleteEvents: Statement<[{ key: number; name: string; from: number; to: number }]>;
    deleteKey: Statement<[number]>;
  };

  public constructor(db: Database) {
    this.#db = db;
    this.#stmt = {
      key: db.prepare('SELECT id FROM session_keys WHERE organization_id = ? AND session_uid = ?'),
      addKey: db.prepare('INSERT INTO session_keys (organization_id, session_uid) VALUES (?, ?)'),
      cover: db.prepare('SELECT entities_lo_us AS lo, entities_hi_us AS hi FROM session_keys WHERE id = ?'),
      widen: db.prepare(`UPDATE session_keys SET entities_lo_us = min(coalesce(entities_lo_us, @lo), @lo),
        entities_hi_us = max(coalesce(entities_hi_us, @hi), @hi) WHERE id = @key`),
      recover: db.prepare(`UPDATE session_keys SET
        entities_lo_us = (SELECT min(min(t, coalesce(start_us, t))) FROM session_entities WHERE session = @key),
        entities_hi_us = (SELECT max(max(t, coalesce(end_us, t))) FROM session_entities WHERE session = @key) WHERE id = @key`),
      // REPLACE removes a stored row that conflicts on any unique constraint: the same entity_id.
      insert: db.prepare(`INSERT OR REPLACE INTO session_entities (session, name, t, entity_id, start_us, end_us, entity_type, influence, value, extra)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      forResolution: db.prepare(`SELECT t, start_us, end_us, ${INFLUENCE_CODE}, value FROM session_entities WHERE session = ? AND name = ? ORDER BY t, entity_id`),
      names: db.prepare('SELECT DISTINCT name FROM session_entities WHERE session = ? ORDER BY name'),
      inRange: db.prepare('SELECT t, value FROM session_entities WHERE session = ? AND name = ? AND t >= ? AND t <= ? ORDER BY t, entity_id'),
      // "Events that begin or end between the two times" (the client's delete_events docstring).
      deleteEvents: db.prepare(`DELETE FROM session_entities WHERE session = @key AND name = @name
        AND ((coalesce(start_us, t) BETWEEN @from AND @to) OR (coalesce(end_us, t) BETWEEN @from AND @to))`),
      deleteKey: db.prepare('DELETE FROM session_keys WHERE id = ?'),
    };
  }

  public key(organizationId: string, sessionUid: string): number | undefined {
    return this.#stmt.key.pluck().get(organizationId, sessionUid) as number | undefined;
  }

  public ensureKey(organizationId: string, sessionUid: string): number {
    return this.key(organizationId, sessionUid) ?? Number(this.#stmt.addKey.run(organizationId, sessionUid).lastInsertRowid);
  }

  public cover(key: number | undefined): Cover | undefined {
    if (key === undefined) return undefined;
    const row = this.#stmt.cover.get(key) as { lo: number | null; hi: number | null } | undefined;
    return row && row.lo !== null && row.hi !== null ? { lo: row.lo, hi: row.hi } : undefined;
  }

  /**
   * Stores entities; one that has the entity_id of a stored one replaces it, so that a client
   * re-sending a chunk after a timeout does not duplicate it. The cover only widens here (a
   * replaced entity may leave it wider than needed, which only makes length checks stricter);
   * deletions recompute it.
   */
  public insert(key: number, rows: readonly EntityRow[]): void {
    this.#db.transaction(() => {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const r of rows) {
        this.#stmt.insert.run(key, r.name, r.t, r.entityId, r.startUs, r.endUs, r.entityType, r.influence, r.value, r.extra);
        lo = Math.min(lo, r.t, r.startUs ?? r.t);
        hi = Math.max(hi, r.t, r.endUs ?? r.t);
      }
      if (rows.length > 0) this.#stmt.widen.run({ lo, hi, key });
    })();
  }

  /**
   * One name's entities in (t, entity_id) order, the primary key's own order. Resolution reads a
   * session name by name, so that it holds one field's entities at a time and the name is not
   * handed over once per row.
   */
  public entitiesOf(key: number, name: string): TimelineEntity[] {
    const rows = this.#stmt.forResolution.raw().all(key, name) as RawEntity[];
    return rows.map(([t, startUs, endUs, code, value]) => {
      const influence = ENTITY_INFLUENCE_TYPES[code % GEO_FLAG];
      if (influence === undefined) throw new Error(`entity of ${name} at ${t} has an unknown influence`);
      return { name, t, startUs, endUs, influence, geo: code >= GEO_FLAG, value: parseValue(value) };
    });
  }

  public names(key: number): string[] {
    return this.#stmt.names.pluck().all(key) as string[];
  }

  /** One name's entities with a timestamp in from..to (inclusive), in time order. */
  public valuesInRange(key: number, name: string, fromUs: number, toUs: number): { t: number; value: unknown }[] {
    const rows = this.#stmt.inRange.all(key, name, fromUs, toUs) as { t: number; value: number | string | null }[];
    return rows.map((r) => ({ t: r.t, value: parseValue(r.value) }));
  }

  /** Deletes the named entities that begin or end within from..to; returns how many. */
  public deleteEvents(key: number, names: readonly string[], fromUs: number, toUs: number): number {
    return this.#db.transaction(() => {
      let n = 0;
      for (const name of names) n += this.#stmt.deleteEvents.run({ key, name, from: fromUs, to: toUs }).changes;
      this.#stmt.recover.run({ key });
      return n;
    })();
  }

  /**
   * Copies into session `to` the entities of session `from` that touch fromUs..toUs, keeping
   * their ids (ids are unique per session). Returns how many.
   */
  public copySpan(from: number, to: number, fromUs: number, toUs: number): number {
    return this.#db.transaction(() => {
      const n = this.#db.prepare(`INSERT INTO session_entities (session, name, t, entity_id, start_us, end_us, entity_type, influence, value, extra)
        SELECT ?, name, t, entity_id, start_us, end_us, entity_type, influence, value, extra FROM session_entities
        WHERE session = ? AND max(t, coalesce(end_us, t)) >= ? AND min(t, coalesce(start_us, t)) <= ?`).run(to, from, fromUs, toUs).changes;
      this.#stmt.recover.run({ key: to });
      return n;
    })();
  }

  /** Removes a session's key, and with it (cascade) its entities and its timeline. */
  public deleteSession(key: number): void {
    this.#stmt.deleteKey.run(key);
  }
}

function parseValue(value: number | string | null): unknown {
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
