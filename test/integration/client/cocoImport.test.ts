import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMaskPng } from '../../../client/annotations/encodeMaskPng';
import { AnnotationBatchError, type AssetManagerClient, type SceneEngineClient } from '../../../client/index';
import { connectClient } from '../../helpers/connectClient';
import { FIXTURES_MISSING, fixturesDir } from '../../helpers/fixturesDir';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

// addCocoAnnotationsFromFolder on every COCO file of the real fixtures, with the counts their
// SOURCES.md gives, and on generated files for string ids, objects and refused input.

interface Expected {
  json: string;
  folder: string;
  images: number;
  annotations: number;
  bbox: number;
  polygon: number;
  mask: number;
  keypoints: number;
}

// From ../shared/fixtures/real/SOURCES.md (section "coco").
const REAL: Expected[] = [
  { json: 'panopticapi/sample_data/panoptic_coco_detection_format.json', folder: 'panopticapi/sample_data/input_images', images: 2, annotations: 50, bbox: 50, polygon: 0, mask: 50, keypoints: 0 },
  { json: 'datumaro/coco_instances/annotations/instances_train.json', folder: 'datumaro/coco_instances/images/train', images: 1, annotations: 1, bbox: 1, polygon: 0, mask: 0, keypoints: 0 },
  { json: 'datumaro/coco_instances/annotations/instances_val.json', folder: 'datumaro/coco_instances/images/val', images: 1, annotations: 2, bbox: 2, polygon: 1, mask: 1, keypoints: 0 },
  { json: 'datumaro/coco_person_keypoints/annotations/person_keypoints_val.json', folder: 'datumaro/coco_person_keypoints/images/val', images: 1, annotations: 2, bbox: 2, polygon: 1, mask: 1, keypoints: 2 },
  { json: 'mmdetection3d/kitti/kitti_infos_mono3d.coco.json', folder: 'mmdetection3d/kitti', images: 1, annotations: 4, bbox: 4, polygon: 0, mask: 0, keypoints: 0 },
];

const fixtures = fixturesDir();
const cocoRoot = fixtures ? join(fixtures, 'coco') : undefined;

let engine: TestEngine;
let se: SceneEngineClient;
let images: AssetManagerClient;
let annotations: AssetManagerClient;
let tmp: string;

