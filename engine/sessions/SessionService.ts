import { randomUUID } from 'node:crypto';
import { MAX_SESSION_LENGTH } from '../../shared/scenebox/constants';
import { badRequest, conflict, notFound } from '../http/HttpError';
import { assetIdOf } from '../http/parseInput';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore } from '../meta/MetaStore';
import { resolveField, type TimelineFrame } from './resolveField';
import type { SessionEntityStore } from './SessionEntityStore';
import {
  readSession, resolutionOf, sessionsScope, spanFields, spanOf, tooLong, union, type Span,
} from './sessionDoc';
import type { SessionTimelineStore } from './SessionTimelineStore';
import { encodeColumn, type EncodedColumn } from './timelineColumns';
import { isoToMicros, resolutionToMicros, timeIndex } from './timeIndex';

export interface NewSession {
  session_name: string;
  session_type: string;
  session_aux_metadata: Record<string, unknown>;
  status: string;
  set_id?: string | null | undefined;
  resolution?: number | null | undefined;
}

/** Session documents (assets of type `sessions`), their spans, and their resolution. */
export class SessionService {
  readonly #meta: MetaStore;
  readonly #entities: SessionEntityStore;
  readonly #timelines: SessionTimelineStore;

  public constructor(meta: MetaStore, entities: SessionEntityStore, timelines: SessionTimelineStore) {
    this.#meta = meta;
    this.#entities = entities;
    this.#timelines = timelines;
  }

  public doc(organizationId: string, rawUid: unknown): Doc {
    const uid = assetIdOf(rawUid, 'session_uid');
    const doc = this.#meta.get(sessionsScope(organizationId), uid);
    if (!doc) throw notFound(`no session ${uid}`);
    return doc;
  }

  public put(organizationId: string, uid: string, doc: Doc): Doc {
    const stored = this.#meta.write(sessionsScope(organizationId), [{ id: uid, doc: { ...doc, id: uid, owner: organizationId } }], { replace: true, replaceSets: true });
    return stored[0] ?? doc;
  }

  public patch(organizationId: string, uid: string, patch: Doc): Doc {
    return this.put(organizationId, uid, { ...this.doc(organizationId, uid), ...patch });
  }

  /** The uid of the organization's session of that name, if any. */
  public byName(organizationId: string, name: string): string | undefined {
    return this.#meta.searchIds(sessionsScope(organizationId), { filters: [{ field: 'session_name', values: [name], filter_out: false }] }, { size: 1, offset: 0, sortField: 'id', sortOrder: 'asc' })[0];
  }

  /** Creates a session, or returns the existing one of the same name (the client does the same check). */
  public add(organizationId: string, body: NewSession): string {
    const existing = this.byName(organizationId, body.session_name);
    if (existing) return existing;
    const uid = newSessionUid();
    this.put(organizationId, uid, {
      session_name: body.session_name,
      session_type: body.session_type,
      status: body.status,
      resolution: body.resolution ?? resolutionOf({}),
      start_time: null,
      end_time: null,
      session_aux: body.session_aux_metadata,
      auxiliary_data: [],
      source_data: [],
      sensors: [],
      enrichments_configs: [],
      set_id: body.set_id ?? null,
      sets: body.set_id ? [body.set_id] : [],
      timestamp: new Date().toISOString(),
    });
    return uid;
  }

  public updateTimeSpan(organizationId: string, rawUid: unknown, startIso: string, endIso: string): Doc {
    const doc = this.doc(organizationId, rawUid);
    const span = parseSpan(startIso, endIso, 'session_start_time', 'session_end_time');
    const long = tooLong(span, resolutionOf(readSession(doc)));
    if (long) throw badRequest(`session_end_time: ${long}`);
    return this.put(organizationId, String(doc.id), { ...doc, ...spanFields(span) });
  }

  /** Sets (replace) or appends to (without repeating an item) list fields of the session document. */
  public updateLists(organizationId: string, rawUid: unknown, lists: Record<string, unknown[]>, replace: boolean): Doc {
    const doc = this.doc(organizationId, rawUid);
    const next: Doc = { ...doc };
    for (const [key, items] of Object.entries(lists)) {
      const current = Array.isArray(doc[key]) ? (doc[key] as unknown[]) : [];
      const seen = new Set(current.map((x) => JSON.stringify(x)));
      next[key] = replace ? items : [...current, ...items.filter((x) => !seen.has(JSON.stringify(x)))];
    }
    return this.put(organizationId, String(doc.id), next);
  }

