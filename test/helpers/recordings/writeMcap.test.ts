import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McapTypes } from '@mcap/core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DriveCamera } from './DriveScenario';
import { expectDecodedSample } from './expectDecodedSample';
import { expectDriveMessages } from './expectDriveMessages';
import { generateDrive, type DriveTruth } from './generateDrive';
import { jsonSchemaForRosType } from './jsonSchemaForRosType';
import { mcapDecoder, mcapIndexedMessages, mcapStreamRecords, openMcap, readRosbag2Metadata, type ReadMessage } from './recordingReaders';
import type { RosTypeName } from './rosTypeDefinitions';
import type { McapProfile } from './topicDeclarations';
import type { McapCompression } from './writeMcap';

// mono8 and mono16 raw frames here (rgb8 / bgr8 are covered by the bag tests).
const CAMERAS: DriveCamera[] = [
  { topic: '/camera/ir/image_raw', frameId: 'camera_ir', kind: 'raw', width: 33, height: 21, encoding: 'mono8' },
  { topic: '/camera/depth/image_raw', frameId: 'camera_depth', kind: 'raw', width: 20, height: 10, encoding: 'mono16' },
  { topic: '/camera/left/compressed', frameId: 'camera_left', kind: 'compressed', width: 24, height: 16, encoding: 'bgr8', format: 'png' },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenedock-mcap-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SCHEMA_ENCODING: Record<McapProfile, string> = { ros1: 'ros1msg', ros2: 'ros2msg', json: 'jsonschema' };
const MESSAGE_ENCODING: Record<McapProfile, string> = { ros1: 'ros1', ros2: 'cdr', json: 'json' };

/** Reads the whole file with the streaming reader and checks its records against the truth. */
async function expectStreamMatches(path: string, truth: DriveTruth, chunked: boolean): Promise<McapTypes.Header | undefined> {
  let header: McapTypes.Header | undefined;
  const schemas = new Map<number, McapTypes.Schema>();
  const channels = new Map<number, McapTypes.Channel>();
  const messages: ReadMessage[] = [];
  let chunks = 0;
  let statistics: McapTypes.Statistics | undefined;
  for await (const record of mcapStreamRecords(path)) {
    if (record.type === 'Header') header = record;
    if (record.type === 'Schema') schemas.set(record.id, record);
    if (record.type === 'Channel') channels.set(record.id, record);
    if (record.type === 'Chunk') chunks++;
    if (record.type === 'Statistics') statistics = record;
    if (record.type === 'Message') {
      const channel = channels.get(record.channelId);
      if (!channel) throw new Error(`message before its channel ${record.channelId}`);
      messages.push({ topic: channel.topic, logTimeNs: record.logTime, data: record.data, decoded: mcapDecoder(channel, schemas.get(channel.schemaId))(record.data) });
    }
  }
  await expectDriveMessages(messages, truth);
  expect(chunks > 0).toBe(chunked);
  expect(statistics?.messageCount).toBe(BigInt(truth.messageCount));
  expect(statistics?.messageStartTime).toBe(truth.startTimeNs);
  expect(statistics?.messageEndTime).toBe(truth.endTimeNs);
  return header;
}

describe('writeMcap + generateDrive (standalone MCAP)', () => {
  const cases: Array<{ profile: McapProfile; compression: McapCompression; chunked: boolean }> = [
    { profile: 'ros2', compression: 'zstd', chunked: true },
    { profile: 'ros2', compression: 'none', chunked: false },
    { profile: 'ros1', compression: 'lz4', chunked: true },
    { profile: 'json', compression: 'zstd', chunked: true },
    { profile: 'json', compression: 'lz4', chunked: true },
  ];
  for (const { profile, compression, chunked } of cases) {
    it(`writes profile ${profile}, ${chunked ? `${compression} chunks` : 'unchunked'}, read back by the indexed and the stream readers`, async () => {
      const path = join(dir, `drive-${profile}-${compression}-${String(chunked)}.mcap`);
      const { truth } = await generateDrive(
        { format: 'mcap', path, profile, options: { compression, chunked, chunkSize: 8 * 1024 } },
        { cameraFrames: 5, cameras: CAMERAS },
      );
      const { reader, close } = await openMcap(path);
      onTestFinished(close);
      expect(reader.header.profile).toBe(profile === 'json' ? '' : profile);
      if (chunked) {
        expect(reader.chunkIndexes.length).toBeGreaterThan(2);
        expect(reader.chunkIndexes.every((c) => c.compression === (compression === 'none' ? '' : compression))).toBe(true);
      }
      expect(reader.statistics?.channelMessageCounts.size).toBe(truth.topics.length);
      for (const [channelId, count] of reader.statistics?.channelMessageCounts ?? []) {
        const channel = reader.channelsById.get(channelId);
        const schema = reader.schemasById.get(channel?.schemaId ?? -1);
        const topic = truth.topic(channel?.topic ?? '?');
        expect(count).toBe(BigInt(topic.count));
        expect(channel?.messageEncoding).toBe(MESSAGE_ENCODING[profile]);
        expect(schema?.encoding).toBe(SCHEMA_ENCODING[profile]);
        expect(schema?.name).toBe(profile === 'ros2' ? topic.ros2Type : topic.type);
        if (profile === 'json') {
          expect(JSON.parse(Buffer.from(schema?.data ?? []).toString('utf8'))).toEqual(jsonSchemaForRosType(topic.type as RosTypeName));
        }
      }
      if (chunked) await expectDriveMessages(mcapIndexedMessages(reader), truth);
      const header = await expectStreamMatches(path, truth, chunked);
      expect(header?.library).toBe('scenedock test writer');
    });
  }

  it('serves time-range queries through the chunk and message indexes', async () => {
    const path = join(dir, 'range.mcap');
    const { truth } = await generateDrive({ format: 'mcap', path, profile: 'ros2', options: { chunkSize: 8 * 1024 } }, { cameraFrames: 8 });
    const { reader, close } = await openMcap(path);
    onTestFinished(close);
    const gps = truth.topic('/gps/fix');
    const [from, to] = [gps.logTimesNs[1] ?? 0n, gps.logTimesNs[2] ?? 0n];
    const got: bigint[] = [];
    for await (const message of reader.readMessages({ topics: ['/gps/fix'], startTime: from, endTime: to })) {
      got.push(message.logTime);
      const channel = reader.channelsById.get(message.channelId);
      if (!channel) throw new Error('unknown channel');
      expectDecodedSample(mcapDecoder(channel, reader.schemasById.get(channel.schemaId))(message.data), truth.sample('/gps/fix', got.length));
    }
    expect(got).toEqual([from, to]);
  });
});

describe('writeRos2McapBag + generateDrive (rosbag2 folder with mcap storage)', () => {
  for (const version of [5, 8] as const) {
    it(`writes metadata.yaml version ${version} and a ros2 MCAP that both readers accept`, async () => {
      const bagDir = join(dir, `mcapbag_v${version}`);
      const { truth, files } = await generateDrive({ format: 'ros2-mcap', dir: bagDir, options: { metadataVersion: version, compression: 'zstd' } }, { cameraFrames: 4 });
      expect((await readdir(bagDir)).sort()).toEqual([`mcapbag_v${version}_0.mcap`, 'metadata.yaml']);
      expect(files).toEqual([join(bagDir, `mcapbag_v${version}_0.mcap`), join(bagDir, 'metadata.yaml')]);
      const metadata = await readRosbag2Metadata(bagDir);
      expect(metadata).toMatchObject({ version, storage_identifier: 'mcap', message_count: truth.messageCount, relative_file_paths: [`mcapbag_v${version}_0.mcap`] });
      expect(metadata.starting_time.nanoseconds_since_epoch).toBe(truth.startTimeNs);
      expect(Object.fromEntries(metadata.topics_with_message_count.map((t) => [t.topic_metadata.name, t.message_count])))
        .toEqual(Object.fromEntries(truth.topics.map((t) => [t.topic, t.count])));
      const { reader, close } = await openMcap(join(bagDir, `mcapbag_v${version}_0.mcap`));
      onTestFinished(close);
      expect(reader.header.profile).toBe('ros2');
      for (const channel of reader.channelsById.values()) {
        expect([...channel.metadata.keys()].sort()).toEqual(['offered_qos_profiles', 'topic_type_hash']);
        expect(channel.metadata.get('offered_qos_profiles')).toContain('reliability: 1');
      }
      const records = [];
      for await (const record of reader.readMetadata({ name: 'rosbag2' })) records.push(record);
      expect(records).toHaveLength(version === 8 ? 1 : 0);
      if (version === 8) expect(records[0]?.metadata.get('serialized_metadata')).toMatch(/^version: 8\nstorage_identifier: mcap\n/);
      await expectDriveMessages(mcapIndexedMessages(reader), truth);
      await expectStreamMatches(join(bagDir, `mcapbag_v${version}_0.mcap`), truth, true);
    });
  }
});
