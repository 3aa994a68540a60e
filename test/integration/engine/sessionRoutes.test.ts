import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyRequest } from '../../helpers/pythonStyleRequest';
import { pyIso, sessionCalls, type SessionCalls } from '../../helpers/sessionCalls';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let api: SessionCalls;

beforeAll(async () => {
  engine = await startTestEngine();
  api = sessionCalls(engine.url, engine.adminToken);
});
afterAll(async () => {
  await engine.dispose();
});

const state = (uid: string, name: string, at: number, value: unknown, influence = 'affect_forward') => ({
  session: uid, timestamp: pyIso(at), entity_id: `${name}_${at}`, entity_name: name, entity_value: value, entity_type: 'state', influence,
});

describe('sessions/add/', () => {
  it('creates a session document with every field the client reads', async () => {
    const res = await api.se('POST', 'sessions/add/', { session_name: 'drive 1', session_type: 'rosbags', session_aux_metadata: { car: 'a1', laps: 3 }, status: 'in progress' });
    expect(res.status).toBe(200);
    const uid = (res.json as { session_uid: string }).session_uid;
    expect(uid).toMatch(/^[0-9a-f_]{36}$/);
    expect((await api.sessionMeta(uid)).json).toMatchObject({
      id: uid, session_name: 'drive 1', session_type: 'rosbags', status: 'in progress', resolution: 1, start_time: null, end_time: null,
      session_aux: { car: 'a1', laps: 3 }, auxiliary_data: [], source_data: [], sensors: [], enrichments_configs: [], set_id: null,
    });
  });

  it('returns the existing session for an existing name (no duplicate)', async () => {
    const first = await api.addSession('same name');
    const second = await api.addSession('same name', { resolution: 0.5 });
    expect(second).toBe(first);
    const found = await pyRequest('POST', `${engine.url}/am/v1/assets/`, { asset_type: 'sessions', metadata_only: true, token: engine.adminToken }, { filters: [{ field: 'session_name', values: ['same name'] }] });
    expect((found.json as { results: string[] }).results).toEqual([first]);
  });

  it('keeps resolution and set_id when given, and refuses unknown types and statuses', async () => {
    const uid = await api.addSession('fine', { resolution: 0.1, set_id: 'set_7' });
    expect((await api.sessionMeta(uid)).json).toMatchObject({ resolution: 0.1, set_id: 'set_7', sets: ['set_7'] });
    expect((await api.se('POST', 'sessions/add/', { session_name: 'x', session_type: 'podcast' })).status).toBe(400);
    expect((await api.se('POST', 'sessions/add/', { session_name: 'y', status: 'done' })).status).toBe(400);
    expect((await api.se('POST', 'sessions/add/', { session_name: 'z', resolution: 0 })).status).toBe(400);
  });
});

describe('session metadata routes', () => {
  let uid: string;
  beforeAll(async () => {
    uid = await api.addSession('metadata');
  });

  it('update_time_span sets the span and answers the session metadata', async () => {
    const res = await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: '2026-01-01T00:00:05Z', session_end_time: pyIso(60) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: uid, start_time: pyIso(5), end_time: pyIso(60) });
  });

  it('update_time_span refuses an end before the start, a bad time and a span over MAX_SESSION_LENGTH × resolution', async () => {
    expect((await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(9), session_end_time: pyIso(1) })).status).toBe(400);
    expect((await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: 'soon', session_end_time: pyIso(1) })).status).toBe(400);
    const long = await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(0), session_end_time: pyIso(10_801) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('MAX_SESSION_LENGTH');
    expect((await api.se('POST', 'sessions/update_time_span/', { session_uid: 'missing', session_start_time: pyIso(0), session_end_time: pyIso(1) })).status).toBe(404);
  });

  it('add_source_data replaces, or appends without repeating', async () => {
    const a = { sensor: 'camera_1', id: 'id_1', type: 'videos' };
    const b = { sensor: 'camera_2', id: 'id_2', type: 'videos' };
    const sensors = [{ name: 'camera_1', type: 'camera' }];
    await api.se('POST', 'sessions/add_source_data/', { session_uid: uid, source_data: [a], sensors, replace: true });
    const res = await api.se('POST', 'sessions/add_source_data/', { session_uid: uid, source_data: [a, b], sensors, replace: false });
    expect(res.json).toMatchObject({ source_data: [a, b], sensors });
    const replaced = await api.se('POST', 'sessions/add_source_data/', { session_uid: uid, source_data: [b], sensors: [], replace: true });
    expect(replaced.json).toMatchObject({ source_data: [b], sensors: [] });
  });

  it('add_auxiliary_data (old route) and add_enrichments_configs', async () => {
    const aux = [{ id: 'id_1', type: 'concatenated_video', tags: ['camera_1'] }];
    expect((await api.se('POST', 'sessions/add_auxiliary_data/', { session_uid: uid, auxiliary_data: aux, replace: true })).json).toMatchObject({ auxiliary_data: aux });
    const config = { input_event: 'geo_locations', type: 'weather', configuration: { influence_type: 'interval', influence_radius_in_seconds: 2.0 } };
    const res = await api.se('POST', 'sessions/add_enrichments_configs/', { session_uid: uid, enrichments_configs: [config], replace: true });
    expect(res.json).toMatchObject({ enrichments_configs: [config], auxiliary_data: aux, start_time: pyIso(5) });
    expect((await api.se('POST', 'sessions/add_enrichments_configs/', { session_uid: uid, enrichments_configs: 'weather' })).status).toBe(400);
  });

  it('leaves the generic asset routes of sessions reachable', async () => {
    const ids = await api.se('POST', 'sessions', undefined, { size: 50, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc' });
    expect(ids.json).toContain(uid);
    const docs = await api.se('POST', 'sessions/meta', { filters: [{ field: 'session_name', values: ['metadata'] }] }, { size: 50, offset: 0, scan: true });
    expect((docs.json as { id: string }[]).map((d) => d.id)).toEqual([uid]);
    const count = await api.se('POST', 'sessions/meta/summary/', { search: { filters: [{ field: 'session_name', values: ['metadata'] }] }, dimensions: [] });
    expect(count.json).toMatchObject({ total: 1 });
  });
});

