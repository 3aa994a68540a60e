import { HTTPError, RequestError, UploadError } from 'got';
import { z } from 'zod';
import { responseErrorFor } from '../errors/responseErrorFor';
import { TransportError } from '../errors/TransportError';
import { redactUrl } from './redactUrl';

const errorBody = z.looseObject({ error: z.string().optional(), message: z.string().optional() });
const MAX_MESSAGE = 2000;

/** The server's explanation: `message` of a SceneDock `{error, message}` body, else the body's start. */
function explain(body: unknown, statusMessage: string | undefined): { message: string; code: string | undefined } {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    const parsed = errorBody.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.message) return { message: parsed.data.message, code: parsed.data.error };
  } catch {
    // Not JSON (a proxy's HTML page, S3's XML): the text itself is the best explanation.
  }
  return { message: text.trim().slice(0, MAX_MESSAGE) || statusMessage || 'no message', code: undefined };
}

/**
 * got's error as the client's: an HTTP status becomes a `ResponseError` subclass, a failure
 * without an answer a `TransportError`, and an abort the caller's own abort reason.
 */
export function translateGotError(error: unknown, method: string, url: string, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason as unknown;
  const safeUrl = redactUrl(url);
  if (error instanceof HTTPError) {
    const { message, code } = explain(error.response.body, error.response.statusMessage);
    return responseErrorFor({ status: error.response.statusCode, serverMessage: message, code, method, url: safeUrl });
  }
  // A body that failed while it was read (a file that changed, a disk error) is the caller's
  // problem, not the network's: it is reported as itself, and is not retried as a transport error.
  if (error instanceof UploadError && error.cause instanceof Error) return error.cause;
  if (error instanceof RequestError) return new TransportError(method, safeUrl, error.code, error);
  return error;
}
