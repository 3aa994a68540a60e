import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoffDelay';

describe('backoffDelay', () => {
  const backoff = { baseMs: 100, maxMs: 1000 };

  it('grows the ceiling exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, backoff, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads delays uniformly below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, backoff, () => 0)).toBe(0);
    expect(backoffDelay(3, backoff, () => 0.25)).toBe(200);
  });
});
