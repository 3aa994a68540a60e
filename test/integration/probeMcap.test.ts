import { copyFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compress as zstdCompress, isLoaded as zstdLoaded } from '@foxglove/wasm-zstd';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMcapComplete } from '../../main/services/probe/bags/isMcapComplete';
import { probeMcap } from '../../main/services/probe/bags/probeMcap';
import { mcapProbeSchema, type McapProbe } from '../../shared/ingest/bagProbeSchemas';
import { fixturesDir } from '../helpers/fixturesDir';
import { useTempDir } from '../helpers/useTempDir';
import { writeMcapFile } from '../helpers/writeMcapFile';

const fixtures = fixturesDir();
const fixture = (name: string): string => join(fixtures ?? '', name);

interface Expected {
  file: string;
  profile: string;
  library?: string;
  chunkCount: number;
  compressions: string[];
  metadataCount?: number;
  /** topic, schema name, schema encoding, message encoding, count */
  channels: [string, string, string, string, number][];
  messageCount: number;
  start: string;
  end: string;
}

const VEHICLE: Expected['channels'] = [
  ['/vehicle/status', 'vhcl_msgs/msg/Status', 'ros2msg', 'cdr', 96],
  ['/vehicle/imu', 'vhcl_msgs/msg/Imu', 'ros2msg', 'cdr', 8],
];

// Values from SOURCES.md; where it rounds times, the nanoseconds come from the files' own records.
const EXPECTED: Expected[] = [
  { file: 'mcap/solvcon/vehicle_lz4.mcap', profile: 'ros2', library: 'solvcon fixture', chunkCount: 19, compressions: ['lz4'], channels: VEHICLE, messageCount: 104, start: '1700000000000000000', end: '1700000000950000000' },
  { file: 'mcap/solvcon/vehicle_zstd.mcap', profile: 'ros2', chunkCount: 19, compressions: ['zstd'], channels: VEHICLE, messageCount: 104, start: '1700000000000000000', end: '1700000000950000000' },
  { file: 'mcap/solvcon/vehicle_unchunked.mcap', profile: 'ros2', chunkCount: 0, compressions: [], channels: VEHICLE, messageCount: 104, start: '1700000000000000000', end: '1700000000950000000' },
  {
    file: 'mcap/rosbag2/only_topics.mcap', profile: 'ros2', library: 'libmcap 1.1.0', chunkCount: 1, compressions: ['none'], metadataCount: 2, messageCount: 7,
    channels: [
      ['/rosout', 'rcl_interfaces/msg/Log', 'ros2msg', 'cdr', 0],
      ['/parameter_events', 'rcl_interfaces/msg/ParameterEvent', 'ros2msg', 'cdr', 7],
      ['/events/write_split', 'rosbag2_interfaces/msg/WriteSplitEvent', 'ros2msg', 'cdr', 0],
    ],
    start: '1697521620031724098', end: '1697521620038262023',
  },
  {
    file: 'mcap/rosbag2/test_bag_for_seek_0.mcap', profile: 'ros2', library: 'libmcap 0.8.0', chunkCount: 1, compressions: ['none'], messageCount: 5,
    channels: [['topic1', 'test_msgs/BasicTypes', 'ros2msg', 'cdr', 5]], start: '1000000000', end: '1400000000',
  },
  {
    file: 'mcap/open-world-agents/example.mcap', profile: 'owa', library: 'mcap-owa-support 0.5.1; mcap 1.3.0', chunkCount: 1, compressions: ['zstd'], messageCount: 864,
    channels: [
      ['window', 'desktop/WindowInfo', 'jsonschema', 'json', 11],
      ['keyboard/state', 'desktop/KeyboardState', 'jsonschema', 'json', 11],
      ['mouse/state', 'desktop/MouseState', 'jsonschema', 'json', 11],
      ['screen', 'desktop/ScreenCaptured', 'jsonschema', 'json', 590],
      ['mouse', 'desktop/MouseEvent', 'jsonschema', 'json', 209],
      ['keyboard', 'desktop/KeyboardEvent', 'jsonschema', 'json', 32],
    ],
    start: '1751017792129876000', end: '1751017802487310900',
  },
  {
    file: 'ros2/rosbag2/mcap/talker/talker.mcap', profile: 'ros2', library: 'mcap go #(devel)', chunkCount: 1, compressions: ['zstd'], messageCount: 20,
    channels: [
      ['/rosout', 'rcl_interfaces/msg/Log', 'ros2msg', 'cdr', 10],
      ['/parameter_events', 'rcl_interfaces/msg/ParameterEvent', 'ros2msg', 'cdr', 0],
      ['/topic', 'std_msgs/msg/String', 'ros2msg', 'cdr', 10],
    ],
    start: '1585866235112411371', end: '1585866239643508139',
  },
  {
    file: 'ros2/rosbag2/mcap/cdr_test/cdr_test_0.mcap', profile: 'ros2', library: 'libmcap 0.8.0', chunkCount: 1, compressions: ['none'], messageCount: 7,
    channels: [
      ['/test_topic', 'test_msgs/msg/BasicTypes', 'ros2msg', 'cdr', 3],
      ['/array_topic', 'test_msgs/msg/Arrays', 'ros2msg', 'cdr', 4],
    ],
    start: '1586406456763032325', end: '1586406456914169506',
  },
];

