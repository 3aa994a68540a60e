import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { fixturesDir } from '../fixturesDir';
import { bzip2Available } from './compressBzip2';
import { expectDecodedSample } from './expectDecodedSample';
import { expectDriveMessages } from './expectDriveMessages';
import { generateDrive } from './generateDrive';
import { loadFixtureJpegs, type FixtureJpeg } from './loadFixtureJpegs';
import { openRos1Bag, ros1BagMessages } from './recordingReaders';
import { rosMessageSchema } from './rosMessageSchema';
import { writeRos1Bag, type Ros1Compression } from './writeRos1Bag';

const FIXTURES = fixturesDir();
const JPEG_CASE = FIXTURES
  ? 'carries real JPEG frames from the fixtures'
  : 'carries real JPEG frames (skipped: real fixtures folder missing, set SCENEDOCK_FIXTURES)';

let dir: string;
let jpegs: FixtureJpeg[] | undefined;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenedock-ros1bag-'));
  jpegs = await loadFixtureJpegs();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const compressions: Array<{ compression: Ros1Compression; available: boolean }> = [
  { compression: 'none', available: true },
  { compression: 'lz4', available: true },
  { compression: 'bz2', available: bzip2Available() },
];

describe('writeRos1Bag + generateDrive', () => {
  for (const { compression, available } of compressions) {
    it.skipIf(!available)(`writes a ${compression} bag that @foxglove/rosbag reads through its index`, async () => {
      const path = join(dir, `drive-${compression}.bag`);
      // A small chunk threshold forces many chunks, so the chunk infos and index records matter.
      const { truth, fileBytes } = await generateDrive(
        { format: 'ros1-bag', path, options: { compression, chunkThresholdBytes: 16 * 1024 } },
        { cameraFrames: 6 },
      );
      const { bag, close } = await openRos1Bag(path);
    onTestFinished(close);
      expect(bag.header?.chunkCount).toBeGreaterThan(3);
      expect(bag.chunkInfos).toHaveLength(bag.header?.chunkCount ?? -1);
      expect(bag.header?.connectionCount).toBe(truth.topics.length);
      expect(bag.startTime).toEqual({ sec: Number(truth.startTimeNs / 1_000_000_000n), nsec: Number(truth.startTimeNs % 1_000_000_000n) });
      expect(bag.endTime).toEqual({ sec: Number(truth.endTimeNs / 1_000_000_000n), nsec: Number(truth.endTimeNs % 1_000_000_000n) });
      // Chunk infos must account for every message of every connection.
      const indexed = new Map<string, number>();
      for (const info of bag.chunkInfos) {
        for (const { conn, count } of info.connections) {
          const topic = bag.connections.get(conn)?.topic ?? '?';
          indexed.set(topic, (indexed.get(topic) ?? 0) + count);
        }
      }
      expect(Object.fromEntries(indexed)).toEqual(Object.fromEntries(truth.topics.map((t) => [t.topic, t.count])));
      for (const connection of bag.connections.values()) {
        const t = truth.topic(connection.topic);
        expect(connection.type).toBe(t.type);
        expect(connection.md5sum).toBe(rosMessageSchema(t.type as 'sensor_msgs/Image', 'ros1').md5sum);
        expect(connection.messageDefinition).toBe(rosMessageSchema(t.type as 'sensor_msgs/Image', 'ros1').text);
        expect(connection.callerid).toBe('/scenedock_drive');
      }
      const messages = [];
      for await (const m of ros1BagMessages(bag)) messages.push(m);
      await expectDriveMessages(messages, truth);
      // The bag's own parser (from the connection's definition text) must agree as well.
      const seen = new Map<string, number>();
      for (const m of messages) {
        const index = seen.get(m.topic) ?? 0;
        seen.set(m.topic, index + 1);
        expectDecodedSample(m.parsedByBag, truth.sample(m.topic, index));
      }
      expect(fileBytes).toBeGreaterThan(4096 + 13);
    });
  }

  it('starts with the magic and a bag header record padded to exactly 4096 bytes', async () => {
    const path = join(dir, 'header.bag');
    await generateDrive({ format: 'ros1-bag', path }, { cameraFrames: 1 });
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(13 + 4096 + 8);
      await fh.read(head, 0, head.length, 0);
      expect(head.subarray(0, 13).toString('latin1')).toBe('#ROSBAG V2.0\n');
      const headerLength = head.readUInt32LE(13);
      const dataLength = head.readUInt32LE(13 + 4 + headerLength);
      expect(4 + headerLength + 4 + dataLength).toBe(4096);
      expect(head.subarray(13 + 8 + headerLength, 13 + 4096).every((b) => b === 0x20)).toBe(true);
    } finally {
      await fh.close();
    }
  });

  it('writes an empty bag that opens with no chunks', async () => {
    const path = join(dir, 'empty.bag');
    const summary = await writeRos1Bag(path, { connections: [], messages: [] });
    expect(summary).toMatchObject({ messageCount: 0, chunkCount: 0, connectionCount: 0 });
    const { bag, close } = await openRos1Bag(path);
    onTestFinished(close);
    expect(bag.chunkInfos).toHaveLength(0);
    expect(bag.connections.size).toBe(0);
  });

  it('rejects a message on a topic without connection, naming the file', async () => {
    const path = join(dir, 'bad.bag');
    await expect(writeRos1Bag(path, { connections: [], messages: [{ topic: '/nowhere', logTimeNs: 1n, data: new Uint8Array(1) }] }))
      .rejects.toThrow(/bad\.bag.*\/nowhere/);
  });

  it.skipIf(!FIXTURES)(JPEG_CASE, async () => {
    if (!jpegs) throw new Error(`fixture JPEGs missing under ${String(FIXTURES)}`);
    const path = join(dir, 'jpeg.bag');
    const { truth } = await generateDrive({ format: 'ros1-bag', path, options: { compression: 'lz4' } }, {
      cameraFrames: 4, lidar: null, gps: null, imu: null, text: null,
      jpegFrames: jpegs.map((j) => j.bytes),
      cameras: [{ topic: '/camera/rear/compressed', frameId: 'camera_rear', kind: 'compressed', format: 'jpeg', width: 250, height: 188, encoding: 'rgb8' }],
    });
    const { bag, close } = await openRos1Bag(path);
    onTestFinished(close);
    let count = 0;
    for await (const m of ros1BagMessages(bag)) {
      const sample = truth.sample(m.topic, count);
      expectDecodedSample(m.decoded, sample);
      expect(sample.kind === 'compressedImage' && sample.data).toEqual(jpegs[count % jpegs.length]?.bytes);
      count++;
    }
    expect(count).toBe(4);
  });
});
