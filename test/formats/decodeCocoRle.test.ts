import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCocoRle } from '../../client/annotations/decodeCocoRle';
import { cocoRleSchema } from '../../shared/formats/coco/cocoSchema';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';

// Every RLE mask of the real COCO fixtures decoded: its foreground is exactly the `area` the file
// gives (COCO's area of an RLE annotation is its pixel count), and it fills its bbox.

const root = fixturesDir();
const FILES = [
  'panopticapi/sample_data/panoptic_coco_detection_format.json',
  'datumaro/coco_instances/annotations/instances_val.json',
  'datumaro/coco_person_keypoints/annotations/person_keypoints_val.json',
];

describe.skipIf(!root)(`decodeCocoRle on the real fixtures (${root ? 'fixtures/real/coco' : FIXTURES_MISSING})`, () => {
  it.each(FILES)('%s: each mask covers its area and fills its bbox', (file) => {
    const doc = JSON.parse(readFileSync(join(root ?? '', 'coco', file), 'utf8')) as { annotations: { segmentation: unknown; area: number; bbox: number[] }[] };
    const rles = doc.annotations.filter((a) => !Array.isArray(a.segmentation));
    expect(rles.length).toBeGreaterThan(0);
    for (const a of rles) {
      const { width, height, pixels } = decodeCocoRle(cocoRleSchema.parse(a.segmentation));
      let count = 0;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      pixels.forEach((p, i) => {
        if (p !== 255) return;
        count++;
        const x = i % width;
        const y = Math.floor(i / width);
        [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      });
      expect(count).toBe(a.area);
      const [bx = 0, by = 0, bw = 0, bh = 0] = a.bbox;
      // panopticapi's boxes are exact; datumaro writes width/height as the last index minus the first.
      expect(x0).toBe(bx);
      expect(y0).toBe(by);
      expect(x1 + 1 - (bx + bw)).toBeGreaterThanOrEqual(0);
      expect(x1 + 1 - (bx + bw)).toBeLessThanOrEqual(1);
      expect(y1 + 1 - (by + bh)).toBeGreaterThanOrEqual(0);
      expect(y1 + 1 - (by + bh)).toBeLessThanOrEqual(1);
      expect(pixels).toHaveLength(width * height);
    }
  });
});

describe('decodeCocoRle', () => {
  it('reads runs column by column, and refuses runs that do not fill the mask', () => {
    // 2x3 (height 2, width 3): skip 1, set 2, skip 3 → pixels (x0,y1), (x1,y0).
    expect([...decodeCocoRle({ counts: [1, 2, 3], size: [2, 3] }).pixels]).toEqual([0, 255, 0, 255, 0, 0]);
    expect(() => decodeCocoRle({ counts: [1, 2], size: [2, 3] })).toThrow(/cover 3 pixels, not the 3x2 = 6/);
    expect(() => decodeCocoRle({ counts: [1, 9], size: [2, 3] })).toThrow(/does not fit/);
  });
});
