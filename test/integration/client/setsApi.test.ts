import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, SceneEngineClient, SetLockTimeoutError, SetsError, type AssetManagerClient } from '../../../client/index';
import { splitSizes } from '../../../engine/sets/splitSizes';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';
import { unzip } from '../../helpers/unzip';

// The set methods of the TypeScript client against a real engine over loopback.

let engine: TestEngine;
let se: SceneEngineClient;
let images: AssetManagerClient;
let artifacts: string;
const wait = { waitForCompletion: true, wait: { pollIntervalMs: 20, timeoutMs: 30_000 } };

beforeAll(async () => {
  engine = await startTestEngine();
  artifacts = mkdtempSync(join(tmpdir(), 'scenedock-sets-'));
  se = new SceneEngineClient({ authToken: engine.adminToken, sceneEngineUrl: engine.url, artifactsPath: artifacts });
  images = se.getAssetManager('images');
  await images.putAssetsBatch(Array.from({ length: 12 }, (_, i) => ({ metadata: { id: `img_${String(i).padStart(2, '0')}`, sensor: i < 4 ? 'front' : 'rear' } })));
});
afterAll(async () => {
  await engine.dispose();
  rmSync(artifacts, { recursive: true, force: true });
});

describe('createSet', () => {
  it('answers the existing id for a taken name, or raises when asked to', async () => {
    const id = await se.createSet({ name: 'reuse me', assetsType: 'images', isPrimary: true, auxiliary: { team: 'perception' } });
    expect(await se.createSet({ name: 'reuse me', assetsType: 'images' })).toBe(id);
    await expect(se.createSet({ name: 'reuse me', assetsType: 'images', raiseIfExists: true })).rejects.toBeInstanceOf(ConflictError);
    expect(await se.getMetadata(id, 'sets')).toMatchObject({ name: 'reuse me', tags: ['primary'], auxiliary: { team: 'perception' } });
  });
});

describe('members', () => {
  it('adds by ids and by query (with a limit), lists ids and documents, searches within, removes by ids and by query', async () => {
    const id = await se.createSet({ name: 'members', assetsType: 'images' });
    await se.addAssetsToSet(id, { ids: ['img_00', 'img_01'] }, wait);
    await se.addAssetsToSet(id, { search: { filters: [{ field: 'sensor', values: ['rear'] }] }, limit: 3 }, wait);
    const members = await se.assetsInSet(id);
    expect(members).toHaveLength(5);
    expect(members).toEqual(expect.arrayContaining(['img_00', 'img_01']));
    const docs = await se.searchWithinSet(id, { filters: [{ field: 'sensor', values: ['front'] }] });
    expect(docs.map((d) => d.id).sort()).toEqual(['img_00', 'img_01']);
    expect((await se.searchWithinSet(id, { filters: [{ field: 'sensor', values: ['rear'] }] }, false)).sort()).toEqual(members.filter((m) => !['img_00', 'img_01'].includes(m)).sort());
    await se.removeAssetsFromSet(id, { ids: ['img_00'] }, wait);
    await se.removeAssetsFromSet(id, { search: { filters: [{ field: 'sensor', values: ['rear'] }] } }, wait);
    expect(await se.assetsInSet(id)).toEqual(['img_01']);
  });

  it('refuses a locked set at once without waiting, times out while waiting, and proceeds once unlocked', async () => {
    const id = await se.createSet({ name: 'locked', assetsType: 'images' });
    expect(await se.setLock(id)).toBe(true);
    expect(await se.setIsLocked(id)).toBe(true);
    await expect(se.addAssetsToSet(id, { ids: ['img_02'] }, { waitForAvailability: false })).rejects.toBeInstanceOf(SetsError);
    await expect(se.addAssetsToSet(id, { ids: ['img_02'] }, { timeoutMs: 60, pollIntervalMs: 20 })).rejects.toBeInstanceOf(SetLockTimeoutError);
    const pending = se.addAssetsToSet(id, { ids: ['img_02'] }, { pollIntervalMs: 20, timeoutMs: 30_000, ...wait });
    await new Promise((r) => setTimeout(r, 50));
    await se.setUnlock(id);
    await pending;
    expect(await se.setIsLocked(id)).toBe(false);
    expect(await se.assetsInSet(id)).toEqual(['img_02']);
  });
});

