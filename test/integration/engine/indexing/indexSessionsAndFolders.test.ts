import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_MISSING, fixturesDir } from '../../../helpers/fixturesDir';
import { type IndexingClient, indexingSummaryOf } from '../../../helpers/indexing/IndexingClient';
import { pyRequest } from '../../../helpers/pythonStyleRequest';
import { generateDrive } from '../../../helpers/recordings/generateDrive';
import type { TestEngine } from '../../../helpers/startTestEngine';
import { useIndexingEngine } from '../../../helpers/indexing/useIndexingEngine';
import { useTempDir } from '../../../helpers/useTempDir';

// register_rosbag_session (rosbag assets and a stored session folder) and index_recording (a
// storage folder of videos and images as one session).

const tmp = useTempDir('scenedock-index-sessions-');
const root = fixturesDir();
const env = useIndexingEngine();
let engine: TestEngine;
let client: IndexingClient;
beforeAll(() => {
  ({ engine, client } = env());
});

describe('register_rosbag_session', () => {
  it('indexes the rosbag assets listed in source_data into a new rosbags session', async () => {
    const path = join(tmp(), 'registered.bag');
    const { truth } = await generateDrive({ format: 'ros1-bag', path }, { cameraFrames: 6 });
    const access = await client.upload(path, 'rosbags/registered.bag');
    const meta = await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch/`, client.py.amParams('rosbags', { replace: true, replace_sets: false }),
      { ids: ['bag_0001'], metadata: [{ id: 'bag_0001', object_access: access, timestamp: '2026-01-01T00:00:00' }] });
    expect(meta.status).toBe(200);
    const res = await client.py.se('indexing/register_rosbag_session/', { session_name: 'registered', session_directory_path: null, source_data: ['bag_0001'], session_configuration: { vehicle: 'car 7' } });
    expect(res.status).toBe(200);
    const { job_id: jobId, session_uid: uid } = res.json as { job_id: string; session_uid: string };
    const job = await client.py.waitForJob(jobId, 120_000);
    expect(job.status, JSON.stringify(job.notes)).toBe('finished');
    const session = await client.session(uid);
    expect(session).toMatchObject({ session_name: 'registered', session_type: 'rosbags', status: 'ready', session_configuration: { vehicle: 'car 7' } });
    expect(session?.source_data).toContainEqual({ sensor: 'rosbag', id: 'bag_0001', type: 'rosbags' });
    expect(await client.assetsOfSession('images', uid)).toHaveLength(2 * truth.topic('/camera/front/image_raw').count);
  });

  it('indexes the recording files stored under session_directory_path', async () => {
    const dir = join(tmp(), 'folder_bag');
    const { files, truth } = await generateDrive({ format: 'ros2-mcap', dir }, { cameraFrames: 6 });
    for (const f of files) await client.upload(f, `sessions/run7/${f.split('/').pop() ?? f}`);
    const res = await client.py.se('indexing/register_rosbag_session/', { session_name: 'run 7', session_directory_path: 'sessions/run7', source_data: [], session_configuration: null });
    expect(res.status).toBe(200);
    const { job_id: jobId, session_uid: uid } = res.json as { job_id: string; session_uid: string };
    expect((await client.py.waitForJob(jobId, 120_000)).status).toBe('finished');
    expect(indexingSummaryOf(await client.session(uid))).toMatchObject({ recording: 'ros2', lidars: truth.topic('/lidar/points').count });
  });

  it('refuses a request that names nothing to index, and an unknown rosbag', async () => {
    const none = await client.py.se('indexing/register_rosbag_session/', { session_name: 'empty', session_directory_path: null, source_data: [], session_configuration: null });
    expect([none.status, none.text]).toEqual([400, expect.stringContaining('nothing to index')]);
    const unknown = await client.py.se('indexing/register_rosbag_session/', { session_name: 'unknown', source_data: ['no_such_bag'] });
    expect([unknown.status, unknown.text]).toEqual([400, expect.stringContaining('source_data.0: no rosbags asset no_such_bag')]);
  });
});

describe.skipIf(!root || !existsSync(join(root, 'video')) || !existsSync(join(root, 'images')))(`index_recording (${root ? 'fixture videos and images' : FIXTURES_MISSING})`, () => {
  it('a folder of videos and images becomes one videos session, each file an asset pointing at the stored object', async () => {
    const fixtures = root ?? '';
    const folder = join(tmp(), 'rec');
    await mkdir(join(folder, 'front'), { recursive: true });
    const files: [string, string][] = [
      [join(fixtures, 'video/moviepy/chaplin.mp4'), 'front/chaplin.mp4'],
      [join(fixtures, 'video/mimetype/mov.mov'), 'mov.mov'],
      [join(fixtures, 'images/mmdetection3d/kitti/000000.png'), 'front/000000.png'],
      [join(fixtures, 'images/exifr/noexif.jpg'), '1700000000123.jpg'],
    ];
    for (const [from, to] of files) {
      await copyFile(from, join(folder, to));
      await client.upload(join(folder, to), `recordings/rec1/${to}`, { assetType: 'videos' });
    }
    await client.upload(join(fixtures, 'images/exifr/noexif.jpg'), 'recordings/rec1/notes.txt', { assetType: 'videos' });
    const res = await client.py.se('indexing/index_recording', { uri: 's3://scenedock/recordings/rec1', bucket: 'scenedock', recording_name: 'rec1', session_set_id: null, session_aux_metadata: { car: 'A' } });
    expect(res.status).toBe(200);
    const { job_id: jobId, session_uid: uid } = res.json as { job_id: string; session_uid: string };
    const job = await client.py.waitForJob(jobId, 120_000);
    expect(job.status, JSON.stringify(job.notes)).toBe('finished');
    expect(await client.session(uid)).toMatchObject({ session_name: 'rec1', session_type: 'videos', status: 'ready', session_aux: { car: 'A' } });
    const videos = await client.assetsOfSession('videos', uid);
    expect(videos.map((v) => [v.sensor, v.width, v.height, Math.round(Number(v.duration) * 10) / 10]).sort()).toEqual([['camera', 560, 320, 5.6], ['front', 640, 360, 9.6]]);
    for (const v of videos) expect(String((v.object_access as { uri: string }).uri)).toMatch(/\/recordings\/rec1\/(front\/chaplin\.mp4|mov\.mov)$/);
    const images = await client.assetsOfSession('images', uid);
    const kitti = imageSize(readFileSync(join(fixtures, 'images/mmdetection3d/kitti/000000.png')));
    expect(images.map((i) => [i.sensor, i.width, i.height]).sort()).toContainEqual(['front', kitti.width, kitti.height]);
    expect(images.find((i) => i.sensor === 'camera')?.timestamp).toBe('2023-11-14T22:13:20.123000+00:00');
    const entities = await client.entitySummary(uid);
    expect([entities.video?.count, entities.image?.count]).toEqual([2, 2]);
  });

  it('a folder without videos or images is refused', async () => {
    const res = await client.py.se('indexing/index_recording', { uri: 's3://scenedock/recordings/nothing_here', bucket: 'scenedock', recording_name: null, session_set_id: null, session_aux_metadata: null });
    expect([res.status, res.text]).toEqual([400, expect.stringContaining('no videos')]);
  });
});
