import { describe, expect, it } from 'vitest';
import { colorsFromValues, rampColor, robustRange } from '../../../renderer/src/features/preview/lidar/pointColors';

describe('point colouring', () => {
  it('runs the ramp from blue to red, clamping outside 0..1', () => {
    expect(rampColor(0)).toEqual([48, 18, 160]);
    expect(rampColor(1)).toEqual([220, 40, 30]);
    expect(rampColor(-5)).toEqual(rampColor(0));
    expect(rampColor(Number.NaN)).toEqual(rampColor(0));
    expect(rampColor(0.5)).toEqual([40, 200, 120]);
  });

  it('spreads colours over the 2nd..98th percentile so that outliers do not flatten the rest', () => {
    const values = new Float32Array(1000).map((_, i) => i / 10);
    values[999] = 1e6;
    const [lo, hi] = robustRange(values);
    expect(lo).toBeCloseTo(2, 0);
    expect(hi).toBeLessThan(100);
    expect(robustRange(new Float32Array([5, 5, 5]))).toEqual([5, 6]);
    expect(robustRange(new Float32Array([Number.NaN]))).toEqual([0, 1]);
  });

  it('colours every stride-th value (z of xyz triples) by height', () => {
    const xyz = new Float32Array([0, 0, 0, 9, 9, 10, 1, 1, 5]);
    const colors = colorsFromValues(xyz, [0, 10], 3, 2);
    expect(colors.length).toBe(9);
    expect([...colors.subarray(0, 3)]).toEqual(rampColor(0));
    expect([...colors.subarray(3, 6)]).toEqual(rampColor(1));
    expect([...colors.subarray(6, 9)]).toEqual(rampColor(128 / 255));
  });
});
