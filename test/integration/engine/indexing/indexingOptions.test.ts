import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { type IndexingClient, indexingSummaryOf, type Doc } from '../../../helpers/indexing/IndexingClient';
import { generateDrive, type DriveResult } from '../../../helpers/recordings/generateDrive';

import { useIndexingEngine } from '../../../helpers/indexing/useIndexingEngine';
import { useTempDir } from '../../../helpers/useTempDir';

// The request options of index_rosbag / index_rosbag2 as the client sends them (topics, sensors,
// image_skip_factor, sets_map / sets_prefix, indexing_parameters), requests the engine refuses,
// and re-indexing into the same session.

const tmp = useTempDir('scenedock-index-options-');
const env = useIndexingEngine();
let client: IndexingClient;
let drive: DriveResult;
let bag: { uri: string; filename: string };

beforeAll(async () => {
  client = env().client;
  drive = await generateDrive({ format: 'ros1-bag', path: join(tmp(), 'drive.bag'), options: { compression: 'lz4' } }, { cameraFrames: 12 });
  bag = await client.upload(join(tmp(), 'drive.bag'), 'options/drive.bag');
});

const aux = (doc: Doc): { topic: string; sequence: number; timestamp_source: string; log_time: string } => doc.aux as never;

describe('index_rosbag options', () => {
  it('topics: only the named topics are indexed; the others are counted and said to be left out', async () => {
    const result = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'topics', topics: ['/camera/front/image_raw', 'gps/fix', '/radar/tracks'], sets_prefix: 'topics' });
    expect(result.job.status).toBe('finished');
    const images = await client.assetsOfSession('images', result.sessionUid);
    expect(new Set(images.map((d) => aux(d).topic))).toEqual(new Set(['/camera/front/image_raw']));
    expect(images).toHaveLength(12);
    expect(await client.assetsOfSession('lidars', result.sessionUid)).toEqual([]);
    const entities = await client.entitySummary(result.sessionUid);
    expect(entities.geolocation?.count).toBe(drive.truth.topic('/gps/fix').count);
    expect(Object.keys(entities).some((n) => n.startsWith('imu_data'))).toBe(false);
    const summary = indexingSummaryOf(await client.session(result.sessionUid));
    expect(summary.topics.find((t) => t.topic === '/imu/data')).toMatchObject({ selected: false, message_count: drive.truth.topic('/imu/data').count, indexed: 0 });
    expect((result.job.notes as string[]).join('\n')).toContain('/lidar/points (sensor_msgs/PointCloud2): 12 messages, not indexed: not among the requested topics');
    expect((result.job.notes as string[]).join('\n')).toContain('topics: /radar/tracks has no messages in the recording');
  });

  it('image_skip_factor: every n-th frame becomes an image, the videos keep every frame', async () => {
    const result = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'skip', image_skip_factor: 5 });
    const images = await client.assetsOfSession('images', result.sessionUid);
    expect(images.map((d) => `${aux(d).topic}#${aux(d).sequence}`).sort()).toEqual([
      '/camera/front/image_raw#0', '/camera/front/image_raw#10', '/camera/front/image_raw#5',
      '/camera/left/compressed#0', '/camera/left/compressed#10', '/camera/left/compressed#5',
    ]);
    const videos = await client.assetsOfSession('videos', result.sessionUid);
    expect(videos.map((v) => (v.aux as { frame_count: number }).frame_count)).toEqual([12, 12]);
  });

  it('sensors as a list (the client\'s form): videos only of those sensors', async () => {
    const result = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'sensor list', sensors: ['camera_left_compressed'] });
    const videos = await client.assetsOfSession('videos', result.sessionUid);
    expect(videos.map((v) => v.sensor)).toEqual(['camera_left_compressed']);
    expect(await client.assetsOfSession('images', result.sessionUid)).toHaveLength(24);
  });

  it('sensors as a map: topics get the sensor names given', async () => {
    const result = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'sensor map', sensors: { '/camera/front/image_raw': 'front', '/imu/data': 'imu' } });
    const images = await client.assetsOfSession('images', result.sessionUid);
    expect(new Set(images.map((d) => d.sensor))).toEqual(new Set(['front', 'camera_left_compressed']));
    const entities = await client.entitySummary(result.sessionUid);
    expect(entities.imu_angular_velocity_z?.count).toBe(drive.truth.topic('/imu/data').count);
    const session = await client.session(result.sessionUid);
    expect(session?.sensors).toEqual(expect.arrayContaining([{ name: 'front', type: 'camera' }, { name: 'imu', type: 'imu' }, { name: 'lidar_points', type: 'lidar' }, { name: 'gps_fix', type: 'gps' }]));
  });

  it('indexing_parameters: no videos, every second scan, log times, scalar topics, and unknown keys noted', async () => {
    const result = await client.index('indexing/index_rosbag', {
      file_objects_dicts: [bag], session_name: 'parameters',
      indexing_parameters: { make_videos: false, lidar_skip_factor: 2, timestamp_source: 'log', scalar_topics: ['/driver/notes'], png_compression_level: 9, frobnicate: true },
    });
    expect(result.job.status).toBe('finished');
    expect(await client.assetsOfSession('videos', result.sessionUid)).toEqual([]);
    const lidars = await client.assetsOfSession('lidars', result.sessionUid);
    expect(lidars.map((d) => aux(d).sequence).sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10]);
    for (const d of lidars) expect(d.timestamp).toBe(aux(d).log_time);
    expect(new Set(lidars.map((d) => aux(d).timestamp_source))).toEqual(new Set(['log_time']));
    const notes = (result.job.notes as string[]).join('\n');
    expect(notes).toContain('indexing_parameters frobnicate are not used by this engine');
    expect(notes).toContain(`/driver/notes (std_msgs/String): 0 of ${drive.truth.topic('/driver/notes').count} messages indexed; 0 failed; its messages have no numeric fields`);
  });

  it('encode_raw_images false: raw frames are checked but make no images and no video; compressed frames are kept', async () => {
    const result = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'no encoding', indexing_parameters: { encode_raw_images: false } });
    const images = await client.assetsOfSession('images', result.sessionUid);
    expect(new Set(images.map((d) => aux(d).topic))).toEqual(new Set(['/camera/left/compressed']));
    expect((await client.assetsOfSession('videos', result.sessionUid)).map((v) => v.sensor)).toEqual(['camera_left_compressed']);
    const front = indexingSummaryOf(await client.session(result.sessionUid)).topics.find((t) => t.topic === '/camera/front/image_raw');
    expect(front).toMatchObject({ indexed: 12, failed: 0, reason: expect.stringContaining('not encoded') });
  });

  it('sets_prefix: the prefix sets are made once and reused', async () => {
    const first = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'prefix 1', sets_prefix: 'drives' });
    const second = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_name: 'prefix 2', sets_prefix: 'drives' });
    const sets = await client.py.searchMeta('sets', { filters: [{ field: 'name', values: ['drives_images', 'drives_videos', 'drives_lidars'] }] });
    expect(sets.map((s) => [s.name, s.assets_type]).sort()).toEqual([['drives_images', 'images'], ['drives_lidars', 'lidars'], ['drives_videos', 'videos']]);
    const imagesSet = String(sets.find((s) => s.name === 'drives_images')?.id);
    const members = await client.setMembers('images', imagesSet);
    expect(new Set(members.map((m) => m.session_uid))).toEqual(new Set([first.sessionUid, second.sessionUid]));
    expect(members).toHaveLength(48);
  });

  it('indexing the same files into the same session again replaces its assets and entities instead of adding to them', async () => {
    const uid = await client.addSession('again', 'rosbags');
    const once = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_uid: uid });
    const counts = async () => ({
      images: (await client.assetsOfSession('images', uid)).length,
      lidars: (await client.assetsOfSession('lidars', uid)).length,
      videos: (await client.assetsOfSession('videos', uid)).length,
      entities: Object.values(await client.entitySummary(uid)).reduce((n, e) => n + e.count, 0),
    });
    const first = await counts();
    const twice = await client.index('indexing/index_rosbag', { file_objects_dicts: [bag], session_uid: uid });
    expect([once.job.status, twice.job.status]).toEqual(['finished', 'finished']);
    expect(await counts()).toEqual(first);
  });

  it('a presigned download URL of the engine works as a file object; any other URL is refused', async () => {
    const url = (await client.py.se('../am/v1/storage/url_from_object_access/', { uri: bag.uri })).json as { url: string };
    const result = await client.index('indexing/index_rosbag', { file_objects_dicts: [{ url: url.url, filename: 'drive.bag' }], session_name: 'by url' });
    expect(result.job.status).toBe('finished');
    const foreign = await client.post('indexing/index_rosbag', { file_objects_dicts: [{ url: 'https://example.com/drive.bag', filename: 'drive.bag' }] });
    expect(foreign.status).toBe(400);
    expect(foreign.text).toContain('file_objects_dicts.0: the engine indexes objects it stores');
  });

  it('refuses requests it cannot run with a 400 or 404 naming the problem', async () => {
    const none = await client.post('indexing/index_rosbag', { file_objects_dicts: [] });
    expect([none.status, none.text]).toEqual([400, expect.stringContaining('file_objects_dicts: lists no files')]);
    const missing = await client.post('indexing/index_rosbag2', { file_objects_dicts: [{ uri: 's3://scenedock/nobody/x.mcap', filename: 'x.mcap' }] });
    expect([missing.status, missing.text]).toEqual([400, expect.stringContaining('file_objects_dicts.0: no object s3://scenedock/nobody/x.mcap')]);
    const noSession = await client.post('indexing/index_rosbag', { file_objects_dicts: [bag], session_uid: 'no_such_session' });
    expect(noSession.status).toBe(404);
    const badSkip = await client.post('indexing/index_rosbag', { file_objects_dicts: [bag], image_skip_factor: 0 });
    expect(badSkip.status).toBe(400);
  });
});

