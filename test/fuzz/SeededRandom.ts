/**
 * A small deterministic PRNG (mulberry32), so that every mutant can be rebuilt from its seed alone:
 * a failure report names the seed, and the same seed gives the same bytes on any machine.
 */
export class SeededRandom {
  #state: number;

  public constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A seed derived from a base seed and labels (FNV-1a over their text), e.g. target and mutant number. */
  public static derive(base: number, ...labels: readonly (string | number)[]): number {
    let hash = 0x811c9dc5 ^ (base >>> 0);
    for (const char of labels.join('\u0000')) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  /** A float in [0, 1). */
  public next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  public below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  public between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  public pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.below(items.length)] as T;
  }
}
