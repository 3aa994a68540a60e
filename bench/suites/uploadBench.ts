import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetManagerClient } from '../../client/AssetManagerClient';
import type { BenchReport } from '../lib/BenchReport';
import { writeRandomFile } from '../lib/benchFiles';
import { EngineProcess } from '../lib/EngineProcess';
import { RawSinkProcess } from '../lib/RawSinkProcess';
import { median } from '../lib/stats';

const MiB = 1024 * 1024;

/**
 * Issue #2: a large file through the client's multipart upload (16 MiB parts, 4 in flight) to an
 * engine in its own process, against the baseline of one raw streaming HTTP PUT of the same file
 * to a plain sink (its own process too) that writes it to the same disk and fsyncs it. Runs
 * alternate; medians of 3 are compared.
 */
export async function uploadBench(report: BenchReport, bytes: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-bench-upload-'));
  const token = 'bench-upload-token';
  const engine = await EngineProcess.start(join(dir, 'engine'), token);
  const sink = await RawSinkProcess.start(dir);
  try {
    const file = join(dir, 'big.bin');
    await writeRandomFile(file, bytes);
    const client = new AssetManagerClient({ assetType: 'rosbags', assetManagerUrl: `${engine.url}/am/v1`, authToken: token });
    const raw: number[] = [];
    const ours: number[] = [];
    for (let run = 0; run < 3; run++) {
      let t = performance.now();
      await sink.put(file);
      raw.push(performance.now() - t);
      t = performance.now();
      const stored = await client.putFile(file, { id: `bench/big_${run}.bin`, partSize: 16 * MiB, concurrency: 4 });
      ours.push(performance.now() - t);
      if (stored.size !== bytes) throw new Error(`the engine stored ${stored.size} bytes of ${bytes}`);
      await client.deleteIfExistsInStorage(`bench/big_${run}.bin`);
      rmSync(join(dir, `upload-${run}`), { force: true });
    }
    const mbps = (ms: number) => bytes / MiB / (ms / 1000);
    const ratio = median(raw) / median(ours);
    report.add({
      issue: 2, name: `${(bytes / MiB / 1024).toFixed(bytes >= 1024 * MiB ? 0 : 2)} GiB through the client's multipart upload (16 MiB parts, 4 in flight), median of 3`,
      value: mbps(median(ours)), unit: 'MiB/s', baselineName: 'raw streaming PUT to a plain sink (fsync)', baselineValue: mbps(median(raw)),
      ratio, target: 'ratio >= 0.8', met: ratio >= 0.8,
    });
  } finally {
    await sink.stop();
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
