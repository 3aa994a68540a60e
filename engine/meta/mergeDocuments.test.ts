import { describe, expect, it } from 'vitest';
import { mergeDocuments } from './mergeDocuments';

describe('mergeDocuments', () => {
  const stored = { id: 'a', sets: ['s1'], aux: { x: 1, y: { z: 2 } }, annotations: ['a1'], width: 10 };

  it('replace=true writes the new document but keeps existing sets unless replace_sets', () => {
    const next = mergeDocuments(stored, { id: 'a', sets: ['s2'], width: 20 }, { replace: true, replaceSets: false });
    expect(next).toEqual({ id: 'a', sets: ['s1', 's2'], width: 20 });
    expect(mergeDocuments(stored, { id: 'a', sets: ['s2'] }, { replace: true, replaceSets: true })).toEqual({ id: 'a', sets: ['s2'] });
  });

  it('replace=false deep-merges objects and appends lists without duplicates', () => {
    const next = mergeDocuments(stored, { aux: { y: { w: 3 } }, annotations: ['a1', 'a2'] }, { replace: false, replaceSets: false });
    expect(next).toEqual({ id: 'a', sets: ['s1'], aux: { x: 1, y: { z: 2, w: 3 } }, annotations: ['a1', 'a2'], width: 10 });
  });

  it('replace=false with replace_sets replaces lists (the annotation cleanup relies on it)', () => {
    const next = mergeDocuments(stored, { annotations: [], sets: ['s9'] }, { replace: false, replaceSets: true });
    expect(next.annotations).toEqual([]);
    expect(next.sets).toEqual(['s9']);
    expect(next.aux).toEqual(stored.aux);
  });

  it('appends list items of objects by value', () => {
    const a = { annotations_meta: [{ provider: 'p', id: '1' }] };
    const next = mergeDocuments(a, { annotations_meta: [{ provider: 'p', id: '1' }, { provider: 'p', id: '2' }] }, { replace: false, replaceSets: false });
    expect(next.annotations_meta).toEqual([{ provider: 'p', id: '1' }, { provider: 'p', id: '2' }]);
  });

  it('a first write is the document itself', () => {
    expect(mergeDocuments(undefined, { id: 'n', v: 1 }, { replace: false, replaceSets: false })).toEqual({ id: 'n', v: 1 });
  });
});
