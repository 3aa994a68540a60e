import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { expectDriveMessages } from './expectDriveMessages';
import { generateDrive, largeDriveOptions, type DriveResult, type DriveTarget } from './generateDrive';
import { db3BagMessages, mcapIndexedMessages, openMcap, openRos1Bag, ros1BagMessages, type ReadMessage } from './recordingReaders';

// A large drive per format, with 1080p raw frames, 720p PNG frames and 131k-point sweeps,
// written while sampling the process RSS after every generated message. The writers stream, so
// RSS growth must stay far below the drive size. The figures are printed for the report.

// The full 200 MiB run takes minutes; `npm test` writes a smaller drive that still spans several
// chunks and db3 files, and SCENEDOCK_LONG_TESTS=1 (`npm run test:long`) runs the full size.
const LONG = process.env.SCENEDOCK_LONG_TESTS === '1';
const MiB = 1024 * 1024;
const TARGET_BYTES = (LONG ? 200 : 24) * 1024 * 1024;
const RSS_GROWTH_BOUND = 150 * 1024 * 1024;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenedock-large-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeMeasured(target: DriveTarget): Promise<{ result: DriveResult; growth: number }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const result = await generateDrive(target, {
    ...largeDriveOptions(TARGET_BYTES),
    onMessage: () => { peak = Math.max(peak, process.memoryUsage().rss); },
  });
  const growth = peak - baseline;
  console.log(`[large drive] ${target.format}: ${result.truth.messageCount} messages, payload ${(result.truth.payloadBytes / MiB).toFixed(1)} MiB, `
    + `files ${(result.fileBytes / MiB).toFixed(1)} MiB, RSS ${(baseline / MiB).toFixed(0)} -> peak ${(peak / MiB).toFixed(0)} MiB (growth ${(growth / MiB).toFixed(1)} MiB)`);
  return { result, growth };
}

async function readMcap(result: DriveResult): Promise<AsyncIterable<ReadMessage>> {
  const { reader, close } = await openMcap(result.files[0] ?? '');
  onTestFinished(close);
  return mcapIndexedMessages(reader);
}

const targets: Array<{ name: string; target: (d: string) => DriveTarget; read: (result: DriveResult) => Promise<AsyncIterable<ReadMessage>> }> = [
  {
    name: 'ROS 1 bag (lz4 chunks)',
    target: (d) => ({ format: 'ros1-bag', path: join(d, 'large.bag'), options: { compression: 'lz4' } }),
    read: async (result) => {
      const { bag, close } = await openRos1Bag(result.files[0] ?? '');
      onTestFinished(close);
      return ros1BagMessages(bag);
    },
  },
  {
    name: `ROS 2 db3 folder (split at ${TARGET_BYTES / 3 / MiB} MiB)`,
    target: (d) => ({ format: 'ros2-db3', dir: join(d, 'large_db3'), options: { metadataVersion: 8, maxBytesPerFile: Math.floor(TARGET_BYTES / 3) } }),
    read: async () => db3BagMessages(join(dir, 'large_db3')),
  },
  {
    name: 'ROS 2 mcap folder (zstd)',
    target: (d) => ({ format: 'ros2-mcap', dir: join(d, 'large_mcap'), options: { compression: 'zstd' } }),
    read: readMcap,
  },
  {
    name: 'standalone MCAP, ros1 profile, uncompressed',
    target: (d) => ({ format: 'mcap', path: join(d, 'large.mcap'), profile: 'ros1', options: { compression: 'none' } }),
    read: readMcap,
  },
];

describe(`large drive (${TARGET_BYTES / MiB} MiB) with flat memory`, () => {
  for (const { name, target, read } of targets) {
    it(`writes ${name} with bounded RSS growth and reads every message back`, async () => {
      const { result, growth } = await writeMeasured(target(dir));
      expect(result.truth.payloadBytes).toBeGreaterThanOrEqual(TARGET_BYTES);
      expect(result.fileBytes).toBeGreaterThan(TARGET_BYTES / 2);
      expect(result.truth.topic('/camera/front/image_raw').count).toBeGreaterThan(LONG ? 10 : 1);
      expect(growth).toBeLessThan(RSS_GROWTH_BOUND);
      await expectDriveMessages(await read(result), result.truth);
    }, 600_000);
  }
});
