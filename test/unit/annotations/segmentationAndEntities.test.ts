import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { annotationDocumentSchema, annotationEntityDocSchema, annotationUpdateSchema } from '../../../shared/annotations/annotationDocumentSchema';
import { annotationEntity } from '../../../shared/annotations/annotationEntity';
import { SegmentationAnnotation } from '../../../shared/annotations/SegmentationAnnotation';
import { rejection } from './rejection';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

describe('SegmentationAnnotation', () => {
  it('names masks by the md5 of their URL / URI / path, lowercases colors, defaults the mask type', () => {
    const url = 'https://example.org/masks/0001.png';
    const uri = 's3://bucket/org/masks/0002.png';
    const path = '/data/masks/0003.png';
    const a = new SegmentationAnnotation({
      assetId: 'img', labels: ['car', 'road', 'sky'], maskColors: ['#FF0000', '#00ff00', '#ABC'],
      maskUrls: [url, null, null], maskUris: [null, uri, null], maskFilePaths: [null, null, path], maskTypes: [null, 'SingleColor', null],
      confidences: [0.5, null, null],
    });
    const [car, road, sky] = a.annotationEntities;
    expect(car).toMatchObject({ mask_id: md5(url), mask_color: '#ff0000', mask_type: 'MultiColor', confidence: 0.5, annotation_type: 'segmentation' });
    expect(road).toMatchObject({ mask_id: md5(uri), mask_color: '#00ff00', mask_type: 'SingleColor' });
    expect(sky).toMatchObject({ mask_id: md5(path), mask_color: '#abc' });
    expect(car).not.toHaveProperty('coordinates');
    expect(a.masks).toEqual({ [md5(url)]: { url }, [md5(uri)]: { uri, filename: '0002.png' }, [md5(path)]: null });
    expect(a.maskFilesToUpload).toEqual({ [md5(path)]: path });
    expect(annotationDocumentSchema.safeParse(a.toDocument()).success).toBe(true);
  });

  it('shares one mask between the regions of one mask image, and keeps given mask ids', () => {
    const url = 'https://example.org/masks/multi.png';
    const a = new SegmentationAnnotation({ assetId: 'img', labels: ['car', 'road'], maskColors: ['#f00', '#0f0'], maskUrls: [url, url], maskIds: [null, 'custom_id'] });
    expect(a.annotationEntities.map((e) => e.mask_id)).toEqual([md5(url), 'custom_id']);
    expect(Object.keys(a.masks).sort()).toEqual([md5(url), 'custom_id'].sort());
  });

  it('needs a mask color, a valid hex color, a mask source, a known mask type and lists as long as labels', () => {
    expect(rejection(() => new SegmentationAnnotation({ assetId: 'i', labels: ['car'], maskColors: [''], maskUrls: ['u'] })).rule).toMatch(/mask color should be specified/);
    expect(rejection(() => new SegmentationAnnotation({ assetId: 'i', labels: ['car'], maskColors: ['red'], maskUrls: ['u'] })).rule).toMatch(/invalid hex color "red"/);
    expect(rejection(() => new SegmentationAnnotation({ assetId: 'i', labels: ['car'], maskColors: ['#fff'] })).rule).toMatch(/url, uri or file path/);
    expect(rejection(() => new SegmentationAnnotation({ assetId: 'i', labels: ['car'], maskColors: ['#fff'], maskUrls: ['u'], maskTypes: ['Rainbow'] })).rule).toMatch(/MultiColor or SingleColor/);
    const e = rejection(() => new SegmentationAnnotation({ assetId: 'i', labels: ['car', 'bus'], maskColors: ['#fff'], maskUrls: ['u', 'v'] }));
    expect(e.rule).toMatch(/mask_colors has 1 entries but labels has 2/);
    expect(e.subject).toMatch(/^SegmentationAnnotation /);
  });
});

