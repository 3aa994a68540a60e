import { ResponseError } from '../errors/ResponseError';
import { TransportError } from '../errors/TransportError';

/** Statuses worth another try: the server or a proxy was busy or briefly broken. 507 (full) is not. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Whether a failed request may succeed if sent again unchanged. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ResponseError) return RETRYABLE_STATUSES.has(error.status);
  if (error instanceof TransportError) return error.code !== 'ERR_ABORTED';
  return false;
}
