import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyRequest } from '../../helpers/pythonStyleRequest';
import { pyIso, sessionCalls, type SessionCalls } from '../../helpers/sessionCalls';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// delete_session with and without its media, and organizations that never see each other's sessions.

let engine: TestEngine;
let api: SessionCalls;

beforeAll(async () => {
  engine = await startTestEngine();
  api = sessionCalls(engine.url, engine.adminToken);
});
afterAll(async () => {
  await engine.dispose();
});

const am = (token: string, assetType: string, extra: Record<string, string | boolean> = {}) => ({ ...extra, asset_type: assetType, metadata_only: assetType === 'sessions', token });

async function putMedia(assetType: string, docs: ({ id: string; session_uid: string } & Record<string, unknown>)[]): Promise<void> {
  const res = await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch/`, am(engine.adminToken, assetType, { replace: true, replace_sets: false }), {
    ids: docs.map((d) => d.id), metadata: docs.map((d) => ({ ...d, timestamp: pyIso(1), sets: [] })),
  });
  expect(res.status).toBe(200);
}

async function exists(assetType: string, id: string): Promise<boolean> {
  const res = await pyRequest('GET', `${engine.url}/am/v1/assets/exists/${id}`, am(engine.adminToken, assetType));
  return res.json === true;
}

async function sessionWithMedia(name: string): Promise<string> {
  const uid = await api.addSession(name);
  await api.addEntities([{ session: uid, timestamp: pyIso(1), entity_id: 'e1', entity_name: 'gear', entity_value: 'D', entity_type: 'state', influence: 'point' }]);
  await api.resolve(uid);
  await putMedia('images', [{ id: `${name}_img_1`, session_uid: uid }, { id: `${name}_img_2`, session_uid: uid }]);
  await putMedia('videos', [{ id: `${name}_vid`, session_uid: uid }]);
  // An annotation document must pass the annotations module's write check.
  await putMedia('annotations', [{
    id: `${name}_ann`, session_uid: uid, asset_id: `${name}_img_1`, media_type: 'images', provider: 'default_provider',
    annotation_type: 'classification', annotation_entities: [],
  }]);
  return uid;
}

describe('delete_session', () => {
  it('with delete_assets_contents=True deletes entities, timeline, document and the session\'s media only', async () => {
    const uid = await sessionWithMedia('doomed');
    await putMedia('images', [{ id: 'bystander', session_uid: 'another_session' }]);
    const res = await api.se('DELETE', `session_manager/delete_session/${uid}`, undefined, { delete_assets_contents: true });
    expect(res.status).toBe(200);
    expect(await api.waitForJob((res.json as { job_id: string }).job_id)).toMatchObject({ status: 'finished', job_type: 'session_deletion' });
    expect((await api.sessionMeta(uid)).status).toBe(404);
    for (const [type, id] of [['images', 'doomed_img_1'], ['images', 'doomed_img_2'], ['videos', 'doomed_vid'], ['annotations', 'doomed_ann']] as const) {
      expect(await exists(type, id)).toBe(false);
    }
    expect(await exists('images', 'bystander')).toBe(true);
    expect((await api.se('POST', `session_manager/field_data/${uid}`, { search_dic: {}, session_fields: ['*'] })).status).toBe(404);
    const rows = engine.services.db.prepare('SELECT count(*) FROM session_keys WHERE session_uid = ?').pluck().get(uid);
    expect(rows).toBe(0);
    expect((await api.se('POST', 'session_manager/search/', { filters: [{ field: 'gear', values: ['D'] }] })).json).not.toHaveProperty(uid);
  });

  it('with delete_assets_contents=False keeps the media', async () => {
    const uid = await sessionWithMedia('kept');
    const res = await api.se('DELETE', `session_manager/delete_session/${uid}`, undefined, { delete_assets_contents: false });
    expect(await api.waitForJob((res.json as { job_id: string }).job_id)).toMatchObject({ status: 'finished' });
    expect((await api.sessionMeta(uid)).status).toBe(404);
    expect(await exists('images', 'kept_img_1')).toBe(true);
    expect(await exists('videos', 'kept_vid')).toBe(true);
  });

  it('a resolution whose session is gone by the time it runs ends aborted with a note, never left running', async () => {
    const me = engine.services.identity.authenticate(engine.adminToken);
    const jobId = engine.services.jobs.submit(me?.organization_id ?? '', 'session_resolution', { session_uid: 'vanished' });
    const job = await api.waitForJob(jobId);
    expect(job).toMatchObject({ status: 'aborted', notes: [expect.stringContaining('no session vanished')] });
  });

  it('answers 404 for a session that does not exist', async () => {
    expect((await api.se('DELETE', 'session_manager/delete_session/nothing_here', undefined, { delete_assets_contents: true })).status).toBe(404);
  });
});

describe('organizations', () => {
  let other: SessionCalls;
  let reader: SessionCalls;
  let mine: string;

  beforeAll(async () => {
    const org = engine.services.identity.addOrganization('other org');
    other = sessionCalls(engine.url, engine.services.identity.addUser({ username: 'other_admin', email: null, role: 'admin', organization_id: org.id }).token);
    const home = engine.services.identity.authenticate(engine.adminToken);
    reader = sessionCalls(engine.url, engine.services.identity.addUser({ username: 'reader', email: null, role: 'read_only_user', organization_id: home?.organization_id ?? '' }).token);
    mine = await api.addSession('private drive');
    await api.addEntities([{ session: mine, timestamp: pyIso(1), entity_id: 'e1', entity_name: 'weather', entity_value: ['rain'], entity_type: 'state_set', influence: 'point' }]);
    await api.resolve(mine);
  });

  it('another organization cannot read, change, resolve, slice or delete the session', async () => {
    expect((await other.se('GET', `session_manager/resolution_status/${mine}`)).status).toBe(404);
    expect((await other.se('POST', `session_manager/field_data/${mine}`, { search_dic: {}, session_fields: ['*'] })).status).toBe(404);
    expect((await other.se('POST', `session_manager/entity_summary/${mine}`, { entity_names: ['weather'] })).status).toBe(404);
    expect((await other.se('POST', `session_manager/resolve_session/${mine}`)).status).toBe(404);
    expect((await other.se('POST', `sessions/${mine}/slice/`, { start_time: pyIso(0), end_time: pyIso(1) })).status).toBe(404);
    expect((await other.se('DELETE', `session_manager/delete_session/${mine}`, undefined, { delete_assets_contents: true })).status).toBe(404);
    const entities = await other.addEntities([{ session: mine, timestamp: pyIso(2), entity_id: 'x', entity_name: 'weather', entity_value: ['sun'], entity_type: 'state_set', influence: 'point' }]);
    expect(entities.status).toBe(400);
    expect(entities.text).toContain('does not exist');
  });

  it('search sees only the caller\'s organization, and names are per organization', async () => {
    expect((await api.se('POST', 'session_manager/search/', { filters: [{ field: 'weather', values: ['rain'] }] })).json).toHaveProperty(mine);
    expect((await other.se('POST', 'session_manager/search/', { filters: [{ field: 'weather', values: ['rain'] }] })).json).toEqual({});
    const theirs = await other.addSession('private drive');
    expect(theirs).not.toBe(mine);
    expect((await api.sessionMeta(theirs)).status).toBe(404);
  });

  it('a read-only user may read but not write', async () => {
    expect((await reader.se('GET', `session_manager/resolution_status/${mine}`)).status).toBe(200);
    expect((await reader.se('POST', 'sessions/add/', { session_name: 'nope' })).status).toBe(403);
    expect((await reader.addEntities([])).status).toBe(403);
    expect((await reader.se('POST', `session_manager/resolve_session/${mine}`)).status).toBe(403);
  });

  it('a request without a token, or with a Bearer header, is handled like the other routes', async () => {
    expect((await pyRequest('GET', `${engine.url}/v1/session_manager/resolution_status/${mine}`, {})).status).toBe(401);
    const res = await fetch(`${engine.url}/v1/session_manager/resolution_status/${mine}`, { headers: { authorization: `Bearer ${engine.adminToken}` } });
    expect(res.status).toBe(200);
  });
});
