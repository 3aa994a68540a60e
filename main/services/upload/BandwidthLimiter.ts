import { Transform } from 'node:stream';

/**
 * A token bucket shared by every upload, so that the user's limit holds for the whole queue
 * however many files and parts are in flight. A rate of 0 means unlimited. The bucket holds at
 * most one second of tokens, so a pause is not followed by a burst.
 */
export class BandwidthLimiter {
  #rate: number;
  #tokens: number;
  #last: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  /** `now` and `sleep` are the clock; tests pass a fake one. */
  public constructor(
    bytesPerSecond = 0,
    now: () => number = () => performance.now(),
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.#rate = bytesPerSecond;
    this.#tokens = bytesPerSecond;
    this.#now = now;
    this.#sleep = sleep;
    this.#last = now();
  }

  public get rate(): number {
    return this.#rate;
  }

  public setRate(bytesPerSecond: number): void {
    this.#refill();
    this.#rate = Math.max(0, bytesPerSecond);
    this.#tokens = Math.min(this.#tokens, this.#rate);
  }

  /** Waits until `bytes` may be sent. */
  public async take(bytes: number, signal?: AbortSignal): Promise<void> {
    let remaining = bytes;
    while (remaining > 0 && this.#rate > 0) {
      signal?.throwIfAborted();
      this.#refill();
      const grant = Math.min(remaining, Math.max(0, Math.floor(this.#tokens)));
      this.#tokens -= grant;
      remaining -= grant;
      if (remaining > 0) {
        const wait = Math.min(250, Math.max(5, ((Math.min(remaining, this.#rate) - this.#tokens) / this.#rate) * 1000));
        await this.#sleep(wait);
      }
    }
  }

  /** A pass-through stream that waits for tokens before letting each chunk on. */
  public throttle(signal?: AbortSignal): Transform {
    return new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        if (this.#rate === 0) {
          done(null, chunk);
          return;
        }
        this.take(chunk.length, signal).then(() => done(null, chunk), (error: unknown) => done(error as Error));
      },
    });
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#rate, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
  }
}
