import { parseIsoTimestamp } from '../../shared/time/isoTimestamp';

// Session times are integer microseconds since the epoch: exact in a double until the year 2255,
// as fine as the Python client writes them, and a time index (wire protocol §5.1:
// floor(seconds_since_epoch / resolution)) is then an exact integer division. With seconds as
// doubles, 0.3 / 0.1 is 2.9999999999999996 and would land in index 2.

export const MICROS_PER_SECOND = 1_000_000;

/** Microseconds since the epoch of an ISO-8601 time; sub-microsecond digits are dropped. */
export function isoToMicros(text: string): number | undefined {
  const parsed = parseIsoTimestamp(text);
  return parsed ? parsed.epochSeconds * MICROS_PER_SECOND + Math.floor(parsed.nanos / 1000) : undefined;
}

/** The ISO form the Python client writes (`+00:00`, six fraction digits). */
export function microsToIso(us: number): string {
  const whole = Math.floor(us / MICROS_PER_SECOND);
  const micros = us - whole * MICROS_PER_SECOND;
  return `${new Date(whole * 1000).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}+00:00`;
}

/** A resolution in seconds as whole microseconds (at least 1). */
export function resolutionToMicros(resolutionSeconds: number): number {
  return Math.max(1, Math.round(resolutionSeconds * MICROS_PER_SECOND));
}

/** floor(us / resUs) for integers, corrected where the double quotient rounded across an integer. */
export function timeIndex(us: number, resUs: number): number {
  let q = Math.floor(us / resUs);
  if (q * resUs > us) q -= 1;
  else if ((q + 1) * resUs <= us) q += 1;
  return q;
}
