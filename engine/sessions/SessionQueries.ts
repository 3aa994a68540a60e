import type { SearchQuery } from '../../shared/search/searchQuery';
import { badRequest, conflict } from '../http/HttpError';
import type { SessionEntityStore } from './SessionEntityStore';
import type { SessionService } from './SessionService';
import type { SessionRef, SessionTimelineStore, StoredFrame } from './SessionTimelineStore';
import { maskRuns, queryFields, requiredFields, sessionExclusion, sessionRestriction, timelineMask } from './timelineQuery';
import { isoToMicros, microsToIso } from './timeIndex';

export type Intervals = Record<string, { intervals: [string, string][] }>;

export interface EntityNameSummary {
  count: number;
  first_time: string | null;
  last_time: string | null;
  /** Distinct non-numeric values (list values count item by item), sorted. */
  values?: string[];
  value_counts?: Record<string, number>;
  min?: number;
  max?: number;
  mean?: number;
}

/** Reads over resolved timelines (search, field data) and over entities (summary). */
export class SessionQueries {
  readonly #sessions: SessionService;
  readonly #entities: SessionEntityStore;
  readonly #timelines: SessionTimelineStore;

  public constructor(sessions: SessionService, entities: SessionEntityStore, timelines: SessionTimelineStore) {
    this.#sessions = sessions;
    this.#entities = entities;
    this.#timelines = timelines;
  }

  /**
   * The intervals of every resolved session of the organization where the query holds, as
   * [time of the first index, time of the last index] (so that field_data over that time_range
   * returns exactly those indices). Sessions without a match are left out.
   */
  public search(organizationId: string, query: SearchQuery): Intervals {
    const out: Intervals = {};
    for (const ref of this.#candidates(organizationId, query)) {
      const frame = this.#timelines.frame(ref.key);
      if (!frame || frame.length === 0) continue;
      const mask = timelineMask(frame, this.#timelines.columns(ref.key, frame, queryFields(query)), query);
      const intervals = maskRuns(mask).map(([a, b]): [string, string] => [indexTime(frame, a), indexTime(frame, b)]);
      if (intervals.length > 0) out[ref.uid] = { intervals };
    }
    return out;
  }

  /** Values of the named fields (`*`: all) at each index of the session where the query holds. */
  public fieldData(organizationId: string, rawUid: unknown, query: SearchQuery, fields: readonly string[]): Record<string, unknown[]> {
    const uid = String(this.#sessions.doc(organizationId, rawUid).id);
    const key = this.#entities.key(organizationId, uid);
    const frame = this.#timelines.frame(key);
    if (key === undefined || !frame) throw conflict(`session ${uid} has not been resolved; call resolve_session first`);
    const all = fields.includes('*');
    const wanted = (all ? this.#timelines.fields(key) : fields).filter((f) => f !== 'timestamp' && f !== 'time_index' && f !== '*');
    const columns = this.#timelines.columns(key, frame, [...wanted, ...queryFields(query)]);
    const indices: number[] = [];
    timelineMask(frame, columns, query).forEach((on, i) => {
      if (on) indices.push(i);
    });
    const out: Record<string, unknown[]> = {};
    for (const field of wanted) {
      const col = columns.get(field);
      out[field] = indices.map((i) => (col ? (col[i] ?? null) : null));
    }
    out.time_index = indices.map((i) => frame.first + i);
    out.timestamp = indices.map((i) => indexTime(frame, i));
    return out;
  }

  /** Per entity name: how many entities (with a timestamp in the range), when, and their values. */
  public entitySummary(organizationId: string, rawUid: unknown, names: readonly string[] | undefined, startIso?: string | null, endIso?: string | null): Record<string, EntityNameSummary> {
    const uid = String(this.#sessions.doc(organizationId, rawUid).id);
    const key = this.#entities.key(organizationId, uid);
    const from = timeOrDefault(startIso, Number.MIN_SAFE_INTEGER, 'start_time');
    const to = timeOrDefault(endIso, Number.MAX_SAFE_INTEGER, 'end_time');
    const list = names ?? (key === undefined ? [] : this.#entities.names(key));
    return Object.fromEntries(list.map((name) => [name, summarize(key === undefined ? [] : this.#entities.valuesInRange(key, name, from, to))]));
  }

  #candidates(organizationId: string, query: SearchQuery): SessionRef[] {
    const required = requiredFields(query);
    let refs = required.length > 0 ? this.#timelines.sessionsWithField(organizationId, required[0] ?? '') : this.#timelines.resolvedSessions(organizationId);
    const only = sessionRestriction(query);
    const excluded = sessionExclusion(query);
    refs = refs.filter((r) => (!only || only.has(r.uid)) && !excluded.has(r.uid));
    return refs;
  }
}

function indexTime(frame: StoredFrame, offset: number): string {
  return microsToIso((frame.first + offset) * frame.resUs);
}

function timeOrDefault(text: string | null | undefined, fallback: number, what: string): number {
  if (text === null || text === undefined || text === '') return fallback;
  const us = isoToMicros(text);
  if (us === undefined) throw badRequest(`${what}: not an ISO-8601 time: ${JSON.stringify(text)}`);
  return us;
}

function summarize(rows: readonly { t: number; value: unknown }[]): EntityNameSummary {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const out: EntityNameSummary = { count: rows.length, first_time: first ? microsToIso(first.t) : null, last_time: last ? microsToIso(last.t) : null };
  const numbers = rows.map((r) => r.value).filter((v): v is number => typeof v === 'number');
  if (numbers.length > 0 && numbers.length === rows.filter((r) => r.value !== null).length) {
    // A loop, not Math.min(...numbers): spreading a long list overflows the call stack.
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (const n of numbers) {
      min = Math.min(min, n);
      max = Math.max(max, n);
      sum += n;
    }
    Object.assign(out, { min, max, mean: sum / numbers.length });
    return out;
  }
  const counts: Record<string, number> = {};
  for (const r of rows) {
    for (const v of Array.isArray(r.value) ? (r.value as unknown[]) : [r.value]) {
      if (v === null || v === undefined) continue;
      const k = typeof v === 'string' ? v : JSON.stringify(v);
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  out.values = Object.keys(counts).sort();
  out.value_counts = counts;
  return out;
}
