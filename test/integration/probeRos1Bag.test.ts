import { copyFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRos1BagComplete } from '../../main/services/probe/bags/isRos1BagComplete';
import { probeRos1Bag } from '../../main/services/probe/bags/probeRos1Bag';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { ros1BagProbeSchema, type Ros1BagProbe } from '../../shared/ingest/bagProbeSchemas';
import { fixturesDir } from '../helpers/fixturesDir';
import { useTempDir } from '../helpers/useTempDir';
import { ros1TopicMixMessages, ROS1_TOPIC_MIX } from '../helpers/ros1TopicMix';
import { writeRos1Bag } from '../helpers/writeRos1Bag';

const fixtures = fixturesDir();
const ros1 = (name: string): string => join(fixtures ?? '', 'ros1', name);

// SOURCES.md: the turtlesim example recorded three ways (uncompressed, bz2, lz4 chunks).
const EXAMPLE_TOPICS: [string, string, number][] = [
  ['/rosout', 'rosgraph_msgs/Log', 10],
  ['/tf', 'tf/tfMessage', 2688],
  ['/tf_static', 'tf2_msgs/TFMessage', 1],
  ['/turtle1/cmd_vel', 'geometry_msgs/Twist', 357],
  ['/turtle1/color_sensor', 'turtlesim/Color', 1351],
  ['/turtle1/pose', 'turtlesim/Pose', 1344],
  ['/turtle2/cmd_vel', 'geometry_msgs/Twist', 208],
  ['/turtle2/color_sensor', 'turtlesim/Color', 1344],
  ['/turtle2/pose', 'turtlesim/Pose', 1344],
];

// SOURCES.md gives "12 connections (/rosout has 3, /tf has 2)" for all three; that holds for
// example.bag only. The bz2 and lz4 files were written with one connection per topic (their
// connection records carry no callerid), 9 in all, as reading their index shows.
const EXAMPLES: { file: string; compression: string; connections: number; perTopic: Record<string, number> }[] = [
  { file: 'foxglove-rosbag/example.bag', compression: 'none', connections: 12, perTopic: { '/rosout': 3, '/tf': 2 } },
  { file: 'foxglove-rosbag/example-bz2.bag', compression: 'bz2', connections: 9, perTopic: {} },
  { file: 'foxglove-rosbag/example-lz4.bag', compression: 'lz4', connections: 9, perTopic: {} },
];

function topicSummary(probe: Ros1BagProbe): [string, string, number][] {
  return probe.topics.map((topic) => [topic.topic, topic.type, topic.messageCount]);
}

describe.skipIf(!fixtures)('probeRos1Bag on the real ROS 1 fixtures (needs fixtures/real: set SCENEDOCK_FIXTURES)', () => {
  for (const example of EXAMPLES) {
    for (const depth of ['full', 'index'] as const) {
      it(`${example.file} (${depth}): 9 topics, 8647 messages, 1396293887.844783943 -> 1396293909.544870199`, async () => {
        const probe = await probeRos1Bag(ros1(example.file), { depth });
        expect(ros1BagProbeSchema.parse(probe)).toEqual(probe);
        expect(probe.depth).toBe(depth);
        expect(probe.version).toBe('2.0');
        expect(probe.compressions).toEqual([example.compression]);
        expect(topicSummary(probe)).toEqual(EXAMPLE_TOPICS);
        expect(probe.messageCount).toBe(8647);
        expect(probe.chunkCount).toBe(1);
        expect(probe.connectionCount).toBe(example.connections);
        for (const topic of probe.topics) expect(topic.connections).toBe(example.perTopic[topic.topic] ?? 1);
        expect(probe.topics.every((topic) => topic.hasDefinition && /^[0-9a-f]{32}$/.test(topic.md5))).toBe(true);
        expect(probe.start).toEqual({ sec: 1396293887, nsec: 844783943, iso: '2014-03-31T19:24:47.844783943Z', unixNanos: '1396293887844783943' });
        expect(probe.end).toEqual({ sec: 1396293909, nsec: 544870199, iso: '2014-03-31T19:25:09.544870199Z', unixNanos: '1396293909544870199' });
        expect(probe.durationSeconds).toBe(21.700086256);
      });
    }
  }

  it('no-messages.bag: a valid empty bag has no connections, chunks or times', async () => {
    const probe = await probeRos1Bag(ros1('foxglove-rosbag/no-messages.bag'));
    expect(ros1BagProbeSchema.parse(probe)).toEqual(probe);
    expect(probe).toMatchObject({ connectionCount: 0, chunkCount: 0, messageCount: 0, topics: [], compressions: [], start: null, end: null, durationSeconds: null });
  });

  it('bag-with-empty-message-definition.bag: the connection is reported without a definition', async () => {
    const probe = await probeRos1Bag(ros1('webviz/bag-with-empty-message-definition.bag'));
    expect(probe.topics).toHaveLength(1);
    expect(probe.topics[0]).toMatchObject({ topic: '/led_array_status', type: 'led_array_msgs/Status', messageCount: 14, connections: 1, hasDefinition: false });
    expect(probe.topics[0]?.md5.startsWith('53a14e6c')).toBe(true);
    expect(probe).toMatchObject({ messageCount: 14, chunkCount: 1, compressions: ['none'] });
    // SOURCES.md gives the range to two decimals: 1584116899.14 -> 1584116905.66.
    expect(probe.start?.sec).toBe(1584116899);
    expect(Math.round((probe.start?.nsec ?? 0) / 1e7)).toBe(14);
    expect(probe.end?.sec).toBe(1584116905);
    expect(Math.round((probe.end?.nsec ?? 0) / 1e7)).toBe(66);
  });

  it('rosbag2_bag_v2 test_bag.bag: 5 messages in 0.27 s on three topics', async () => {
    const probe = await probeRos1Bag(ros1('rosbag2_bag_v2/test_bag.bag'));
    expect(topicSummary(probe)).toEqual([
      ['/rosout', 'rosgraph_msgs/Log', 3],
      ['/test_topic', 'std_msgs/String', 1],
      ['/test_topic2', 'std_msgs/String', 1],
    ]);
    expect(probe).toMatchObject({ messageCount: 5, chunkCount: 1, compressions: ['none'], connectionCount: 3 });
    expect(probe.durationSeconds).toBeCloseTo(0.27, 2);
  });

  it('reports every fixture bag complete', async () => {
    for (const file of [...EXAMPLES.map((example) => example.file), 'foxglove-rosbag/no-messages.bag', 'webviz/bag-with-empty-message-definition.bag', 'rosbag2_bag_v2/test_bag.bag']) {
      expect(await isRos1BagComplete(ros1(file)), file).toEqual({ complete: true });
    }
  });
});

