import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectIndexedDrive } from '../../../helpers/indexing/expectIndexedDrive';
import type { IndexingClient } from '../../../helpers/indexing/IndexingClient';
import { bzip2Available } from '../../../helpers/recordings/compressBzip2';
import type { DriveCamera } from '../../../helpers/recordings/DriveScenario';
import { generateDrive, type DriveResult, type DriveTarget } from '../../../helpers/recordings/generateDrive';
import { loadFixtureJpegs } from '../../../helpers/recordings/loadFixtureJpegs';

import { useIndexingEngine } from '../../../helpers/indexing/useIndexingEngine';
import { useTempDir } from '../../../helpers/useTempDir';

// Every recording format the engine indexes, written by generateDrive with images, compressed
// images, point clouds, GPS and IMU, uploaded as the Python client uploads (small parts, so that
// the stored objects are multi-part blobs), indexed through the client's routes, and every
// extracted asset checked against what was written.

const tmp = useTempDir('scenedock-index-drives-');
const env = useIndexingEngine();
let client: IndexingClient;
beforeAll(() => {
  client = env().client;
});

/** Raw cameras in every encoding the indexer must handle, a PNG camera, and (with the fixtures) a JPEG one. */
const CAMERAS: DriveCamera[] = [
  { topic: '/camera/front/image_raw', frameId: 'camera_front', kind: 'raw', width: 64, height: 48, encoding: 'rgb8' },
  { topic: '/camera/rear/image_raw', frameId: 'camera_rear', kind: 'raw', width: 33, height: 21, encoding: 'bgr8' },
  { topic: '/camera/ir/image_raw', frameId: 'camera_ir', kind: 'raw', width: 40, height: 30, encoding: 'mono16' },
  { topic: '/camera/mono/image_raw', frameId: 'camera_mono', kind: 'raw', width: 24, height: 16, encoding: 'mono8' },
  { topic: '/camera/left/compressed', frameId: 'camera_left', kind: 'compressed', width: 64, height: 48, encoding: 'rgb8', format: 'png' },
];

interface Case {
  name: string;
  route: 'indexing/index_rosbag' | 'indexing/index_rosbag2';
  target: (dir: string) => DriveTarget;
  skip?: string;
}

const CASES: Case[] = [
  { name: 'ROS 1 bag, uncompressed chunks', route: 'indexing/index_rosbag', target: (d) => ({ format: 'ros1-bag', path: join(d, 'drive.bag'), options: { compression: 'none' } }) },
  { name: 'ROS 1 bag, lz4 chunks', route: 'indexing/index_rosbag', target: (d) => ({ format: 'ros1-bag', path: join(d, 'drive.bag'), options: { compression: 'lz4' } }) },
  {
    name: 'ROS 1 bag, bz2 chunks', route: 'indexing/index_rosbag', target: (d) => ({ format: 'ros1-bag', path: join(d, 'drive.bag'), options: { compression: 'bz2' } }),
    ...(bzip2Available() ? {} : { skip: 'no bzip2 program to write bz2 chunks' }),
  },
  { name: 'ROS 2 db3 folder split in three, WAL', route: 'indexing/index_rosbag2', target: (d) => ({ format: 'ros2-db3', dir: join(d, 'drive'), options: { maxMessagesPerFile: 60, journalMode: 'wal', metadataVersion: 5 } }) },
  { name: 'ROS 2 db3 folder, metadata version 8', route: 'indexing/index_rosbag2', target: (d) => ({ format: 'ros2-db3', dir: join(d, 'drive'), options: { metadataVersion: 8 } }) },
  { name: 'ROS 2 mcap folder', route: 'indexing/index_rosbag2', target: (d) => ({ format: 'ros2-mcap', dir: join(d, 'drive'), options: { compression: 'zstd' } }) },
  { name: 'standalone MCAP, ros2 profile', route: 'indexing/index_rosbag2', target: (d) => ({ format: 'mcap', path: join(d, 'drive.mcap'), profile: 'ros2', options: { compression: 'lz4' } }) },
  { name: 'standalone MCAP, ros1 profile', route: 'indexing/index_rosbag2', target: (d) => ({ format: 'mcap', path: join(d, 'drive.mcap'), profile: 'ros1', options: { compression: 'zstd' } }) },
  { name: 'standalone MCAP, json profile, unchunked', route: 'indexing/index_rosbag2', target: (d) => ({ format: 'mcap', path: join(d, 'drive.mcap'), profile: 'json', options: { chunked: false } }) },
];

describe('indexing generated drives of every format', () => {
  for (const [n, c] of CASES.entries()) {
    it.skipIf(c.skip !== undefined)(`${c.name}${c.skip ? ` (skipped: ${c.skip})` : ''}`, async () => {
      const dir = join(tmp(), `case${n}`);
      await mkdir(dir, { recursive: true });
      const jpegs = await loadFixtureJpegs();
      const cameras = jpegs ? [...CAMERAS, { topic: '/camera/right/compressed', frameId: 'camera_right', kind: 'compressed' as const, width: 0, height: 0, encoding: 'rgb8' as const, format: 'jpeg' as const }] : CAMERAS;
      const drive: DriveResult = await generateDrive(c.target(dir), { cameraFrames: 12, cameras, ...(jpegs ? { jpegFrames: jpegs.map((j) => j.bytes) } : {}) });
      const sets = { images: `set_images_${n}`, videos: `set_videos_${n}`, lidars: `set_lidars_${n}` };
      for (const [kind, id] of Object.entries(sets)) await client.createSet(id, `${c.name} ${kind}`, kind);
      const objects = [];
      for (const file of drive.files) objects.push(await client.upload(file, `drives/${n}/${file.split('/').pop() ?? 'file'}`, { multipartFrom: 64 * 1024, partBytes: 48 * 1024 }));
      const uid = await client.addSession(`drive ${n}`, c.route === 'indexing/index_rosbag' ? 'rosbags' : 'generic');
      const result = await client.index(c.route, { file_objects_dicts: objects, sets_map: sets, session_uid: uid, image_skip_factor: 1 });
      expect(result.sessionUid).toBe(uid);
      await expectIndexedDrive(client, result, drive.truth, { sets, imageSkip: 1, tmp: dir });
      const summary = (await client.session(uid))?.session_aux as { indexing: { topics: { topic: string; kind: string; message_count: number }[] } };
      expect(summary.indexing.topics.find((t) => t.topic === '/driver/notes')).toMatchObject({ kind: 'count', message_count: drive.truth.topic('/driver/notes').count });
      expect((result.job.notes as string[]).join('\n')).toContain('/driver/notes (std_msgs/String)');
    });
  }
});
