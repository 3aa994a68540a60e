import { parse } from '@foxglove/rosmsg';
import { MessageReader as CdrMessageReader } from '@foxglove/rosmsg2-serialization';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixturesDir } from '../fixturesDir';
import type { DriveCamera } from './DriveScenario';
import { expectDecodedSample } from './expectDecodedSample';
import { expectDriveMessages } from './expectDriveMessages';
import { generateDrive } from './generateDrive';
import { db3BagMessages, openDb3, readRosbag2Metadata } from './recordingReaders';
import { writeRos2Db3Bag } from './writeRos2Db3Bag';

const FIXTURES = fixturesDir();
const LAYOUT_CASE = FIXTURES
  ? 'uses the same table layouts as the real humble and rolling db3 fixtures'
  : 'uses the table layouts of the real db3 fixtures (skipped: real fixtures folder missing, set SCENEDOCK_FIXTURES)';

// Other encodings than the ROS 1 test: bgr8 raw frames and 16-bit PNG depth frames.
const CAMERAS: DriveCamera[] = [
  { topic: '/camera/front/image_raw', frameId: 'camera_front', kind: 'raw', width: 40, height: 30, encoding: 'bgr8' },
  { topic: '/camera/depth/compressed', frameId: 'camera_depth', kind: 'compressed', width: 32, height: 24, encoding: 'mono16', format: 'png' },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenedock-db3-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const columnRow = z.object({ name: z.string() });
async function columns(path: string, table: string): Promise<string[]> {
  const db = await openDb3(path);
  try {
    return z.array(columnRow).parse(db.prepare(`PRAGMA table_info(${table})`).all()).map((c) => c.name);
  } finally {
    db.close();
  }
}

async function tables(path: string): Promise<string[]> {
  const db = await openDb3(path);
  try {
    return z.array(columnRow).parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).map((t) => t.name);
  } finally {
    db.close();
  }
}

