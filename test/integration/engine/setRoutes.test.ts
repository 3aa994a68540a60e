import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pyRequest } from '../../helpers/pythonStyleRequest';
import { startSetsClient, type SetsClient } from '../../helpers/setsClient';

// Set creation, locks, status, routing and organization isolation, with the request shapes of the
// public Python client (../shared/reference/scenebox-client-observed-requests.md, "More protocol facts" 8).

let c: SetsClient;

beforeAll(async () => {
  c = await startSetsClient();
  await c.putAssets('images', [
    { id: 'img_a', sensor: 'cam', sets: [], timestamp: '2026-01-01T00:00:00Z' },
    { id: 'img_b', sensor: 'cam', sets: [], timestamp: '2026-01-01T00:00:01Z' },
  ]);
});
afterAll(async () => {
  await c.engine.dispose();
});

const setDoc = async (id: string, token = c.token) =>
  (await pyRequest('GET', `${c.am}/assets/meta/${id}`, { asset_type: 'sets', metadata_only: false, token })).json as Record<string, unknown>;

describe('create_set: POST /v1/sets/add/', () => {
  it('creates a set with the body the client sends and answers {id}', async () => {
    const res = await c.call('POST', '/sets/add/', {}, { assets_type: 'images', name: 'night drives', origin_set_id: null, expected_count: null, tags: ['primary'] });
    expect(res.status).toBe(200);
    const { id } = res.json as { id: string };
    expect(id).toMatch(/^[0-9a-f_]{36}$/);
    expect(await setDoc(id)).toMatchObject({
      id, name: 'night drives', assets_type: 'images', tags: ['primary'], expected_count: null, origin_set_id: null,
      auxiliary: null, description: null, status: 'ready', locked: false, version_in_sync: false, owner: c.organizationId,
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it('keeps the optional fields: id (standardized), auxiliary, description, expected_count, origin_set_id', async () => {
    const origin = await c.createSet('origin of derived');
    const id = await c.createSet('derived', 'videos', { id: 'My-Set 01', auxiliary: { team: 'perception' }, description: 'derived set', expected_count: 12, origin_set_id: origin });
    expect(id).toBe('my_set_01');
    expect(await setDoc(id)).toMatchObject({ assets_type: 'videos', auxiliary: { team: 'perception' }, description: 'derived set', expected_count: 12, origin_set_id: origin });
  });

  it('answers the existing id for a name in use, never making a duplicate; raise_if_exists=True gives 409', async () => {
    const first = await c.createSet('dup name');
    expect(await c.createSet('dup name')).toBe(first);
    const again = await c.call('POST', '/sets/add', { raise_if_exists: true }, { assets_type: 'images', name: 'dup name' });
    expect(again.status).toBe(409);
    const otherType = await c.call('POST', '/sets/add/', {}, { assets_type: 'videos', name: 'dup name' });
    expect(otherType.status).toBe(409);
    expect(otherType.text).toContain('assets_type images');
    const named = await pyRequest('POST', `${c.am}/assets/`, { asset_type: 'sets', metadata_only: false, size: 50, offset: 0, scan: false, token: c.token }, { filters: [{ field: 'name', values: ['dup name'] }] });
    expect((named.json as { results: string[] }).results).toEqual([first]);
  });

  it('refuses bad bodies with 400 naming the field, and writes nothing', async () => {
    const before = (await pyRequest('POST', `${c.am}/assets/count/`, { asset_type: 'sets', metadata_only: false, token: c.token }, {})).json;
    const cases: [unknown, RegExp][] = [
      [{ assets_type: 'jobs', name: 'x' }, /assets_type/],
      [{ assets_type: 'pictures', name: 'x' }, /assets_type: must be one of images/],
      [{ assets_type: 'images' }, /name/],
      [{ assets_type: 'images', name: '   ' }, /name/],
      [{ assets_type: 'images', name: 'x', tags: 'a' }, /tags/],
      [{ assets_type: 'images', name: 'x', expected_count: -1 }, /expected_count/],
      [{ assets_type: 'images', name: 'x', origin_set_id: 'no_such_set' }, /origin_set_id/],
      [[1, 2], /body/],
    ];
    for (const [body, message] of cases) {
      const res = await c.call('POST', '/sets/add/', {}, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { message: string }).message).toMatch(message);
    }
    const after = (await pyRequest('POST', `${c.am}/assets/count/`, { asset_type: 'sets', metadata_only: false, token: c.token }, {})).json;
    expect(after).toBe(before);
  });

  it('accepts a Bearer token (the TypeScript client) and refuses a reader', async () => {
    const res = await fetch(`${c.se}/sets/add`, {
      method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ assets_type: 'lidars', name: 'bearer set' }),
    });
    expect(res.status).toBe(200);
    const denied = await c.call('POST', '/sets/add/', {}, { assets_type: 'images', name: 'by reader' }, c.readerToken);
    expect(denied.status).toBe(403);
  });
});

describe('locks: PUT|GET|DELETE /v1/sets/<id>/lock (no slash, no body)', () => {
  it('locks and unlocks; a locked set refuses membership changes and deletion with 409 and creates no job', async () => {
    const id = await c.createSet('lockable');
    expect((await c.call('GET', `/sets/${id}/lock`)).json).toEqual({ locked: false });
    expect((await c.call('PUT', `/sets/${id}/lock`)).status).toBe(200);
    expect((await c.call('GET', `/sets/${id}/lock`)).json).toEqual({ locked: true });
    const jobs = await c.jobCount();
    const refused = [
      await c.call('POST', `/sets/${id}/add_assets_list/`, {}, { asset_list: ['img_a'] }),
      await c.call('POST', `/sets/${id}/add_assets_query/`, {}, {}),
      await c.call('POST', `/sets/${id}/remove_assets_list/`, {}, { asset_list: ['img_a'] }),
      await c.call('POST', `/sets/${id}/remove_assets_query/`, {}, {}),
      await c.call('DELETE', `/sets/delete_set/${id}`, { delete_content: false }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(409);
      expect((res.json as { message: string }).message).toMatch(/is locked/);
    }
    expect(await c.jobCount()).toBe(jobs);
    expect(await c.members(id)).toEqual([]);
    expect((await c.call('DELETE', `/sets/${id}/lock`)).status).toBe(200);
    expect((await c.call('GET', `/sets/${id}/lock`)).json).toEqual({ locked: false });
    const job = await c.runJob('POST', `/sets/${id}/add_assets_list/`, {}, { asset_list: ['img_a'] });
    expect(job.status).toBe('finished');
    expect(await c.members(id)).toEqual(['img_a']);
  });

  it('lets a reader read the lock but not change it', async () => {
    const id = await c.createSet('reader lock');
    expect((await c.call('GET', `/sets/${id}/lock`, {}, undefined, c.readerToken)).json).toEqual({ locked: false });
    expect((await c.call('PUT', `/sets/${id}/lock`, {}, undefined, c.readerToken)).status).toBe(403);
    expect((await c.call('GET', `/sets/${id}/lock`)).json).toEqual({ locked: false });
  });
});

describe('get_set_status: GET /v1/sets/<id>/status', () => {
  it('answers id, name, status, locked, assets_type and the member count', async () => {
    const id = await c.createSet('status set');
    await c.runJob('POST', `/sets/${id}/add_assets_list/`, {}, { asset_list: ['img_a', 'img_b'] });
    const res = await c.call('GET', `/sets/${id}/status`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, name: 'status set', status: 'ready', locked: false, assets_type: 'images', count: 2, operations: [] });
  });

  it('drops the state of a job that ended without clearing it (an engine stopped mid-job)', async () => {
    const id = await c.createSet('stale state');
    const doc = await setDoc(id);
    const put = await pyRequest('PUT', `${c.am}/assets/meta/${id}`, { asset_type: 'sets', metadata_only: false, replace: true, token: c.token }, {
      ...doc, status: 'moving assets', operations: [{ job_id: 'job_that_never_was', state: 'moving assets' }],
    });
    expect(put.status).toBe(200);
    expect((await c.call('GET', `/sets/${id}/status`)).json).toMatchObject({ status: 'ready', operations: [] });
    expect(await setDoc(id)).toMatchObject({ status: 'ready', operations: [] });
  });
});

describe('organization isolation and unknown sets', () => {
  it('answers 404 for another organization\'s set and for a missing one, on every route, and changes nothing', async () => {
    const id = await c.createSet('private set');
    await c.runJob('POST', `/sets/${id}/add_assets_list/`, {}, { asset_list: ['img_a'] });
    const routes: [string, string, Record<string, string | boolean>, unknown][] = [
      ['GET', `/sets/${id}/lock`, {}, undefined],
      ['PUT', `/sets/${id}/lock`, {}, undefined],
      ['DELETE', `/sets/${id}/lock`, {}, undefined],
      ['GET', `/sets/${id}/status`, {}, undefined],
      ['POST', `/sets/${id}/add_assets_list/`, {}, { asset_list: ['img_b'] }],
      ['POST', `/sets/${id}/add_assets_query/`, {}, {}],
      ['POST', `/sets/${id}/remove_assets_list/`, {}, { asset_list: ['img_a'] }],
      ['POST', `/sets/${id}/remove_assets_query/`, {}, {}],
      ['POST', `/sets/${id}/list_assets/`, {}, {}],
      ['POST', `/sets/${id}/list_assets_meta/`, {}, {}],
      ['DELETE', `/sets/delete_set/${id}`, { delete_content: true }, undefined],
      ['POST', '/sets/split_sets/', {}, { set_id: id, random_seed: 1, wait_for_completion: false, sections: 2 }],
      ['POST', `/sets/${id}/zip_all_assets/`, { force_recreate: false }, undefined],
      ['POST', `/sets/${id}/commit/`, {}, { message: 'm' }],
    ];
    for (const [method, path, params, body] of routes) {
      const foreign = await c.call(method, path, params, body, c.otherToken);
      expect(foreign.status, `${method} ${path} from another organization`).toBe(404);
      const missing = await c.call(method, path.replace(id, 'no_such_set'), params, body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace(id, 'no_such_set')));
      expect(missing.status, `${method} ${path} for a missing set`).toBe(404);
    }
    expect(await c.members(id)).toEqual(['img_a']);
    expect((await c.call('GET', `/sets/${id}/status`)).json).toMatchObject({ locked: false, status: 'ready', count: 1 });
  });

  it('keeps names per organization: another organization may reuse a name and gets its own set', async () => {
    const mine = await c.createSet('shared name');
    const theirs = await c.createSet('shared name', 'images', {}, c.otherToken);
    expect(theirs).not.toBe(mine);
    expect(await setDoc(theirs, c.otherToken)).toMatchObject({ owner: c.otherOrganizationId });
  });
});

describe('routing', () => {
  it('leaves the generic SceneEngine routes of type sets reachable', async () => {
    const id = await c.createSet('generic routes');
    const ids = await c.call('POST', '/sets', { size: 5000, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc' });
    expect(ids.status).toBe(200);
    expect(ids.json).toContain(id);
    const meta = await c.call('POST', '/sets/meta', { size: 50, offset: 0, scan: true }, { filters: [{ field: 'id', values: [id] }] });
    expect((meta.json as { name: string }[])[0]?.name).toBe('generic routes');
    const one = await c.call('GET', `/sets/meta/${id}`);
    expect((one.json as { id: string }).id).toBe(id);
  });

  it('acknowledges commit without a job (set versioning is not implemented)', async () => {
    const id = await c.createSet('commit me');
    const res = await c.call('POST', `/sets/${id}/commit/`, {}, { message: 'first' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ job_id: null });
  });
});