describe('status, split, delete', () => {
  it('reports status with the SceneBox set states and the member count', async () => {
    const id = await se.createSet({ name: 'status', assetsType: 'images' });
    await se.addAssetsToSet(id, { ids: ['img_03', 'img_04'] }, wait);
    expect(await se.getSetStatus(id)).toMatchObject({ id, status: 'ready', locked: false, count: 2, assets_type: 'images', operations: [] });
  });

  it('splits by sections and by fractions with the seed\'s arithmetic, reproducibly', async () => {
    const id = await se.createSet({ name: 'to split', assetsType: 'images' });
    await se.addAssetsToSet(id, { search: {} }, wait);
    const all = await se.assetsInSet(id);
    expect(all).toHaveLength(12);
    for (const [spec, names] of [[5, ['s5_a', 's5_b', 's5_c', 's5_d', 's5_e']], [[0.5, 0.3, 0.1], ['f_a', 'f_b', 'f_c']]] as const) {
      const subsets = await se.splitSet(id, spec, { subsetNames: names, randomSeed: 7, ...wait });
      const sizes = await Promise.all(subsets.map(async (s) => (await se.assetsInSet(s)).length));
      expect(sizes).toEqual(splitSizes(12, typeof spec === 'number' ? { sections: spec } : { fractions: spec }));
      const union = (await Promise.all(subsets.map((s) => se.assetsInSet(s)))).flat().sort();
      expect(union).toEqual(all);
    }
    const again = await se.splitSet(id, 5, { subsetNames: ['r_a', 'r_b', 'r_c', 'r_d', 'r_e'], randomSeed: 7, ...wait });
    const first = await se.searchAssets('sets', { filters: [{ field: 'name', values: ['s5_a'] }] });
    expect((await se.assetsInSet(again[0] ?? '')).sort()).toEqual((await se.assetsInSet(first[0] ?? '')).sort());
  });

  it('deletes a set keeping its assets, or with them', async () => {
    const keep = await se.createSet({ name: 'delete keep', assetsType: 'images' });
    await se.addAssetsToSet(keep, { ids: ['img_05'] }, wait);
    await se.deleteSet(keep, wait);
    expect(await se.searchAssets('sets', { filters: [{ field: 'id', values: [keep] }] })).toEqual([]);
    expect(await images.exists('img_05')).toBe(true);
    const drop = await se.createSet({ name: 'delete content', assetsType: 'images' });
    await images.putAsset({ id: 'doomed', sensor: 'x' });
    await se.addAssetsToSet(drop, { ids: ['doomed'] }, wait);
    await se.deleteSet(drop, { deleteContent: true, ...wait });
    expect(await images.exists('doomed')).toBe(false);
  });
});

describe('zips', () => {
  it('zips a set and downloads it as bytes or to a file under artifactsPath, with files, metadata and annotations', async () => {
    const id = await se.createSet({ name: 'zipped', assetsType: 'images' });
    const bytes = Buffer.from('not really a png, but bytes');
    await images.putAsset({ id: 'zip_me.png', sensor: 'front', sets: [id] }, bytes);
    const { jobId, zipId } = await se.zipSet(id);
    await se.waitForJob(jobId, wait.wait);
    const zip = await se.downloadZipfile(zipId);
    expect(Buffer.isBuffer(zip)).toBe(true);
    const entries = await unzip(zip as Buffer);
    expect([...entries.keys()].sort()).toEqual(['images/zip_me.png', 'metadata/zip_me.png.json', 'set.json']);
    expect(entries.get('images/zip_me.png')?.equals(bytes)).toBe(true);
    const path = await se.zipSetAndDownload(id, 'my_zip', wait.wait);
    expect(path).toBe(join(artifacts, 'my_zip.zip'));
    expect([...(await unzip(readFileSync(path as string))).keys()].sort()).toEqual([...entries.keys()].sort());
  });
});
