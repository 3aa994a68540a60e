import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundingBoxAnnotation } from '../../../../shared/annotations/BoundingBoxAnnotation';
import { PolygonAnnotation } from '../../../../shared/annotations/PolygonAnnotation';
import { FIXTURES_MISSING, fixturesDir } from '../../../helpers/fixturesDir';
import { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';
import { startTestEngine, type TestEngine } from '../../../helpers/startTestEngine';
import { realCocoFixtures, type CocoImage } from './realCocoFixtures';

// The annotation routes against a real engine, with annotations written the way the Python client
// writes them (COCO import: `meta_batch/` documents with `"sets": [null]`, then `meta_batch` to
// attach them to images) on the real KITTI and COCO-panoptic fixtures.

const fixtures = realCocoFixtures(fixturesDir());

describe.skipIf(!fixtures)(`annotation sources, labels, removal and deletion (${fixtures ? 'real KITTI and COCO fixtures' : FIXTURES_MISSING})`, () => {
  let engine: TestEngine;
  let py: PythonStyleAssets;
  let kitti: CocoImage;
  let panoptic: CocoImage[];

  const kittiId = '000007.png';
  const cocoAnnotationId = (image: string) => `${image}_bbox.ann`;

  beforeAll(async () => {
    engine = await startTestEngine();
    py = new PythonStyleAssets(engine.url, engine.adminToken);
    kitti = fixtures!.kitti[0]!;
    panoptic = fixtures!.panoptic;
    await py.uploadImage({ file: kitti.file, id: kittiId, width: kitti.width, height: kitti.height, format: 'png', sensor: 'cam_front' });
    for (const image of panoptic) {
      await py.uploadImage({ file: image.file, id: image.fileName, width: image.width, height: image.height, format: 'jpg', sensor: 'cam_rear' });
    }
    const coco = (image: CocoImage, id: string, provider: string, version: string | null) => new BoundingBoxAnnotation({
      id: cocoAnnotationId(id), imageId: id, provider, version, setId: null, boundingBoxes: image.boxes,
    });
    await py.addAnnotations([
      coco(kitti, kittiId, 'kitti_mono3d', 'v1'),
      new BoundingBoxAnnotation({
        id: 'det_000007', imageId: kittiId, provider: 'detector', version: 'v2', annotationGroup: 'model_generated', setId: null,
        boundingBoxes: [{ label: 'Car', xMin: 565, yMin: 175, xMax: 616, yMax: 225, confidence: 0.9 }, { label: 'Van', xMin: 1, yMin: 1, xMax: 20, yMax: 20, confidence: 0.4 }],
      }),
      ...panoptic.map((image) => coco(image, image.fileName, 'coco_bbox', null)),
      new PolygonAnnotation({ id: 'road_poly', imageId: panoptic[0]!.fileName, provider: 'cvat', version: 'v1', setId: null, polygons: [{ label: 'road', coordinates: [[0, 300], [640, 300], [640, 427], [0, 427]] }] }),
    ]);
    // add_annotation_labels_to_assets: `aux.labels_<provider>` for confident entities.
    await pyRequest('POST', `${engine.url}/am/v1/assets/meta_batch`, py.amParams('images', { replace: false, replace_sets: false, buffered_write: false }), {
      ids: [kittiId], metadata: [{ aux: { labels_detector: ['Car'] } }],
    });
  });
  afterAll(async () => {
    await engine.dispose();
  });

  it('the fixtures are the ones SOURCES.md describes', () => {
    expect([kitti.width, kitti.height, kitti.boxes.length]).toEqual([1242, 375, 4]);
    expect(panoptic.map((i) => [i.width, i.height])).toEqual([[640, 427], [640, 360]]);
    expect(panoptic.reduce((n, i) => n + i.boxes.length, 0)).toBe(50);
  });

  it('annotation_sources lists the sources on the images a search over image fields matches', async () => {
    const front = await py.se('annotations/annotation_sources', { filters: [{ field: 'sensor', values: ['cam_front'] }] });
    expect(front.status).toBe(200);
    expect(front.json).toEqual([
      { provider: 'detector', version: 'v2', annotation_type: 'two_d_bounding_box', annotation_group: 'model_generated' },
      { provider: 'kitti_mono3d', version: 'v1', annotation_type: 'two_d_bounding_box', annotation_group: 'ground_truth' },
    ]);
    const all = await py.se('annotations/annotation_sources');
    expect(all.json).toHaveLength(4);
    expect(all.json).toContainEqual({ provider: 'coco_bbox', version: null, annotation_type: 'two_d_bounding_box', annotation_group: 'ground_truth' });
    expect(all.json).toContainEqual({ provider: 'cvat', version: 'v1', annotation_type: 'polygon', annotation_group: 'ground_truth' });
  });

  it('annotation_labels lists the entity labels of the matching images', async () => {
    const front = await py.se('annotations/annotation_labels', { filters: [{ field: 'sensor', values: ['cam_front'] }] });
    expect(front.json).toEqual([...new Set([...kitti.boxes.map((b) => b.label), 'Car', 'Van'])].sort());
    const rear = await py.se('annotations/annotation_labels', { filters: [{ field: 'sensor', values: ['cam_rear'] }] });
    expect(rear.json).toEqual([...new Set([...panoptic.flatMap((i) => i.boxes.map((b) => b.label)), 'road'])].sort());
  });

  it('asset_type selects the media type; an unknown one is a 400 naming it', async () => {
    expect((await py.se('annotations/annotation_sources', {}, { asset_type: 'videos' })).json).toEqual([]);
    const bad = await py.se('annotations/annotation_sources', {}, { asset_type: 'pictures' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/asset_type/);
  });

  it('remove_sources deletes one source and cleans the image: ids, annotations_meta, aux.labels, aux.labels_<provider>', async () => {
    const job = await py.runJob('annotations/remove_sources/', { annotation_sources: [{ provider: 'detector' }], asset_type: 'images', asset_filters: null });
    expect(job.status).toBe('finished');
    expect(await py.meta('annotations', 'det_000007')).toBeUndefined();
    const image = await py.meta('images', kittiId);
    expect(image?.annotations).toEqual([cocoAnnotationId(kittiId)]);
    expect(image?.annotations_meta).toEqual([{ provider: 'kitti_mono3d', id: cocoAnnotationId(kittiId), version: 'v1', type: 'two_d_bounding_box' }]);
    const aux = image?.aux as Record<string, unknown>;
    expect(aux.labels).toEqual([...new Set(kitti.boxes.map((b) => `${b.label}_kitti_mono3d`))]);
    expect(aux).not.toHaveProperty('labels_detector');
    expect(image?.width).toBe(1242);
  });

  it('a null version matches the source without a version; asset_filters limit it to some images', async () => {
    const [first, second] = panoptic;
    const job = await py.runJob('annotations/remove_sources/', {
      annotation_sources: [{ provider: 'coco_bbox', version: null, annotation_type: 'two_d_bounding_box', annotation_group: 'ground_truth' }],
      asset_type: 'images', asset_filters: { filters: [{ field: 'id', values: [first!.fileName] }] },
    });
    expect(job.status).toBe('finished');
    expect(await py.meta('annotations', cocoAnnotationId(first!.fileName))).toBeUndefined();
    expect(await py.meta('annotations', cocoAnnotationId(second!.fileName))).toBeDefined();
    const image = await py.meta('images', first!.fileName);
    expect(image?.annotations).toEqual(['road_poly']);
    expect((image?.aux as { labels: string[] }).labels).toEqual(['road_cvat']);
  });

  it('a source that matches nothing finishes and removes nothing', async () => {
    const job = await py.runJob('annotations/remove_sources/', { annotation_sources: [{ provider: 'kitti_mono3d', version: 'v9' }], asset_type: 'images' });
    expect(job.status).toBe('finished');
    expect(job.notes).toContainEqual(expect.stringMatching(/removed 0 annotations/));
    expect(await py.meta('annotations', cocoAnnotationId(kittiId))).toBeDefined();
  });

  it('delete_annotations by search removes annotations and leaves no dangling reference on any image', async () => {
    const job = await py.runJob('annotations/delete_annotations', { search: { filters: [{ field: 'provider', values: ['cvat'] }] } });
    expect(job.status).toBe('finished');
    const images = await py.searchMeta('images', {});
    const existing = new Set((await py.searchMeta('annotations', { source_selected_fields: ['id'] })).map((a) => a.id));
    expect(existing.has('road_poly')).toBe(false);
    for (const image of images) {
      expect(image.annotations_meta, `image ${String(image.id)}`).toBeDefined();
      for (const id of image.annotations as string[]) expect(existing.has(id), `${String(image.id)} -> ${id}`).toBe(true);
      for (const m of image.annotations_meta as { id: string }[]) expect(existing.has(m.id)).toBe(true);
    }
    const first = images.find((i) => i.id === panoptic[0]!.fileName);
    expect(first).toMatchObject({ annotations: [], annotations_meta: [], aux: { labels: [] } });
  });

  it('delete_annotations by id, then search over images shows annotations_meta present but emptied', async () => {
    const job = await py.runJob('annotations/delete_annotations', { ids: [cocoAnnotationId(kittiId), cocoAnnotationId(panoptic[1]!.fileName)] });
    expect(job.status).toBe('finished');
    expect(job.notes).toContainEqual(expect.stringMatching(/deleted 2 annotations/));
    const images = await py.searchMeta('images', { source_selected_fields: ['annotations', 'annotations_meta'] });
    expect(images).toHaveLength(3);
    for (const image of images) expect(image).toMatchObject({ annotations: [], annotations_meta: [] });
    expect(await py.searchMeta('annotations', {})).toEqual([]);
  });
});
