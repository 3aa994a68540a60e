import { cp, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeMcap } from '../../main/services/probe/bags/probeMcap';
import { probeRos1Bag } from '../../main/services/probe/bags/probeRos1Bag';
import { probeRos2Bag } from '../../main/services/probe/bags/probeRos2Bag';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { mcapProbeSchema, ros1BagProbeSchema, ros2BagProbeSchema } from '../../shared/ingest/bagProbeSchemas';
import { fixturesDir } from '../helpers/fixturesDir';
import { useTempDir } from '../helpers/useTempDir';
import { withTimeout } from '../helpers/withTimeout';

// Damaged copies of real recordings must end in a ProbeError that names the file and says why,
// within a bounded time: never a crash, a hang, or an unrelated exception type. Where a format has
// no checksum over some bytes (ROS 1 message payloads, uncompressed MCAP chunks without a CRC), a
// flip there cannot be detected; the sweeps accept a valid result for those, nothing else.

const fixtures = fixturesDir();
const PER_CALL_MS = 20_000;

type Probe = (path: string) => Promise<unknown>;

async function expectProbeError(probe: Probe, path: string, reason: RegExp): Promise<void> {
  const error = await withTimeout(probe(path), PER_CALL_MS, path).then(
    () => new Error(`expected ${path} to be rejected`),
    (caught: unknown) => caught,
  );
  expect(error, String(error)).toBeInstanceOf(ProbeError);
  const { filePath: named, reason: why, message } = error as ProbeError;
  expect(named).toBe(path);
  expect(message).toBe(`${path}: ${why}`);
  expect(why).toMatch(reason);
}

/** Either a result the schema accepts, or a ProbeError: the only two acceptable outcomes. */
async function expectResultOrProbeError(probe: Probe, path: string, validate: (value: unknown) => unknown): Promise<'ok' | 'error'> {
  try {
    validate(await withTimeout(probe(path), PER_CALL_MS, path));
    return 'ok';
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(ProbeError);
    return 'error';
  }
}

function spread(size: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * size) / count));
}

