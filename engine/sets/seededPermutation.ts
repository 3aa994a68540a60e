/**
 * A reproducible shuffle of 0..n-1, the same on every machine and Node version for a given seed:
 * the generator is mulberry32 (Tommy Ettinger's 32-bit generator: one 32-bit state word advanced by
 * 0x6D2B79F5, output mixed with two multiply-xorshift rounds; integer arithmetic only, via
 * Math.imul), and the shuffle is Fisher-Yates from the last index down, each draw unbiased by
 * rejection sampling. Math.random is never used, so a seed names one split forever.
 */
export function seededPermutation(n: number, seed: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const next = mulberry32(seedWord(seed));
  for (let i = n - 1; i > 0; i--) {
    const j = uniformBelow(next, i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/** The generator: each call returns the next unsigned 32-bit word. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (z ^ (z >>> 14)) >>> 0;
  };
}

/**
 * A client's seed (a Python int, any safe integer, negative too) as one 32-bit word: seeds 0 to
 * 2^32 − 1 are used as they are, and the high bits of larger ones are folded in, so that 1 and
 * 2^32 + 1 still give different splits.
 */
export function seedWord(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, not ${seed}`);
  const big = BigInt(seed);
  const low = Number(BigInt.asUintN(32, big));
  const high = Number(BigInt.asUintN(32, big >> 32n));
  return (low ^ Math.imul(high, 0x9e3779b9)) >>> 0;
}

/** A uniform integer in [0, bound): words in the incomplete top range are drawn again. */
function uniformBelow(next: () => number, bound: number): number {
  const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
  for (;;) {
    const word = next();
    if (word < limit) return word % bound;
  }
}
