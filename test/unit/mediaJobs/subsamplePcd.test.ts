import { describe, expect, it } from 'vitest';
import { parsePcd } from '../../../shared/formats/pcd/parsePcd';
import { subsamplePcd } from '../../../engine/mediaJobs/subsamplePcd';
import { buildPcd, type TestPcdField } from '../../helpers/buildPcd';

// The subsampled PCD is compared byte for byte with a binary PCD written independently (by the
// test writer) of the points that should be kept.

const FIELDS: TestPcdField[] = [
  { name: 'x', size: 4, type: 'F' },
  { name: '_', size: 1, type: 'U', count: 3 },
  { name: 'intensity', size: 2, type: 'U' },
  { name: '_', size: 1, type: 'U' },
  { name: 'stamp', size: 8, type: 'F' },
];
const POINTS = Array.from({ length: 25 }, (_, i) => [i + 0.25, i % 7, 200, i % 3, i * 1000, i & 1, 1e9 + i / 8]);

describe('subsamplePcd', () => {
  it.each(['ascii', 'binary', 'binary_compressed'] as const)('keeps every n-th point of a %s PCD, padding fields included', (data) => {
    const source = parsePcd(buildPcd({ fields: FIELDS, points: POINTS, data }));
    for (const skip of [1, 4, 10, 25, 100]) {
      const kept = POINTS.filter((_, i) => i % skip === 0);
      expect(Buffer.from(subsamplePcd(source, skip))).toEqual(Buffer.from(buildPcd({ fields: FIELDS, points: kept, data: 'binary' })));
      expect(kept).toHaveLength(Math.ceil(POINTS.length / skip));
    }
  });

  it('keeps an organized grid when it keeps every point, and makes a list otherwise', () => {
    const grid = parsePcd(buildPcd({ fields: [{ name: 'z', size: 4, type: 'F' }], points: Array.from({ length: 12 }, (_, i) => [i]), data: 'binary', width: 4, height: 3 }));
    const all = parsePcd(subsamplePcd(grid, 1)).header;
    const some = parsePcd(subsamplePcd(grid, 5)).header;
    expect([all.width, all.height, all.points]).toEqual([4, 3, 12]);
    expect([some.width, some.height, some.points]).toEqual([3, 1, 3]);
  });

  it('refuses a skip factor below 1', () => {
    const source = parsePcd(buildPcd({ fields: FIELDS, points: POINTS, data: 'binary' }));
    expect(() => subsamplePcd(source, 0)).toThrow(/skip factor 0/);
  });
});
