import { z } from 'zod';
import { DEFAULT_SESSION_RESOLUTION, MAX_SESSION_LENGTH } from '../../shared/scenebox/constants';
import type { Scope } from '../meta/MetaStore';
import { isoToMicros, microsToIso, resolutionToMicros } from './timeIndex';

/** The fields of a stored session document that the engine itself reads. */
export const storedSessionSchema = z.looseObject({
  session_name: z.string().nullish(),
  resolution: z.number().positive().nullish(),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
  status: z.string().nullish(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** A time span in microseconds since the epoch, both ends included. */
export interface Span {
  lo: number;
  hi: number;
}

export function sessionsScope(organizationId: string): Scope {
  return { organizationId, assetType: 'sessions' };
}

export function readSession(doc: unknown): StoredSession {
  const parsed = storedSessionSchema.safeParse(doc);
  // A document written by hand through the asset manager may hold anything; read it leniently.
  return parsed.success ? parsed.data : {};
}

/** The session's resolution in seconds (never null: the Python client reads it unguarded). */
export function resolutionOf(doc: StoredSession): number {
  return doc.resolution ?? DEFAULT_SESSION_RESOLUTION;
}

/** The session's own span (start_time..end_time) when both are set. */
export function spanOf(doc: StoredSession): Span | undefined {
  const lo = doc.start_time ? isoToMicros(doc.start_time) : undefined;
  const hi = doc.end_time ? isoToMicros(doc.end_time) : undefined;
  return lo !== undefined && hi !== undefined ? { lo, hi } : undefined;
}

export function spanFields(span: Span): { start_time: string; end_time: string } {
  return { start_time: microsToIso(span.lo), end_time: microsToIso(span.hi) };
}

export function union(a: Span | undefined, b: Span | undefined): Span | undefined {
  if (!a) return b;
  if (!b) return a;
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** The longest span a session may have at a resolution: MAX_SESSION_LENGTH × resolution (µs). */
export function maxSpanMicros(resolutionSeconds: number): number {
  return MAX_SESSION_LENGTH * resolutionToMicros(resolutionSeconds);
}

export function tooLong(span: Span, resolutionSeconds: number): string | undefined {
  const max = maxSpanMicros(resolutionSeconds);
  if (span.hi - span.lo <= max) return undefined;
  return `the session would span ${(span.hi - span.lo) / 1e6} s, more than MAX_SESSION_LENGTH (${MAX_SESSION_LENGTH}) × resolution (${resolutionSeconds} s) = ${max / 1e6} s`;
}
