import type { ENTITY_INFLUENCE_TYPES } from '../../shared/scenebox/constants';
import { timeIndex } from './timeIndex';

export type Influence = (typeof ENTITY_INFLUENCE_TYPES)[number];

/** One stored entity, as resolution needs it (times in microseconds since the epoch). */
export interface TimelineEntity {
  name: string;
  t: number;
  startUs: number | null;
  endUs: number | null;
  influence: Influence;
  /** True for geo entities: their value is `[lat, lon]`. */
  geo: boolean;
  value: unknown;
}

/** The time indices a timeline covers: `first` .. `first + length - 1`, at `resUs` per index. */
export interface TimelineFrame {
  resUs: number;
  first: number;
  length: number;
}

/**
 * A resolved field. `f64`: numbers, NaN where the field has no value. `geo`: lat, lon pairs
 * (index i at 2i, 2i+1), NaN where none. `json`: any other values, undefined where none.
 */
export type Column =
  | { kind: 'f64'; values: Float64Array }
  | { kind: 'geo'; values: Float64Array }
  | { kind: 'json'; values: unknown[] };

/**
 * Projects one field (the entities of one name) onto the session's timeline. `list` must be in
 * (t, entity_id) order, the primary-key order of `session_entities`. idx(t) = floor(t / resolution).
 *
 * Each entity writes a range of indices of the column; ranges outside the frame are clipped. Its
 * neighbours are the previous and next entity of the list, whatever their influence:
 * - `point`: idx(timestamp) only.
 * - `interval`: idx(start_time) .. idx(end_time), both included (timestamp stands in for a
 *   missing bound).
 * - `start_stop`: idx(timestamp) .. idx(next) - 1; the last entity holds only its own index, so a trailing entity (typically with a null value) stops the sequence.
 * - `affect_forward`: idx(timestamp) .. idx(next) - 1, or the session's last index when there is
 *   no next entity; an entity's own end_time, when given, ends it earlier.
 * - `affect_backward`: idx(previous) + 1, or the session's first index, .. idx(timestamp); an
 *   entity's own start_time, when given, starts it later.
 * - `linear_interpolation` / `_integer` / `geo_interpolation`: the entity's own index carries its
 *   own value; each index strictly between it and the next entity, when that one interpolates
 *   too, is interpolated at the index's start time (i × resolution), which lies strictly between the two
 *   entities. `_integer` rounds half away from zero; geo interpolates lat and lon linearly, lon
 *   the short way across the antimeridian. No extrapolation before the first or after the last.
 * Every entity covers at least its own index.
 *
 * Overlaps: entities are applied in (t, entity_id) order and a later one wins at the indices
 * both cover, except that list values (state_set) are united: the index holds the
 * values of every entity covering it, in order of first appearance, without repeats (a single
 * value meeting a list joins it). A null value or an empty list writes nothing, but still bounds
 * its neighbours' ranges.
 */
export function resolveField(list: readonly TimelineEntity[], frame: TimelineFrame): Column {
  const writer = newWriter(list, frame);
  const idx = (us: number) => timeIndex(us, frame.resUs);
  const last = frame.first + frame.length - 1;
  list.forEach((e, k) => {
    const prev = list[k - 1];
    const next = list[k + 1];
    const own = idx(e.t);
    switch (e.influence) {
      case 'point':
        writer.fill(own, own, e.value);
        break;
      case 'interval':
        writer.fill(idx(e.startUs ?? e.t), Math.max(idx(e.startUs ?? e.t), idx(e.endUs ?? e.t)), e.value);
        break;
      case 'start_stop':
        writer.fill(own, next ? Math.max(own, idx(next.t) - 1) : own, e.value);
        break;
      case 'affect_forward': {
        let to = next ? idx(next.t) - 1 : last;
        if (e.endUs !== null) to = Math.min(to, idx(e.endUs));
        writer.fill(own, Math.max(own, to), e.value);
        break;
      }
      case 'affect_backward': {
        let from = prev ? idx(prev.t) + 1 : frame.first;
        if (e.startUs !== null) from = Math.max(from, idx(e.startUs));
        writer.fill(Math.min(from, own), own, e.value);
        break;
      }
      case 'linear_interpolation':
      case 'linear_interpolation_integer':
      case 'geo_interpolation':
        writer.fill(own, own, e.influence === 'linear_interpolation_integer' ? roundValue(e.value) : e.value);
        if (next && interpolates(e, next)) writer.interpolate(e, next, own + 1, idx(next.t) - 1);
        break;
    }
  });
  return writer.column;
}

function interpolates(a: TimelineEntity, b: TimelineEntity): boolean {
  return (isLinear(a) && isLinear(b)) || (isGeoFix(a) && isGeoFix(b));
}

function isLinear(e: TimelineEntity): boolean {
  return (e.influence === 'linear_interpolation' || e.influence === 'linear_interpolation_integer') && typeof e.value === 'number';
}

function isGeoFix(e: TimelineEntity): boolean {
  return e.influence === 'geo_interpolation' && isPair(e.value);
}

interface Writer {
  column: Column;
  /** Writes `value` at indices from..to (inclusive, clipped to the frame). */
  fill(from: number, to: number, value: unknown): void;
  /** Writes values interpolated between `a` and `b` at indices from..to (clipped). */
  interpolate(a: TimelineEntity, b: TimelineEntity, from: number, to: number): void;
}

