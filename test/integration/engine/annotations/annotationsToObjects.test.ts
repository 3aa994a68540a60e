import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundingBoxAnnotation } from '../../../../shared/annotations/BoundingBoxAnnotation';
import { PolygonAnnotation } from '../../../../shared/annotations/PolygonAnnotation';
import { FIXTURES_MISSING, fixturesDir } from '../../../helpers/fixturesDir';
import { probeImage } from '../../../helpers/probeImage';
import { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../../../helpers/startTestEngine';
import { realCocoFixtures, type CocoImage } from './realCocoFixtures';

// annotations_to_objects on the real KITTI (1242x375 PNG) and COCO (640x427 JPEG) images: crop
// boxes checked by arithmetic, clipping at the image borders, and the crops themselves with ffprobe.

const fixtures = realCocoFixtures(fixturesDir());

type Crop = { x_min: number; y_min: number; x_max: number; y_max: number; width: number; height: number };

/** The crop the job must make, computed here independently: margin per side, rounded outwards, clipped. */
function expectedCrop(b: { xMin: number; yMin: number; xMax: number; yMax: number }, mx: number, my: number, w: number, h: number): Crop {
  const x0 = Math.max(0, Math.floor(b.xMin - mx));
  const y0 = Math.max(0, Math.floor(b.yMin - my));
  const x1 = Math.min(w, Math.ceil(b.xMax + mx));
  const y1 = Math.min(h, Math.ceil(b.yMax + my));
  return { x_min: x0, y_min: y0, x_max: x1, y_max: y1, width: x1 - x0, height: y1 - y0 };
}

describe.skipIf(!fixtures)(`annotations_to_objects (${fixtures ? 'real KITTI and COCO images' : FIXTURES_MISSING})`, () => {
  let engine: TestEngine;
  let py: PythonStyleAssets;
  let kitti: CocoImage;
  let coco: CocoImage;
  let scratch: string;

  const objectsOf = async (annotationId: string) =>
    (await py.searchMeta('objects', { filters: [{ field: 'annotation_id', values: [annotationId] }] })).sort((a, b) => String(a.id).localeCompare(String(b.id)));

  beforeAll(async () => {
    engine = await startTestEngine();
    py = new PythonStyleAssets(engine.url, engine.adminToken);
    scratch = mkdtempSync(join(tmpdir(), 'scenedock-objects-'));
    kitti = fixtures!.kitti[0]!;
    coco = fixtures!.panoptic[0]!;
    await py.uploadImage({ file: kitti.file, id: 'kitti_7.png', width: kitti.width, height: kitti.height, format: 'png', sensor: 'cam_front', timestamp: '2026-11-27T10:00:01.000000' });
    await py.uploadImage({ file: coco.file, id: coco.fileName, width: coco.width, height: coco.height, format: 'jpg', sensor: 'cam_rear' });
    await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch/`, py.amParams('sets', { replace: true, replace_sets: false }), { ids: ['objects_set'], metadata: [{ name: 'objects_set', assets_type: 'objects' }] });
    await py.addAnnotations([
      new BoundingBoxAnnotation({ id: 'kitti_boxes', imageId: 'kitti_7.png', provider: 'kitti', setId: null, boundingBoxes: kitti.boxes }),
      new BoundingBoxAnnotation({
        id: 'edges', imageId: 'kitti_7.png', provider: 'edges', setId: null, boundingBoxes: [
          { label: 'corner', uid: 'top_left', xMin: 5, yMin: 3, xMax: 40, yMax: 30, confidence: 0.8 },
          { label: 'corner', uid: 'bottom_right', xMin: 1200, yMin: 340, xMax: 1242, yMax: 375 },
        ],
      }),
      new PolygonAnnotation({ id: 'triangle', imageId: coco.fileName, provider: 'cvat', setId: null, polygons: [{ label: 'kite', uid: 'tri', coordinates: [[100, 50], [300, 80], [200, 250]] }] }),
    ]);
  });
  afterAll(async () => {
    await engine.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('makes one object per box with the default margin ratio (0.1 of the box per side), into the output set', async () => {
    const job = await py.runJob('annotations/annotations_to_objects', {
      ids: ['kitti_boxes'], search: null, create_objects: false, margin_ratio: 0.1, margin_pixels: null, output_set_id: 'objects_set',
      source_annotation_type: 'two_d_bounding_box', session_uid: null, add_to_session: true,
    });
    expect(job.status).toBe('finished');
    expect(job.notes).toContainEqual(expect.stringMatching(/^add_to_session: not done/));
    const objects = await objectsOf('kitti_boxes');
    expect(objects).toHaveLength(4);
    const annotation = await py.meta('annotations', 'kitti_boxes');
    const entities = annotation?.annotation_entities as { uid: string; label: string }[];
    for (const [i, b] of kitti.boxes.entries()) {
      const object = objects.find((o) => o.annotation_entity_uid === entities[i]!.uid);
      const mx = 0.1 * (b.xMax - b.xMin);
      const my = 0.1 * (b.yMax - b.yMin);
      expect(object).toMatchObject({
        media_asset_id: 'kitti_7.png', media_type: 'images', label: b.label, sensor: 'cam_front', timestamp: '2026-11-27T10:00:01.000000',
        sets: ['objects_set'], image_width: 1242, image_height: 375, crop_box: expectedCrop(b, mx, my, 1242, 375),
      });
      expect(object).not.toHaveProperty('object_access');
    }
  });

  it('margin_pixels takes precedence over the ratio, and crops are clipped at the image borders', async () => {
    const job = await py.runJob('annotations/annotations_to_objects', { ids: ['edges'], create_objects: false, margin_ratio: 0.5, margin_pixels: 20, output_set_id: null });
    expect(job.status).toBe('finished');
    const [bottomRight, topLeft] = await objectsOf('edges');
    // (5, 3)-(40, 30) grown by 20 px: the left and top edges stop at 0.
    expect(topLeft?.crop_box).toEqual({ x_min: 0, y_min: 0, x_max: 60, y_max: 50, width: 60, height: 50 });
    expect(topLeft).toMatchObject({ confidence: 0.8, margin: { ratio: null, pixels: 20 }, sets: [] });
    // (1200, 340)-(1242, 375) grown by 20 px: the right and bottom edges stop at 1242 x 375.
    expect(bottomRight?.crop_box).toEqual({ x_min: 1180, y_min: 320, x_max: 1242, y_max: 375, width: 62, height: 55 });
    expect(bottomRight?.confidence).toBeNull();
  });

  it('a polygon gives the object of its bounding box', async () => {
    const job = await py.runJob('annotations/annotations_to_objects', { search: { filters: [{ field: 'provider', values: ['cvat'] }] }, margin_ratio: 0.25, source_annotation_type: 'polygon' });
    expect(job.status).toBe('finished');
    const [object] = await objectsOf('triangle');
    // Box (100, 50)-(300, 250); 0.25 of 200 px = 50 px per side; the top stops at 0.
    expect(object).toMatchObject({ bounding_box: { x_min: 100, y_min: 50, x_max: 300, y_max: 250 }, crop_box: { x_min: 50, y_min: 0, x_max: 350, y_max: 300, width: 300, height: 300 }, label: 'kite' });
  });

  it('with create_objects, cuts each crop with ffmpeg and stores it as the object\'s own file', async () => {
    const job = await py.runJob('annotations/annotations_to_objects', { ids: ['kitti_boxes', 'edges', 'triangle'], create_objects: true, margin_pixels: 4, output_set_id: 'objects_set' });
    expect(job.status).toBe('finished');
    const objects = [...await objectsOf('kitti_boxes'), ...await objectsOf('edges'), ...await objectsOf('triangle')];
    expect(objects).toHaveLength(7);
    for (const object of objects) {
      const crop = object.crop_box as Crop;
      expect(object.object_access).toMatchObject({ uri: expect.stringMatching(/^s3:\/\/.+\/objects\/.+\.(png|jpg)$/) });
      const res = await pyRequest('GET', `${engine.url}/am/v1/assets/${String(object.id)}`, py.amParams('objects', { return_url: true, expiration: 43200 }));
      const bytes = Buffer.from(await (await fetch((res.json as { url: string }).url)).arrayBuffer());
      const file = join(scratch, `${String(object.id)}.${String(object.format)}`);
      writeFileSync(file, bytes);
      const probed = probeImage(file);
      expect([probed.width, probed.height], String(object.id)).toEqual([crop.width, crop.height]);
      expect(probed.codec).toBe(object.media_asset_id === 'kitti_7.png' ? 'png' : 'mjpeg');
    }
    // Running again replaces the objects (same ids) and keeps their set membership.
    expect((await objectsOf('edges')).map((o) => o.sets)).toEqual([['objects_set'], ['objects_set']]);
  });

  it('skips a box outside its image and reports an annotation whose image is missing, and still finishes', async () => {
    await py.addAnnotations([
      new BoundingBoxAnnotation({ id: 'outside', imageId: 'kitti_7.png', provider: 'odd', setId: null, boundingBoxes: [{ label: 'ghost', xMin: 2000, yMin: 10, xMax: 2100, yMax: 20 }, { label: 'ok', xMin: 10, yMin: 10, xMax: 20, yMax: 20 }] }),
    ]);
    // add_annotations(update_asset=False): the document only, for an image that was never added.
    const orphan = new BoundingBoxAnnotation({ id: 'orphan', imageId: 'no_such_image.png', provider: 'odd', setId: null, boundingBoxes: [{ label: 'car', xMin: 1, yMin: 1, xMax: 2, yMax: 2 }] }).toDocument();
    await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch/`, py.amParams('annotations', { replace: true, replace_sets: false }), { ids: ['orphan'], metadata: [orphan] });
    const job = await py.runJob('annotations/annotations_to_objects', { ids: ['outside', 'orphan'], margin_pixels: 0 });
    expect(job.status).toBe('finished');
    expect(job.notes).toContainEqual(expect.stringMatching(/^skipped entity .+ of annotation outside: its box lies outside the image/));
    expect(job.notes).toContainEqual(expect.stringMatching(/^failed images no_such_image\.png: the annotated media asset does not exist/));
    expect((await objectsOf('outside')).map((o) => o.label)).toEqual(['ok']);
  });

  it('a job in which every item fails ends aborted, with the reason in its notes', async () => {
    const job = await py.runJob('annotations/annotations_to_objects', { ids: ['orphan'] });
    expect(job.status).toBe('aborted');
    expect(String(job.stage)).toMatch(/every item failed/);
    expect(await objectsOf('orphan')).toEqual([]);
  });
});
