import Database from 'better-sqlite3';
import { watch } from 'chokidar';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PQueue from 'p-queue';
import { startFaultyProxy } from '../../test/helpers/faultyProxy';
import { spawnCli, type CliProcess } from '../../test/helpers/spawnCli';
import type { BenchReport } from '../lib/BenchReport';
import { residentMemory } from '../lib/benchFiles';
import { writeBigBag, writeImages } from '../lib/benchRecordings';
import { EngineProcess } from '../lib/EngineProcess';
import { RawSinkProcess } from '../lib/RawSinkProcess';
import { timedDrop } from '../lib/timedDrop';

const MiB = 1024 * 1024;
const PART = 16 * MiB;

export interface IngestBenchSizes {
  largeFile: number;
  smallFiles: number;
  watchedFiles: number;
  watchedForMemory: number;
  hugeFile: number;
}

export const FULL_SIZES: IngestBenchSizes = { largeFile: 1024 * MiB, smallFiles: 10_000, watchedFiles: 10_000, watchedForMemory: 100_000, hugeFile: 10 * 1024 * MiB };
export const QUICK_SIZES: IngestBenchSizes = { largeFile: 256 * MiB, smallFiles: 2_000, watchedFiles: 2_000, watchedForMemory: 20_000, hugeFile: 1024 * MiB };

/** Runs `scenedock ingest` to its end, sampling its resident memory; answers wall time and peak RSS. */
async function timedIngest(args: string[]): Promise<{ ms: number; peakRss: number; run: CliProcess }> {
  const start = performance.now();
  const run = spawnCli(['ingest', ...args]);
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, residentMemory(run.child.pid ?? 0).peak); }, 100);
  const code = await run.exited;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`scenedock ingest exited with ${code}: ${run.stderr().slice(-2000)}`);
  return { ms: performance.now() - start, peakRss, run };
}

/**
 * Issue #4's figures, against a real engine in its own process: one large file and 10,000 files
 * of 100 KB end to end (dropped into a running ingest service, as the app and the agent run it:
 * the few seconds `scenedock` takes to start under tsx are not moving files), how soon files
 * dropped into a watched folder are queued (agent), resident memory while watching many files
 * (agent) and while uploading a huge one (`scenedock ingest`), and the bytes re-sent after a
 * kill -9 of `scenedock ingest` in the middle of a large file.
 */
