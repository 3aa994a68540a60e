import { describe, expect, it } from 'vitest';
import { flattenDocument } from './flattenDocument';
import { MAX_INDEXED_STRING } from './normalizeIndexValue';

describe('flattenDocument', () => {
  it('indexes dotted paths, list items and nested objects in lists, without the id', () => {
    const entries = flattenDocument({
      id: 'x', sensor: 'cam', sets: ['a', 'b', 'a'], aux: { speed: 3.5, ok: true, none: null },
      annotations_meta: [{ provider: 'p1' }, { provider: 'p2' }], empty: [],
    });
    expect(entries).toEqual([
      { path: 'sensor', value: 'cam' },
      { path: 'sets', value: 'a' },
      { path: 'sets', value: 'b' },
      { path: 'aux.speed', value: 3.5 },
      { path: 'aux.ok', value: 'true' },
      { path: 'annotations_meta.provider', value: 'p1' },
      { path: 'annotations_meta.provider', value: 'p2' },
    ]);
  });

  it('brings timestamps written by Python and by JavaScript to one sortable form', () => {
    const [py] = flattenDocument({ timestamp: '2021-08-24T21:15:15.574000+00:00' });
    const [js] = flattenDocument({ timestamp: '2021-08-24T21:15:15.574Z' });
    const [offset] = flattenDocument({ timestamp: '2021-08-24T23:15:15.574+02:00' });
    expect(py?.value).toBe('2021-08-24T21:15:15.574000000Z');
    expect(js?.value).toBe(py?.value);
    expect(offset?.value).toBe(py?.value);
  });

  it('keeps a number and its text apart, and skips strings too long to be keys', () => {
    expect(flattenDocument({ a: 5, b: '5', c: 'x'.repeat(MAX_INDEXED_STRING + 1) })).toEqual([
      { path: 'a', value: 5 }, { path: 'b', value: '5' },
    ]);
  });
});
