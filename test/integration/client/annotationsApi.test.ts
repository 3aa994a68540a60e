import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMaskPng } from '../../../client/annotations/encodeMaskPng';
import { AnnotationBatchError, type AssetManagerClient, type SceneEngineClient } from '../../../client/index';
import { AnnotationValidationError } from '../../../shared/annotations/AnnotationValidationError';
import { BoundingBoxAnnotation } from '../../../shared/annotations/BoundingBoxAnnotation';
import { PolygonAnnotation } from '../../../shared/annotations/PolygonAnnotation';
import { SegmentationAnnotation } from '../../../shared/annotations/SegmentationAnnotation';
import { connectClient } from '../../helpers/connectClient';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// The annotation methods of the TypeScript client against a real engine. Images are generated
// grey PNGs (64x48), so that the objects job can crop them with ffmpeg.

let engine: TestEngine;
let se: SceneEngineClient;
let images: AssetManagerClient;
let annotations: AssetManagerClient;
let tmp: string;
let maskFile: string;
const wait = { waitForCompletion: true, wait: { pollIntervalMs: 20, timeoutMs: 60_000 } };

const box = (id: string, imageId: string, provider = 'det') => new BoundingBoxAnnotation({
  id, imageId, provider, version: 'v1', boundingBoxes: [{ label: 'car', xMin: 4, yMin: 4, xMax: 20, yMax: 16 }, { label: 'bus', xMin: 30, yMin: 10, xMax: 60, yMax: 40 }],
});

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se } = connectClient(engine));
  images = se.getAssetManager('images');
  annotations = se.getAssetManager('annotations');
  tmp = mkdtempSync(join(tmpdir(), 'scenedock-annotations-'));
  const png = encodeMaskPng(64, 48, new Uint8Array(64 * 48).fill(128));
  for (const id of ['img_a', 'img_b', 'img_c']) {
    await images.putAsset({ id, width: 64, height: 48, format: 'png', sensor: id === 'img_c' ? 'rear' : 'front', sets: [] }, png, { fileOptions: { id: `${id}.png` } });
  }
  maskFile = join(tmp, 'mask.png');
  writeFileSync(maskFile, encodeMaskPng(64, 48, new Uint8Array(64 * 48).map((_v, i) => (i % 64 < 32 ? 255 : 0))));
});
afterAll(async () => {
  await engine.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

describe('adding annotations', () => {
  it('writes the documents and attaches them to their images with annotations_meta and provider labels', async () => {
    const seg = new SegmentationAnnotation({ id: 'seg_a', imageId: 'img_a', provider: 'painter', labels: ['road'], maskColors: ['#FFFFFF'], maskFilePaths: [maskFile] });
    const ids = await se.addAnnotations([box('box_a', 'img_a'), new PolygonAnnotation({ id: 'poly_a', imageId: 'img_a', provider: 'seg', polygons: [{ label: 'lane', coordinates: [[1, 1], [5, 1], [5, 5]] }] }), seg]);
    expect(ids).toEqual(['box_a', 'poly_a', 'seg_a']);
    expect(await se.addAnnotation(box('box_b', 'img_b'))).toBe('box_b');
    const doc = await images.getMetadata('img_a');
    expect(doc.annotations).toEqual(['box_a', 'poly_a', 'seg_a']);
    expect(doc.annotations_meta).toEqual([
      { provider: 'det', id: 'box_a', version: 'v1', type: 'two_d_bounding_box' },
      { provider: 'seg', id: 'poly_a', version: null, type: 'polygon' },
      { provider: 'painter', id: 'seg_a', version: null, type: 'segmentation' },
    ]);
    expect((doc.aux as { labels: string[] }).labels.sort()).toEqual(['bus_det', 'car_det', 'lane_seg', 'road_painter']);
    const stored = await annotations.getMetadata('seg_a');
    const [mask] = Object.values(stored.masks as Record<string, { uri: string }>);
    expect(mask?.uri).toMatch(/^s3:\/\//);
    expect(await annotations.getMetadata('box_a')).toMatchObject({ asset_id: 'img_a', labels: ['car', 'bus'], annotation_type: 'two_d_bounding_box' });
  });

  it('refuses the whole batch before writing when an annotation points at a missing image, naming it', async () => {
    const attempt = se.addAnnotations([box('good_one', 'img_c'), box('orphan', 'no_such_image')]);
    await expect(attempt).rejects.toBeInstanceOf(AnnotationBatchError);
    await expect(attempt).rejects.toThrow(/annotation orphan: images asset no_such_image does not exist/);
    expect(await annotations.existsMultiple(['good_one', 'orphan'])).toEqual({ good_one: false, orphan: false });
    expect((await images.getMetadata('img_c')).annotations).toBeUndefined();
  });

  it('refuses an annotation breaking its class rules when it is made, naming the annotation and the entity', () => {
    expect(() => new BoundingBoxAnnotation({ id: 'bad', imageId: 'img_c', boundingBoxes: [{ label: 'car', xMin: 10, xMax: 5, yMin: 0, yMax: 1 }] }))
      .toThrow(AnnotationValidationError);
    expect(() => new BoundingBoxAnnotation({ id: 'bad', imageId: 'img_c', boundingBoxes: [{ label: 'car', xMin: 10, xMax: 5, yMin: 0, yMax: 1 }] }))
      .toThrow(/BoundingBoxAnnotation bad > BoundingBox "car": x_max \(5\) must not be less than x_min \(10\)/);
  });
});

describe('reading, downloading and cutting objects', () => {
  it('lists the sources and labels of the annotations on images a search matches', async () => {
    const sources = await se.getAnnotationSources({ filters: [{ field: 'sensor', values: ['front'] }] });
    expect(sources.map((s) => s.provider).sort()).toEqual(['det', 'painter', 'seg']);
    expect(sources.find((s) => s.provider === 'det')).toEqual({ provider: 'det', version: 'v1', annotation_type: 'two_d_bounding_box', annotation_group: 'ground_truth' });
    expect((await se.getAnnotationLabels({ filters: [{ field: 'id', values: ['img_b'] }] })).sort()).toEqual(['bus', 'car']);
  });

  it('downloads annotations with their mask files, to a folder or as bytes', async () => {
    const folder = join(tmp, 'download');
    const saved = await se.downloadAnnotations(['seg_a', 'box_a', 'missing'], folder);
    expect(Object.keys(saved).sort()).toEqual(['box_a', 'seg_a']);
    const maskPath = Object.values(saved.seg_a?.masks ?? {})[0];
    expect(typeof maskPath).toBe('string');
    expect(readFileSync(maskPath as string).equals(readFileSync(maskFile))).toBe(true);
    expect(JSON.parse(readFileSync(saved.box_a?.path ?? '', 'utf8'))).toMatchObject({ id: 'box_a', asset_id: 'img_a' });
    const inMemory = await se.downloadAnnotations(['seg_a']);
    expect((Object.values(inMemory.seg_a?.masks ?? {})[0] as Buffer).equals(readFileSync(maskFile))).toBe(true);
  });

  it('cuts objects from boxes into an objects set', async () => {
    const objectsSet = await se.createSet({ name: 'objects', assetsType: 'objects' });
    await se.annotationsToObjects({ ids: ['box_b'], createObjects: true, outputSetId: objectsSet, marginPixels: 2 }, wait);
    const objects = await se.searchMeta('objects', { filters: [{ field: 'annotation_id', values: ['box_b'] }] });
    expect(objects).toHaveLength(2);
    expect(await se.assetsInSet(objectsSet)).toHaveLength(2);
  });

  it('cleans up masks no entity uses, keeping those in use', async () => {
    await se.cleanupAnnotationMasks({ ids: ['seg_a'] }, { forceReclean: true, ...wait });
    expect(Object.keys((await annotations.getMetadata('seg_a')).masks as object)).toHaveLength(1);
  });
});

describe('removing annotations', () => {
  it('deletes by ids and by search, taking them off their images', async () => {
    await se.deleteAnnotations({ ids: ['poly_a'] }, wait);
    await se.deleteAnnotations({ search: { filters: [{ field: 'provider', values: ['painter'] }] } }, wait);
    expect(await annotations.existsMultiple(['poly_a', 'seg_a', 'box_a'])).toEqual({ poly_a: false, seg_a: false, box_a: true });
    expect((await images.getMetadata('img_a')).annotations).toEqual(['box_a']);
  });

  it('removes an annotation source from the images', async () => {
    await se.removeAnnotationSources([{ provider: 'det', version: 'v1' }], 'images', { filters: [{ field: 'id', values: ['img_b'] }] }, wait);
    expect(await annotations.existsMultiple(['box_a', 'box_b'])).toEqual({ box_a: true, box_b: false });
    expect((await images.getMetadata('img_b')).annotations ?? []).toEqual([]);
  });
});
