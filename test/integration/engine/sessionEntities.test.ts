import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyIso, sessionCalls, T0, type SessionCalls } from '../../helpers/sessionCalls';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// Entities in the shapes the Python client's helpers send them (observed requests, notable
// details 6 and "More protocol facts" 9), and batches refused whole.

let engine: TestEngine;
let api: SessionCalls;
const guid = () => randomUUID().replace(/-/g, '_');

beforeAll(async () => {
  engine = await startTestEngine();
  api = sessionCalls(engine.url, engine.adminToken);
});
afterAll(async () => {
  await engine.dispose();
});

async function summary(uid: string, names: string[]): Promise<Record<string, { count: number }>> {
  const res = await api.se('POST', `session_manager/entity_summary/${uid}`, { entity_names: names });
  expect(res.status).toBe(200);
  return res.json as Record<string, { count: number }>;
}

describe('the client helpers\' entity shapes', () => {
  it('add_scalar_measurements: chunks of 100 with urgent=False, then resolve_session', async () => {
    const uid = await api.addSession('scalars');
    const meta = await api.sessionMeta(uid);
    // The helper reads these first; resolution must never be null.
    expect(meta.json).toMatchObject({ start_time: null, end_time: null, resolution: 1 });
    const dicts = Array.from({ length: 250 }, (_v, i) => ({
      session: uid, timestamp: pyIso(i * 0.5), enrichments: [], entity_id: guid(), entity_name: 'speed', entity_value: i * 0.25, entity_type: 'scalar', influence: 'linear_interpolation',
    }));
    for (let i = 0; i < dicts.length; i += 100) {
      const res = await api.addEntities(dicts.slice(i, i + 100));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ acknowledged: true });
    }
    await api.resolve(uid);
    const data = await api.fieldData(uid, ['speed']);
    // 250 samples every 0.5 s span 0 .. 124.5 s: indices 0..124, two samples in each, and the
    // later sample of an index wins (at i + 0.5 s, value (2i + 1) × 0.25).
    expect(data.speed).toEqual(Array.from({ length: 125 }, (_v, i) => (2 * i + 1) * 0.25));
  });

  it('add_geolocation_entities: geo / geo_interpolation with geolocation and enrichments', async () => {
    const uid = await api.addSession('gps');
    const fix = (at: number, lat: number, lon: number) => ({
      session: uid, timestamp: pyIso(at), enrichments: ['visibility', 'weather', 'location'], entity_id: guid(), geolocation: { lat, lon },
      entity_name: 'geolocation', entity_value: [lat, lon], entity_type: 'geo', influence: 'geo_interpolation',
    });
    expect((await api.addEntities([fix(0, 45, 7), fix(2, 46, 8)])).status).toBe(200);
    await api.resolve(uid);
    expect((await api.fieldData(uid, ['geolocation'])).geolocation).toEqual([[45, 7], [45.5, 7.5], [46, 8]]);
  });

  it('add_event_intervals: state_set / affect_forward with extend_session grows the session span', async () => {
    const uid = await api.addSession('events');
    await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(0), session_end_time: pyIso(4) });
    const ev = (start: number, end: number, value: string) => ({
      session: uid, start_time: pyIso(start), end_time: pyIso(end), timestamp: pyIso(start), enrichments: [], entity_id: guid(),
      entity_name: 'weather', entity_value: [value], entity_type: 'state_set', influence: 'affect_forward', extend_session: true,
    });
    expect((await api.addEntities([ev(1, 3, 'rain'), ev(5, 8, 'sun')])).status).toBe(200);
    expect((await api.sessionMeta(uid)).json).toMatchObject({ start_time: pyIso(0), end_time: pyIso(8) });
    await api.resolve(uid);
    expect((await api.fieldData(uid, ['weather'])).weather).toEqual([null, ['rain'], ['rain'], ['rain'], null, ['sun'], ['sun'], ['sun'], ['sun']]);
  });

  it('add_point_events: state / interval with start and end = timestamp ∓ resolution', async () => {
    const uid = await api.addSession('points', { resolution: 1 });
    await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(0), session_end_time: pyIso(6) });
    const resolution = ((await api.sessionMeta(uid)).json as { resolution: number }).resolution;
    const point = (at: number, value: string) => ({
      session: uid, timestamp: pyIso(at), start_time: pyIso(at - resolution), end_time: pyIso(at + resolution), enrichments: [],
      entity_id: guid(), entity_name: 'horn', entity_value: value, entity_type: 'state', influence: 'interval',
    });
    expect((await api.addEntities([point(2, 'short'), point(5, 'long')])).status).toBe(200);
    await api.resolve(uid);
    expect((await api.fieldData(uid, ['horn'])).horn).toEqual([null, 'short', 'short', 'short', 'long', 'long', 'long']);
  });

  it('add_entity (old route) takes one entity_dict', async () => {
    const uid = await api.addSession('single');
    const res = await api.se('POST', 'session_manager/add_entity/', {
      entity_dict: { session: uid, timestamp: pyIso(1), entity_id: 'one', entity_name: 'flag', entity_value: 'up', entity_type: 'state', influence: 'point' },
    }, { urgent: false });
    expect(res.status).toBe(200);
    expect((await summary(uid, ['flag'])).flag).toMatchObject({ count: 1, first_time: pyIso(1) });
  });

  it('a re-sent entity (same entity_id) replaces the stored one instead of adding a second', async () => {
    const uid = await api.addSession('retry');
    const e = { session: uid, timestamp: pyIso(1), entity_id: 'same', entity_name: 'v', entity_value: 1, entity_type: 'scalar', influence: 'point' };
    await api.addEntities([e]);
    await api.addEntities([{ ...e, timestamp: pyIso(2), entity_value: 2 }]);
    expect((await summary(uid, ['v'])).v).toMatchObject({ count: 1, first_time: pyIso(2), min: 2 });
  });

  it('urgent=True resolves the session right away (a job), status in progress then ready', async () => {
    const uid = await api.addSession('urgent');
    const res = await api.addEntities([
      { session: uid, timestamp: pyIso(0), entity_id: 'v0', entity_name: 'video', entity_value: 'clip.mp4', entity_type: 'media', influence: 'affect_forward', start_time: pyIso(0), end_time: pyIso(3), extend_session: true, media_asset_id: 'clip.mp4' },
    ], true);
    expect(res.status).toBe(200);
    const status = (await api.se('GET', `session_manager/resolution_status/${uid}`)).json as { status: string; job_id: string };
    expect(status.job_id).toMatch(/^job_/);
    const job = await api.waitForJob(status.job_id);
    expect(job).toMatchObject({ status: 'finished', job_type: 'session_resolution' });
    expect(((await api.se('GET', `session_manager/resolution_status/${uid}`)).json as { status: string }).status).toBe('ready');
    expect((await api.fieldData(uid, ['video'])).video).toEqual(['clip.mp4', 'clip.mp4', 'clip.mp4', 'clip.mp4']);
  });
});

