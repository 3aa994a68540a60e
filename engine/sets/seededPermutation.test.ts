import { describe, expect, it } from 'vitest';
import { mulberry32, seededPermutation, seedWord } from './seededPermutation';

describe('seededPermutation', () => {
  it('is a permutation of 0..n-1 for every size, the empty one included', () => {
    for (const n of [0, 1, 2, 7, 1001, 100_000]) {
      const p = seededPermutation(n, 42);
      expect(p.length).toBe(n);
      const seen = new Uint8Array(n);
      for (const v of p) seen[v] = (seen[v] ?? 0) + 1;
      expect(seen.every((c) => c === 1)).toBe(true);
    }
  });

  it('gives the same order for the same seed and another for another seed', () => {
    expect(Array.from(seededPermutation(1000, 7))).toEqual(Array.from(seededPermutation(1000, 7)));
    expect(Array.from(seededPermutation(1000, 7))).not.toEqual(Array.from(seededPermutation(1000, 8)));
  });

  it('keeps the published mulberry32 sequence, so that a seed names the same split in every release', () => {
    // mulberry32 as published (a = seed; t = a += 0x6D2B79F5; ...) for seed 0, first three words
    // times 2^-32; these literals pin the generator, any change to it breaks stored splits.
    const next = mulberry32(0);
    const words = [next(), next(), next()];
    expect(words.map((w) => w / 2 ** 32)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
  });

  it('shuffles fairly: each position of a 5-permutation is near-uniform over many seeds', () => {
    const counts = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    const runs = 20_000;
    for (let seed = 0; seed < runs; seed++) {
      const p = seededPermutation(5, seed);
      p.forEach((value, position) => { (counts[position] as number[])[value] = ((counts[position] as number[])[value] ?? 0) + 1; });
    }
    for (const row of counts) for (const c of row) expect(Math.abs(c - runs / 5)).toBeLessThan(runs / 5 * 0.1);
  });

  it('folds large and negative seeds into distinct words', () => {
    expect(seedWord(42)).toBe(42);
    expect(seedWord(1)).not.toBe(seedWord(2 ** 32 + 1));
    expect(seedWord(-1)).not.toBe(seedWord(1));
    expect(() => seedWord(2 ** 60)).toThrow(/safe integer/);
  });
});