function channelSummary(probe: McapProbe): Expected['channels'] {
  return probe.channels.map((channel) => [channel.topic, channel.schemaName, channel.schemaEncoding, channel.messageEncoding, channel.messageCount]);
}

describe.skipIf(!fixtures)('probeMcap on the real MCAP fixtures (needs fixtures/real: set SCENEDOCK_FIXTURES)', () => {
  for (const expected of EXPECTED) {
    for (const depth of ['full', 'index'] as const) {
      it(`${expected.file} (${depth})`, async () => {
        const probe = await probeMcap(fixture(expected.file), { depth });
        expect(mcapProbeSchema.parse(probe)).toEqual(probe);
        expect(probe.depth).toBe(depth);
        expect(probe.profile).toBe(expected.profile);
        if (expected.library) expect(probe.library).toBe(expected.library);
        expect(probe.hasSummary).toBe(true);
        expect(probe.chunkCount).toBe(expected.chunkCount);
        expect(probe.compressions).toEqual(expected.compressions);
        expect(channelSummary(probe)).toEqual(expected.channels);
        expect(probe.channels.every((channel) => channel.hasDefinition)).toBe(true);
        expect(probe.messageCount).toBe(expected.messageCount);
        expect(probe.start?.unixNanos).toBe(expected.start);
        expect(probe.end?.unixNanos).toBe(expected.end);
        expect(probe.attachmentCount).toBe(0);
        expect(probe.metadataCount).toBe(expected.metadataCount ?? 0);
        expect(probe.warnings).toEqual([]);
      });
    }
  }

  it('gives the times in all three forms (talker.mcap: start 1585866235112411371 ns, 4.53 s)', async () => {
    const probe = await probeMcap(fixture('ros2/rosbag2/mcap/talker/talker.mcap'));
    expect(probe.start).toEqual({ sec: 1585866235, nsec: 112411371, iso: '2020-04-02T22:23:55.112411371Z', unixNanos: '1585866235112411371' });
    expect(probe.durationSeconds).toBe(4.531096768);
  });

  it('reports every fixture MCAP complete', async () => {
    for (const { file } of EXPECTED) expect(await isMcapComplete(fixture(file)), file).toEqual({ complete: true });
  });
});

describe.skipIf(!fixtures)('isMcapComplete on damaged copies (needs fixtures/real)', () => {
  const tempDir = useTempDir('scenedock-mcap-');

  it('is incomplete without the trailing magic, as while a writer is still recording', async () => {
    const path = join(tempDir(), 'cut.mcap');
    await copyFile(fixture('mcap/solvcon/vehicle_zstd.mcap'), path);
    await truncate(path, 7000);
    expect(await isMcapComplete(path)).toEqual({ complete: false, reason: 'no trailing magic: the file is truncated or still being written' });
    await expect(probeMcap(path)).rejects.toThrow(/no trailing magic/);
  });

  it('is incomplete when the trailing magic is not preceded by a Footer record', async () => {
    const bytes = await readFile(fixture('mcap/solvcon/vehicle_zstd.mcap'));
    bytes[bytes.length - 37] = 0x0f; // the Footer opcode becomes DataEnd's
    const path = join(tempDir(), 'no-footer.mcap');
    await writeFile(path, bytes);
    expect((await isMcapComplete(path)).reason).toMatch(/no Footer record/);
  });

  it('says why for files that are not MCAP', async () => {
    const path = join(tempDir(), 'fake.mcap');
    await writeFile(path, Buffer.alloc(200, 0x41));
    expect((await isMcapComplete(path)).reason).toBe('not an MCAP file (no leading magic)');
    const tiny = join(tempDir(), 'tiny.mcap');
    await writeFile(tiny, Buffer.from([0x89, 0x4d, 0x43, 0x41, 0x50, 0x30]));
    expect((await isMcapComplete(tiny)).reason).toMatch(/too small/);
  });
});

