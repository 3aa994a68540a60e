import { describe, expect, it } from 'vitest';
import { annotationDocumentSchema } from '../../../shared/annotations/annotationDocumentSchema';
import { BoundingBoxAnnotation } from '../../../shared/annotations/BoundingBoxAnnotation';
import { ClassificationAnnotation } from '../../../shared/annotations/ClassificationAnnotation';
import { Cuboid2DAnnotation } from '../../../shared/annotations/Cuboid2DAnnotation';
import { Cuboid3DAnnotation } from '../../../shared/annotations/Cuboid3DAnnotation';
import { EllipseAnnotation } from '../../../shared/annotations/EllipseAnnotation';
import { LineAnnotation } from '../../../shared/annotations/LineAnnotation';
import { mediaAnnotationFields } from '../../../shared/annotations/mediaAnnotationFields';
import { PointAnnotation } from '../../../shared/annotations/PointAnnotation';
import { PolygonAnnotation } from '../../../shared/annotations/PolygonAnnotation';
import { PoseAnnotation } from '../../../shared/annotations/PoseAnnotation';
import { rejection } from './rejection';

const GUID = /^[0-9a-f]{8}_[0-9a-f]{4}_4[0-9a-f]{3}_[89ab][0-9a-f]{3}_[0-9a-f]{12}$/;

