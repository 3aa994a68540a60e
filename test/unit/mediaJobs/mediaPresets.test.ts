import { describe, expect, it } from 'vitest';
import { evenSize, fitInside, IMAGE_PRESET_MAX_SIDE, resizeTargetOf, targetSize, VIDEO_PRESET_MAX_SIDE } from '../../../engine/mediaJobs/mediaPresets';

describe('media presets', () => {
  it('fits inside the longest side, keeps the aspect ratio and never enlarges', () => {
    expect(fitInside({ width: 1920, height: 1080 }, 256)).toEqual({ width: 256, height: 144 });
    expect(fitInside({ width: 480, height: 1000 }, 64)).toEqual({ width: 31, height: 64 });
    expect(fitInside({ width: 100, height: 67 }, 256)).toEqual({ width: 100, height: 67 });
    expect(fitInside({ width: 5000, height: 1 }, 64)).toEqual({ width: 64, height: 1 });
    expect(fitInside({ width: 300, height: 200 }, undefined)).toEqual({ width: 300, height: 200 });
  });

  it('gives H.264 even sides of at least 2', () => {
    expect(evenSize({ width: 641, height: 359 })).toEqual({ width: 640, height: 358 });
    expect(evenSize({ width: 1, height: 1 })).toEqual({ width: 2, height: 2 });
  });

  it('a preset wins over desired_shape; the tag is thumbnail_tag, the preset or <w>x<h>', () => {
    expect(resizeTargetOf(IMAGE_PRESET_MAX_SIDE, { use_preset: 'small', desired_shape: [10, 10] })).toEqual({ tag: 'small', maxSide: 256, png: false });
    expect(resizeTargetOf(IMAGE_PRESET_MAX_SIDE, { use_preset: 'full_size_png', thumbnail_tag: 'png' })).toEqual({ tag: 'png', maxSide: undefined, png: true });
    expect(resizeTargetOf(VIDEO_PRESET_MAX_SIDE, { use_preset: 'tiny' })).toEqual({ tag: 'tiny', maxSide: 256, png: false });
    const shape = resizeTargetOf(IMAGE_PRESET_MAX_SIDE, { desired_shape: [300, 100] });
    expect(shape.tag).toBe('300x100');
    expect(targetSize(shape, { width: 20, height: 20 })).toEqual({ width: 300, height: 100 });
  });
});
