import { describe, expect, it } from 'vitest';
import { isCocoAnnotationDocumentValid } from '../../shared/formats/coco/isCocoAnnotationDocumentValid';
import { parseCocoDocument } from '../../shared/formats/coco/parseCocoDocument';
import { summarizeCoco } from '../../shared/formats/coco/summarizeCoco';
import { validateCocoDocument } from '../../shared/formats/coco/validateCocoDocument';

const images = [{ id: 1, file_name: 'a.jpg', width: 4, height: 4 }, { id: 'b', file_name: 'b.jpg' }];
const categories = [{ id: 1, name: 'car' }, { id: 2, name: 'person', keypoints: ['nose'], skeleton: [[1, 1]] }];

describe('summarizeCoco', () => {
  it('counts every annotation kind', () => {
    const annotations = [
      { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: [[0, 0, 1, 0, 1, 1]] },
      { id: 2, image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], segmentation: { counts: [0, 4, 12], size: [4, 4] }, iscrowd: 1 },
      { id: 3, image_id: 'b', category_id: 1, segmentation: { counts: 'PPYo0', size: [4, 4] }, iscrowd: true },
      { id: 4, image_id: 'b', category_id: 2, keypoints: [1, 1, 2], num_keypoints: 1, segmentation: [] },
      { id: 5, image_id: 1, category_id: 2, bbox: [] },
    ];
    const summary = summarizeCoco(parseCocoDocument({ images, annotations, categories }));
    expect(summary.counts).toEqual({ images: 2, annotations: 5, categories: 2 });
    expect(summary.annotationKinds).toEqual({ bbox: 2, polygon: 1, rleCompressed: 1, rleUncompressed: 1, keypoints: 1, crowd: 2, noSegmentation: 2 });
    expect(summary.categoryNames).toEqual(['car', 'person']);
    expect(summary.danglingAnnotations.count).toBe(0);
  });

  it('finds dangling annotations, undeclared categories and duplicate image ids; 5 and "5" differ', () => {
    const annotations = [
      { id: 'x', image_id: 7, category_id: 1 },
      { id: 'y', image_id: '1', category_id: 9 },
      { image_id: 1, category_id: '1' },
    ];
    const summary = summarizeCoco(parseCocoDocument({ images: [...images, { id: 1, file_name: 'again.jpg' }], annotations, categories }));
    expect(summary.danglingAnnotations).toEqual({ count: 2, annotationIds: ['x', 'y'] });
    expect(summary.undeclaredCategoryIds).toEqual([9, '1']);
    expect(summary.duplicateImageIds).toEqual([1]);
  });

  it('does not report categories for files that declare none (captions)', () => {
    const summary = summarizeCoco(parseCocoDocument({ images, annotations: [{ id: 1, image_id: 1, caption: 'a car' }] }));
    expect(summary.undeclaredCategoryIds).toEqual([]);
    expect(summary.counts.categories).toBe(0);
  });
});

describe('validateCocoDocument', () => {
  it('accepts a clean document', () => {
    const v = validateCocoDocument({ images, annotations: [{ id: 1, image_id: 1, category_id: 2, bbox: [1, 2, 3, 4] }], categories });
    expect(v).toMatchObject({ valid: true, sceneBoxValid: true, errors: [] });
  });

  it('lists bad entries by path and keeps the good ones', () => {
    const v = validateCocoDocument({
      images: [...images, { id: 3 }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, segmentation: { counts: [1, -2], size: [2, 2] } }, { id: 2, image_id: 1, category_id: 1 }],
      categories,
    });
    expect(v.valid).toBe(false);
    expect(v.errors).toEqual([
      "images[2].file_name: Invalid input: expected string, received undefined",
      "annotations[0].segmentation.counts[1]: Too small: expected number to be >=0",
    ]);
    expect(v.summary?.counts).toEqual({ images: 2, annotations: 1, categories: 2 });
    expect(v.summary?.invalidEntries.count).toBe(2);
  });

  it('explains cross-reference problems', () => {
    const v = validateCocoDocument({ images, annotations: [{ id: 1, image_id: 99, category_id: 5 }], categories });
    expect(v.errors).toEqual([
      '1 annotation(s) refer to an image id that is not in images (e.g. annotation 1)',
      'category id(s) used but not declared: 5',
    ]);
  });

  it('rejects JSON that is not COCO at all', () => {
    for (const json of [null, [], { annotations: [] }, { images: {} }, 'images']) {
      const v = validateCocoDocument(json);
      expect(v.valid).toBe(false);
      expect(v.errors[0]).toMatch(/^not a COCO document: /);
      expect(v.summary).toBeUndefined();
    }
  });
});

describe('isCocoAnnotationDocumentValid (SceneBox rule)', () => {
  it('accepts only images/categories/annotations keys holding lists', () => {
    expect(isCocoAnnotationDocumentValid({ images: [], categories: [], annotations: [] })).toBe(true);
    expect(isCocoAnnotationDocumentValid({ images: [] })).toBe(true);
    expect(isCocoAnnotationDocumentValid({ images: [], info: {} })).toBe(false);
    expect(isCocoAnnotationDocumentValid({ images: [], licenses: [] })).toBe(false);
    expect(isCocoAnnotationDocumentValid({ images: {} })).toBe(false);
    expect(isCocoAnnotationDocumentValid([])).toBe(false);
    expect(isCocoAnnotationDocumentValid(null)).toBe(false);
  });
});