describe('BoundingBoxAnnotation', () => {
  it('writes the document the COCO import writes (observed item 5), key for key and in order', () => {
    const a = new BoundingBoxAnnotation({
      id: 'Scene_A.png_bbox.ann', imageId: 'Scene_A.png', provider: 'coco_bbox', version: 'v1', setId: null,
      timestamp: '2026-11-27T10:00:00.123456',
      boundingBoxes: [{ label: 'person', xMin: 2, yMin: 2, xMax: 5, yMax: 3, categoryId: 1, attributes: { is_crowd: 'false' } }],
    });
    const doc = a.toDocument();
    expect(Object.keys(doc)).toEqual([
      'session_uid', 'timestamp', 'asset_id', 'media_type', 'provider', 'annotation_type', 'annotation_entities', 'sets',
      'labels', 'label_status', 'sensor', 'version', 'annotation_group', 'masks', 'frame', 'tags', 'aux', 'id',
    ]);
    expect(doc).toMatchObject({
      id: 'scene_a.png_bbox.ann', asset_id: 'scene_a.png', media_type: 'images', provider: 'coco_bbox', annotation_type: 'two_d_bounding_box',
      sets: [null], labels: ['person'], label_status: null, sensor: null, version: 'v1', annotation_group: 'ground_truth',
      masks: {}, frame: null, tags: [], aux: [], session_uid: null, timestamp: '2026-11-27T10:00:00.123456',
    });
    const [entity] = doc.annotation_entities;
    expect(Object.keys(entity ?? {})).toEqual(['uid', 'label', 'annotation_type', 'attributes', 'related_annotations', 'category_id', 'coordinates']);
    expect(entity?.uid).toMatch(GUID);
    expect(entity?.coordinates).toEqual([{ x: 2, y: 2 }, { x: 5, y: 2 }, { x: 5, y: 3 }, { x: 2, y: 3 }]);
    expect(entity).not.toHaveProperty('confidence');
    expect(annotationDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('keeps a given entity uid (standardized) and a non-zero confidence, and drops a zero one as the client does', () => {
    const a = new BoundingBoxAnnotation({
      assetId: 'img', boundingBoxes: [
        { label: 'car', uid: 'Track-7', xMin: 0, yMin: 0, xMax: 1, yMax: 1, confidence: 0.75 },
        { label: 'car', xMin: 0, yMin: 0, xMax: 1, yMax: 1, confidence: 0 },
      ],
    });
    expect(a.annotationEntities[0]).toMatchObject({ uid: 'track_7', confidence: 0.75 });
    expect(a.annotationEntities[1]).not.toHaveProperty('confidence');
    expect(a.toDic().labels).toEqual(['car']);
  });

  it('requires attributes.track_id to be an int', () => {
    const e = rejection(() => new BoundingBoxAnnotation({ assetId: 'img', boundingBoxes: [{ label: 'car', xMin: 0, yMin: 0, xMax: 1, yMax: 1, attributes: { track_id: '7' } }] }));
    expect(e.rule).toMatch(/track_id must be an int/);
    expect(e.subject).toMatch(/^BoundingBoxAnnotation .+ > BoundingBox "car"$/);
    expect(() => new BoundingBoxAnnotation({ assetId: 'img', boundingBoxes: [{ label: 'car', xMin: 0, yMin: 0, xMax: 1, yMax: 1, attributes: { track_id: 7 } }] })).not.toThrow();
  });

  it.each([
    [{ xMin: -1, yMin: 0, xMax: 1, yMax: 1 }, /x_min must be non-negative/],
    [{ xMin: 5, yMin: 0, xMax: 1, yMax: 1 }, /x_max \(1\) must not be less than x_min \(5\)/],
    [{ xMin: 0, yMin: 4, xMax: 1, yMax: 1 }, /y_max \(1\) must not be less than y_min \(4\)/],
  ])('rejects box %j', (box, rule) => {
    expect(rejection(() => new BoundingBoxAnnotation({ assetId: 'img', boundingBoxes: [{ label: 'car', ...box }] })).rule).toMatch(rule);
  });

  it('rejects a confidence outside [0, 1] and a missing label', () => {
    expect(rejection(() => new BoundingBoxAnnotation({ assetId: 'img', boundingBoxes: [{ label: 'car', xMin: 0, yMin: 0, xMax: 1, yMax: 1, confidence: 1.5 }] })).rule).toMatch(/confidence must be a number in \[0, 1\]/);
    expect(rejection(() => new BoundingBoxAnnotation({ assetId: 'img', boundingBoxes: [{ label: '', xMin: 0, yMin: 0, xMax: 1, yMax: 1 }] })).rule).toMatch(/label string is required/);
  });
});

describe('Annotation base rules', () => {
  const box = [{ label: 'car', xMin: 0, yMin: 0, xMax: 1, yMax: 1 }];

  it('requires an asset id', () => {
    expect(rejection(() => new BoundingBoxAnnotation({ boundingBoxes: box })).rule).toMatch(/asset_id \(image, video, lidar\) should be specified/);
  });

  it('requires a frame for videos, and a valid media type', () => {
    expect(rejection(() => new BoundingBoxAnnotation({ videoId: 'v', mediaType: 'videos', boundingBoxes: box })).rule).toMatch(/need frame/);
    expect(new BoundingBoxAnnotation({ videoId: 'v', mediaType: 'videos', frame: 12, boundingBoxes: box }).toDic()).toMatchObject({ media_type: 'videos', frame: 12, asset_id: 'v' });
    expect(rejection(() => new BoundingBoxAnnotation({ assetId: 'x', mediaType: 'pictures', boundingBoxes: box })).rule).toMatch(/invalid media type "pictures"/);
  });

  it('accepts at most one raw annotation source', () => {
    expect(rejection(() => new BoundingBoxAnnotation({ assetId: 'x', rawAnnotationStr: 'a', rawAnnotationUrl: 'http://x', boundingBoxes: box })).rule).toMatch(/only one of raw_annotation/);
    expect(new BoundingBoxAnnotation({ assetId: 'x', rawAnnotationJson: { a: 1 }, boundingBoxes: box }).raw).toEqual({ kind: 'str', value: '{"a":1}' });
  });

  it('standardizes ids, defaults provider and group, appends set_id, and turns a Date into the +00:00 ISO form', () => {
    const a = new BoundingBoxAnnotation({ id: 'My Ann:1', assetId: 'IMG-01.JPG', sets: ['s1'], setId: 's2', timestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), boundingBoxes: box });
    expect(a.toDocument()).toMatchObject({ id: 'my_ann_1', asset_id: 'img_01.jpg', provider: 'default_provider', annotation_group: 'ground_truth', sets: ['s1', 's2'], timestamp: '2024-01-02T03:04:05.678000+00:00' });
    expect(new BoundingBoxAnnotation({ assetId: 'x', boundingBoxes: box }).id).toMatch(GUID);
    expect(rejection(() => new BoundingBoxAnnotation({ assetId: 'x', annotationGroup: 'humans', boundingBoxes: box })).rule).toMatch(/annotation_group must be one of/);
  });

  it('gives documents that are copies: changing one does not change the annotation', () => {
    const a = new BoundingBoxAnnotation({ assetId: 'x', boundingBoxes: box });
    const doc = a.toDic();
    doc.annotation_entities[0]!.label = 'bus';
    expect(a.toDic().annotation_entities[0]?.label).toBe('car');
  });
});

describe('PolygonAnnotation and LineAnnotation', () => {
  const square: [number, number][] = [[0, 0], [4, 0], [4, 3], [0, 3]];

  it('writes vertices as {x, y}', () => {
    const a = new PolygonAnnotation({ assetId: 'img', polygons: [{ label: 'road', coordinates: square, categoryId: 3 }] });
    expect(a.annotationEntities[0]).toMatchObject({ annotation_type: 'polygon', category_id: 3, coordinates: [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 3 }, { x: 0, y: 3 }] });
    expect(annotationDocumentSchema.safeParse(a.toDocument()).success).toBe(true);
    const l = new LineAnnotation({ assetId: 'img', lines: [{ label: 'lane', coordinates: [[1, 1], [2, 2]] }] });
    expect(l.toDic()).toMatchObject({ annotation_type: 'line', annotation_entities: [{ coordinates: [{ x: 1, y: 1 }, { x: 2, y: 2 }] }] });
  });

  it('rejects an empty polygon, negative vertices, and more than 500 polygon / 100 line vertices', () => {
    expect(rejection(() => new PolygonAnnotation({ assetId: 'i', polygons: [{ label: 'p', coordinates: [] }] })).rule).toMatch(/non-empty/);
    expect(rejection(() => new PolygonAnnotation({ assetId: 'i', polygons: [{ label: 'p', coordinates: [[1, -2]] }] })).rule).toMatch(/coordinates\[0\]\.y must be non-negative/);
    const many = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [i, i]);
    expect(() => new PolygonAnnotation({ assetId: 'i', polygons: [{ label: 'p', coordinates: many(500) }] })).not.toThrow();
    expect(rejection(() => new PolygonAnnotation({ assetId: 'i', polygons: [{ label: 'p', coordinates: many(501) }] })).rule).toMatch(/no more than 500 vertices, got 501/);
    expect(() => new LineAnnotation({ assetId: 'i', lines: [{ label: 'l', coordinates: many(100) }] })).not.toThrow();
    expect(rejection(() => new LineAnnotation({ assetId: 'i', lines: [{ label: 'l', coordinates: many(101) }] })).rule).toMatch(/no more than 100 vertices/);
  });
});

