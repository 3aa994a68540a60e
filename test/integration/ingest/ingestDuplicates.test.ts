import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePointPcd as cloud, startIngestBed, type IngestBed } from '../../helpers/startIngestBed';
import { DEFAULTS } from '../../helpers/startTestIngest';

// The same bytes found in a second place (a card copied twice, a folder dropped again from a
// backup) are not stored again: the unit is skipped and names the asset that holds them. The
// check runs for several units in one search; each must get its own answer.

describe('files whose bytes the engine already holds', () => {
  let bed: IngestBed;
  let ingest: IngestBed['ingest'];
  let root: string;

  beforeAll(async () => {
    bed = await startIngestBed('scenedock-dupes-');
    ({ ingest, root } = bed);
  });
  afterAll(() => bed?.dispose());

  it('are skipped, naming the asset that holds them, while new files beside them are sent', async () => {
    writeFileSync(join(root, 'a.pcd'), cloud(1));
    writeFileSync(join(root, 'b.pcd'), cloud(2));
    await ingest.service.dropPaths([join(root, 'a.pcd'), join(root, 'b.pcd')], DEFAULTS);
    await ingest.service.whenSettled();
    const first = new Map(ingest.service.listItems({ limit: 10 }).items.map((i) => [i.name, i]));
    expect(first.get('a.pcd')?.state).toBe('done');
    expect(first.get('b.pcd')?.state).toBe('done');

    // Copies of a and b under other names, and two new files, dropped together.
    writeFileSync(join(root, 'copy-of-a.pcd'), cloud(1));
    writeFileSync(join(root, 'copy-of-b.pcd'), cloud(2));
    writeFileSync(join(root, 'c.pcd'), cloud(3));
    writeFileSync(join(root, 'd.pcd'), cloud(4));
    await ingest.service.dropPaths(['copy-of-a.pcd', 'c.pcd', 'copy-of-b.pcd', 'd.pcd'].map((n) => join(root, n)), DEFAULTS);
    await ingest.service.whenSettled();
    const items = new Map(ingest.service.listItems({ limit: 10 }).items.map((i) => [i.name, i]));
    expect(items.get('copy-of-a.pcd')).toMatchObject({ state: 'skipped', reason: `duplicate of lidars asset ${first.get('a.pcd')?.assetId ?? '?'} (same sha256)` });
    expect(items.get('copy-of-b.pcd')).toMatchObject({ state: 'skipped', reason: `duplicate of lidars asset ${first.get('b.pcd')?.assetId ?? '?'} (same sha256)` });
    expect(items.get('c.pcd')?.state).toBe('done');
    expect(items.get('d.pcd')?.state).toBe('done');
    expect((await ingest.service.engine.client.searchAssets('lidars', {})).sort()).toEqual(
      ['a.pcd', 'b.pcd', 'c.pcd', 'd.pcd'].map((n) => items.get(n)?.assetId ?? first.get(n)?.assetId).sort(),
    );
  });
});
