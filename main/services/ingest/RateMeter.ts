/** Bytes per second over a sliding window of one-second buckets (speed and ETA in the UI). */
export class RateMeter {
  readonly #buckets = new Map<number, number>();
  readonly #windowSeconds: number;
  readonly #now: () => number;

  public constructor(windowSeconds = 5, now: () => number = Date.now) {
    this.#windowSeconds = windowSeconds;
    this.#now = now;
  }

  public add(bytes: number): void {
    const second = Math.floor(this.#now() / 1000);
    this.#buckets.set(second, (this.#buckets.get(second) ?? 0) + bytes);
    for (const key of this.#buckets.keys()) if (key <= second - this.#windowSeconds) this.#buckets.delete(key);
  }

  public rate(): number {
    const second = Math.floor(this.#now() / 1000);
    let total = 0;
    for (const [key, bytes] of this.#buckets) if (key > second - this.#windowSeconds) total += bytes;
    return total / this.#windowSeconds;
  }
}