  /** A new session with the source's settings, spanning start..end, holding the entities that touch it. */
  public slice(organizationId: string, rawUid: unknown, startIso: string, endIso: string, name: string | undefined): string {
    const source = this.doc(organizationId, rawUid);
    const stored = readSession(source);
    const span = parseSpan(startIso, endIso, 'start_time', 'end_time');
    const long = tooLong(span, resolutionOf(stored));
    if (long) throw badRequest(`end_time: ${long}`);
    const fields = spanFields(span);
    const sliceName = name ?? `${stored.session_name ?? String(source.id)}_slice_${fields.start_time}_${fields.end_time}`;
    if (this.byName(organizationId, sliceName)) throw conflict(`a session named ${JSON.stringify(sliceName)} already exists`);
    const uid = newSessionUid();
    const { id: _id, owner: _owner, sets: _sets, resolved_at: _resolved, resolution_job_id: _job, ...settings } = source;
    this.put(organizationId, uid, {
      ...settings, ...fields, session_name: sliceName, status: 'ready', sets: [], set_id: null,
      sliced_from: { session_uid: source.id, ...fields }, timestamp: new Date().toISOString(),
    });
    const from = this.#entities.key(organizationId, String(source.id));
    if (from !== undefined) this.#entities.copySpan(from, this.#entities.ensureKey(organizationId, uid), span.lo, span.hi);
    return uid;
  }

  /**
   * The span a resolution covers: the session's own start_time..end_time when set; otherwise
   * (a session nobody gave a span) the cover of its entities.
   */
  public resolutionSpan(organizationId: string, uid: string, doc: Doc): Span | undefined {
    return spanOf(readSession(doc)) ?? this.#entities.cover(this.#entities.key(organizationId, uid));
  }

  /** The frame a resolution at `resolution` seconds would fill; a 400 when the span is too long for it. */
  public frame(organizationId: string, uid: string, doc: Doc, resolution: number): TimelineFrame {
    const resUs = resolutionToMicros(resolution);
    const span = this.resolutionSpan(organizationId, uid, doc);
    if (!span) return { resUs, first: 0, length: 0 };
    const long = tooLong(span, resolution);
    if (long) throw badRequest(`resolution ${resolution} s: ${long}`);
    const first = timeIndex(span.lo, resUs);
    const length = timeIndex(span.hi, resUs) - first + 1;
    if (length > MAX_SESSION_LENGTH + 1) throw badRequest(`resolution ${resolution} s: the timeline would have ${length} indices`);
    return { resUs, first, length };
  }

  /**
   * Resolves a session onto one timeline (see resolveField) and stores it; the document gets
   * the resolution used and `resolved_at`. Field by field, yielding between fields, so that
   * requests keep being served while a large session resolves and only one field's entities
   * are in memory at a time.
   */
  public async resolve(organizationId: string, rawUid: unknown, resolution?: number, signal?: AbortSignal): Promise<void> {
    const doc = this.doc(organizationId, rawUid);
    const uid = String(doc.id);
    const seconds = resolution ?? resolutionOf(readSession(doc));
    const frame = this.frame(organizationId, uid, doc, seconds);
    const key = this.#entities.ensureKey(organizationId, uid);
    const encoded = new Map<string, EncodedColumn>();
    for (const name of this.#entities.names(key)) {
      encoded.set(name, encodeColumn(resolveField(this.#entities.entitiesOf(key, name), frame)));
      await pause(signal);
    }
    const resolvedAt = new Date().toISOString();
    this.#timelines.write(key, frame, encoded, resolvedAt);
    this.patch(organizationId, uid, { resolution: seconds, resolved_at: resolvedAt });
  }

  /** Re-resolves a session that has a timeline (after its entities changed); others wait for resolve_session. */
  public async refreshIfResolved(organizationId: string, uid: string, signal?: AbortSignal): Promise<void> {
    const frame = this.#timelines.frame(this.#entities.key(organizationId, uid));
    if (frame) await this.resolve(organizationId, uid, frame.resUs / 1e6, signal);
  }

  /** Widens a session's own span to cover `span` (extend_session); a session without one takes its entities' cover too. */
  public extendSpan(organizationId: string, uid: string, span: Span): void {
    const doc = this.doc(organizationId, uid);
    const own = spanOf(readSession(doc)) ?? this.#entities.cover(this.#entities.key(organizationId, uid));
    const next = union(own, span);
    if (next) this.put(organizationId, uid, { ...doc, ...spanFields(next) });
  }
}

export function newSessionUid(): string {
  return randomUUID().replace(/-/g, '_');
}

function parseSpan(startIso: string, endIso: string, startName: string, endName: string): Span {
  const lo = isoToMicros(startIso);
  if (lo === undefined) throw badRequest(`${startName}: not an ISO-8601 time: ${JSON.stringify(startIso)}`);
  const hi = isoToMicros(endIso);
  if (hi === undefined) throw badRequest(`${endName}: not an ISO-8601 time: ${JSON.stringify(endIso)}`);
  if (hi < lo) throw badRequest(`${endName} is before ${startName}`);
  return { lo, hi };
}

function pause(signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  return new Promise((resolve) => setImmediate(resolve));
}
