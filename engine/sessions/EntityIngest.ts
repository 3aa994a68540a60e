import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { entityDictSchema, entityGeolocation, type EntityDict } from '../../shared/sessions/entitySchema';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import { badRequest } from '../http/HttpError';
import type { MetaStore } from '../meta/MetaStore';
import type { EntityRow, SessionEntityStore } from './SessionEntityStore';
import { readSession, resolutionOf, sessionsScope, spanOf, tooLong, union, type Span } from './sessionDoc';
import type { SessionService } from './SessionService';
import { isoToMicros } from './timeIndex';

/** Keys that have columns of their own; every other key of an entity is kept in `extra`. */
const COLUMN_KEYS = new Set(['session', 'timestamp', 'start_time', 'end_time', 'entity_id', 'entity_name', 'entity_value', 'entity_type', 'influence']);
/** How many problems a refused batch lists before summing up the rest. */
const LISTED_PROBLEMS = 20;

interface Pending {
  index: number;
  sessionUid: string;
  row: EntityRow;
  extend: boolean;
}

/**
 * Ingests a batch of entities, all or nothing: every entity is checked (shape, times, influence,
 * session, session length) before anything is written, and the batch is written in one
 * transaction. A refused batch is a 400 naming each bad entity by index and entity_id.
 */
export class EntityIngest {
  readonly #db: Database;
  readonly #meta: MetaStore;
  readonly #entities: SessionEntityStore;
  readonly #sessions: SessionService;

  public constructor(db: Database, meta: MetaStore, entities: SessionEntityStore, sessions: SessionService) {
    this.#db = db;
    this.#meta = meta;
    this.#entities = entities;
    this.#sessions = sessions;
  }

  /** Returns the uids of the sessions that received entities. */
  public ingest(organizationId: string, dicts: readonly unknown[], what = 'entity_dicts'): string[] {
    const problems: string[] = [];
    const pending: Pending[] = [];
    dicts.forEach((raw, index) => {
      const label = `${what}[${index}] (entity_id ${entityIdOf(raw) ?? 'none'})`;
      const parsed = entityDictSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        problems.push(`${label}: ${issue?.path.join('.') || '(entity)'}: ${issue?.message ?? 'invalid'}`);
        return;
      }
      pending.push({ index, sessionUid: standardizeName(parsed.data.session), row: toRow(parsed.data), extend: parsed.data.extend_session === true });
    });
    problems.push(...this.#checkSessions(organizationId, pending, what));
    if (problems.length > 0) {
      const more = problems.length > LISTED_PROBLEMS ? `; and ${problems.length - LISTED_PROBLEMS} more` : '';
      throw badRequest(`nothing of the batch was stored: ${problems.slice(0, LISTED_PROBLEMS).join('; ')}${more}`);
    }
    const bySession = groupBy(pending, (p) => p.sessionUid);
    this.#db.transaction(() => {
      for (const [uid, items] of bySession) {
        this.#entities.insert(this.#entities.ensureKey(organizationId, uid), items.map((p) => p.row));
        const extended = items.filter((p) => p.extend).map((p) => rowSpan(p.row)).reduce<Span | undefined>(union, undefined);
        if (extended) this.#sessions.extendSpan(organizationId, uid, extended);
      }
    })();
    return [...bySession.keys()];
  }

  /**
   * Each entity's session must exist in the caller's organization, and the session may not grow
   * past MAX_SESSION_LENGTH × resolution: the span covering the session's own start..end, its
   * stored entities and the batch's entities up to this one (the check the client makes before
   * sending, made again here for clients that skip it).
   */
  #checkSessions(organizationId: string, pending: readonly Pending[], what: string): string[] {
    const problems: string[] = [];
    const spans = new Map<string, { span: Span | undefined; resolution: number } | null>();
    for (const p of pending) {
      let state = spans.get(p.sessionUid);
      if (state === undefined) {
        const doc = this.#meta.get(sessionsScope(organizationId), p.sessionUid);
        const stored = doc ? readSession(doc) : undefined;
        state = stored
          ? { span: union(spanOf(stored), this.#entities.cover(this.#entities.key(organizationId, p.sessionUid))), resolution: resolutionOf(stored) }
          : null;
        spans.set(p.sessionUid, state);
      }
      const label = `${what}[${p.index}] (entity_id ${p.row.entityId})`;
      if (state === null) {
        problems.push(`${label}: session ${JSON.stringify(p.sessionUid)} does not exist`);
        continue;
      }
      const next = union(state.span, rowSpan(p.row));
      const long = next ? tooLong(next, state.resolution) : undefined;
      if (long) {
        problems.push(`${label}: outside the session's allowed length: ${long}`);
        continue;
      }
      state.span = next;
    }
    return problems;
  }
}

function toRow(e: EntityDict): EntityRow {
  const t = isoToMicros(e.timestamp ?? e.start_time ?? '');
  // The schema has checked every time; a failure here is a bug, not bad input.
  if (t === undefined) throw new Error('entity time passed validation but does not parse');
  const geo = e.entity_type === 'geo' || e.influence === 'geo_interpolation';
  const fix = geo ? entityGeolocation(e) : undefined;
  const value: unknown = fix ? [fix.lat, fix.lon] : e.entity_value;
  const extra = Object.fromEntries(Object.entries(e).filter(([k, v]) => !COLUMN_KEYS.has(k) && v !== undefined));
  return {
    name: e.entity_name,
    t,
    entityId: e.entity_id === null || e.entity_id === undefined ? randomUUID().replace(/-/g, '_') : String(e.entity_id),
    startUs: e.start_time ? (isoToMicros(e.start_time) ?? null) : null,
    endUs: e.end_time ? (isoToMicros(e.end_time) ?? null) : null,
    entityType: e.entity_type,
    influence: e.influence,
    value: value === undefined || value === null ? null : typeof value === 'number' ? value : JSON.stringify(value),
    extra: Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
  };
}

function rowSpan(r: EntityRow): Span {
  return { lo: Math.min(r.t, r.startUs ?? r.t), hi: Math.max(r.t, r.endUs ?? r.t) };
}

function entityIdOf(raw: unknown): string | undefined {
  const id = raw !== null && typeof raw === 'object' ? (raw as { entity_id?: unknown }).entity_id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