describe.skipIf(!fixtures)('probes on corrupt and truncated recordings (needs fixtures/real: set SCENEDOCK_FIXTURES)', () => {
  const tempDir = useTempDir('scenedock-corrupt-');
  let serial = 0;

  /** Writes a damaged copy of a fixture file: cut at `cut`, and/or with bits flipped at `flips`. */
  async function damaged(relativePath: string, change: { cut?: number; flips?: number[] }): Promise<string> {
    const bytes = await readFile(join(fixtures ?? '', relativePath));
    for (const at of change.flips ?? []) bytes[at] = (bytes[at] ?? 0) ^ 0x10;
    const path = join(tempDir(), `${serial++}-${basename(relativePath)}`);
    await writeFile(path, change.cut === undefined ? bytes : bytes.subarray(0, change.cut));
    return path;
  }

  describe('ROS 1', () => {
    for (const file of ['ros1/foxglove-rosbag/example.bag', 'ros1/foxglove-rosbag/example-bz2.bag']) {
      it(`${basename(file)} truncated at several offsets`, async () => {
        const { size } = { size: (await readFile(join(fixtures ?? '', file))).byteLength };
        for (const cut of [0, 5, 13, 100, 4117, 4300, Math.floor(size / 2), size - 300, size - 1]) {
          await expectProbeError(probeRos1Bag, await damaged(file, { cut }), /truncated|shorter|past the end|outside the file/);
        }
      });
    }

    it('bit flips in bz2 chunk data fail decompression', async () => {
      for (const at of [4200, 10_000, 100_000]) {
        await expectProbeError(probeRos1Bag, await damaged('ros1/foxglove-rosbag/example-bz2.bag', { flips: [at] }), /chunk 1 of 1 .*bz2 chunk: BZ2 decompression failed/);
      }
    });

    it('bit flips in lz4 chunk data fail decompression', async () => {
      for (const at of [4200, 10_000, 100_000]) {
        await expectProbeError(probeRos1Bag, await damaged('ros1/foxglove-rosbag/example-lz4.bag', { flips: [at] }), /chunk 1 of 1 .*lz4 chunk/);
      }
    });

    it('bit flips in record headers of an uncompressed chunk are caught by the record walk', async () => {
      const file = 'ros1/foxglove-rosbag/example.bag';
      await expectProbeError(probeRos1Bag, await damaged(file, { flips: [4117] }), /chunk 1 of 1.*corrupt/); // chunk header length
      await expectProbeError(probeRos1Bag, await damaged(file, { flips: [4200] }), /header field without a name/);
      await expectProbeError(probeRos1Bag, await damaged(file, { flips: [20_000] }), /refers to connection 25/);
    });

    it('bit flips anywhere end in a valid result or a ProbeError (sweep)', async () => {
      for (const file of ['ros1/foxglove-rosbag/example.bag', 'ros1/foxglove-rosbag/example-lz4.bag', 'ros1/webviz/bag-with-empty-message-definition.bag']) {
        const size = (await readFile(join(fixtures ?? '', file))).byteLength;
        for (const at of spread(size, 25)) {
          await expectResultOrProbeError(probeRos1Bag, await damaged(file, { flips: [at] }), (value) => ros1BagProbeSchema.parse(value));
        }
      }
    });
  });

  describe('MCAP', () => {
    for (const file of ['mcap/solvcon/vehicle_zstd.mcap', 'mcap/solvcon/vehicle_unchunked.mcap', 'ros2/rosbag2/mcap/talker/talker.mcap']) {
      it(`${basename(file)} truncated at several offsets`, async () => {
        const size = (await readFile(join(fixtures ?? '', file))).byteLength;
        for (const cut of [0, 4, 8, 60, Math.floor(size / 3), Math.floor(size / 2), size - 38, size - 8, size - 1]) {
          await expectProbeError(probeMcap, await damaged(file, { cut }), /trailing magic|too small/);
        }
      });
    }

    it('bit flips in compressed chunks, chunk CRCs and the summary are caught', async () => {
      await expectProbeError(probeMcap, await damaged('mcap/solvcon/vehicle_zstd.mcap', { flips: [100] }), /reading the records: zstd chunk/);
      await expectProbeError(probeMcap, await damaged('mcap/solvcon/vehicle_zstd.mcap', { flips: [1000] }), /Incorrect chunk CRC/);
      await expectProbeError(probeMcap, await damaged('mcap/solvcon/vehicle_lz4.mcap', { flips: [5000] }), /lz4 chunk/);
      await expectProbeError(probeMcap, await damaged('mcap/solvcon/vehicle_zstd.mcap', { flips: [6000] }), /reading the summary: Incorrect summary CRC/);
    });

    it('a corrupt record length in an unchunked file is reported, not read past', async () => {
      await expectProbeError(probeMcap, await damaged('mcap/solvcon/vehicle_unchunked.mcap', { flips: [1000] }), /too large|corrupt/);
    });

    it('bit flips anywhere end in a valid result or a ProbeError (sweep)', async () => {
      for (const file of ['mcap/solvcon/vehicle_lz4.mcap', 'mcap/solvcon/vehicle_unchunked.mcap', 'mcap/open-world-agents/example.mcap', 'mcap/rosbag2/only_topics.mcap']) {
        const size = (await readFile(join(fixtures ?? '', file))).byteLength;
        for (const at of spread(size, 25)) {
          await expectResultOrProbeError(probeMcap, await damaged(file, { flips: [at] }), (value) => mcapProbeSchema.parse(value));
        }
      }
    });
  });

  describe('ROS 2 db3', () => {
    /** A copy of a fixture bag folder with one storage file replaced by a damaged copy. */
    async function damagedBag(folder: string, file: string, change: { cut?: number; flips?: number[] }): Promise<string> {
      const bag = join(tempDir(), `${serial++}-${basename(folder)}`);
      await cp(join(fixtures ?? '', folder), bag, { recursive: true });
      const bytes = await readFile(join(bag, file));
      for (const at of change.flips ?? []) bytes[at] = (bytes[at] ?? 0) ^ 0x10;
      await writeFile(join(bag, file), change.cut === undefined ? bytes : bytes.subarray(0, change.cut));
      return bag;
    }

    it('truncated storage files (WAL and rollback-journal databases)', async () => {
      for (const [folder, file] of [['ros2/rosbag2/sqlite3/talker', 'talker.db3'], ['ros2/rosbag2/sqlite3/wbag', 'wbag_2.db3']] as const) {
        for (const cut of [0, 50, 4096, 10_000, 20_000]) {
          await expectProbeError(probeRos2Bag, await damagedBag(folder, file, { cut }), new RegExp(`${file}: .*(too small|truncated|malformed)`));
        }
      }
    });

    it('a damaged database header or page fails the integrity check', async () => {
      await expectProbeError(probeRos2Bag, await damagedBag('ros2/rosbag2/sqlite3/talker', 'talker.db3', { flips: [0] }), /not an SQLite database/);
      await expectProbeError(probeRos2Bag, await damagedBag('ros2/rosbag2/sqlite3/talker', 'talker.db3', { flips: [106] }), /integrity check failed/);
    });

    it('bit flips anywhere end in a valid result or a ProbeError (sweep)', async () => {
      for (const at of spread(90_112, 20)) {
        await expectResultOrProbeError(probeRos2Bag, await damagedBag('ros2/rosbag2/sqlite3/wbag', 'wbag_1.db3', { flips: [at] }), (value) => ros2BagProbeSchema.parse(value));
      }
    });
  });
});