describe('annotationEntity (the client AnnotationEntity rules)', () => {
  const coords = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: i }));

  it.each([
    ['point', 1], ['two_d_bounding_box', 4], ['two_d_cuboid', 8],
  ] as const)('%s entities need exactly %d coordinates', (type, n) => {
    expect(() => annotationEntity({ label: 'x', annotationType: type, coordinates: coords(n) })).not.toThrow();
    expect(rejection(() => annotationEntity({ label: 'x', annotationType: type, coordinates: coords(n + 1) })).rule).toMatch(new RegExp(`exactly ${n} coordinate`));
  });

  it('three_d_cuboid entities need 8 corners with z; polygons and lines need at least one vertex', () => {
    expect(rejection(() => annotationEntity({ label: 'x', annotationType: 'three_d_cuboid', coordinates: coords(8) })).rule).toMatch(/finite numbers/);
    expect(rejection(() => annotationEntity({ label: 'x', annotationType: 'polygon', coordinates: [] })).rule).toMatch(/empty coordinates/);
    expect(rejection(() => annotationEntity({ label: 'x', annotationType: 'line' })).rule).toMatch(/empty coordinates/);
  });

  it('refuses keypoints outside poses, connections without keypoints, and unknown relationships', () => {
    expect(rejection(() => annotationEntity({ label: 'x', annotationType: 'polygon', coordinates: coords(1), relatedAnnotations: [{ uid: 'u', relationship: 'cousin' as 'child' }] })).rule).toMatch(/unrecognized relation/);
    const doc = annotationEntity({ label: 'x', annotationType: 'polygon', coordinates: coords(2), relatedAnnotations: [{ uid: 'u', relationship: 'parent' }], className: 'c', categoryId: 4 });
    expect(doc).toMatchObject({ related_annotations: [{ uid: 'u', relationship: 'parent' }], class_name: 'c', category_id: 4, attributes: {} });
  });
});

describe('stored annotation schemas', () => {
  const pythonDoc = {
    session_uid: null, timestamp: '2026-11-27T10:00:00.123456', asset_id: 'scene_a.png', media_type: 'images', provider: 'coco_bbox',
    annotation_type: 'two_d_bounding_box', sets: [null], labels: ['person'], label_status: null, sensor: null, version: null,
    annotation_group: 'ground_truth', masks: {}, frame: null, tags: [], aux: [],
    annotation_entities: [{ uid: 'a_b', label: 'person', annotation_type: 'two_d_bounding_box', attributes: { iscrowd: 'false' }, related_annotations: [], category_id: 1, coordinates: [{ x: 2.0, y: 2.0 }, { x: 5.0, y: 2.0 }, { x: 5.0, y: 3.0 }, { x: 2.0, y: 3.0 }] }],
  };

  it('accepts the document the Python COCO import writes, extra keys included', () => {
    expect(annotationDocumentSchema.safeParse({ ...pythonDoc, something_new: 1 }).success).toBe(true);
  });

  it.each([
    ['asset_id', { asset_id: '' }],
    ['media_type', { media_type: 'pictures' }],
    ['frame', { media_type: 'videos', frame: null }],
    ['annotation_entities.0.coordinates', { annotation_entities: [{ ...pythonDoc.annotation_entities[0], coordinates: [{ x: 1, y: 1 }] }] }],
    ['annotation_entities.0.confidence', { annotation_entities: [{ ...pythonDoc.annotation_entities[0], confidence: 2 }] }],
    ['annotation_entities.0.mask_color', { annotation_entities: [{ uid: 'u', label: 'l', annotation_type: 'segmentation', attributes: {}, related_annotations: [], category_id: null }] }],
  ])('refuses a document with a bad %s', (path, patch) => {
    const result = annotationDocumentSchema.safeParse({ ...pythonDoc, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('checks only the keys an update carries', () => {
    expect(annotationUpdateSchema.safeParse({ tags: ['cleaned'] }).success).toBe(true);
    expect(annotationUpdateSchema.safeParse({ media_type: 'pictures' }).success).toBe(false);
    const tooLong = annotationEntityDocSchema.safeParse({ uid: 'u', label: 'l', annotation_type: 'polygon', coordinates: Array.from({ length: 501 }, () => ({ x: 0, y: 0 })) });
    expect(tooLong.error?.issues.map((i) => i.message)).toEqual(['polygon entities need 1 to 500 coordinates, got 501']);
  });
});
