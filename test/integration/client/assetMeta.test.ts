import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetManagerClient, HttpEvent, SceneEngineClient } from '../../../client/index';
import { NotFoundError, ValidationError } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

let engine: TestEngine;
let se: SceneEngineClient;
let requests: HttpEvent[];
let images: AssetManagerClient;

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se, requests } = connectClient(engine));
  images = se.getAssetManager('images');
});
afterAll(async () => engine.dispose());

const wait = { pollIntervalMs: 20, timeoutMs: 30_000 };

describe('writes: replace and replace_sets', () => {
  it('replace=true writes the document whole but keeps the stored sets unless replace_sets', async () => {
    await images.putAsset({ id: 'a1', sensor: 'cam', sets: ['set_a'], aux: { x: 1 } });
    await images.putAsset({ id: 'a1', sensor: 'cam2', sets: ['set_b'] });
    expect(await images.getMetadata('a1')).toEqual({ id: 'a1', owner: expect.any(String) as unknown, sensor: 'cam2', sets: ['set_a', 'set_b'] });
    await images.putAsset({ id: 'a1', sensor: 'cam3' });
    expect(await images.getMetadata('a1')).toMatchObject({ sensor: 'cam3', sets: ['set_a', 'set_b'] });
    await images.upsertMetadata('a1', { sensor: 'cam4', sets: ['set_c'] });
    const doc = await images.getMetadata('a1');
    expect(doc.sets).toEqual(['set_c']);
    expect(doc).not.toHaveProperty('aux');
  });

  it('replace=false deep-merges objects and appends lists without duplicates, or replaces lists with replace_sets', async () => {
    await images.putAsset({ id: 'a2', tags: ['x'], aux: { a: 1, b: { c: 1 } }, annotations: ['ann_1'], annotations_meta: [{ provider: 'p1', id: 'ann_1' }] });
    const stored = await images.updateMetadata('A-2', { tags: ['x', 'y'], aux: { b: { d: 2 } }, annotations: ['ann_2'], annotations_meta: [{ provider: 'p2', id: 'ann_2' }], width: 10 });
    expect(stored).toBe('a_2');
    await images.updateMetadata('a2', { tags: ['x', 'y'], aux: { b: { d: 2 } }, annotations: ['ann_2'], annotations_meta: [{ provider: 'p2', id: 'ann_2' }], width: 10 });
    expect(await images.getMetadata('a2')).toMatchObject({
      tags: ['x', 'y'], aux: { a: 1, b: { c: 1, d: 2 } }, annotations: ['ann_1', 'ann_2'],
      annotations_meta: [{ provider: 'p1', id: 'ann_1' }, { provider: 'p2', id: 'ann_2' }], width: 10,
    });
    // The annotation cleanup sends the remaining lists with replace_sets=true.
    await images.updateMetadata('a2', { annotations: ['ann_2'], annotations_meta: [{ provider: 'p2', id: 'ann_2' }] }, { replaceSets: true });
    expect(await images.getMetadata('a2')).toMatchObject({ tags: ['x', 'y'], annotations: ['ann_2'], annotations_meta: [{ provider: 'p2', id: 'ann_2' }], aux: { a: 1 } });
    expect(await images.searchAssets({ filters: [{ field: 'annotations', values: ['ann_1'] }] })).toEqual([]);
  });

  it('batch writes follow the same rules (meta_batch with replace=true, then replace=false)', async () => {
    const written = await images.putAssetsBatch([
      { metadata: { id: 'B-1', sets: ['s1'], n: 1 } },
      { metadata: { id: 'b2', sets: ['s1'], n: 2, aux: { k: 'v' } } },
    ]);
    expect(written.map((w) => w.id)).toEqual(['b_1', 'b2']);
    await images.putAssetsBatch([{ metadata: { id: 'b_1', sets: ['s2'], n: 10 } }]);
    expect(await images.getMetadata('b_1')).toMatchObject({ sets: ['s1', 's2'], n: 10 });
    expect(await images.updateMetadataBatch(['b_1', 'b2'], [{ sets: ['s3'] }, { aux: { k2: 'w' } }])).toEqual(['b_1', 'b2']);
    expect(await images.getMetadata('b_1')).toMatchObject({ sets: ['s1', 's2', 's3'], n: 10 });
    expect(await images.getMetadata('b2')).toMatchObject({ sets: ['s1'], n: 2, aux: { k: 'v', k2: 'w' } });
    await expect(images.updateMetadataBatch(['b2'], [])).rejects.toBeInstanceOf(RangeError);
  });

  it('generates a guid id when the metadata has none', async () => {
    const { id } = await images.putAsset({ sensor: 'anon' });
    expect(id).toMatch(/^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/);
    expect(await images.exists(id)).toBe(true);
  });

  it('sends asset_type and metadata_only on every call, forcing metadata_only for metadata-only types', async () => {
    requests.length = 0;
    await se.getAssetManager('sessions').putAsset({ id: 'sess_1', session_name: 'drive' });
    await images.count();
    const [sessionCall, imageCall] = requests;
    expect(sessionCall?.url).toMatch(/asset_type=sessions/);
    expect(sessionCall?.url).toMatch(/metadata_only=true/);
    expect(imageCall?.url).toMatch(/asset_type=images&metadata_only=false|metadata_only=false/);
    expect(se.getAssetManager('jobs', { metadataOnly: false }).metadataOnly).toBe(true);
  });
});

