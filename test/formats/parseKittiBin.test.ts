import { describe, expect, it } from 'vitest';
import { kittiBinLayoutForFileName } from '../../shared/formats/kitti/kittiBinLayoutForFileName';
import { KittiBinParseError } from '../../shared/formats/kitti/KittiBinParseError';
import { parseKittiBin } from '../../shared/formats/kitti/parseKittiBin';
import { extractRenderPoints } from '../../shared/formats/pointcloud/extractRenderPoints';

function floats(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

describe('parseKittiBin', () => {
  it('reads KITTI records of x y z intensity', () => {
    const parsed = parseKittiBin(floats([1, 2, 3, 0.5, -1, -2, -3, 0.25]), { layout: 'kitti' });
    expect(parsed.cloud.pointCount).toBe(2);
    expect(parsed.cloud.value('intensity', 1)).toBe(0.25);
    expect(parsed.bounds).toEqual({ min: { x: -1, y: -2, z: -3 }, max: { x: 1, y: 2, z: 3 } });
  });

  it('reads nuScenes records with the ring index, skipping non-finite points in bounds', () => {
    const parsed = parseKittiBin(floats([1, 1, 1, 10, 3, NaN, 0, 0, 20, 4, 2, 4, 8, 30, 31]), { layout: 'nuscenes' });
    expect(parsed.cloud.fields.map((f) => f.name)).toEqual(['x', 'y', 'z', 'intensity', 'ring']);
    expect(parsed.cloud.value('ring', 2)).toBe(31);
    expect(parsed.finitePointCount).toBe(2);
    expect(parsed.bounds).toEqual({ min: { x: 1, y: 1, z: 1 }, max: { x: 2, y: 4, z: 8 } });
    expect(Array.from(extractRenderPoints(parsed.cloud).scalar ?? [])).toEqual([10, 30]);
  });

  it('reads from an ArrayBuffer and from an unaligned view into a larger buffer', () => {
    const data = floats([5, 6, 7, 1]);
    const padded = new Uint8Array(data.length + 3);
    padded.set(data, 3);
    expect(parseKittiBin(data.slice().buffer, { layout: 'kitti' }).cloud.value('z', 0)).toBe(7);
    expect(parseKittiBin(padded.subarray(3), { layout: 'kitti' }).cloud.value('z', 0)).toBe(7);
  });

  it('rejects a size that is not a whole number of points, with the leftover', () => {
    expect(() => parseKittiBin(new Uint8Array(50), { layout: 'kitti' })).toThrow(KittiBinParseError);
    expect(() => parseKittiBin(new Uint8Array(50), { layout: 'kitti' }))
      .toThrow('50 bytes is not a whole number of kitti points of 4 float32 (16 bytes): 2 bytes left over');
    expect(() => parseKittiBin(new Uint8Array(48), { layout: 'nuscenes' })).toThrow(/of 5 float32 \(20 bytes\): 8 bytes left over/);
  });

  it('reads an empty file as an empty scan', () => {
    const parsed = parseKittiBin(new Uint8Array(0), { layout: 'kitti' });
    expect(parsed.cloud.pointCount).toBe(0);
    expect(parsed.bounds).toBeUndefined();
  });

  it('guesses the layout from the file name', () => {
    expect(kittiBinLayoutForFileName('n015__LIDAR_TOP__1532402927647951.pcd.bin')).toBe('nuscenes');
    expect(kittiBinLayoutForFileName('SWEEP.PCD.BIN')).toBe('nuscenes');
    expect(kittiBinLayoutForFileName('000008.bin')).toBe('kitti');
    expect(kittiBinLayoutForFileName('scan.pcd')).toBe('kitti');
  });
});
