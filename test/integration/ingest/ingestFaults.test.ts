import { appendFileSync, cpSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestSettings } from '../../../shared/ingest/ingestSettings';
import { startFaultyProxy } from '../../helpers/faultyProxy';
import { fixturesDir, FIXTURES_MISSING } from '../../helpers/fixturesDir';
import { writeLargeScan, writeSmallImages } from '../../helpers/ingestFiles';
import { DEFAULTS, startTestIngest, type TestIngest } from '../../helpers/startTestIngest';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const MiB = 1024 * 1024;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(settings: Partial<IngestSettings> = {}): Promise<{ engine: TestEngine; ingest: TestIngest; work: string }> {
  const engine = await startTestEngine();
  const ingest = await startTestIngest(engine, { settings });
  const work = mkdtempSync(join(tmpdir(), 'scenedock-faults-'));
  cleanups.push(() => engine.dispose(), () => ingest.dispose(), () => rmSync(work, { recursive: true, force: true }));
  return { engine, ingest, work };
}

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const itemNamed = (ingest: TestIngest, name: string) => ingest.service.listItems({ search: name, limit: 5 }).items.find((i) => i.name === name);

describe('ingest under faults', () => {
  it('waits while the engine is stopped and finishes by itself when it is back', async () => {
    const { engine, ingest, work } = await setup({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, bandwidthLimit: 10 * MiB });
    writeSmallImages(join(work, 'cam'), 20);
    writeLargeScan(join(work, 'scan.bin'), 30 * MiB);
    await ingest.service.dropPaths([work], DEFAULTS);
    await until(() => (itemNamed(ingest, 'scan.bin')?.bytesDone ?? 0) > 0, 'the large file to start uploading');
    await engine.close();
    await until(() => !ingest.service.overview().engine.online, 'the engine to be seen offline');
    const duringOutage = ingest.service.overview();
    expect(duringOutage.failed.files).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    const back = await engine.restart();
    cleanups.push(() => back.dispose());
    await ingest.service.whenSettled();
    expect(ingest.service.overview()).toMatchObject({ done: { files: 21 }, failed: { files: 0 }, engine: { online: true } });
  }, 180_000);

  it('sends a file modified during its upload again from the start, and reports one deleted during its upload', async () => {
    // Slow enough that both files are caught in the middle of their uploads.
    const { ingest, work } = await setup({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, bandwidthLimit: 4 * MiB, concurrency: 1 });
    writeLargeScan(join(work, 'changing.bin'), 20 * MiB);
    writeLargeScan(join(work, 'vanishing.bin'), 30 * MiB);
    await ingest.service.dropPaths([join(work, 'changing.bin'), join(work, 'vanishing.bin')], DEFAULTS);
    await until(() => (itemNamed(ingest, 'changing.bin')?.bytesDone ?? 0) > 0, 'changing.bin to start uploading');
    appendFileSync(join(work, 'changing.bin'), Buffer.alloc(16, 7));
    await until(() => {
      const v = itemNamed(ingest, 'vanishing.bin');
      return v?.state === 'uploading' && v.bytesDone > 0;
    }, 'vanishing.bin to be in the middle of its upload', 120_000);
    unlinkSync(join(work, 'vanishing.bin'));
    await ingest.service.whenSettled();
    const changed = itemNamed(ingest, 'changing.bin');
    expect(changed).toMatchObject({ state: 'done', size: 20 * MiB + 16 });
    const doc = await ingest.service.engine.assets('lidars').getMetadata(changed?.assetId ?? '');
    const stored = await ingest.service.engine.assets('lidars').getBytes(changed?.assetId ?? '');
    expect(stored.length).toBe(20 * MiB + 16);
    expect(doc.sha256).toBeDefined();
    expect(itemNamed(ingest, 'vanishing.bin')).toMatchObject({ state: 'failed', nextRetryAt: null, reason: expect.stringContaining('deleted') });
  }, 180_000);

  it('a part cut off by the network costs that part only: its siblings on the wire finish, the queued ones wait', async () => {
    const engine = await startTestEngine();
    // The third part's first try is cut off before any byte reaches the engine.
    const proxy = await startFaultyProxy(engine.url, (method, path, attempt) => (method === 'PUT' && /\/storage\/parts\/.+\/3$/.test(path) && attempt === 1 ? 'reset' : 'pass'));
    const ingest = await startTestIngest({ url: proxy.url, adminToken: engine.adminToken }, { settings: { partSize: 5 * MiB, multipartThreshold: 5 * MiB, concurrency: 4 } });
    const work = mkdtempSync(join(tmpdir(), 'scenedock-faults-'));
    cleanups.push(() => engine.dispose(), () => proxy.close(), () => ingest.dispose(), () => rmSync(work, { recursive: true, force: true }));
    writeLargeScan(join(work, 'drive.bin'), 40 * MiB);
    await ingest.service.dropPaths([join(work, 'drive.bin')], DEFAULTS);
    await ingest.service.whenSettled();
    const item = itemNamed(ingest, 'drive.bin');
    expect(item).toMatchObject({ state: 'done', size: 40 * MiB });
    const partPuts = proxy.seen.filter((s) => s.startsWith('PUT /storage/parts/'));
    // Eight parts, and one more try for the part that was cut: no sibling was sent twice.
    expect(partPuts).toHaveLength(9);
    expect(proxy.partBodyBytes()).toBeLessThanOrEqual(40 * MiB + 5 * MiB);
    expect((await ingest.service.engine.assets('lidars').getBytes(item?.assetId ?? '')).length).toBe(40 * MiB);
  }, 120_000);

  const fixtures = fixturesDir();
  it.skipIf(!fixtures)(`picks up a bag copied into a watched folder (${fixtures ? 'fixtures present' : FIXTURES_MISSING})`, async () => {
    const { ingest, work } = await setup();
    const watched = join(work, 'watched');
    cpSync(join(fixtures ?? '', 'pcd', 'pcl', 'bunny.pcd'), join(watched, 'early', 'bunny.pcd'), { recursive: true });
    await ingest.service.addWatchFolder(watched, DEFAULTS);
    await until(() => itemNamed(ingest, 'bunny.pcd')?.state === 'done', 'the file already there');
    cpSync(join(fixtures ?? '', 'ros1', 'rosbag2_bag_v2', 'test_bag.bag'), join(watched, 'drive_1', 'test_bag.bag'));
    cpSync(join(fixtures ?? '', 'ros2', 'rosbag2', 'mcap', 'talker'), join(watched, 'drive_1', 'talker'), { recursive: true });
    await until(() => itemNamed(ingest, 'test_bag.bag')?.state === 'done' && itemNamed(ingest, 'talker')?.state === 'done', 'the copied bags');
    expect(itemNamed(ingest, 'talker')).toMatchObject({ kind: 'ros2_bag', assetType: 'rosbags' });
  }, 120_000);
});
