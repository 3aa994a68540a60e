import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, type BackoffOptions } from '../../shared/ingest/backoff';
import { isRetryable } from './isRetryable';

export interface RetryOptions extends Partial<Pick<BackoffOptions, 'baseMs' | 'maxMs'>> {
  /** Retries after the first try; 0 tries once. */
  retries?: number;
  signal?: AbortSignal;
  retryable?: (error: unknown) => boolean;
}

export const DEFAULT_RETRY = { retries: 4, baseMs: 250, maxMs: 10_000 } as const;

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, or the retries are spent. Each
 * call of `attempt` must build its request from scratch (a fresh read stream for a body), which
 * is why stream uploads retry here and not inside got.
 */
export async function retryWithBackoff<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRY.retries;
  // Full jitter: a uniform delay below the exponential ceiling, so that uploaders failing together spread out.
  const backoff = { baseMs: options.baseMs ?? DEFAULT_RETRY.baseMs, maxMs: options.maxMs ?? DEFAULT_RETRY.maxMs, jitter: 1 };
  const retryable = options.retryable ?? isRetryable;
  for (let n = 0; ; n += 1) {
    options.signal?.throwIfAborted();
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= retries || !retryable(error) || options.signal?.aborted) throw error;
      await sleep(backoffDelay(n + 1, backoff), undefined, options.signal ? { signal: options.signal } : {});
    }
  }
}
