/** A seeded pseudo-random source, so that a failing fault run can be replayed with the same seed. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Whole number in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** Fills `target` with pseudo-random bytes (fast enough for files of hundreds of MiB). */
  fill(target: Uint8Array): void;
}

/** mulberry32 for decisions; xorshift32 words for bulk bytes. Not for anything secret. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    fill: (target) => {
      // Whole 32-bit words where the buffer is aligned, then the tail byte by byte.
      let x = Math.floor(next() * 0xffffffff) | 1;
      const words = target.byteOffset % 4 === 0 ? Math.floor(target.length / 4) : 0;
      const view = new Uint32Array(target.buffer, target.byteOffset, words);
      for (let i = 0; i < words; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        view[i] = x >>> 0;
      }
      for (let i = words * 4; i < target.length; i++) target[i] = Math.floor(next() * 256);
    },
  };
}