describe.skipIf(!fixtures)('isRos1BagComplete on damaged copies of example.bag (needs fixtures/real)', () => {
  const tempDir = useTempDir('scenedock-ros1-');

  it('is incomplete when index_pos is zero, as while rosbag record is running', async () => {
    const bytes = await readFile(ros1('foxglove-rosbag/example.bag'));
    const at = bytes.indexOf('index_pos=', 13) + 'index_pos='.length;
    bytes.fill(0, at, at + 8);
    const path = join(tempDir(), 'recording.bag');
    await writeFile(path, bytes);
    const status = await isRos1BagComplete(path);
    expect(status.complete).toBe(false);
    expect(status.reason).toMatch(/index_pos is 0/);
    await expect(probeRos1Bag(path)).rejects.toThrow(/index_pos is 0/);
  });

  it('is incomplete when the index runs past the end of the file', async () => {
    const path = join(tempDir(), 'cut-index.bag');
    await copyFile(ros1('foxglove-rosbag/example.bag'), path);
    await truncate(path, 860_000);
    const status = await isRos1BagComplete(path);
    expect(status).toMatchObject({ complete: false });
    expect(status.reason).toMatch(/past the end of the file/);
  });

  it('is incomplete when index_pos points past a truncated file', async () => {
    const path = join(tempDir(), 'cut-data.bag');
    await copyFile(ros1('foxglove-rosbag/example.bag'), path);
    await truncate(path, 400_000);
    expect((await isRos1BagComplete(path)).reason).toMatch(/index_pos 856695 lies outside the file/);
  });

  it('says why for files that are not ROS 1 bags', async () => {
    const v12 = join(tempDir(), 'old.bag');
    await writeFile(v12, '#ROSBAG V1.2\nwhatever follows');
    expect(await isRos1BagComplete(v12)).toEqual({ complete: false, reason: 'unsupported ROS bag version 1.2 (only 2.0 is read)' });
    const text = join(tempDir(), 'notes.bag');
    await writeFile(text, 'these are not the bytes you are looking for');
    expect((await isRos1BagComplete(text)).reason).toMatch(/not a ROS bag/);
    expect((await isRos1BagComplete(join(tempDir(), 'missing.bag'))).reason).toMatch(/cannot open/);
  });
});

describe('probeRos1Bag on generated bags', () => {
  const tempDir = useTempDir('scenedock-ros1-gen-');

  const connections = ROS1_TOPIC_MIX;
  const messages = (count: number) => ros1TopicMixMessages(count);

  it('counts across many chunks and splits a topic recorded with two types', async () => {
    const path = join(tempDir(), 'multi.bag');
    const { chunkCount } = await writeRos1Bag(path, connections, messages(3000), { chunkBytes: 16 * 1024 });
    expect(chunkCount).toBeGreaterThan(30);
    for (const depth of ['full', 'index'] as const) {
      const probe = await probeRos1Bag(path, { depth });
      expect(probe.chunkCount).toBe(chunkCount);
      expect(probe.messageCount).toBe(3000);
      expect(probe.topics.map((topic) => [topic.topic, topic.type, topic.messageCount, topic.hasDefinition])).toEqual([
        ['/camera/info', 'sensor_msgs/CameraInfo', 1000, true],
        ['/scan', 'custom_msgs/Scan', 1000, false],
        ['/scan', 'sensor_msgs/LaserScan', 1000, true],
      ]);
      expect(probe.start?.unixNanos).toBe('1700000000000000007');
      expect(probe.end?.unixNanos).toBe('1700000029990000007');
    }
  });

  it('refuses a bag whose recorder has not written the index yet', async () => {
    const path = join(tempDir(), 'active.bag');
    await writeRos1Bag(path, connections, messages(500), { chunkBytes: 8 * 1024, finish: false });
    expect((await isRos1BagComplete(path)).reason).toMatch(/index_pos is 0/);
    const error = await probeRos1Bag(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProbeError);
    expect(error).toMatchObject({ filePath: path, reason: expect.stringMatching(/still being recorded/) as unknown });
  });
});