export async function ingestBench(report: BenchReport, sizes: IngestBenchSizes): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-bench-ingest-'));
  const token = 'bench-ingest-token';
  const engine = await EngineProcess.start(join(dir, 'engine'), token);
  const sink = await RawSinkProcess.start(join(dir, 'sink'));
  mkdirSync(join(dir, 'sink'), { recursive: true });
  const cli = (state: string) => ['--engine', engine.url, '--token', token, '--state', join(dir, state)];
  try {
    // 1. One large file, end to end (probe, hash, dedupe check, multipart upload, registration).
    const bag = join(dir, 'large', 'drive.bag');
    mkdirSync(join(dir, 'large'));
    await writeBigBag(bag, sizes.largeFile);
    const size = statSync(bag).size;
    let t = performance.now();
    await sink.put(bag);
    const rawMs = performance.now() - t;
    const large = await timedDrop({ url: engine.url, token }, join(dir, 'state-large'), [bag]);
    if (large.done !== 1) throw new Error(`the large bag did not end done (${large.done} done)`);
    const rate = (ms: number) => size / MiB / (ms / 1000);
    report.add({
      issue: 4, name: `one ${(size / MiB).toFixed(0)} MiB ROS 1 bag end to end, dropped into a running ingest service (probe, sha256, upload, registration)`,
      value: rate(large.ms), unit: 'MiB/s', baselineName: 'raw streaming PUT of the same file', baselineValue: rate(rawMs),
      ratio: rawMs / large.ms, target: 'ratio >= 0.8', met: rawMs / large.ms >= 0.8,
    });

    // 2. Many small files.
    const images = writeImages(join(dir, 'small'), sizes.smallFiles, 100_000);
    const queue = new PQueue({ concurrency: 4 });
    t = performance.now();
    await Promise.all(images.map((p) => queue.add(() => sink.put(p))));
    const rawSmall = performance.now() - t;
    const small = await timedDrop({ url: engine.url, token }, join(dir, 'state-small'), [join(dir, 'small')]);
    if (small.done !== sizes.smallFiles) throw new Error(`${small.done} of ${sizes.smallFiles} small files ended done`);
    const perSecond = (ms: number) => sizes.smallFiles / (ms / 1000);
    report.add({
      issue: 4, name: `${sizes.smallFiles} files of 100 KB end to end, dropped into a running ingest service`,
      value: perSecond(small.ms), unit: 'files/s', baselineName: 'raw PUTs of the same files, 4 at a time', baselineValue: perSecond(rawSmall),
      ratio: rawSmall / small.ms, target: '>= 500 files/s', met: perSecond(small.ms) >= 500,
    });

    // 3 and 4. A watched folder: queue latency of new complete files, then memory with many files.
    await watchedFolder(report, dir, engine, token, sizes);

    // 5. Memory while uploading a huge file.
    const huge = join(dir, 'huge', 'huge.bag');
    mkdirSync(join(dir, 'huge'));
    await writeBigBag(huge, sizes.hugeFile);
    writeImages(join(dir, 'floor'), 1, 1000);
    const floor = await timedIngest([join(dir, 'floor'), ...cli('state-floor')]);
    const hugeRun = await timedIngest([huge, ...cli('state-huge')]);
    report.add({
      issue: 4, name: `peak resident memory of scenedock ingest uploading a ${(statSync(huge).size / 1024 / MiB).toFixed(1)} GiB file`,
      value: hugeRun.peakRss / MiB, unit: 'MiB', baselineName: 'the same command sending one tiny file', baselineValue: floor.peakRss / MiB,
      ratio: floor.peakRss / hugeRun.peakRss, target: '<= 300 MB', met: hugeRun.peakRss <= 300e6,
    });
    rmSync(huge, { force: true });

    // 6. Bytes re-sent after a kill in the middle of a large file.
    await resentAfterKill(report, dir, engine, token, bag, size);
  } finally {
    await sink.stop();
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function watchedFolder(report: BenchReport, dir: string, engine: EngineProcess, token: string, sizes: IngestBenchSizes): Promise<void> {
  const watched = join(dir, 'watched');
  mkdirSync(watched);
  const agent = spawnCli(['agent', '--watch', watched, '--engine', engine.url, '--token', token, '--state', join(dir, 'state-watch'), '--quiet-ms', '2000']);
  await agent.waitForLine(/SceneDock agent running/);
  // The floor: when the operating system tells a bare watcher that the file exists.
  const seen = new Map<string, number>();
  const bare = watch(watched, { ignoreInitial: true });
  bare.on('add', (path) => { if (!seen.has(path)) seen.set(path, Date.now()); });
  await new Promise<void>((resolve) => bare.once('ready', () => resolve()));
  const written = new Map<string, number>();
  for (let i = 0; i < sizes.watchedFiles; i++) {
    const path = join(watched, `batch_${Math.floor(i / 1000)}`, `f_${i}.pcd`);
    if (i % 1000 === 0) mkdirSync(join(watched, `batch_${Math.floor(i / 1000)}`), { recursive: true });
    writeFileSync(path, `VERSION .7\nFIELDS x\nSIZE 4\nTYPE F\nCOUNT 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n${i}\n`);
    written.set(path, Date.now());
  }
  const journal = join(dir, 'state-watch', 'journal.db');
  const queuedAt = await pollJournal(journal, sizes.watchedFiles, 120_000);
  const latencies = [...written].map(([path, at]) => (queuedAt.get(path) ?? Number.POSITIVE_INFINITY) - at);
  const floors = [...written].map(([path, at]) => (seen.get(path) ?? at) - at);
  await bare.close();
  const worst = Math.max(...latencies) / 1000;
  report.add({
    issue: 4, name: `time from a file being complete to queued, ${sizes.watchedFiles} files into a watched folder (worst; quiet period 2 s)`,
    value: worst, unit: 's', baselineName: 'a bare watcher seeing the file (worst)', baselineValue: Math.max(...floors) / 1000,
    ratio: Math.max(...floors) / 1000 / worst, target: 'all <= 10 s', met: worst <= 10,
  });
  agent.child.kill('SIGTERM');
  await agent.exited;

  // Memory while watching many files (the queue paused: this measures watching and journaling).
  const many = join(dir, 'many');
  for (let i = 0; i < sizes.watchedForMemory; i++) {
    if (i % 500 === 0) mkdirSync(join(many, `d_${Math.floor(i / 500)}`), { recursive: true });
    writeFileSync(join(many, `d_${Math.floor(i / 500)}`, `f_${i}.csv`), 't,v\n1,2\n');
  }
  const idle = spawnCli(['agent', '--engine', engine.url, '--token', token, '--state', join(dir, 'state-idle'), '--paused']);
  await idle.waitForLine(/SceneDock agent running/);
  await new Promise((r) => setTimeout(r, 2000));
  const idleRss = residentMemory(idle.child.pid ?? 0).peak;
  idle.child.kill('SIGTERM');
  await idle.exited;
  const watcher = spawnCli(['agent', '--watch', many, '--engine', engine.url, '--token', token, '--state', join(dir, 'state-many'), '--paused', '--quiet-ms', '1000']);
  await watcher.waitForLine(/SceneDock agent running/, 300_000);
  await pollJournal(join(dir, 'state-many', 'journal.db'), sizes.watchedForMemory, 600_000);
  const peak = residentMemory(watcher.child.pid ?? 0).peak;
  watcher.child.kill('SIGTERM');
  await watcher.exited;
  report.add({
    issue: 4, name: `peak resident memory of the agent watching ${sizes.watchedForMemory} files (all journaled)`,
    value: peak / MiB, unit: 'MiB', baselineName: 'the same agent watching nothing', baselineValue: idleRss / MiB,
    ratio: idleRss / peak, target: '<= 300 MB', met: peak <= 300e6,
  });
}

/** When each path entered the journal (unix ms), once `count` items are there. */
async function pollJournal(path: string, count: number, timeoutMs: number): Promise<Map<string, number>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT path, created_at FROM items').all() as { path: string; created_at: string }[];
        if (rows.length >= count) return new Map(rows.map((r) => [r.path, Date.parse(r.created_at)]));
      } finally {
        db.close();
      }
    } catch {
      // The journal is not created yet.
    }
    if (Date.now() > end) throw new Error(`the journal at ${path} did not reach ${count} items`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function resentAfterKill(report: BenchReport, dir: string, engine: EngineProcess, token: string, bag: string, size: number): Promise<void> {
  const proxy = await startFaultyProxy(engine.url, () => 'pass');
  try {
    const args = ['ingest', bag, '--engine', proxy.url, '--token', token, '--state', join(dir, 'state-kill'), '--part-size', String(PART), '--bandwidth-limit', String(200 * MiB)];
    const first = spawnCli(args);
    const journal = join(dir, 'state-kill', 'journal.db');
    const half = Math.floor(size / PART / 2);
    for (;;) {
      const parts = partsRecorded(journal);
      if (parts >= half || first.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const second = spawnCli(args);
    if ((await second.exited) !== 0) throw new Error(`the resumed ingest failed: ${second.stderr().slice(-2000)}`);
    const resent = Math.max(0, proxy.partBodyBytes() - size);
    report.add({
      issue: 4, name: 'bytes re-sent after a kill -9 in the middle of a large file (16 MiB parts, 4 in flight)',
      value: resent / MiB, unit: 'MiB', baselineName: 'one part', baselineValue: PART / MiB,
      ratio: PART / Math.max(resent, 1), target: '<= one part', met: resent <= PART,
    });
  } finally {
    await proxy.close();
  }
}

function partsRecorded(journal: string): number {
  try {
    const db = new Database(journal, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM item_parts').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

