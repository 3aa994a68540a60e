import { describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../../shared/search/searchQuery';
import { maskRuns, requiredFields, sessionRestriction, timelineMask } from './timelineQuery';

// Frame: 1 s indices starting at 2026-01-01T00:00:00Z (1767225600 s), 6 of them.
const frame = { resUs: 1_000_000, first: 1_767_225_600, length: 6 };
const columns = new Map<string, unknown[]>([
  ['weather', [['rain'], ['rain', 'fog'], null, ['sun'], ['sun'], null]],
  ['speed', [1, 2, 3, 4, null, 6]],
  ['flag', [true, true, false, null, null, null]],
]);
const mask = (q: unknown) => [...timelineMask(frame, columns, searchQuerySchema.parse(q))];

describe('timelineMask', () => {
  it('matches list values item by item, and values typed as strings', () => {
    expect(mask({ filters: [{ field: 'weather', values: ['fog', 'sun'] }] })).toEqual([0, 1, 0, 1, 1, 0]);
    expect(mask({ filters: [{ field: 'speed', values: ['3', 6] }] })).toEqual([0, 0, 1, 0, 0, 1]);
    expect(mask({ filters: [{ field: 'flag', values: ['true'] }] })).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('filter_out keeps indices without the value, including those where the field is missing', () => {
    expect(mask({ filters: [{ field: 'weather', values: ['rain'], filter_out: true }] })).toEqual([0, 0, 1, 1, 1, 1]);
    expect(mask({ filters: [{ field: 'absent', values: ['x'], filter_out: true }] })).toEqual([1, 1, 1, 1, 1, 1]);
    expect(mask({ filters: [{ field: 'absent', values: ['x'] }] })).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('ranges, exists_filters and time_range AND together', () => {
    expect(mask({ ranges: [{ field: 'speed', min: 2, max: '6' }], exists_filters: [{ field: 'weather' }] })).toEqual([0, 1, 0, 1, 0, 0]);
    expect(mask({ time_range: { start_time: '2026-01-01T00:00:01.5Z', end_time: '2026-01-01T00:00:03+00:00' } })).toEqual([0, 1, 1, 1, 0, 0]);
    expect(mask({ time_range: { start_time: '2025-12-31T00:00:00Z', end_time: '2030-01-01T00:00:00Z' } })).toEqual([1, 1, 1, 1, 1, 1]);
    expect(mask({ time_range: { start_time: '2030-01-01T00:00:00Z' } })).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses a time_range that is not a time, naming it', () => {
    expect(() => mask({ time_range: { start_time: 'noon' } })).toThrow(/time_range.start_time: not an ISO-8601 time/);
  });
});

describe('query helpers', () => {
  it('maskRuns gives maximal [first, last] runs', () => {
    expect(maskRuns(Uint8Array.from([1, 1, 0, 1, 0, 0, 1]))).toEqual([[0, 1], [3, 3], [6, 6]]);
    expect(maskRuns(new Uint8Array(0))).toEqual([]);
  });

  it('session filters pick sessions and are not timeline fields', () => {
    const q = searchQuerySchema.parse({ filters: [{ field: 'session_uid', values: ['A-1', 'b'] }, { field: 'id', values: ['b'] }, { field: 'weather', values: ['x'] }] });
    expect([...(sessionRestriction(q) ?? [])]).toEqual(['b']);
    expect(requiredFields(q)).toEqual(['weather']);
  });
});
