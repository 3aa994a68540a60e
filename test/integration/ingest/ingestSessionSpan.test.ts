import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onePointPcd as cloud, startIngestBed, type IngestBed } from '../../helpers/startIngestBed';
import { DEFAULTS } from '../../helpers/startTestIngest';

// A session covers at most MAX_SESSION_LENGTH (10800) × its resolution (1 s): three hours. Files
// dropped together into one session but taken years apart (a video from 2018 beside a photo of
// today) cannot all be on its timeline. Each is still stored and registered; the one that does
// not fit is registered outside the session, and its row says why.

describe('files dropped into one session whose times are years apart', () => {
  let bed: IngestBed;
  let ingest: IngestBed['ingest'];
  let root: string;

  beforeAll(async () => {
    bed = await startIngestBed('scenedock-span-');
    ({ ingest, root } = bed);
    // Different bytes: identical ones would be skipped as duplicates.
    writeFileSync(join(root, 'old.pcd'), cloud(1));
    writeFileSync(join(root, 'new.pcd'), cloud(2));
    // No EXIF or header time in a PCD: the file's mtime is its time.
    const old = new Date(Date.UTC(2018, 6, 25));
    utimesSync(join(root, 'old.pcd'), old, old);
  });
  afterAll(() => bed?.dispose());

  it('stores both; the one that does not fit the session is registered without it and says why', async () => {
    // One after the other, so that which file is in the session is known.
    await ingest.service.dropPaths([join(root, 'new.pcd')], { ...DEFAULTS, sessionMode: 'named', sessionName: 'trip' });
    await ingest.service.whenSettled();
    await ingest.service.dropPaths([join(root, 'old.pcd')], { ...DEFAULTS, sessionMode: 'named', sessionName: 'trip' });
    await ingest.service.whenSettled();

    const items = new Map(ingest.service.listItems({ limit: 10 }).items.map((i) => [i.name, i]));
    const fits = items.get('new.pcd');
    const apart = items.get('old.pcd');
    expect(fits).toMatchObject({ state: 'done', reason: null });
    expect(fits?.sessionUid).toBeTruthy();
    expect(apart).toMatchObject({ state: 'done', sessionUid: null });
    expect(apart?.reason).toMatch(/^registered without session trip: .*would span \d+\.\d+ s, more than 10800 × resolution 1 s/);

    const lidars = ingest.service.engine.client.getAssetManager('lidars');
    const ids = await ingest.service.engine.client.searchAssets('lidars', {});
    expect(ids).toHaveLength(2);
    const docs = await Promise.all(ids.map((id) => lidars.getMetadata(id)));
    expect(docs.filter((d) => d.session_uid === fits?.sessionUid)).toHaveLength(1);
    expect(docs.filter((d) => d.session_uid === undefined)).toHaveLength(1);
  });

  it('dropped together (one registration batch), the pair still ends with one in the session and one outside it', async () => {
    writeFileSync(join(root, 'then.pcd'), cloud(3));
    writeFileSync(join(root, 'now.pcd'), cloud(4));
    const then = new Date(Date.UTC(2019, 2, 1));
    utimesSync(join(root, 'then.pcd'), then, then);
    await ingest.service.dropPaths([join(root, 'then.pcd'), join(root, 'now.pcd')], { ...DEFAULTS, sessionMode: 'named', sessionName: 'pair' });
    await ingest.service.whenSettled();
    const items = ingest.service.listItems({ limit: 10 }).items.filter((i) => i.name === 'then.pcd' || i.name === 'now.pcd');
    expect(items.map((i) => i.state)).toEqual(['done', 'done']);
    const inSession = items.filter((i) => i.sessionUid !== null);
    const outside = items.filter((i) => i.sessionUid === null);
    expect(inSession).toHaveLength(1);
    expect(outside).toHaveLength(1);
    expect(inSession[0]?.reason).toBeNull();
    expect(outside[0]?.reason).toMatch(/^registered without session pair: .*would span/);
  });
});
