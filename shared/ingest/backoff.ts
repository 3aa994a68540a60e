export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1: the share of each delay drawn at random, so that many clients do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 60_000, jitter: 0.5 };

/** Delay before retry number `attempt` (1-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp * (1 - options.jitter) + exp * options.jitter * random();
  return Math.round(jittered);
}