describe('writeRos2Db3Bag + generateDrive', () => {
  for (const version of [5, 8] as const) {
    it(`writes a version ${version} bag split over several db3 files that better-sqlite3 + CDR read back`, async () => {
      const bagDir = join(dir, `drive_v${version}`);
      const { truth, files } = await generateDrive(
        { format: 'ros2-db3', dir: bagDir, options: { metadataVersion: version, maxMessagesPerFile: 40 } },
        { cameraFrames: 6, cameras: CAMERAS },
      );
      const metadata = await readRosbag2Metadata(bagDir);
      const expectedFiles = Array.from({ length: Math.ceil(truth.messageCount / 40) }, (_, i) => `drive_v${version}_${i}.db3`);
      expect(metadata.relative_file_paths).toEqual(expectedFiles);
      expect((await readdir(bagDir)).sort()).toEqual([...expectedFiles, 'metadata.yaml'].sort());
      expect(files).toHaveLength(expectedFiles.length + 1);
      expect(metadata).toMatchObject({ version, storage_identifier: 'sqlite3', message_count: truth.messageCount });
      expect(metadata.starting_time.nanoseconds_since_epoch).toBe(truth.startTimeNs);
      expect(metadata.duration.nanoseconds).toBe(truth.endTimeNs - truth.startTimeNs);
      expect(metadata.files.map((f) => f.message_count).reduce((a, b) => a + b, 0)).toBe(truth.messageCount);
      expect(Object.fromEntries(metadata.topics_with_message_count.map((t) => [t.topic_metadata.name, [t.topic_metadata.type, t.message_count]])))
        .toEqual(Object.fromEntries(truth.topics.map((t) => [t.topic, [t.ros2Type, t.count]])));
      expect(metadata.ros_distro).toBe(version === 8 ? 'jazzy' : undefined);
      expect(metadata.topics_with_message_count.every((t) => (t.topic_metadata.type_description_hash !== undefined) === (version === 8))).toBe(true);
      await expectDriveMessages(db3BagMessages(bagDir), truth);
    });
  }

  it('stores decodable ros2msg definitions and the bag metadata inside version 8 files', async () => {
    const bagDir = join(dir, 'definitions');
    const { truth } = await generateDrive({ format: 'ros2-db3', dir: bagDir, options: { metadataVersion: 8 } }, { cameraFrames: 2, cameras: CAMERAS });
    const db = await openDb3(join(bagDir, 'definitions_0.db3'));
    try {
      const definitions = z.array(z.object({ topic_type: z.string(), encoding: z.string(), encoded_message_definition: z.string() }))
        .parse(db.prepare('SELECT topic_type, encoding, encoded_message_definition FROM message_definitions').all());
      expect(definitions.map((d) => d.topic_type).sort()).toEqual([...new Set(truth.topics.map((t) => t.ros2Type))].sort());
      const rows = z.array(z.object({ type: z.string(), data: z.instanceof(Buffer) }))
        .parse(db.prepare('SELECT t.type, m.data FROM messages m JOIN topics t ON t.id = m.topic_id ORDER BY m.timestamp, m.id').all());
      // Decoding with the stored text (not msgs-common) must give the same messages.
      const seen = new Map<string, number>();
      const topicOfType = new Map(truth.topics.map((t) => [t.ros2Type, t.topic]));
      for (const row of rows) {
        const definition = definitions.find((d) => d.topic_type === row.type);
        expect(definition?.encoding).toBe('ros2msg');
        const reader = new CdrMessageReader(parse(definition?.encoded_message_definition ?? '', { ros2: true }));
        const topic = topicOfType.get(row.type) ?? '?';
        const index = seen.get(topic) ?? 0;
        seen.set(topic, index + 1);
        expectDecodedSample(reader.readMessage(row.data), truth.sample(topic, index));
      }
      const stored = z.array(z.object({ metadata_version: z.number(), metadata: z.string() })).parse(db.prepare('SELECT metadata_version, metadata FROM metadata').all());
      expect(stored).toHaveLength(1);
      expect(stored[0]?.metadata_version).toBe(8);
      expect(stored[0]?.metadata).toContain(`message_count: ${truth.messageCount}`);
      const schema = z.object({ schema_version: z.number(), ros_distro: z.string() }).parse(db.prepare('SELECT * FROM schema').get());
      expect(schema).toEqual({ schema_version: 4, ros_distro: 'jazzy' });
    } finally {
      db.close();
    }
  });

  it('can leave the storage file in WAL mode (header bytes 18/19 = 2) and still be read', async () => {
    const bagDir = join(dir, 'wal');
    const { truth } = await generateDrive({ format: 'ros2-db3', dir: bagDir, options: { journalMode: 'wal' } }, { cameraFrames: 2 });
    const bytes = await readFile(join(bagDir, 'wal_0.db3'));
    expect([bytes[18], bytes[19]]).toEqual([2, 2]);
    expect((await readdir(bagDir)).sort()).toEqual(['metadata.yaml', 'wal_0.db3']);
    await expectDriveMessages(db3BagMessages(bagDir), truth);
  });

  it('splits by payload bytes and rejects undeclared topics naming the folder', async () => {
    const bagDir = join(dir, 'bytes');
    const { truth } = await generateDrive({ format: 'ros2-db3', dir: bagDir, options: { maxBytesPerFile: 20_000 } }, { cameraFrames: 4 });
    const metadata = await readRosbag2Metadata(bagDir);
    expect(metadata.relative_file_paths.length).toBeGreaterThan(2);
    expect(metadata.files.every((f, i) => i === 0 || f.starting_time.nanoseconds_since_epoch >= (metadata.files[i - 1]?.starting_time.nanoseconds_since_epoch ?? 0n))).toBe(true);
    await expectDriveMessages(db3BagMessages(bagDir), truth);
    await expect(writeRos2Db3Bag(join(dir, 'bad'), { topics: [], messages: [{ topic: '/x', logTimeNs: 1n, data: new Uint8Array(4) }] }))
      .rejects.toThrow(/bad.*\/x/);
  });

  it.skipIf(!FIXTURES)(LAYOUT_CASE, async () => {
    const root = FIXTURES ?? '';
    const humble = join(root, 'ros2/nebula/velodyne_vlp16/1673400471837873222/1673400471837873222_0.db3');
    const rolling = join(root, 'ros2/rosbag2/sqlite3/talker/talker.db3');
    await generateDrive({ format: 'ros2-db3', dir: join(dir, 'v5'), options: { metadataVersion: 5 } }, { cameraFrames: 1 });
    await generateDrive({ format: 'ros2-db3', dir: join(dir, 'v8'), options: { metadataVersion: 8 } }, { cameraFrames: 1 });
    const ours5 = join(dir, 'v5', 'v5_0.db3');
    const ours8 = join(dir, 'v8', 'v8_0.db3');
    expect(await tables(ours5)).toEqual(await tables(humble));
    expect(await tables(ours8)).toEqual(await tables(rolling));
    for (const table of ['topics', 'messages', 'schema', 'metadata']) {
      expect(await columns(ours5, table), `v5 ${table}`).toEqual(await columns(humble, table));
      expect(await columns(ours8, table), `v8 ${table}`).toEqual(await columns(rolling, table));
    }
    expect(await columns(ours8, 'message_definitions')).toEqual(await columns(rolling, 'message_definitions'));
    // The version 5 metadata.yaml follows the nebula fixture key for key.
    const keys = (text: string): string[] => [...text.matchAll(/^\s*-?\s*([a-z_]+):/gm)].map((m) => m[1] ?? '');
    const fixtureYaml = await readFile(join(root, 'ros2/nebula/velodyne_vlp16/1673400471837873222/metadata.yaml'), 'utf8');
    const ourYaml = await readFile(join(dir, 'v5', 'metadata.yaml'), 'utf8');
    expect([...new Set(keys(ourYaml))]).toEqual([...new Set(keys(fixtureYaml))]);
  });
});
