import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyIso, sessionCalls, T0, type SessionCalls } from '../../helpers/sessionCalls';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// Resolution checked against timelines worked out by hand. Session: resolution 1 s, span
// T0..T0+10 s, so indices T0..T0+10 (11 of them); `_` is an index without a value.

let engine: TestEngine;
let api: SessionCalls;
let uid: string;
const _ = null;

const entity = (name: string, influence: string, type: string, at: number, value: unknown, extra: Record<string, unknown> = {}) => ({
  session: uid, timestamp: pyIso(at), entity_id: `${name}_${at}`, entity_name: name, entity_value: value, entity_type: type, influence, enrichments: [], ...extra,
});

beforeAll(async () => {
  engine = await startTestEngine();
  api = sessionCalls(engine.url, engine.adminToken);
  uid = await api.addSession('by hand', { resolution: 1 });
  const span = await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(0), session_end_time: pyIso(10) });
  expect(span.status).toBe(200);
  const res = await api.addEntities([
    entity('p', 'point', 'state', 2.5, 'a'),
    entity('p', 'point', 'state', 7, 'b'),
    entity('speed', 'linear_interpolation', 'scalar', 1, 10),
    entity('speed', 'linear_interpolation', 'scalar', 5, 30),
    entity('speed', 'linear_interpolation', 'scalar', 8, 0),
    entity('count', 'linear_interpolation_integer', 'scalar', 0, 0),
    entity('count', 'linear_interpolation_integer', 'scalar', 3, 10),
    entity('count', 'linear_interpolation_integer', 'scalar', 5, -1),
    entity('count', 'linear_interpolation_integer', 'scalar', 9, -4),
    entity('geolocation', 'geo_interpolation', 'geo', 0, [10, 179], { geolocation: { lat: 10, lon: 179 } }),
    entity('geolocation', 'geo_interpolation', 'geo', 4, [14, -179], { geolocation: { lat: 14, lon: -179 } }),
    entity('weather', 'interval', 'state_set', 2, ['rain'], { start_time: pyIso(2), end_time: pyIso(4.5) }),
    entity('weather', 'interval', 'state_set', 4, ['fog'], { start_time: pyIso(4), end_time: pyIso(6) }),
    entity('recording', 'start_stop', 'state', 1, 'on'),
    entity('recording', 'start_stop', 'state', 4, null),
    entity('recording', 'start_stop', 'state', 6, 'on'),
    entity('recording', 'start_stop', 'state', 8, 'paused'),
    entity('gear', 'affect_forward', 'state', 0, 'P'),
    entity('gear', 'affect_forward', 'state', 3, 'D', { end_time: pyIso(5) }),
    entity('gear', 'affect_forward', 'state', 8, 'R'),
    entity('lane', 'affect_backward', 'state', 2, 'left'),
    entity('lane', 'affect_backward', 'state', 6, 'right', { start_time: pyIso(4) }),
    entity('lane', 'affect_backward', 'state', 9, 'center'),
    entity('temp', 'interval', 'scalar', 0, 20, { start_time: pyIso(0), end_time: pyIso(6) }),
    entity('temp', 'interval', 'scalar', 3, 25, { start_time: pyIso(3), end_time: pyIso(4) }),
  ]);
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ acknowledged: true });
  await api.resolve(uid);
});
afterAll(async () => {
  await engine.dispose();
});

describe('resolution at 1 s over 10 s, by influence type', () => {
  let data: Record<string, unknown[]>;
  beforeAll(async () => {
    data = await api.fieldData(uid, ['*']);
  });

  it('covers the session span: 11 indices with their times', () => {
    expect(data.time_index).toEqual(Array.from({ length: 11 }, (_v, i) => T0 + i));
    expect(data.timestamp?.[0]).toBe('2026-01-01T00:00:00.000000+00:00');
    expect(data.timestamp?.[10]).toBe('2026-01-01T00:00:10.000000+00:00');
  });

  it('point: only its own index (2.5 s lands in index 2)', () => {
    expect(data.p).toEqual([_, _, 'a', _, _, _, _, 'b', _, _, _]);
  });

  it('linear_interpolation: own values at own indices, interpolated between, nothing outside', () => {
    expect(data.speed).toEqual([_, 10, 15, 20, 25, 30, 20, 10, 0, _, _]);
  });

  it('linear_interpolation_integer: rounded half away from zero (4.5 → 5, -2.5 → -3)', () => {
    expect(data.count).toEqual([0, 3, 7, 10, 5, -1, -2, -3, -3, -4, _]);
  });

  it('geo_interpolation: lat and lon between fixes, lon the short way across the antimeridian', () => {
    expect(data.geolocation).toEqual([[10, 179], [11, 179.5], [12, -180], [13, -179.5], [14, -179], _, _, _, _, _, _]);
  });

  it('interval: start..end inclusive; overlapping state_set values are united', () => {
    expect(data.weather).toEqual([_, _, ['rain'], ['rain'], ['rain', 'fog'], ['fog'], ['fog'], _, _, _, _]);
  });

  it('interval of single values: the later entity wins where they overlap', () => {
    expect(data.temp).toEqual([20, 20, 20, 25, 25, 20, 20, _, _, _, _]);
  });

  it('start_stop: holds until the next entity; a null entity stops; the last holds only itself', () => {
    expect(data.recording).toEqual([_, 'on', 'on', 'on', _, _, 'on', 'on', 'paused', _, _]);
  });

  it('affect_forward: until the next entity, its own end_time, or the session end', () => {
    expect(data.gear).toEqual(['P', 'P', 'P', 'D', 'D', 'D', _, _, 'R', 'R', 'R']);
  });

  it('affect_backward: from after the previous entity (or the session start, or its start_time) up to itself', () => {
    expect(data.lane).toEqual(['left', 'left', 'left', _, 'right', 'right', 'right', 'center', 'center', 'center', _]);
  });

  it('marks the session ready and records the resolution', async () => {
    const status = await api.se('GET', `session_manager/resolution_status/${uid}`);
    expect(status.json).toMatchObject({ status: 'ready', resolved_at: expect.any(String) });
    const meta = (await api.sessionMeta(uid)).json as Record<string, unknown>;
    expect(meta).toMatchObject({ status: 'ready', resolution: 1 });
  });
});