function newWriter(list: readonly TimelineEntity[], frame: TimelineFrame): Writer {
  const { first, length, resUs } = frame;
  const clip = (from: number, to: number): [number, number] => [Math.max(from, first) - first, Math.min(to, first + length - 1) - first];
  const present = list.filter((e) => !isEmpty(e.value));
  if (present.length > 0 && present.every((e) => typeof e.value === 'number')) {
    const values = new Float64Array(length).fill(Number.NaN);
    return {
      column: { kind: 'f64', values },
      fill(from, to, value) {
        if (typeof value !== 'number') return;
        const [a, b] = clip(from, to);
        for (let i = a; i <= b; i++) values[i] = value;
      },
      interpolate(x, y, from, to) {
        const [a, b] = clip(from, to);
        const round = x.influence === 'linear_interpolation_integer';
        for (let i = a; i <= b; i++) {
          const v = lerp(x.value as number, y.value as number, (first + i) * resUs - x.t, y.t - x.t);
          values[i] = round ? roundHalfAway(v) : v;
        }
      },
    };
  }
  if (present.length > 0 && list.every((e) => e.geo)) {
    const values = new Float64Array(2 * length).fill(Number.NaN);
    const put = (i: number, lat: number, lon: number) => {
      values[2 * i] = lat;
      values[2 * i + 1] = lon;
    };
    return {
      column: { kind: 'geo', values },
      fill(from, to, value) {
        if (!isPair(value)) return;
        const [a, b] = clip(from, to);
        for (let i = a; i <= b; i++) put(i, value[0], value[1]);
      },
      interpolate(x, y, from, to) {
        const [a, b] = clip(from, to);
        const [lat0, lon0] = x.value as [number, number];
        const [lat1, lon1] = y.value as [number, number];
        let dLon = lon1 - lon0;
        if (dLon > 180) dLon -= 360;
        else if (dLon < -180) dLon += 360;
        for (let i = a; i <= b; i++) {
          const num = (first + i) * resUs - x.t;
          const lon = lon0 + (dLon * num) / (y.t - x.t);
          put(i, lerp(lat0, lat1, num, y.t - x.t), lon >= 180 || lon < -180 ? ((((lon + 180) % 360) + 360) % 360) - 180 : lon);
        }
      },
    };
  }
  const values: unknown[] = new Array<unknown>(length);
  const lists = new ListInterner();
  return {
    column: { kind: 'json', values },
    fill(from, to, raw) {
      if (isEmpty(raw)) return;
      const value = Array.isArray(raw) ? lists.intern(raw as unknown[]) : raw;
      const [a, b] = clip(from, to);
      for (let i = a; i <= b; i++) {
        const current = values[i];
        values[i] = current === undefined ? value : Array.isArray(current) || Array.isArray(value) ? lists.union(current, value) : value;
      }
    },
    // A json column holds no interpolating pairs with numeric values on both sides.
    interpolate() {},
  };
}

/** v0 + (v1 - v0) × num / den, multiplied before dividing so that whole steps stay exact. */
function lerp(v0: number, v1: number, num: number, den: number): number {
  return v0 + ((v1 - v0) * num) / den;
}

function roundHalfAway(v: number): number {
  return Math.sign(v) * Math.round(Math.abs(v));
}

function roundValue(v: unknown): unknown {
  return typeof v === 'number' ? roundHalfAway(v) : v;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

function isPair(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

/**
 * List values of one field, interned: lists with the same items are one array, with a small
 * integer id, and the union of two interned lists is computed once and interned too. Across the
 * indices that overlapping intervals cover, the same few combinations meet again and again, so
 * a union is mostly one map lookup; and equal values being one array lets the column encoder
 * see runs.
 */
class ListInterner {
  readonly #byKey = new Map<string, unknown[]>();
  readonly #ids = new Map<unknown[], number>();
  readonly #unions = new Map<number, Map<number, unknown[]>>();

  public intern(list: unknown[]): unknown[] {
    if (this.#ids.has(list)) return list;
    const key = JSON.stringify(list);
    const known = this.#byKey.get(key);
    if (known) return known;
    this.#byKey.set(key, list);
    this.#ids.set(list, this.#ids.size);
    return list;
  }

  /** The items of `a` then those of `b` not in `a`; a single value counts as a one-item list. */
  public union(a: unknown, b: unknown): unknown[] {
    const left = this.intern(Array.isArray(a) ? (a as unknown[]) : [a]);
    const right = this.intern(Array.isArray(b) ? (b as unknown[]) : [b]);
    const l = this.#ids.get(left) ?? -1;
    const r = this.#ids.get(right) ?? -1;
    let byRight = this.#unions.get(l);
    const hit = byRight?.get(r);
    if (hit) return hit;
    const seen = new Set(left.map(valueKey));
    const out = [...left];
    for (const x of right) {
      const key = valueKey(x);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(x);
    }
    const result = out.length === left.length ? left : this.intern(out);
    if (!byRight) this.#unions.set(l, (byRight = new Map<number, unknown[]>()));
    byRight.set(r, result);
    return result;
  }
}

export function valueKey(x: unknown): string {
  return x !== null && typeof x === 'object' ? `o:${JSON.stringify(x)}` : `${typeof x}:${String(x)}`;
}