describe('reads', () => {
  it('tells which ids exist, matching ids in their standardized form', async () => {
    await images.putAssetsBatch([{ metadata: { id: 'e1' } }, { metadata: { id: 'e_2' } }]);
    expect(await images.exists('e1')).toBe(true);
    expect(await images.exists('nope')).toBe(false);
    expect(await images.existsMultiple(['e1', 'E-2', 'nope'])).toEqual({ e1: true, 'E-2': true, nope: false });
  });

  it('reads documents in batch, projected', async () => {
    const docs = await images.getMetadataInBatch(['e1', 'e_2', 'missing'], ['id']);
    expect(docs).toEqual([{ id: 'e1' }, { id: 'e_2' }]);
  });

  it('iterates documents page by page with search_after', async () => {
    const all = await images.searchMetaLarge({}, { pageSize: 2, sourceSelectedFields: ['n'] });
    const ids = all.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(await images.count());
    expect(all.find((d) => d.id === 'b2')).toEqual({ id: 'b2', n: 2 });
  });
});

describe('copies and deletes', () => {
  it('copies an asset under a new id, sets included', async () => {
    await images.putAsset({ id: 'c1', sets: ['s'], sensor: 'cam' });
    expect(await images.copy('c1', 'C-2')).toBe('c_2');
    expect(await images.getMetadata('c_2')).toMatchObject({ id: 'c_2', sets: ['s'], sensor: 'cam' });
    await expect(images.copy('missing', 'x')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes one asset', async () => {
    expect(await images.delete('c_2')).toBe('c_2');
    expect(await images.exists('c_2')).toBe(false);
    await expect(images.delete('c_2')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes by list in a job; once finished, searches no longer return the ids', async () => {
    const batch = Array.from({ length: 30 }, (_, i) => ({ metadata: { id: `del_${String(i).padStart(2, '0')}`, group: 'doomed', keep: i % 3 === 0 } }));
    await images.putAssetsBatch(batch);
    const doomed = batch.filter((b) => !b.metadata.keep).map((b) => b.metadata.id);
    const jobId = await images.deleteWithList(doomed);
    const job = await se.waitForJob(jobId, wait);
    expect(job).toMatchObject({ id: jobId, status: 'finished', progress: 100, job_type: 'media_removal' });
    expect(await images.searchAssets({ filters: [{ field: 'group', values: ['doomed'] }] }, { size: 100 })).toEqual(['del_00', 'del_03', 'del_06', 'del_09', 'del_12', 'del_15', 'del_18', 'del_21', 'del_24', 'del_27']);
    expect(await images.searchMeta({ filters: [{ field: 'id', values: doomed }] })).toEqual([]);
  });

  it('deletes by query in a job', async () => {
    const jobId = await images.deleteWithQuery({ filters: [{ field: 'group', values: ['doomed'] }] });
    expect((await se.waitForJob(jobId, wait)).status).toBe('finished');
    expect(await images.count({ filters: [{ field: 'group', values: ['doomed'] }] })).toBe(0);
    expect(await images.exists('e1')).toBe(true);
  });

  it('removes a key from every document in a job', async () => {
    await images.putAssetsBatch([{ metadata: { id: 'k1', scratch: { a: 1 }, kept: 1 } }, { metadata: { id: 'k2', scratch: { b: 2 } } }]);
    const jobId = await images.removeKeyFromIndex('scratch');
    await se.waitForJob(jobId, wait);
    expect(await images.getMetadata('k1')).toMatchObject({ kept: 1 });
    expect(await images.getMetadata('k1')).not.toHaveProperty('scratch');
    expect((await images.getAllSearchFields()).map((f) => f.field).filter((f) => f.startsWith('scratch'))).toEqual([]);
  });
});

describe('update by query and registered fields', () => {
  it('adds a value to a list field of every match, then removes it; the task reports completion', async () => {
    await images.putAssetsBatch([{ metadata: { id: 'u1', kind: 'u', labels: ['a'] } }, { metadata: { id: 'u2', kind: 'u' } }, { metadata: { id: 'u3', kind: 'other' } }]);
    const [taskId] = await images.updateByQuery({ updateField: 'labels', updateValue: 'reviewed', operation: 'add', search: { filters: [{ field: 'kind', values: ['u'] }] } });
    expect(taskId).toBeDefined();
    const jm = se.getJobManager();
    await se.waitForJob(taskId ?? '', wait);
    expect(await jm.getTask(taskId ?? '')).toMatchObject({ completed: true });
    expect(await images.searchAssets({ filters: [{ field: 'labels', values: ['reviewed'] }] })).toEqual(['u1', 'u2']);
    expect((await images.getMetadata('u1')).labels).toEqual(['a', 'reviewed']);
    const [removal] = await images.updateByQuery({ updateField: 'labels', updateValue: 'reviewed', operation: 'remove', limit: 1, search: { filters: [{ field: 'kind', values: ['u'] }] } });
    await se.waitForJob(removal ?? '', wait);
    expect(await images.searchAssets({ filters: [{ field: 'labels', values: ['reviewed'] }] })).toEqual(['u2']);
  });

  it('acknowledges a field registration and refuses a malformed one', async () => {
    expect(await images.registerField({ field: 'aux.speed', type: 'number' })).toMatchObject({ acknowledged: true });
    await expect(images.updateByQuery({ updateField: '', updateValue: 1, operation: 'add' })).rejects.toBeInstanceOf(ValidationError);
  });
});