describe('resolution at 0.1 s', () => {
  let fine: string;
  beforeAll(async () => {
    fine = await api.addSession('tenth of a second', { resolution: 0.1 });
    const e = (name: string, at: number, value: unknown, influence: string, type: string) => ({
      session: fine, timestamp: pyIso(at), entity_id: `${name}_${at}`, entity_name: name, entity_value: value, entity_type: type, influence, enrichments: [],
    });
    const res = await api.addEntities([
      e('x', 0, 0, 'linear_interpolation', 'scalar'),
      e('x', 1, 10, 'linear_interpolation', 'scalar'),
      // 0.3 / 0.1 is 2.9999999999999996 in doubles: exact microsecond arithmetic puts 0.3 s in index 3.
      e('p', 0.29, 'a', 'point', 'state'),
      e('p', 0.3, 'b', 'point', 'state'),
    ]);
    expect(res.status).toBe(200);
    await api.resolve(fine);
  });

  it('spans the entities (no span was set) with 11 indices of 0.1 s', async () => {
    const data = await api.fieldData(fine, ['x', 'p', 'timestamp']);
    expect(data.time_index).toEqual(Array.from({ length: 11 }, (_v, i) => T0 * 10 + i));
    expect(data.timestamp?.[3]).toBe('2026-01-01T00:00:00.300000+00:00');
    expect(data.x).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(data.p).toEqual([_, _, 'a', 'b', _, _, _, _, _, _, _]);
  });

  it('re-resolves at another resolution when asked, and refuses one too fine for the span', async () => {
    await api.resolve(fine, 0.5);
    const data = await api.fieldData(fine, ['x']);
    expect(data.x).toEqual([0, 5, 10]);
    expect(((await api.sessionMeta(fine)).json as { resolution: number }).resolution).toBe(0.5);
    const tooFine = await api.se('POST', `session_manager/resolve_session/${fine}`, undefined, { resolution: 0.00001 });
    expect(tooFine.status).toBe(400);
    expect(tooFine.text).toMatch(/MAX_SESSION_LENGTH/);
  });
});

describe('search and field_data over resolved timelines', () => {
  const only = () => ({ field: 'session_uid', values: [uid] });

  it('finds the intervals where a state holds, as [first index time, last index time]', async () => {
    const res = await api.se('POST', 'session_manager/search/', { filters: [only(), { field: 'weather', values: ['rain'] }] });
    expect(res.json).toEqual({ [uid]: { intervals: [[pyIso(2), pyIso(4)]] } });
  });

  it('ANDs filters, ranges and time_range; filter_out negates', async () => {
    const speed = await api.se('POST', 'session_manager/search/', { filters: [only()], ranges: [{ field: 'speed', min: 20, max: 30 }] });
    expect(speed.json).toEqual({ [uid]: { intervals: [[pyIso(3), pyIso(6)]] } });
    const notP = await api.se('POST', 'session_manager/search/', {
      filters: [only(), { field: 'gear', values: ['P'], filter_out: true }], time_range: { start_time: pyIso(1), end_time: pyIso(9) },
    });
    expect(notP.json).toEqual({ [uid]: { intervals: [[pyIso(3), pyIso(9)]] } });
    const none = await api.se('POST', 'session_manager/search/', { filters: [only(), { field: 'weather', values: ['snow'] }] });
    expect(none.json).toEqual({});
  });

  it('download_timeseries: field_data over a found interval returns exactly those indices', async () => {
    const found = await api.se('POST', 'session_manager/search/', { filters: [only()], ranges: [{ field: 'speed', min: 20, max: 30 }] });
    const intervals = (found.json as Record<string, { intervals: [string, string][] }>)[uid]?.intervals ?? [];
    expect(intervals).toHaveLength(1);
    const [start, end] = intervals[0] ?? ['', ''];
    const data = await api.fieldData(uid, ['speed', 'gear', 'timestamp'], { time_range: { start_time: start, end_time: end } });
    expect(data).toEqual({
      speed: [20, 25, 30, 20], gear: ['D', 'D', 'D', null],
      time_index: [T0 + 3, T0 + 4, T0 + 5, T0 + 6], timestamp: [pyIso(3), pyIso(4), pyIso(5), pyIso(6)],
    });
  });

  it('entity_summary: counts, first/last times, numbers as min/max/mean, states as distinct values', async () => {
    const res = await api.se('POST', `session_manager/entity_summary/${uid}`, { entity_names: ['speed', 'gear', 'weather', 'nothing'], start_time: pyIso(0), end_time: pyIso(5) });
    expect(res.json).toEqual({
      speed: { count: 2, first_time: pyIso(1), last_time: pyIso(5), min: 10, max: 30, mean: 20 },
      gear: { count: 2, first_time: pyIso(0), last_time: pyIso(3), values: ['D', 'P'], value_counts: { D: 1, P: 1 } },
      weather: { count: 2, first_time: pyIso(2), last_time: pyIso(4), values: ['fog', 'rain'], value_counts: { fog: 1, rain: 1 } },
      nothing: { count: 0, first_time: null, last_time: null, values: [], value_counts: {} },
    });
  });
});
