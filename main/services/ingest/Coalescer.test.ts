import { describe, expect, it } from 'vitest';
import { Coalescer } from './Coalescer';

describe('Coalescer', () => {
  it('sends a lone call at once, and gathers the calls made while a batch is in flight into the next one', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new Coalescer<number, number>(async (inputs) => {
      batches.push([...inputs]);
      if (batches.length === 1) await new Promise<void>((resolve) => { release = resolve; });
      return inputs.map((n) => n * 10);
    });
    const first = coalescer.call(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => coalescer.call(n));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toHaveLength(1); // the first batch is still in flight
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits at max per batch, and rejects every call of a batch that throws while later batches go on', async () => {
    const sizes: number[] = [];
    const coalescer = new Coalescer<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      if (inputs.includes(0)) throw new Error('refused');
      return inputs.map((n) => n + 1);
    }, 2);
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((n) => coalescer.call(n)));
    expect(sizes).toEqual([2, 2, 1]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['refused', 'refused', 3, 4, 5]);
  });

  it('rejects every call when the batch answers the wrong number of results', async () => {
    const coalescer = new Coalescer<number, number>(async () => [1]);
    const results = await Promise.allSettled([coalescer.call(1), coalescer.call(2)]);
    expect(results.every((r) => r.status === 'rejected' && /a batch of 2 answered 1 results/.test(String(r.reason)))).toBe(true);
  });
});
