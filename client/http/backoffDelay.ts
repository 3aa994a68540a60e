export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Cap of the exponential growth. */
  maxMs: number;
}

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(max, base·2^attempt)], so that
 * many uploaders failing together do not retry in lockstep. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, { baseMs, maxMs }: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}
