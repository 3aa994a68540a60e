import type { z } from 'zod';
import { MalformedResponseError } from '../errors/MalformedResponseError';

/** A reply body checked against its schema; anything else is a `MalformedResponseError` naming the field. */
export function parseReply<S extends z.ZodType>(schema: S, text: string, method: string, url: string): z.output<S> {
  let value: unknown;
  try {
    value = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new MalformedResponseError(method, url, `not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length ? issue.path.join('.') : '(root)';
  throw new MalformedResponseError(method, url, `${field}: ${issue?.message ?? 'invalid'}`);
}
