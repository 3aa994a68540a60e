import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundingBoxAnnotation } from '../../../../shared/annotations/BoundingBoxAnnotation';
import { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../../../helpers/startTestEngine';

// Bad input is a 400 naming the field or item; another organization's data is a 404 (or simply
// invisible to searches); annotation documents are checked when they are written.

let engine: TestEngine;
let admin: PythonStyleAssets;
let other: PythonStyleAssets;
let am: string;

const box = { label: 'car', xMin: 1, yMin: 2, xMax: 3, yMax: 4 };

beforeAll(async () => {
  engine = await startTestEngine();
  am = `${engine.url}/am/v1`;
  admin = new PythonStyleAssets(engine.url, engine.adminToken);
  const org = await pyRequest('POST', `${engine.url}/identity_manager/organization`, { token: engine.adminToken }, { organization_name: 'other lab' });
  const user = await pyRequest('POST', `${engine.url}/identity_manager/user`, { token: engine.adminToken }, {
    username: 'other_admin', email: null, role: 'admin', organization_id: (org.json as { id: string }).id,
  });
  other = new PythonStyleAssets(engine.url, (user.json as { token: string }).token);
  await pyRequest('POST', `${am}/assets/meta_batch/`, admin.amParams('images', { replace: true, replace_sets: false }), {
    ids: ['img_a'], metadata: [{ width: 100, height: 50, format: 'png', sensor: 'cam', timestamp: '2026-01-01T00:00:00', sets: ['s'], preprocesses: [] }],
  });
  await admin.addAnnotations([new BoundingBoxAnnotation({ id: 'ann_a', imageId: 'img_a', provider: 'p', setId: null, boundingBoxes: [box] })]);
});
afterAll(async () => {
  await engine.dispose();
});

describe('bad input is a 400 naming the field', () => {
  it.each([
    ['annotations/remove_sources/', { annotation_sources: [{ version: 'v1' }], asset_type: 'images' }, /annotation_sources\.0\.provider/],
    ['annotations/remove_sources/', { annotation_sources: [], asset_type: 'images' }, /at least one annotation source/],
    ['annotations/remove_sources/', { annotation_sources: [{ provider: 'p' }], asset_type: 'sets' }, /asset_type/],
    ['annotations/delete_annotations', {}, /ids or search is required/],
    ['annotations/annotations_to_objects', { margin_ratio: -0.5, create_objects: false }, /margin_ratio must be at least 0/],
    ['annotations/annotations_to_objects', { source_annotation_type: 'segmentation' }, /source_annotation_type/],
    ['annotations/compress_masks_batch', { thumbnail_tag: '../x' }, /thumbnail_tag/],
    ['annotations/cleanup_annotation_masks', { force_reclean: 'yes' }, /force_reclean/],
    ['annotations/annotation_sources', { filters: [{ field: '', values: [1] }] }, /filters\.0\.field/],
  ])('%s %j', async (path, body, message) => {
    const res = await admin.se(path, body);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
  });

  it('an output set that does not exist is a 404; one that holds images is a 400', async () => {
    expect((await admin.se('annotations/annotations_to_objects', { output_set_id: 'no_such_set' })).status).toBe(404);
    await pyRequest('POST', `${am}/assets/meta_batch/`, admin.amParams('sets', { replace: true, replace_sets: false }), { ids: ['image_set'], metadata: [{ name: 'image_set', assets_type: 'images' }] });
    const res = await admin.se('annotations/annotations_to_objects', { output_set_id: 'image_set' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/output_set_id: set image_set holds images, not objects/);
  });
});

describe('annotation documents are checked when written', () => {
  it('refuses a bounding box with 3 corners, naming the item and the field, and writes nothing of the batch', async () => {
    const good = new BoundingBoxAnnotation({ id: 'good_one', imageId: 'img_a', boundingBoxes: [box] }).toDocument();
    const bad = { ...new BoundingBoxAnnotation({ id: 'bad_one', imageId: 'img_a', boundingBoxes: [box] }).toDocument() };
    bad.annotation_entities = [{ ...bad.annotation_entities[0]!, coordinates: bad.annotation_entities[0]!.coordinates!.slice(0, 3) }];
    const res = await pyRequest('POST', `${am}/assets/meta_batch/`, admin.amParams('annotations', { replace: true, replace_sets: false }), { ids: ['good_one', 'bad_one'], metadata: [good, bad] });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/metadata\.1: annotation_entities\.0\.coordinates: two_d_bounding_box entities must have exactly 4 coordinates, got 3/);
    expect(await admin.meta('annotations', 'good_one')).toBeUndefined();
  });

  it('refuses a video annotation without frame on PUT meta/<id>, and a bad field in an update', async () => {
    const doc = { ...new BoundingBoxAnnotation({ id: 'v1', videoId: 'vid', mediaType: 'videos', frame: 3, boundingBoxes: [box] }).toDocument(), frame: null };
    const put = await pyRequest('PUT', `${am}/assets/meta/v1`, admin.amParams('annotations', { replace: true, replace_sets: false }), doc);
    expect(put.status).toBe(400);
    expect(put.text).toMatch(/frame: videos annotation need frame/);
    const update = await pyRequest('POST', `${am}/assets/meta_batch`, admin.amParams('annotations', { replace: false, replace_sets: false }), { ids: ['ann_a'], metadata: [{ media_type: 'pictures' }] });
    expect(update.status).toBe(400);
    const tags = await pyRequest('POST', `${am}/assets/meta_batch`, admin.amParams('annotations', { replace: false, replace_sets: false }), { ids: ['ann_a'], metadata: [{ tags: ['reviewed'] }] });
    expect(tags.status).toBe(200);
    expect((await admin.meta('annotations', 'ann_a'))?.tags).toEqual(['reviewed']);
  });

  it('leaves other asset types alone', async () => {
    const res = await pyRequest('POST', `${am}/assets/meta_batch/`, admin.amParams('images', { replace: true, replace_sets: false }), { ids: ['free_form'], metadata: [{ annotation_entities: 'not checked here' }] });
    expect(res.status).toBe(200);
  });
});

describe('the generic SceneEngine routes of the annotations type', () => {
  it('still answer beside the annotation routes (search_meta, get_metadata, search_assets)', async () => {
    const meta = await admin.se('annotations/meta', { filters: [{ field: 'asset_id', values: ['img_a'] }] }, { size: 50, offset: 0, scan: true });
    expect((meta.json as { id: string }[]).map((d) => d.id)).toEqual(['ann_a']);
    const one = await pyRequest('GET', `${engine.url}/v1/annotations/meta/ann_a`, { token: engine.adminToken, with_session_metadata: true });
    expect(one.json).toMatchObject({ id: 'ann_a', provider: 'p' });
    expect((await admin.se('annotations', undefined, { size: 5000, offset: 0, scan: false, sort_field: 'id', sort_order: 'asc' })).json).toContain('ann_a');
  });
});

describe('organizations do not see each other', () => {
  it('sources and labels of another organization are empty', async () => {
    expect((await admin.se('annotations/annotation_sources', {})).json).toHaveLength(1);
    expect((await other.se('annotations/annotation_sources', {})).json).toEqual([]);
    expect((await other.se('annotations/annotation_labels', {})).json).toEqual([]);
  });

  it('naming another organization\'s annotation is a 404, for every route that takes ids', async () => {
    for (const [path, body] of [
      ['annotations/delete_annotations', { ids: ['ann_a'] }],
      ['annotations/cleanup_annotation_masks', { ids: ['ann_a'], force_reclean: true }],
      ['annotations/annotations_to_objects', { ids: ['ann_a'] }],
      ['annotations/compress_masks_batch', { ids: ['ann_a'], thumbnail_tag: 'small' }],
    ] as const) {
      const res = await other.se(path, body);
      expect(res.status, path).toBe(404);
      expect(res.text).toMatch(/no annotation ann_a/);
    }
  });

  it('a search-based job of another organization touches nothing, and its job is not readable across', async () => {
    const res = await other.se('annotations/remove_sources/', { annotation_sources: [{ provider: 'p' }], asset_type: 'images' });
    const jobId = (res.json as { job_id: string }).job_id;
    expect((await other.waitForJob(jobId)).status).toBe('finished');
    expect(await admin.meta('jobs', jobId)).toBeUndefined();
    expect(await admin.meta('annotations', 'ann_a')).toBeDefined();
    expect((await admin.meta('images', 'img_a'))?.annotations).toEqual(['ann_a']);
  });
});
