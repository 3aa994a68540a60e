import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJob } from '../../helpers/pollJob';
import { pyRequest } from '../../helpers/pythonStyleRequest';
import { startSetsClient, type SetsClient } from '../../helpers/setsClient';

// Adding, removing, listing and deleting: the membership jobs the Python client polls without a
// time limit, and the `sets` lists of member assets that the asset manager filters on.

let c: SetsClient;
const images = Array.from({ length: 12 }, (_, i) => ({
  id: `img_${String(i).padStart(2, '0')}`,
  sensor: i % 2 === 0 ? 'cam_front' : 'cam_rear',
  width: 640 + i,
  timestamp: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`,
  sets: i === 0 ? ['set_0001'] : [],
}));
const ids = images.map((d) => d.id);

beforeAll(async () => {
  c = await startSetsClient();
  await c.putAssets('images', images);
  await c.putAssets('videos', [{ id: 'vid_0', sets: [] }]);
  await c.putAssets('images', [{ id: 'foreign_img', sets: [] }], c.otherToken);
});
afterAll(async () => {
  await c.engine.dispose();
});

const getImage = async (id: string, token = c.token) =>
  (await pyRequest('GET', `${c.am}/assets/meta/${id}`, { asset_type: 'images', metadata_only: false, token })).json as Record<string, unknown>;

describe('add_assets_to_set', () => {
  it('add_assets_list/ adds the listed images, reports unknown and wrong-type ids in the notes, and keeps other memberships', async () => {
    const set = await c.createSet('by list');
    const job = await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_00', 'IMG-01', 'ghost', 'vid_0', 'foreign_img', 'img_00'] });
    expect(job).toMatchObject({ status: 'finished', job_type: 'set_addition', progress: 100 });
    expect(job.notes.join('\n')).toMatch(/Added 2 images/);
    expect(job.notes.join('\n')).toMatch(/3 listed ids were skipped, not images of this organization: ghost, vid_0, foreign_img/);
    expect(await c.members(set)).toEqual(['img_00', 'img_01']);
    expect(await c.amMembers(set)).toEqual(['img_00', 'img_01']);
    expect((await getImage('img_00')).sets).toEqual(['set_0001', set]);
    expect(await getImage('img_00')).toMatchObject({ sensor: 'cam_front', width: 640 });
    expect((await getImage('foreign_img', c.otherToken)).sets).toEqual([]);
    expect((await c.call('GET', `/sets/${set}/status`)).json).toMatchObject({ status: 'ready', count: 2 });
  });

  it('adding members again changes nothing and still finishes', async () => {
    const set = await c.createSet('idempotent');
    await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_02'] });
    const again = await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_02'] });
    expect(again.notes.join('\n')).toMatch(/Added 0 images.*1 were members already/);
    expect(((await getImage('img_02')).sets as string[]).filter((s) => s === set)).toEqual([set]);
  });

  it('add_assets_query/ adds what a search finds, and ?limit= keeps a random sample of that many', async () => {
    const set = await c.createSet('by query');
    const all = await c.runJob('POST', `/sets/${set}/add_assets_query/`, {}, { filters: [{ field: 'sensor', values: ['cam_rear'] }] });
    expect(all.status).toBe('finished');
    expect(await c.members(set)).toEqual(ids.filter((_, i) => i % 2 === 1));
    const limited = await c.createSet('by query, limited');
    const job = await c.runJob('POST', `/sets/${limited}/add_assets_query/`, { limit: 3 }, { filters: [{ field: 'sensor', values: ['cam_front'] }] });
    expect(job.notes.join('\n')).toMatch(/6 assets match; a random sample of 3/);
    const members = await c.members(limited);
    expect(members).toHaveLength(3);
    for (const id of members) expect((await getImage(id)).sensor).toBe('cam_front');
  });
});

describe('remove_assets_from_set', () => {
  it('remove_assets_list/ removes listed members and notes the rest', async () => {
    const set = await c.createSet('to shrink');
    await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_03', 'img_04', 'img_05'] });
    const job = await c.runJob('POST', `/sets/${set}/remove_assets_list/`, {}, { asset_list: ['img_04', 'img_06', 'ghost'] });
    expect(job).toMatchObject({ status: 'finished', job_type: 'set_removal' });
    expect(job.notes.join('\n')).toMatch(/Removed 1 images/);
    expect(job.notes.join('\n')).toMatch(/ghost/);
    expect(job.notes.join('\n')).toMatch(/1 listed images were not members/);
    expect(await c.members(set)).toEqual(['img_03', 'img_05']);
    expect((await getImage('img_04')).sets).not.toContain(set);
  });

  it('remove_assets_query/ removes the members a search finds, and only members', async () => {
    const set = await c.createSet('query removal');
    const other = await c.createSet('query removal bystander');
    await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_07', 'img_08', 'img_09'] });
    await c.runJob('POST', `/sets/${other}/add_assets_list/`, {}, { asset_list: ['img_07', 'img_10'] });
    const job = await c.runJob('POST', `/sets/${set}/remove_assets_query/`, {}, { filters: [{ field: 'sensor', values: ['cam_rear'] }] });
    expect(job.status).toBe('finished');
    expect(await c.members(set)).toEqual(['img_08']);
    expect(await c.members(other)).toEqual(['img_07', 'img_10']);
    expect((await getImage('img_07')).sets).toContain(other);
    expect((await getImage('img_07')).sets).not.toContain(set);
  });
});

describe('assets_in_set and search_within_set', () => {
  let set: string;
  beforeAll(async () => {
    set = await c.createSet('listing');
    await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ids });
  });

  it('list_assets/ with body {} answers every member id', async () => {
    const res = await c.call('POST', `/sets/${set}/list_assets/`, {}, {});
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ results: ids });
  });

  it('filters, pages, sorts and continues after search_after like the other search routes', async () => {
    const filtered = await c.call('POST', `/sets/${set}/list_assets/`, {}, { filters: [{ field: 'sensor', values: ['cam_front'] }] });
    expect((filtered.json as { results: string[] }).results).toEqual(ids.filter((_, i) => i % 2 === 0));
    const page = await c.call('POST', `/sets/${set}/list_assets/`, { size: 5, offset: 2, sort_field: 'id', sort_order: 'asc' }, {});
    expect((page.json as { results: string[] }).results).toEqual(ids.slice(2, 7));
    const after = await c.call('POST', `/sets/${set}/list_assets`, { size: 3, sort_field: 'id', sort_order: 'desc', search_after: 'img_05' }, {});
    expect((after.json as { results: string[] }).results).toEqual(['img_04', 'img_03', 'img_02']);
    const byWidth = await c.call('POST', `/sets/${set}/list_assets/`, { size: 2, sort_field: 'width', sort_order: 'desc' }, {});
    expect((byWidth.json as { results: string[] }).results).toEqual(['img_11', 'img_10']);
  });

  it('list_assets_meta/ answers {results: [documents]}, honouring source_selected_fields', async () => {
    const res = await c.call('POST', `/sets/${set}/list_assets_meta/`, { size: 2 }, { filters: [{ field: 'sensor', values: ['cam_rear'] }] });
    const docs = (res.json as { results: Record<string, unknown>[] }).results;
    expect(docs.map((d) => d.id)).toEqual(['img_01', 'img_03']);
    expect(docs[0]).toMatchObject({ sensor: 'cam_rear', width: 641 });
    expect(docs[0]?.sets).toContain(set);
    const projected = await c.call('POST', `/sets/${set}/list_assets_meta/`, { size: 1 }, { source_selected_fields: ['id', 'width'] });
    expect((projected.json as { results: unknown[] }).results).toEqual([{ id: 'img_00', width: 640 }]);
  });

  it('refuses malformed searches and pages with 400 naming the problem', async () => {
    const bad = await c.call('POST', `/sets/${set}/list_assets/`, {}, { filters: 'sensor' });
    expect(bad.status).toBe(400);
    expect((bad.json as { message: string }).message).toMatch(/filters/);
    expect((await c.call('POST', `/sets/${set}/list_assets/`, { sort_order: 'up' }, {})).status).toBe(400);
    const list = await c.call('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: 'img_00' });
    expect(list.status).toBe(400);
    expect((list.json as { message: string }).message).toMatch(/asset_list/);
    expect((await c.call('POST', `/sets/${set}/add_assets_query/`, { limit: 0 }, {})).status).toBe(400);
    expect((await c.call('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['..'] })).status).toBe(400);
  });
});

describe('delete_set', () => {
  it('DELETE /v1/sets/delete_set/<id>?delete_content=False removes the set and the membership, keeping the assets', async () => {
    const set = await c.createSet('to delete, keep content');
    await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_00', 'img_11'] });
    const job = await c.runJob('DELETE', `/sets/delete_set/${set}`, { delete_content: false });
    expect(job.status).toBe('finished');
    expect((await c.call('GET', `/sets/${set}/status`)).status).toBe(404);
    expect((await pyRequest('GET', `${c.am}/assets/exists/${set}`, { asset_type: 'sets', metadata_only: false, token: c.token })).json).toBe(false);
    expect(await c.amMembers(set)).toEqual([]);
    expect((await getImage('img_00')).sets).not.toContain(set);
    expect((await getImage('img_00')).sets).toContain('set_0001');
    expect(await getImage('img_11')).toMatchObject({ id: 'img_11' });
  });

  it('delete_content=True deletes the member assets too, and nothing else', async () => {
    await c.putAssets('images', [{ id: 'doomed_1', sets: [] }, { id: 'doomed_2', sets: [] }, { id: 'survivor', sets: [] }]);
    const set = await c.createSet('to delete with content');
    await c.runJob('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['doomed_1', 'doomed_2'] });
    const job = await c.runJob('DELETE', `/sets/delete_set/${set}`, { delete_content: true });
    expect(job.notes.join('\n')).toMatch(/and its 2 images/);
    const left = await pyRequest('POST', `${c.am}/assets/meta`, { asset_type: 'images', metadata_only: false, size: 50, token: c.token }, { filters: [{ field: 'id', values: ['doomed_1', 'doomed_2', 'survivor'] }] });
    expect((left.json as { id: string }[]).map((d) => d.id)).toEqual(['survivor']);
  });

  it('a job whose set is gone when it runs is aborted with the reason, never left running', async () => {
    // A job queued behind the deletion of its set: submitted directly, so that the order is certain.
    const jobId = c.engine.services.jobs.submit(c.organizationId, 'set_addition', { setId: 'deleted_meanwhile', ids: ['img_00'] });
    const job = await pollJob(c.engine.url, c.token, jobId);
    expect(job.status).toBe('aborted');
    expect(job.notes.join('\n')).toMatch(/set deleted_meanwhile does not exist/);
    expect((await getImage('img_00')).sets).not.toContain('deleted_meanwhile');
  });

  it('refuses membership changes while the set is being deleted', async () => {
    const set = await c.createSet('being deleted');
    c.engine.services.meta.write({ organizationId: c.organizationId, assetType: 'sets' }, [{ id: set, doc: { operations: [{ job_id: 'job_x', state: 'being deleted' }], status: 'being deleted' } }], { replace: false, replaceSets: false });
    // A live job keeps that state: make job_x a queued external job.
    c.engine.services.meta.write({ organizationId: c.organizationId, assetType: 'jobs' }, [{ id: 'job_x', doc: { id: 'job_x', status: 'queued' } }], { replace: true, replaceSets: true });
    const add = await c.call('POST', `/sets/${set}/add_assets_list/`, {}, { asset_list: ['img_00'] });
    expect(add.status).toBe(409);
    expect((add.json as { message: string }).message).toMatch(/being deleted/);
  });
});