describe('slice_session', () => {
  it('makes a new session over the span holding the entities that touch it', async () => {
    const uid = await api.addSession('long drive');
    await api.addEntities([
      state(uid, 'gear', 0, 'P'), state(uid, 'gear', 2, 'D'), state(uid, 'gear', 5, 'R'), state(uid, 'gear', 9, 'N'),
      { ...state(uid, 'weather', 1, ['rain'], 'interval'), entity_type: 'state_set', start_time: pyIso(1), end_time: pyIso(4) },
    ]);
    const res = await api.se('POST', `sessions/${uid}/slice/`, { start_time: pyIso(3), end_time: pyIso(6), session_name: 'the middle' });
    expect(res.status).toBe(200);
    const slice = (res.json as { session_uid: string }).session_uid;
    expect(slice).not.toBe(uid);
    expect((await api.sessionMeta(slice)).json).toMatchObject({ session_name: 'the middle', start_time: pyIso(3), end_time: pyIso(6), sliced_from: { session_uid: uid } });
    const summary = await api.se('POST', `session_manager/entity_summary/${slice}`, { entity_names: ['gear', 'weather'] });
    expect(summary.json).toMatchObject({ gear: { count: 1, values: ['R'] }, weather: { count: 1, values: ['rain'] } });
    await api.resolve(slice);
    expect(await api.fieldData(slice, ['gear', 'weather'])).toMatchObject({ gear: [null, null, 'R', 'R'], weather: [['rain'], ['rain'], null, null] });
    const again = await api.se('POST', `sessions/${uid}/slice/`, { start_time: pyIso(3), end_time: pyIso(6), session_name: 'the middle' });
    expect(again.status).toBe(409);
  });
});

describe('comments, delete_events, add_event_with_search', () => {
  let uid: string;
  beforeAll(async () => {
    uid = await api.addSession('annotated');
    await api.se('POST', 'sessions/update_time_span/', { session_uid: uid, session_start_time: pyIso(0), session_end_time: pyIso(5) });
    await api.addEntities([state(uid, 'gear', 0, 'P'), state(uid, 'gear', 2, 'D')]);
    await api.resolve(uid);
  });

  it('add_comments: a job that adds `comment` entities over each interval, searchable once done', async () => {
    const res = await api.se('POST', `sessions/${uid}/comments`, { intervals: [{ start_time: pyIso(1), end_time: pyIso(2) }], texts: ['pothole', 'bump'] });
    expect(res.status).toBe(200);
    expect(await api.waitForJob((res.json as { job_id: string }).job_id)).toMatchObject({ status: 'finished' });
    expect((await api.fieldData(uid, ['comment'])).comment).toEqual([null, ['pothole', 'bump'], ['pothole', 'bump'], null, null, null]);
    const bad = await api.se('POST', `sessions/${uid}/comments`, { intervals: [{ start_time: pyIso(3), end_time: pyIso(1) }], texts: ['x'] });
    expect(bad.status).toBe(400);
  });

  it('add_event_with_search: state entities over the intervals the search finds', async () => {
    const res = await api.se('POST', 'session_manager/add_event_with_search', { search: { filters: [{ field: 'session_uid', values: [uid] }, { field: 'gear', values: ['D'] }] }, event_title: 'driving' });
    expect(await api.waitForJob((res.json as { job_id: string }).job_id)).toMatchObject({ status: 'finished', job_type: 'add_event_with_search' });
    expect((await api.fieldData(uid, ['driving'])).driving).toEqual([null, null, 'driving', 'driving', 'driving', 'driving']);
  });

  it('delete_events: removes the named entities that begin or end in the window, and re-resolves', async () => {
    const res = await api.se('DELETE', 'session_manager/delete_event', { session_uids: [uid], event_names: ['gear'], start_time: pyIso(1), end_time: pyIso(5) });
    expect(res.status).toBe(200);
    expect(await api.waitForJob((res.json as { job_id: string }).job_id)).toMatchObject({ status: 'finished', job_type: 'event_deletion' });
    expect((await api.fieldData(uid, ['gear'])).gear).toEqual(['P', 'P', 'P', 'P', 'P', 'P']);
    const unknown = await api.se('DELETE', 'session_manager/delete_event', { session_uids: ['nope'], event_names: ['gear'] });
    expect(unknown.status).toBe(404);
  });
});