describe('PointAnnotation', () => {
  it('writes exactly one coordinate per point', () => {
    const a = new PointAnnotation({ assetId: 'img', points: [{ label: 'nose', left: 3, top: 7 }] });
    expect(a.annotationEntities[0]?.coordinates).toEqual([{ x: 3, y: 7 }]);
    expect(rejection(() => new PointAnnotation({ assetId: 'img', points: [{ label: 'nose', left: -3, top: 7 }] })).rule).toMatch(/left must be non-negative/);
  });
});

describe('EllipseAnnotation', () => {
  it('writes the four axis ends, rotated counter-clockwise about the centre', () => {
    const flat = new EllipseAnnotation({ assetId: 'i', ellipses: [{ label: 'e', centreX: 10, centreY: 20, radiusX: 4, radiusY: 2 }] });
    expect(flat.annotationEntities[0]?.coordinates).toEqual([{ x: 14, y: 20 }, { x: 10, y: 22 }, { x: 6, y: 20 }, { x: 10, y: 18 }]);
    const turned = new EllipseAnnotation({ assetId: 'i', ellipses: [{ label: 'e', centreX: 10, centreY: 20, radiusX: 4, radiusY: 2, rotation: 90 }] });
    const points = turned.annotationEntities[0]?.coordinates ?? [];
    const expected = [[10, 24], [8, 20], [10, 16], [12, 20]];
    points.forEach((p, i) => {
      expect(p.x).toBeCloseTo(expected[i]![0]!, 9);
      expect(p.y).toBeCloseTo(expected[i]![1]!, 9);
    });
    expect(rejection(() => new EllipseAnnotation({ assetId: 'i', ellipses: [{ label: 'e', centreX: 1, centreY: 1, radiusX: -1, radiusY: 1 }] })).rule).toMatch(/radius_x must be non-negative/);
  });
});

describe('ClassificationAnnotation', () => {
  it('writes entities without coordinates, with class_name', () => {
    const a = new ClassificationAnnotation({ assetId: 'i', labels: [{ label: 'day', className: 'time_of_day', confidence: 0.9 }] });
    const [e] = a.annotationEntities;
    expect(e).toMatchObject({ label: 'day', class_name: 'time_of_day', confidence: 0.9, annotation_type: 'classification', category_id: null });
    expect(e).not.toHaveProperty('coordinates');
    expect(rejection(() => new ClassificationAnnotation({ assetId: 'i', labels: [{ label: 'day', confidence: -0.1 }] })).rule).toMatch(/confidence/);
  });
});