describe('probeMcap on generated files', () => {
  const tempDir = useTempDir('scenedock-mcap-gen-');
  beforeAll(async () => {
    await zstdLoaded;
  });

  const noSummary = { useStatistics: false, useSummaryOffsets: false, useChunkIndex: false, useMessageIndex: false, useAttachmentIndex: false, useMetadataIndex: false, repeatSchemas: false, repeatChannels: false };

  it('falls back to a streaming read for a file written without a summary', async () => {
    const path = join(tempDir(), 'no-summary.mcap');
    await writeMcapFile(path, { ...noSummary, useChunks: true, chunkSize: 1024 }, async (writer) => {
      const schemaId = await writer.registerSchema({ name: 'std_msgs/msg/String', encoding: 'ros2msg', data: new TextEncoder().encode('string data') });
      const channelId = await writer.registerChannel({ topic: '/chatter', schemaId, messageEncoding: 'cdr', metadata: new Map() });
      const bare = await writer.registerChannel({ topic: '/raw', schemaId: 0, messageEncoding: 'json', metadata: new Map() });
      for (let i = 0; i < 500; i++) {
        const logTime = 1_600_000_000_000_000_000n + BigInt(i) * 1_000_000n;
        await writer.addMessage({ channelId: i % 5 === 0 ? bare : channelId, sequence: i, logTime, publishTime: logTime, data: new Uint8Array(40).fill(i % 256) });
      }
    });
    expect(await isMcapComplete(path)).toEqual({ complete: true });
    const probe = await probeMcap(path, { depth: 'index' });
    expect(probe).toMatchObject({ hasSummary: false, depth: 'full', messageCount: 500, compressions: ['none'], warnings: [] });
    expect(probe.chunkCount).toBeGreaterThan(5);
    expect(probe.channels.map((channel) => [channel.topic, channel.schemaName, channel.messageCount, channel.hasDefinition])).toEqual([
      ['/chatter', 'std_msgs/msg/String', 400, true],
      ['/raw', '', 100, false],
    ]);
    expect(probe.start?.iso).toBe('2020-09-13T12:26:40.000000000Z');
    expect(probe.end?.unixNanos).toBe('1600000000499000000');
  });

  it('counts attachments and metadata records, and zstd chunks it compressed itself', async () => {
    const path = join(tempDir(), 'attachments.mcap');
    const compressChunk = (data: Uint8Array) => ({ compression: 'zstd', compressedData: zstdCompress(data) });
    await writeMcapFile(path, { useChunks: true, chunkSize: 2048, compressChunk }, async (writer) => {
      const schemaId = await writer.registerSchema({ name: 'Point', encoding: 'jsonschema', data: new TextEncoder().encode('{"type":"object"}') });
      const channelId = await writer.registerChannel({ topic: 'points', schemaId, messageEncoding: 'json', metadata: new Map() });
      for (let i = 0; i < 200; i++) {
        await writer.addMessage({ channelId, sequence: i, logTime: BigInt(i) * 1000n, publishTime: 0n, data: new TextEncoder().encode(`{"x":${i}}`) });
      }
      for (const name of ['calibration.yaml', 'notes.txt']) {
        await writer.addAttachment({ name, logTime: 5n, createTime: 5n, mediaType: 'text/plain', data: new TextEncoder().encode(name) });
      }
      await writer.addMetadata({ name: 'vehicle', metadata: new Map([['id', 'v-042']]) });
    });
    for (const depth of ['full', 'index'] as const) {
      const probe = await probeMcap(path, { depth });
      expect(probe).toMatchObject({ depth, attachmentCount: 2, metadataCount: 1, messageCount: 200, compressions: ['zstd'], warnings: [] });
      expect(probe.start?.unixNanos).toBe('0');
      expect(probe.end?.unixNanos).toBe('199000');
    }
  });
});