describe('bad batches are refused whole, naming each bad entity', () => {
  let uid: string;
  const good = (id: string, at: number) => ({ session: uid, timestamp: pyIso(at), entity_id: id, entity_name: 'speed', entity_value: 1, entity_type: 'scalar', influence: 'linear_interpolation' });
  beforeAll(async () => {
    uid = await api.addSession('strict', { resolution: 1 });
    await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(0), session_end_time: pyIso(10) });
  });

  it.each([
    ['an entity outside the allowed length', { ...{ timestamp: pyIso(10_800 + 1) } }, /entity_dicts\[1\] \(entity_id bad\): outside the session's allowed length: .*MAX_SESSION_LENGTH \(10800\)/],
    ['a malformed timestamp', { timestamp: '2026-13-01T00:00:00+00:00' }, /entity_dicts\[1\] \(entity_id bad\): timestamp: not an ISO-8601 time/],
    ['an unknown influence', { influence: 'sideways' }, /entity_dicts\[1\] \(entity_id bad\): influence: /],
    ['an unknown entity type', { entity_type: 'smell' }, /entity_dicts\[1\] \(entity_id bad\): entity_type: /],
    ['a session that does not exist', { session: 'no_such_session' }, /entity_dicts\[1\] \(entity_id bad\): session "no_such_session" does not exist/],
    ['a non-numeric value to interpolate', { entity_value: 'fast' }, /entity_dicts\[1\] \(entity_id bad\): entity_value: linear_interpolation needs a finite number/],
  ])('%s', async (_what, patch, message) => {
    const res = await api.addEntities([good('ok_before', 1), { ...good('bad', 2), ...patch }, good('ok_after', 3)]);
    expect(res.status).toBe(400);
    expect((res.json as { message: string }).message).toMatch(message);
    expect((res.json as { message: string }).message).toMatch(/^nothing of the batch was stored/);
    expect((await summary(uid, ['speed'])).speed?.count).toBe(0);
  });

  it('lists every bad entity of the batch, not only the first', async () => {
    const res = await api.addEntities([{ ...good('a', 1), influence: 'nope' }, good('b', 2), { ...good('c', 3), timestamp: 'yesterday' }]);
    expect(res.status).toBe(400);
    const message = (res.json as { message: string }).message;
    expect(message).toContain('entity_dicts[0] (entity_id a)');
    expect(message).toContain('entity_dicts[2] (entity_id c)');
    expect(message).not.toContain('entity_id b)');
  });

  it('judges the length against the batch itself: two entities that fit alone but not together', async () => {
    const fresh = await api.addSession('open span', { resolution: 0.01 });
    const e = (id: string, at: number) => ({ ...good(id, at), session: fresh });
    // MAX_SESSION_LENGTH × 0.01 s = 108 s.
    const res = await api.addEntities([e('first', 0), e('second', 100), e('third', 109)]);
    expect(res.status).toBe(400);
    expect((res.json as { message: string }).message).toMatch(/entity_dicts\[2\] \(entity_id third\): outside the session's allowed length: the session would span 109 s, more than .* = 108 s/);
    expect((await api.addEntities([e('first', 0), e('second', 100)])).status).toBe(200);
  });

  it('a good batch after all that is stored', async () => {
    expect((await api.addEntities([good('g1', 1), good('g2', 2)])).status).toBe(200);
    expect((await summary(uid, ['speed'])).speed?.count).toBe(2);
  });

  it('a body without entity_dicts is a 400 naming the field', async () => {
    const res = await api.se('POST', 'session_manager/add_entities/', { entities: [] }, { urgent: false });
    expect(res.status).toBe(400);
    expect(res.text).toContain('entity_dicts');
  });

  it('T0 is a whole second (guards the hand-computed indices)', () => {
    expect(Number.isInteger(T0)).toBe(true);
  });
});
