import type { HttpEvent } from './SceneBoxHttp';

/** Transport settings a client passes on to the clients it creates. */
export interface HttpSettings {
  /** Whole-request timeout of a JSON call (default 120 s). */
  timeoutMs?: number;
  /** got retries of idempotent JSON requests (default 2). */
  retries?: number;
  onResponse?: (event: HttpEvent) => void;
}

export function httpSettingsOf(options: HttpSettings): HttpSettings {
  return {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  };
}
