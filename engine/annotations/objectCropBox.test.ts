import { describe, expect, it } from 'vitest';
import { entityBox } from './entityBox';
import { objectCropBox } from './objectCropBox';
import { thumbnailFilter } from './maskThumbnail';

describe('objectCropBox', () => {
  const box = { xMin: 100, yMin: 50, xMax: 200, yMax: 150 };

  it('grows each side by the ratio of the box size, or by margin_pixels when given', () => {
    expect(objectCropBox(box, { ratio: 0.1, pixels: null }, 640, 480)).toEqual({ x: 90, y: 40, width: 120, height: 120 });
    expect(objectCropBox(box, { ratio: 0.1, pixels: 15 }, 640, 480)).toEqual({ x: 85, y: 35, width: 130, height: 130 });
    expect(objectCropBox(box, { ratio: 0, pixels: null }, 640, 480)).toEqual({ x: 100, y: 50, width: 100, height: 100 });
  });

  it('rounds fractional edges outwards and clips to the image', () => {
    expect(objectCropBox({ xMin: 10.4, yMin: 0.6, xMax: 20.2, yMax: 5.5 }, { ratio: 0, pixels: null }, 640, 480)).toEqual({ x: 10, y: 0, width: 11, height: 6 });
    expect(objectCropBox({ xMin: 600, yMin: 400, xMax: 640, yMax: 427 }, { ratio: 0, pixels: 20 }, 640, 427)).toEqual({ x: 580, y: 380, width: 60, height: 47 });
  });

  it('gives nothing for a box wholly outside the image', () => {
    expect(objectCropBox({ xMin: 700, yMin: 10, xMax: 800, yMax: 20 }, { ratio: 0.1, pixels: null }, 640, 480)).toBeUndefined();
  });
});

describe('entityBox', () => {
  it('is the extent of coordinates, or of pose keypoints', () => {
    expect(entityBox({ coordinates: [{ x: 3, y: 9 }, { x: 1, y: 4 }, { x: 7, y: 2 }] })).toEqual({ xMin: 1, yMin: 2, xMax: 7, yMax: 9 });
    expect(entityBox({ keypoints: [{ left: 5, top: 6 }, { left: 2, top: 8 }] })).toEqual({ xMin: 2, yMin: 6, xMax: 5, yMax: 8 });
    expect(entityBox({ label: 'day' })).toBeUndefined();
  });
});

describe('thumbnailFilter', () => {
  it('fits a tag preset without enlarging, with nearest-neighbour scaling', () => {
    expect(thumbnailFilter('tiny')).toBe("scale=w='min(64,iw)':h='min(64,ih)':force_original_aspect_ratio=decrease:flags=neighbor");
    expect(thumbnailFilter('whatever')).toContain('min(256,iw)');
    expect(thumbnailFilter('full_size_png')).toBe('null');
  });
});