beforeAll(async () => {
  engine = await startTestEngine();
  ({ client: se } = connectClient(engine));
  images = se.getAssetManager('images');
  annotations = se.getAssetManager('annotations');
  tmp = mkdtempSync(join(tmpdir(), 'scenedock-coco-'));
});
afterAll(async () => {
  await engine.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

/** Entities per annotation type over every annotation of a provider prefix. */
async function storedEntities(provider: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const kind of ['bbox', 'polygon', 'mask', 'pose']) {
    const docs = await annotations.searchMetaLarge({ filters: [{ field: 'provider', values: [`${provider}_${kind}`] }] });
    out[kind] = docs.reduce((sum, d) => sum + (d.annotation_entities as unknown[]).length, 0);
  }
  return out;
}

describe.skipIf(!cocoRoot)(`real COCO files (${cocoRoot ? 'fixtures/real/coco' : FIXTURES_MISSING})`, () => {
  it('the table covers every COCO file of the fixtures', () => {
    expect(jsonFiles(cocoRoot ?? '').map((f) => relative(cocoRoot ?? '', f)).sort()).toEqual(REAL.map((r) => r.json).sort());
  });

  it.each(REAL)('$json: images, annotations and entities land with the file\'s counts', async (r) => {
    const provider = `coco_${REAL.indexOf(r)}`;
    const imagesSetId = await se.createSet({ name: `${provider}_images`, assetsType: 'images' });
    const annotationsSetId = await se.createSet({ name: `${provider}_annotations`, assetsType: 'annotations' });
    const result = await se.addCocoAnnotationsFromFolder({
      filePath: join(cocoRoot ?? '', r.json), folderPath: join(cocoRoot ?? '', r.folder), provider, imagesSetId, annotationsSetId, useImageIdAsAnnotationId: true,
    });
    expect(result.imageIds).toHaveLength(r.images);
    expect(result.annotations).toBe(r.annotations);
    expect(result.entities).toEqual({ bbox: r.bbox, polygon: r.polygon, mask: r.mask, keypoints: r.keypoints });
    expect((await se.assetsInSet(imagesSetId)).sort()).toEqual([...result.imageIds].sort());
    expect((await se.assetsInSet(annotationsSetId)).sort()).toEqual([...result.annotationIds].sort());
    expect(await storedEntities(provider)).toEqual({ bbox: r.bbox, polygon: r.polygon, mask: r.mask, pose: r.keypoints });
    for (const doc of await images.getMetadataInBatch(result.imageIds)) {
      expect(doc.object_access).toMatchObject({ uri: expect.stringMatching(/^s3:\/\//) as unknown });
      const mine = result.annotationIds.filter((id) => id.startsWith(`${doc.id}_`));
      expect(doc.annotations).toEqual(expect.arrayContaining(mine));
    }
  });

  it('keeps SceneBox\'s stricter validity rule apart: info/licenses make a file invalid for isCocoAnnotationFileValid', async () => {
    expect(await se.isCocoAnnotationFileValid(join(cocoRoot ?? '', REAL[4]?.json ?? ''))).toBe(true);
    expect(await se.isCocoAnnotationFileValid(join(cocoRoot ?? '', REAL[0]?.json ?? ''))).toBe(false);
  });
});

describe('generated COCO files', () => {
  const png = encodeMaskPng(32, 24, new Uint8Array(32 * 24).fill(90));
  let folder: string;
  let setId: string;
  const coco = (extra: { images?: unknown[]; annotations?: unknown[] } = {}) => ({
    images: [{ id: 'a', file_name: 'one.png', width: 32, height: 24 }, { id: 'b', file_name: 'two.png', width: 32, height: 24 }],
    categories: [{ id: 1, name: 'car' }],
    annotations: [
      { id: 1, image_id: 'a', category_id: 1, bbox: [1, 1, 10, 8], segmentation: [[1, 1, 11, 1, 11, 9]] },
      { id: 2, image_id: 'b', category_id: 1, bbox: [2, 2, 5, 5], segmentation: { counts: [0, 24, 24, 720], size: [24, 32] } },
    ],
    ...extra,
  });
  const write = (name: string, doc: unknown): string => {
    const path = join(folder, name);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  const refused = async (filePath: string, provider: string, pattern: RegExp): Promise<void> => {
    const attempt = se.addCocoAnnotationsFromFolder({ filePath, folderPath: folder, provider, imagesSetId: setId });
    await expect(attempt).rejects.toBeInstanceOf(AnnotationBatchError);
    await expect(attempt).rejects.toThrow(pattern);
    expect(await storedEntities(provider)).toEqual({ bbox: 0, polygon: 0, mask: 0, pose: 0 });
  };

  beforeAll(async () => {
    folder = join(tmp, 'generated');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'one.png'), png);
    writeFileSync(join(folder, 'two.png'), png);
    setId = await se.createSet({ name: 'generated images', assetsType: 'images' });
  });

  it('imports string image ids onto images already uploaded, and cuts objects when asked', async () => {
    const first = await se.addCocoAnnotationsFromFolder({ filePath: write('ok.json', coco()), folderPath: folder, provider: 'gen', imagesSetId: setId });
    expect(first.imageIds.sort()).toEqual(['one.png', 'two.png']);
    const objectsSetId = await se.createSet({ name: 'generated objects', assetsType: 'objects' });
    const again = await se.addCocoAnnotationsFromFolder({
      filePath: join(folder, 'ok.json'), provider: 'gen2', imagesSetId: setId, annotationToObjects: true, objectsSetId, waitForCompletion: true, wait: { pollIntervalMs: 20, timeoutMs: 60_000 },
    });
    expect(again.entities).toEqual({ bbox: 2, polygon: 1, mask: 1, keypoints: 0 });
    expect(again.objectsJobId).toBeDefined();
    // Two boxes and one polygon, each an object.
    expect(await se.assetsInSet(objectsSetId)).toHaveLength(3);
    const mask = await annotations.searchMeta({ filters: [{ field: 'provider', values: ['gen2_mask'] }] });
    expect(mask).toHaveLength(1);
  });

  it('refuses a file with a dangling image id, naming it, and writes nothing', async () => {
    const bad = coco({ annotations: [...coco().annotations, { id: 3, image_id: 'zz', category_id: 1, bbox: [0, 0, 1, 1] }] });
    await refused(write('dangling.json', bad), 'dangling', /dangling\.json: 1 annotation\(s\) refer to an image id that is not in images \(e\.g\. annotation 3\)/);
  });

  it('refuses a file whose image is missing, naming it, and uploads no image', async () => {
    const bad = coco({ images: [...coco().images, { id: 'c', file_name: 'three.png' }] });
    await refused(write('missing.json', bad), 'missing', /images\[2\] \(id c\): image file three\.png not found/);
    expect(await images.exists('three.png')).toBe(false);
  });

  it('refuses a file with an annotation breaking its class rules, naming the COCO entry', async () => {
    const bad = coco({ annotations: [...coco().annotations, { id: 9, image_id: 'a', category_id: 1, bbox: [-4, 1, 2, 2] }] });
    await refused(write('class.json', bad), 'classrule', /annotations\[2\] \(id 9, image a\): BoundingBox "car": x_min must be non-negative/);
  });
});
