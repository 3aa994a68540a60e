import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, FIXTURES_MISSING } from '../../helpers/fixturesDir';
import { DEFAULTS, startTestIngest, type TestIngest } from '../../helpers/startTestIngest';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const fixtures = fixturesDir();

describe.skipIf(!fixtures)(`ingest of the real fixtures (${fixtures ? 'present' : FIXTURES_MISSING})`, () => {
  let engine: TestEngine;
  let ingest: TestIngest;
  const root = fixtures ?? '';

  beforeAll(async () => {
    engine = await startTestEngine();
    ingest = await startTestIngest(engine);
  });
  afterAll(async () => {
    await ingest?.dispose();
    await engine?.dispose();
  });

  it('ingests images, videos, lidar, bags and MCAP with their kinds and probe values', async () => {
    const { queued, missing } = await ingest.service.dropPaths([
      join(root, 'images', 'exifr', 'IMG_20180725_163423-tiny.jpg'),
      join(root, 'video', 'moviepy', 'chaplin.mp4'),
      join(root, 'pcd', 'pcl', 'bunny.pcd'),
      join(root, 'ros1', 'foxglove-rosbag', 'example-lz4.bag'),
      join(root, 'ros2', 'rosbag2', 'sqlite3', 'wbag'),
      join(root, 'mcap', 'solvcon', 'vehicle_zstd.mcap'),
    ], DEFAULTS);
    expect(missing).toEqual([]);
    expect(queued).toBe(6);
    await ingest.service.whenSettled();
    const items = ingest.service.listItems({ limit: 100 }).items;
    const byName = new Map(items.map((i) => [i.name, i]));
    for (const [name, kind, type] of [
      ['IMG_20180725_163423-tiny.jpg', 'image', 'images'], ['chaplin.mp4', 'video', 'videos'], ['bunny.pcd', 'lidar', 'lidars'],
      ['example-lz4.bag', 'ros1_bag', 'rosbags'], ['wbag', 'ros2_bag', 'rosbags'], ['vehicle_zstd.mcap', 'mcap', 'rosbags'],
    ] as const) {
      const item = byName.get(name);
      expect(item, name).toMatchObject({ state: 'done', kind, assetType: type, progress: 1 });
    }
    const image = byName.get('IMG_20180725_163423-tiny.jpg');
    const doc = await ingest.service.engine.assets('images').getMetadata(image?.assetId ?? '');
    expect(doc).toMatchObject({ width: 1012, height: 759, format: 'jpg', sensor: 'exifr' });
    expect((doc.aux as { probe: { gps: { latitude: number } } }).probe.gps.latitude).toBeCloseTo(50.299603, 5);
    const bytes = await ingest.service.engine.assets('images').getBytes(image?.assetId ?? '');
    expect(bytes.length).toBe(311_406);
  });

  it('rejects a file it cannot use, with the reason, while the others land', async () => {
    const { queued } = await ingest.service.dropPaths([join(root, 'SOURCES.md'), join(root, 'pcd', 'pcl', 'octants.pcd')], DEFAULTS);
    expect(queued).toBe(2);
    await ingest.service.whenSettled();
    const items = ingest.service.listItems({ search: '', limit: 100 }).items;
    expect(items.find((i) => i.name === 'SOURCES.md')).toMatchObject({ state: 'rejected', reason: 'unsupported file type ".md"' });
    expect(items.find((i) => i.name === 'octants.pcd')).toMatchObject({ state: 'done' });
  });
});
