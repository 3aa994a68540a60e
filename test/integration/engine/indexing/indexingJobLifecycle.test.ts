import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IndexingClient } from '../../../helpers/indexing/IndexingClient';
import { useIndexingEngine } from '../../../helpers/indexing/useIndexingEngine';
import { pyRequest } from '../../../helpers/pythonStyleRequest';
import { generateDrive, largeDriveOptions, type DriveResult } from '../../../helpers/recordings/generateDrive';
import type { TestEngine } from '../../../helpers/startTestEngine';
import { useTempDir } from '../../../helpers/useTempDir';

// An indexing job cancelled by the client, and one the engine is stopped in the middle of: the
// first ends aborted and leaves nothing, the second runs again from the start after the restart
// and ends with exactly what an uninterrupted run makes. A drive of large frames keeps the job
// busy long enough to be caught running.

const tmp = useTempDir('scenedock-index-lifecycle-');
const env = useIndexingEngine();
let engine: TestEngine;
let client: IndexingClient;
let drive: DriveResult;
let bag: { uri: string; filename: string };

beforeAll(async () => {
  ({ engine, client } = env());
  drive = await generateDrive({ format: 'ros1-bag', path: join(tmp(), 'big.bag'), options: { compression: 'lz4' } }, largeDriveOptions(24 * 1024 * 1024));
  bag = await client.upload(join(tmp(), 'big.bag'), 'lifecycle/big.bag');
});

async function untilRunning(jobId: string): Promise<void> {
  for (;;) {
    const job = await client.py.meta('jobs', jobId);
    if (job?.status === 'running' && Number(job.progress) >= 2) return;
    if (job?.status === 'finished' || job?.status === 'aborted') throw new Error(`job ${jobId} ended before it could be interrupted`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('indexing job lifecycle', () => {
  it('a cancelled job ends aborted and takes back what it had written', async () => {
    const uid = await client.addSession('cancelled', 'rosbags');
    const res = await client.post('indexing/index_rosbag', { file_objects_dicts: [bag], session_uid: uid, sets_prefix: 'cancelled' });
    const jobId = (res.json as { job_id: string }).job_id;
    await untilRunning(jobId);
    const cancel = await pyRequest('PUT', `${engine.url}/v1/jobs/cancel/${jobId}`, { token: engine.adminToken });
    expect(cancel.status).toBe(200);
    const job = await client.py.waitForJob(jobId, 120_000);
    expect(job.status).toBe('aborted');
    expect((job.notes as string[]).join('\n')).toContain('Cancelled by the user.');
    for (const kind of ['images', 'lidars', 'videos']) expect(await client.assetsOfSession(kind, uid)).toEqual([]);
    expect(await client.session(uid)).toMatchObject({ status: 'ready', indexing_error: 'cancelled' });
  });

  it('a job the engine stopped in the middle runs again after the restart and ends complete', async () => {
    const res = await client.post('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'interrupted', image_skip_factor: 2 });
    const { job_id: jobId, session_uid: uid } = res.json as { job_id: string; session_uid: string };
    await untilRunning(jobId);
    engine = await env().restart();
    const job = await client.py.waitForJob(jobId, 240_000);
    expect(job.status, JSON.stringify(job.notes)).toBe('finished');
    expect((job.notes as string[]).join('\n')).toContain('The engine restarted while this job was running; it was queued again.');
    const front = drive.truth.topic('/camera/front/image_raw').count;
    const left = drive.truth.topic('/camera/left/compressed').count;
    expect(await client.assetsOfSession('images', uid)).toHaveLength(Math.ceil(front / 2) + Math.ceil(left / 2));
    expect(await client.assetsOfSession('lidars', uid)).toHaveLength(drive.truth.topic('/lidar/points').count);
    expect(await client.assetsOfSession('videos', uid)).toHaveLength(2);
    expect(await client.session(uid)).toMatchObject({ status: 'ready', session_name: 'interrupted' });
  });
});
