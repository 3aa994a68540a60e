import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollJob } from '../../helpers/pollJob';
import { startSetsClient, type SetsClient } from '../../helpers/setsClient';

// A set's status while its jobs wait and run. The engine runs one job at a time here and the
// first job is held open by the test, so that every set job queued behind it is seen in its
// waiting state, deterministically.

let c: SetsClient;
let release: () => void = () => undefined;
let blockerId: string;

beforeAll(async () => {
  c = await startSetsClient({ jobConcurrency: 1 });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  c.engine.services.jobs.register('test_blocker', { jobType: 'integration_test', resumable: false, run: () => held });
  blockerId = c.engine.services.jobs.submit(c.organizationId, 'test_blocker', {});
  await c.putAssets('images', [{ id: 'img_a', sets: [] }, { id: 'img_b', sets: [] }]);
});
afterAll(async () => {
  release();
  await c.engine.dispose();
});

describe('set states while jobs wait', () => {
  it('shows each queued job\'s state, answers a second zip request with the queued zip job, and is ready when all are done', async () => {
    const moving = await c.createSet('moving');
    const zipped = await c.createSet('zipped');
    const doomed = await c.createSet('doomed');

    const add = await c.call('POST', `/sets/${moving}/add_assets_list/`, {}, { asset_list: ['img_a', 'img_b'] });
    const addJob = (add.json as { job_id: string }).job_id;
    expect((await c.call('GET', `/sets/${moving}/status`)).json).toMatchObject({ status: 'moving assets', operations: [{ job_id: addJob, state: 'moving assets' }], count: 0 });

    const zip = (await c.call('POST', `/sets/${zipped}/zip_all_assets/`, { force_recreate: false })).json as { job_id: string; zip_id: string };
    expect((await c.call('GET', `/sets/${zipped}/status`)).json).toMatchObject({ status: 'being zipped' });
    const again = (await c.call('POST', `/sets/${zipped}/zip_all_assets/`, { force_recreate: true })).json as { job_id: string; zip_id: string };
    expect(again).toEqual(zip);

    const del = (await c.call('DELETE', `/sets/delete_set/${doomed}`, { delete_content: false })).json as { job_id: string };
    expect((await c.call('GET', `/sets/${doomed}/status`)).json).toMatchObject({ status: 'being deleted' });
    const refused = await c.call('POST', `/sets/${doomed}/add_assets_list/`, {}, { asset_list: ['img_a'] });
    expect(refused.status).toBe(409);
    expect((refused.json as { message: string }).message).toMatch(/being deleted/);

    // The jobs are still queued behind the blocker; none has run.
    for (const id of [addJob, zip.job_id, del.job_id]) {
      expect(((await c.call('GET', `${c.am}/assets/meta/${id}`, { asset_type: 'jobs', metadata_only: true })).json as { status: string }).status).toBe('queued');
    }
    release();
    for (const id of [blockerId, addJob, zip.job_id, del.job_id]) expect((await pollJob(c.engine.url, c.token, id)).status).toBe('finished');
    expect((await c.call('GET', `/sets/${moving}/status`)).json).toMatchObject({ status: 'ready', operations: [], count: 2 });
    expect((await c.call('GET', `/sets/${zipped}/status`)).json).toMatchObject({ status: 'ready', operations: [] });
    expect((await c.call('GET', `/sets/${doomed}/status`)).status).toBe(404);
  });
});