describe('rosbag2 metadata.yaml versions', () => {
  it('reads version 6 and version 9 (QoS profiles as a YAML sequence)', async () => {
    for (const version of [6, 9]) {
      const dir = join(tmp(), `v${version}`);
      await mkdir(dir, { recursive: true });
      const { files } = await generateDrive({ format: 'ros2-db3', dir, options: { metadataVersion: 8 } }, { cameraFrames: 4 });
      const metadataPath = files.find((f) => f.endsWith('metadata.yaml')) ?? '';
      const yaml = parse(await readFile(metadataPath, 'utf8'), { intAsBigInt: true }) as { rosbag2_bagfile_information: Record<string, unknown> & { topics_with_message_count: { topic_metadata: Record<string, unknown> }[] } };
      const info = yaml.rosbag2_bagfile_information;
      info.version = version;
      if (version === 9) {
        for (const t of info.topics_with_message_count) t.topic_metadata.offered_qos_profiles = [{ history: 'keep_last', depth: 10, reliability: 'reliable', durability: 'volatile' }];
      } else {
        delete info.ros_distro;
      }
      await writeFile(metadataPath, stringify(yaml));
      const objects = [];
      for (const f of files) objects.push(await client.upload(f, `versions/${version}/${f.split('/').pop() ?? f}`));
      const result = await client.index('indexing/index_rosbag2', { file_objects_dicts: objects, session_name: `version ${version}` });
      expect(result.job.status, JSON.stringify(result.job.notes)).toBe('finished');
      const summary = indexingSummaryOf(await client.session(result.sessionUid)) as unknown as { metadata_version: number; images: number };
      expect(summary).toMatchObject({ metadata_version: version, images: 8 });
    }
  });
});
