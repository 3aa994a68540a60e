import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMaskPng } from '../../../client/annotations/encodeMaskPng';
import { startIngestBed, type IngestBed } from '../../helpers/startIngestBed';
import { DEFAULTS } from '../../helpers/startTestIngest';

// Files the ingest imports into other assets instead of registering: a CSV timeseries and an ego
// pose into their session, a COCO file's images and annotations into the source's images set.
// Everything is generated in a temporary folder; a bad COCO file fails without retries.

const T0 = Date.UTC(2026, 0, 1) / 1000;

describe('ingest of CSV, COCO and ego-pose files', () => {
  let bed: IngestBed;
  let ingest: IngestBed['ingest'];
  let root: string;

  beforeAll(async () => {
    bed = await startIngestBed('scenedock-imports-');
    ({ ingest, root } = bed);
    mkdirSync(join(root, 'drive_a'));
    writeFileSync(join(root, 'drive_a', 'telemetry.csv'), ['timestamp,speed,gear', ...[0, 1, 2, 3, 4].map((s) => `${new Date((T0 + s) * 1000).toISOString()},${s * 2.5},${s < 3 ? 'D' : 'N'}`)].join('\n'));
    writeFileSync(join(root, 'drive_a', 'ego.json'), JSON.stringify([{ frame: 0, timestamp: new Date(T0 * 1000).toISOString(), objects: { '0': { lat: 3.5, lon: -0.5 } } }]));
    mkdirSync(join(root, 'labels', 'images'), { recursive: true });
    const png = encodeMaskPng(40, 30, new Uint8Array(40 * 30).fill(200));
    writeFileSync(join(root, 'labels', 'images', 'f1.png'), png);
    writeFileSync(join(root, 'labels', 'images', 'f2.png'), png);
    writeFileSync(join(root, 'labels', 'instances.json'), JSON.stringify({
      images: [{ id: 1, file_name: 'f1.png', width: 40, height: 30 }, { id: 2, file_name: 'f2.png', width: 40, height: 30 }],
      categories: [{ id: 7, name: 'cone' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 7, bbox: [1, 2, 10, 10], segmentation: [] },
        { id: 2, image_id: 1, category_id: 7, bbox: [20, 5, 8, 8], segmentation: [[20, 5, 28, 5, 28, 13]] },
        { id: 3, image_id: 2, category_id: 7, bbox: [3, 3, 4, 4], segmentation: [] },
      ],
    }));
    writeFileSync(join(root, 'labels', 'broken.json'), JSON.stringify({ images: [], categories: [], annotations: [{ id: 1, image_id: 99, bbox: [0, 0, 1, 1] }] }));
  });
  afterAll(() => bed?.dispose());

  it('imports the CSV and ego pose into their session and the COCO file into the images set; a bad COCO file fails for good', async () => {
    const { queued } = await ingest.service.dropPaths([
      join(root, 'drive_a', 'telemetry.csv'), join(root, 'drive_a', 'ego.json'), join(root, 'labels', 'instances.json'), join(root, 'labels', 'broken.json'),
    ], DEFAULTS);
    expect(queued).toBe(4);
    await ingest.service.whenSettled();
    const items = new Map(ingest.service.listItems({ limit: 100 }).items.map((i) => [i.name, i]));
    expect(items.get('telemetry.csv')).toMatchObject({ state: 'done', kind: 'csv' });
    expect(items.get('ego.json')).toMatchObject({ state: 'done', kind: 'ego_pose' });
    expect(items.get('instances.json')).toMatchObject({ state: 'done', kind: 'coco' });
    expect(items.get('broken.json')).toMatchObject({ state: 'failed', kind: 'coco' });
    expect(items.get('broken.json')?.reason).toMatch(/broken\.json.*refer to an image id that is not in images/);

    const client = ingest.service.engine.client;
    const [session] = await client.searchAssets('sessions', { filters: [{ field: 'session_name', values: ['drive_a'] }] });
    expect(session).toBeDefined();
    const uid = session ?? '';
    const summary = await client.entitySummary(uid, ['speed', 'gear']);
    expect(summary.speed).toMatchObject({ count: 5, min: 0, max: 10 });
    expect(summary.gear).toMatchObject({ count: 5, value_counts: { D: 3, N: 2 } });
    const doc = await client.getAssetManager('sessions').getMetadata(uid);
    expect((doc.auxiliary_data as { type: string; title: string }[]).find((a) => a.type === 'ego_pose')).toMatchObject({ title: 'ego.json' });

    const images = client.getAssetManager('images');
    const [setId] = await client.searchAssets('sets', { filters: [{ field: 'name', values: ['drive_images'] }] });
    expect((await client.assetsInSet(setId ?? '')).sort()).toEqual(['f1.png', 'f2.png']);
    expect((await images.getMetadata('f1.png')).annotations).toEqual(['f1.png_bbox.ann', 'f1.png_polygon.ann']);
    expect((await images.getMetadata('f2.png')).annotations).toEqual(['f2.png_bbox.ann']);
    const boxes = await client.getAssetManager('annotations').getMetadata('f1.png_bbox.ann');
    expect(boxes).toMatchObject({ provider: 'coco_instances_bbox', labels: ['cone'] });
    expect(boxes.annotation_entities).toHaveLength(2);
    expect(await images.getBytes('f2.png')).toHaveLength(encodeMaskPng(40, 30, new Uint8Array(40 * 30).fill(200)).length);
  });
});
