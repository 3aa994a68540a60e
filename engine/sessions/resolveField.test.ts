import { describe, expect, it } from 'vitest';
import { resolveField, type Influence, type TimelineEntity, type TimelineFrame } from './resolveField';
import { decodeColumn, encodeColumn } from './timelineColumns';
import { timeIndex } from './timeIndex';

// Edge cases of the resolver, on a frame of 1 s indices 0..9 (times in microseconds).
const S = 1_000_000;
const frame: TimelineFrame = { resUs: S, first: 0, length: 10 };
const _ = null;

function e(name: string, influence: Influence, at: number, value: unknown, more: Partial<TimelineEntity> = {}): TimelineEntity {
  return { name, t: at * S, startUs: null, endUs: null, influence, geo: influence === 'geo_interpolation', value, ...more };
}

/** Resolves one field and reads its column back the way the routes do (through the stored encoding). */
function column(entities: TimelineEntity[], f: TimelineFrame = frame): unknown[] {
  // A stable sort by time: entities of one time keep the order they are written in (as entity ids would order them).
  const sorted = [...entities].sort((a, b) => a.t - b.t);
  const encoded = encodeColumn(resolveField(sorted, f));
  return decodeColumn(encoded.encoding, encoded.data, f.length);
}

describe('timeIndex', () => {
  it('is exact where doubles are not: 0.3 s at 0.1 s is index 3', () => {
    expect(Math.floor(0.3 / 0.1)).toBe(2);
    expect(timeIndex(300_000, 100_000)).toBe(3);
    expect(timeIndex(299_999, 100_000)).toBe(2);
    expect(timeIndex(1_767_225_600_300_000, 100_000)).toBe(17_672_256_003);
  });

  it('floors negative times (before 1970) downwards', () => {
    expect(timeIndex(-1, S)).toBe(-1);
    expect(timeIndex(-S, S)).toBe(-1);
    expect(timeIndex(-S - 1, S)).toBe(-2);
  });
});

describe('resolveField', () => {
  it('clips to the frame and still interpolates across its edges', () => {
    expect(column([e('x', 'linear_interpolation', -2, 0), e('x', 'linear_interpolation', 2, 40)])).toEqual([20, 30, 40, _, _, _, _, _, _, _]);
    expect(column([e('x', 'affect_forward', -5, 'on')])).toEqual(Array(10).fill('on'));
    expect(column([e('x', 'point', 12, 'late')])).toEqual(Array(10).fill(_));
  });

  it('unites three overlapping state_set intervals in order of first appearance, without repeats', () => {
    const iv = (at: number, end: number, value: string[]) => e('w', 'interval', at, value, { startUs: at * S, endUs: end * S });
    expect(column([iv(0, 5, ['a']), iv(2, 7, ['b', 'a']), iv(4, 4, ['c'])])).toEqual([
      ['a'], ['a'], ['a', 'b'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b'], ['b', 'a'], ['b', 'a'], _, _,
    ]);
  });

  it('a single value meeting a list joins it; two single values: the later wins', () => {
    expect(column([e('m', 'interval', 0, 'x', { endUs: 3 * S }), e('m', 'interval', 2, ['y'], { endUs: 4 * S })]))
      .toEqual(['x', 'x', ['x', 'y'], ['x', 'y'], ['y'], _, _, _, _, _]);
  });

  it('null and empty values write nothing but still bound their neighbours', () => {
    expect(column([e('g', 'affect_forward', 0, 'P'), e('g', 'affect_forward', 3, null), e('g', 'affect_forward', 6, [])]))
      .toEqual(['P', 'P', 'P', _, _, _, _, _, _, _]);
  });

  it('entities sharing an index: the later one holds it, and interpolation goes on from it', () => {
    expect(column([e('s', 'linear_interpolation', 1, 0), e('s', 'linear_interpolation', 1.5, 10), e('s', 'linear_interpolation', 5.5, 50)]))
      .toEqual([_, 10, 15, 25, 35, 50, _, _, _, _]);
  });

  it('interpolates only between interpolating neighbours; a point in between stops it', () => {
    expect(column([e('s', 'linear_interpolation', 0, 0), e('s', 'point', 2, 5), e('s', 'linear_interpolation', 4, 8), e('s', 'linear_interpolation', 6, 0)]))
      .toEqual([0, _, 5, _, 8, 4, 0, _, _, _]);
  });

  it('geo fixes interpolate only with geo fixes, and keep lat, lon pairs', () => {
    const fix = (at: number, lat: number, lon: number) => e('geo', 'geo_interpolation', at, [lat, lon]);
    expect(column([fix(0, 0, -170), fix(2, 2, 170)])).toEqual([[0, -170], [1, -180], [2, 170], _, _, _, _, _, _, _]);
  });

  it('an empty frame resolves to empty columns', () => {
    expect(column([e('p', 'point', 0, 1)], { resUs: S, first: 0, length: 0 })).toEqual([]);
  });
});

describe('stored columns', () => {
  it('merges equal list values from different entities into one run', () => {
    const encoded = encodeColumn(resolveField([e('r', 'affect_forward', 0, ['on']), e('r', 'affect_forward', 5, ['on'])], frame));
    expect(encoded.encoding).toBe('runs');
    expect(JSON.parse(String(encoded.data))).toEqual([[0, 10, ['on']]]);
  });

  it('packs numbers as little-endian float64 with NaN for no value', () => {
    const encoded = encodeColumn(resolveField([e('n', 'point', 1, 2.5)], frame));
    expect(encoded.encoding).toBe('f64');
    const bytes = encoded.data as Buffer;
    expect(bytes.length).toBe(80);
    expect(bytes.readDoubleLE(8)).toBe(2.5);
    expect(Number.isNaN(bytes.readDoubleLE(0))).toBe(true);
  });

  it('refuses stored data of the wrong size', () => {
    expect(() => decodeColumn('f64', Buffer.alloc(8), 10)).toThrow(/10 indices has 8 bytes/);
  });
});