describe('PoseAnnotation', () => {
  const keypoints = [{ label: 'head', left: 1, top: 1 }, { label: 'neck', left: 1, top: 2 }, { label: 'hip', left: 1, top: 4 }];

  it('writes keypoints as Point.to_dic and the connections', () => {
    const a = new PoseAnnotation({ assetId: 'i', poses: [{ label: 'person', keypoints, connections: [{ startIndex: 0, endIndex: 1 }, { startIndex: 1, endIndex: 2, confidence: 0.5 }] }] });
    const [e] = a.annotationEntities;
    expect(e?.keypoints?.[0]).toEqual({ label: 'head', uid: null, confidence: null, attributes: null, left: 1, top: 1, category_id: null, geometry: null });
    expect(e?.connections).toEqual([{ start_index: 0, end_index: 1, confidence: null }, { start_index: 1, end_index: 2, confidence: 0.5 }]);
    expect(annotationDocumentSchema.safeParse(a.toDocument()).success).toBe(true);
  });

  it('enforces the keypoint and connection limits and the connection indices', () => {
    const kp = Array.from({ length: 1001 }, (_, i) => ({ label: `k${i}`, left: i, top: i }));
    expect(rejection(() => new PoseAnnotation({ assetId: 'i', poses: [{ label: 'p', keypoints: kp, connections: [] }] })).rule).toMatch(/no more than 1000 keypoints, got 1001/);
    const conns = Array.from({ length: 2001 }, () => ({ startIndex: 0, endIndex: 1 }));
    expect(rejection(() => new PoseAnnotation({ assetId: 'i', poses: [{ label: 'p', keypoints, connections: conns }] })).rule).toMatch(/no more than 2000 connections/);
    expect(rejection(() => new PoseAnnotation({ assetId: 'i', poses: [{ label: 'p', keypoints, connections: [{ startIndex: 0, endIndex: 3 }] }] })).rule).toMatch(/refers to keypoint 3, but the pose has 3/);
  });
});

describe('Cuboid2DAnnotation and Cuboid3DAnnotation', () => {
  const c2 = { tl1: [0, 0], bl1: [0, 2], tr1: [2, 0], br1: [2, 2], tl2: [1, -1], bl2: [1, 1], tr2: [3, -1], br2: [3, 1] } as const;
  const c3 = { tl1: [0, 0, 0], bl1: [0, 0, -1], tr1: [1, 0, 0], br1: [1, 0, -1], tl2: [0, 1, 0], bl2: [0, 1, -1], tr2: [1, 1, 0], br2: [1, 1, -1] } as const;

  it('writes eight corners in tl1, bl1, tr1, br1, tl2, bl2, tr2, br2 order (negative values allowed)', () => {
    const a = new Cuboid2DAnnotation({ assetId: 'i', cuboids: [{ label: 'car', ...c2 }] });
    expect(a.annotationEntities[0]?.coordinates).toEqual([{ x: 0, y: 0 }, { x: 0, y: 2 }, { x: 2, y: 0 }, { x: 2, y: 2 }, { x: 1, y: -1 }, { x: 1, y: 1 }, { x: 3, y: -1 }, { x: 3, y: 1 }]);
    const b = new Cuboid3DAnnotation({ assetId: 'scan', cuboids: [{ label: 'car', ...c3 }] });
    expect(b.toDic()).toMatchObject({ media_type: 'lidars', annotation_type: 'three_d_cuboid' });
    expect(b.annotationEntities[0]?.coordinates?.[7]).toEqual({ x: 1, y: 1, z: -1 });
    expect(annotationDocumentSchema.safeParse(b.toDocument()).success).toBe(true);
  });

  it('forces media_type lidars for 3D cuboids and requires every corner', () => {
    const forced = new Cuboid3DAnnotation({ assetId: 'scan', cuboids: [{ label: 'car', ...c3 }], ...({ mediaType: 'images' } as object) });
    expect(forced.mediaType).toBe('lidars');
    const { br2: _dropped, ...seven } = c2;
    expect(rejection(() => new Cuboid2DAnnotation({ assetId: 'i', cuboids: [{ label: 'car', ...(seven as typeof c2) }] })).rule).toMatch(/br2 cannot be None/);
    expect(rejection(() => new Cuboid3DAnnotation({ assetId: 'i', cuboids: [{ label: 'car', ...c3, tl1: [0, 0] as unknown as [number, number, number] }] })).rule).toMatch(/tl1 must be 3 finite numbers/);
  });
});

describe('mediaAnnotationFields', () => {
  it('gives ids, annotations_meta and provider-suffixed aux.labels as the client writes them on images', () => {
    const a = new BoundingBoxAnnotation({ id: 'a1', assetId: 'img', provider: 'coco', version: 'v1', boundingBoxes: [{ label: 'car', xMin: 0, yMin: 0, xMax: 1, yMax: 1 }] });
    const b = new PolygonAnnotation({ id: 'a2', assetId: 'img', provider: 'cvat', polygons: [{ label: 'road', coordinates: [[0, 0]] }] });
    expect(mediaAnnotationFields([a, b])).toEqual({
      annotations: ['a1', 'a2'],
      annotations_meta: [{ provider: 'coco', id: 'a1', version: 'v1', type: 'two_d_bounding_box' }, { provider: 'cvat', id: 'a2', version: null, type: 'polygon' }],
      aux: { labels: ['car_coco', 'road_cvat'] },
    });
    expect(mediaAnnotationFields([a], false).aux.labels).toEqual(['car']);
  });
});
