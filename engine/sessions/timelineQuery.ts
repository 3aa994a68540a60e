import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { SearchQuery } from '../../shared/search/searchQuery';
import { badRequest } from '../http/HttpError';
import type { TimelineFrame } from './resolveField';
import { isoToMicros, timeIndex } from './timeIndex';

// A search dictionary (wire protocol §3) read against resolved session timelines, index by index:
// - `filters` name timeline fields (entity names): an index matches when the field's value there
//   is one of `values`, or, for a list value, when one of its items is; `filter_out` negates.
//   A filter on `session_uid` (or `session`, `id`) picks sessions instead.
// - `ranges` (SceneDock extension) keep indices where a numeric field is within min..max.
// - `exists_filters` keep indices where the field has a value.
// - `time_range` keeps indices idx(start_time)..idx(end_time).
// All of them must hold (AND), as in the asset search.

const SESSION_FIELDS = new Set(['session_uid', 'session', 'id']);

/** The timeline fields a query reads. */
export function queryFields(query: SearchQuery): string[] {
  const fields = [
    ...(query.filters ?? []).map((f) => f.field),
    ...(query.ranges ?? []).map((r) => r.field),
    ...(query.exists_filters ?? []).map((f) => f.field),
  ];
  return [...new Set(fields.filter((f) => !SESSION_FIELDS.has(f)))];
}

/** Fields every matching session must have (a positive filter, range or exists filter names them). */
export function requiredFields(query: SearchQuery): string[] {
  const fields = [
    ...(query.filters ?? []).filter((f) => !f.filter_out).map((f) => f.field),
    ...(query.ranges ?? []).map((r) => r.field),
    ...(query.exists_filters ?? []).map((f) => f.field),
  ];
  return [...new Set(fields.filter((f) => !SESSION_FIELDS.has(f)))];
}

/** The session uids a query is limited to, or undefined for every session. */
export function sessionRestriction(query: SearchQuery): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (const f of query.filters ?? []) {
    if (!SESSION_FIELDS.has(f.field) || f.filter_out) continue;
    const uids = new Set(f.values.map((v) => standardizeName(String(v))));
    out = out ? new Set([...out].filter((u) => uids.has(u))) : uids;
  }
  return out;
}

/** Sessions a `filter_out` on the session uid excludes. */
export function sessionExclusion(query: SearchQuery): Set<string> {
  return new Set((query.filters ?? []).filter((f) => SESSION_FIELDS.has(f.field) && f.filter_out).flatMap((f) => f.values.map((v) => standardizeName(String(v)))));
}

/** 1 at each index of the frame where the query holds. `columns` holds the fields it reads. */
export function timelineMask(frame: TimelineFrame, columns: ReadonlyMap<string, readonly unknown[]>, query: SearchQuery): Uint8Array {
  const mask = new Uint8Array(frame.length);
  const [from, to] = timeWindow(frame, query);
  mask.fill(1, Math.max(0, from), Math.max(0, to + 1));
  const keep = (field: string, test: (v: unknown) => boolean, absent: boolean) => {
    const col = columns.get(field);
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] && !(col ? test(col[i] ?? null) : absent)) mask[i] = 0;
    }
  };
  for (const f of query.filters ?? []) {
    if (SESSION_FIELDS.has(f.field)) continue;
    const wanted = new Set(f.values.map(matchKey));
    const hit = (v: unknown) => v !== null && (Array.isArray(v) ? v.some((x) => wanted.has(matchKey(x))) : wanted.has(matchKey(v)));
    keep(f.field, f.filter_out ? (v) => !hit(v) : hit, f.filter_out);
  }
  for (const r of query.ranges ?? []) {
    const min = bound(r.min, Number.NEGATIVE_INFINITY);
    const max = bound(r.max, Number.POSITIVE_INFINITY);
    const inRange = (x: unknown) => typeof x === 'number' && x >= min && x <= max;
    keep(r.field, (v) => (Array.isArray(v) ? v.some(inRange) : inRange(v)), false);
  }
  for (const e of query.exists_filters ?? []) keep(e.field, (v) => v !== null, false);
  return mask;
}

/** Maximal runs of set indices, as [first, last] offsets into the frame. */
export function maskRuns(mask: Uint8Array): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= mask.length; i++) {
    const on = i < mask.length && mask[i] === 1;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  }
  return runs;
}

/** The frame offsets time_range allows (inclusive; empty when from > to). */
function timeWindow(frame: TimelineFrame, query: SearchQuery): [number, number] {
  const range = query.time_range;
  const at = (text: string | null | undefined, what: string): number | undefined => {
    if (text === null || text === undefined || text === '') return undefined;
    const us = isoToMicros(text);
    if (us === undefined) throw badRequest(`time_range.${what}: not an ISO-8601 time: ${JSON.stringify(text)}`);
    return timeIndex(us, frame.resUs) - frame.first;
  };
  const from = at(range?.start_time, 'start_time') ?? 0;
  const to = at(range?.end_time, 'end_time') ?? frame.length - 1;
  return [from, Math.min(to, frame.length - 1)];
}

/** Filter values arrive as the client typed them: `"1"` matches 1 and `"true"` matches true. */
function matchKey(v: unknown): string {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function bound(v: string | number | null | undefined, fallback: number): number {
  if (v === null || v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badRequest(`ranges: ${JSON.stringify(v)} is not a number`);
  return n;
}
