import { describe, expect, it } from 'vitest';
import { splitSizes } from './splitSizes';

/** The formula of split_set's docs, spelled out independently for each case below. */
function documentedSections(n: number, sections: number): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < sections; i++) sizes.push(i < n % sections ? Math.trunc(n / sections) + 1 : Math.trunc(n / sections));
  return sizes;
}
function documentedFractions(n: number, p: number[]): number[] {
  const floors = p.map((x) => Math.floor(x * n));
  const leftover = n - floors.reduce((a, b) => a + b, 0);
  const extra = documentedSections(leftover, p.length);
  return floors.map((f, i) => f + (extra[i] as number));
}

describe('splitSizes', () => {
  const sizes = [0, 1, 2, 7, 10, 99, 1001, 1_000_000];

  it.each(sizes)('sections of %i assets follow the documented rule and add up', (n) => {
    for (const sections of [1, 3, 4, 7, 11]) {
      const got = splitSizes(n, { sections });
      expect(got).toEqual(documentedSections(n, sections));
      expect(got.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it.each(sizes)('fractions of %i assets follow the documented rule and cover the set', (n) => {
    for (const p of [[0.7, 0.2, 0.1], [0.5, 0.3], [1], [0.29, 0.71], [0, 0.5, 0.5], [0.333, 0.333, 0.333]]) {
      const got = splitSizes(n, { fractions: p });
      expect(got).toEqual(documentedFractions(n, p));
      expect(got.reduce((a, b) => a + b, 0)).toBe(n);
    }
  });

  it('matches worked examples', () => {
    expect(splitSizes(10, { sections: 3 })).toEqual([4, 3, 3]);
    expect(splitSizes(7, { sections: 3 })).toEqual([3, 2, 2]);
    expect(splitSizes(1, { sections: 3 })).toEqual([1, 0, 0]);
    expect(splitSizes(0, { sections: 3 })).toEqual([0, 0, 0]);
    // floor(0.7×7)=4, floor(0.2×7)=1, floor(0.1×7)=0; leftover 2 → first two subsets.
    expect(splitSizes(7, { fractions: [0.7, 0.2, 0.1] })).toEqual([5, 2, 0]);
    // floor(0.5×10)=5, floor(0.3×10)=3; leftover 2 spread over the 2 subsets.
    expect(splitSizes(10, { fractions: [0.5, 0.3] })).toEqual([6, 4]);
    // 0.29 × 100 is 28.999999999999996 in doubles, as in Python: floor gives 28.
    expect(splitSizes(100, { fractions: [0.29, 0.71] })).toEqual([29, 71]);
    expect(splitSizes(1001, { fractions: [0.7, 0.2, 0.1] })).toEqual([701, 200, 100]);
  });

  it('refuses impossible input', () => {
    expect(() => splitSizes(10, { sections: 0 })).toThrow(/sections/);
    expect(() => splitSizes(-1, { sections: 2 })).toThrow(/non-negative/);
    expect(() => splitSizes(10, { fractions: [0.8, 0.8] })).toThrow(/take 16 of 10/);
  });
});
