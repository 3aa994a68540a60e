import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { probeMcap } from '../../main/services/probe/bags/probeMcap';
import { probeRos1Bag } from '../../main/services/probe/bags/probeRos1Bag';
import { useTempDir } from '../helpers/useTempDir';
import { writeMcapFile } from '../helpers/writeMcapFile';
import { writeRos1Bag, type Ros1TestMessage } from '../helpers/writeRos1Bag';

// A probe must read a recording of any size in bounded memory (field bags run to tens of GB). We
// write ~120 MiB recordings with 1 MiB chunks (rosbag writes 768 KiB) and sample the live heap plus
// external buffers, after a forced GC, between the probe's reads: what stays alive must be about a
// chunk or two, not a share of the file. (Without the GC the samples measure when V8 chose to
// collect, not what the probe holds.)

// Array buffers are otherwise freed by a background sweeper, after the samples are taken.
setFlagsFromString('--no-concurrent-array-buffer-sweeping');
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const PAYLOAD = new Uint8Array(256 * 1024).fill(0x5a);
const FRAMES = 480;
const BOUND = 24 * MiB;

/** Peak growth of live heap + external memory while `run` executes, sampled between its I/O awaits. */
async function peakGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number; samples: number }> {
  const used = (): number => {
    collect();
    const { heapUsed, external } = process.memoryUsage();
    return heapUsed + external;
  };
  const base = used();
  let peak = base;
  let samples = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, used());
    samples += 1;
  }, 50);
  try {
    const result = await run();
    return { result, growth: peak - base, samples };
  } finally {
    clearInterval(timer);
  }
}

describe('probes read large recordings in bounded memory', () => {
  const tempDir = useTempDir('scenedock-large-');

  it('probeRos1Bag, full depth, on a 120 MiB bag', async () => {
    const path = join(tempDir(), 'large.bag');
    function* messages(): Generator<Ros1TestMessage> {
      for (let i = 0; i < FRAMES; i++) {
        yield { conn: 0, sec: 1_700_000_000 + i, nsec: 0, data: PAYLOAD };
        for (let j = 0; j < 10; j++) yield { conn: 1, sec: 1_700_000_000 + i, nsec: (j + 1) * 1000, data: PAYLOAD.subarray(0, 64) };
      }
    }
    const connections = [
      { conn: 0, topic: '/camera/image_raw', type: 'sensor_msgs/Image', md5: '060021388200f6f0f447d0fcd9c64743', definition: 'uint8[] data\n' },
      { conn: 1, topic: '/imu', type: 'sensor_msgs/Imu', md5: '6a62c6daae103f4ff57a132d6f95cec2', definition: 'float64 x\n' },
    ];
    const { chunkCount } = await writeRos1Bag(path, connections, messages(), { chunkBytes: MiB });
    const { size } = await stat(path);
    expect(size).toBeGreaterThan(5 * BOUND);
    const { result, growth, samples } = await peakGrowth(() => probeRos1Bag(path));
    expect(result.messageCount).toBe(FRAMES * 11);
    expect(result.chunkCount).toBe(chunkCount);
    expect(result.topics.map((topic) => topic.messageCount)).toEqual([FRAMES, FRAMES * 10]);
    expect(samples).toBeGreaterThanOrEqual(5);
    expect(growth).toBeLessThan(BOUND);
  }, 180_000);

  it('probeMcap, full depth, on a 120 MiB file', async () => {
    const path = join(tempDir(), 'large.mcap');
    await writeMcapFile(path, { useChunks: true, chunkSize: MiB }, async (writer) => {
      const schemaId = await writer.registerSchema({ name: 'sensor_msgs/msg/Image', encoding: 'ros2msg', data: new TextEncoder().encode('uint8[] data') });
      const channelId = await writer.registerChannel({ topic: '/camera/image_raw', schemaId, messageEncoding: 'cdr', metadata: new Map() });
      for (let i = 0; i < FRAMES; i++) {
        const logTime = 1_700_000_000_000_000_000n + BigInt(i) * 100_000_000n;
        await writer.addMessage({ channelId, sequence: i, logTime, publishTime: logTime, data: PAYLOAD });
      }
    });
    const { size } = await stat(path);
    expect(size).toBeGreaterThan(5 * BOUND);
    const { result, growth, samples } = await peakGrowth(() => probeMcap(path));
    expect(result.messageCount).toBe(FRAMES);
    expect(result.depth).toBe('full');
    expect(result.warnings).toEqual([]);
    expect(samples).toBeGreaterThanOrEqual(5);
    expect(growth).toBeLessThan(BOUND);
  }, 180_000);
});
