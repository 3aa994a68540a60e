import { parseIsoTimestamp, secondsToIso } from '../../shared/time/isoTimestamp';

export type TimeInput = string | Date;

/** The Python client's `datetime_or_str_to_iso_utc`: strings pass through unchanged, dates become `+00:00` ISO. */
export function toIsoUtc(time: TimeInput): string {
  return typeof time === 'string' ? time : secondsToIso(time.getTime() / 1000);
}

/** Seconds since the epoch of a time; a string that is not ISO-8601 is a RangeError naming `what`. */
export function secondsOf(time: TimeInput, what: string): number {
  if (typeof time !== 'string') return time.getTime() / 1000;
  const parsed = parseIsoTimestamp(time);
  if (!parsed) throw new RangeError(`${what}: not an ISO-8601 time: ${JSON.stringify(time)}`);
  return parsed.epochSeconds + parsed.nanos / 1e9;
}

/** `time` moved by `seconds` (microsecond precision), in the Python client's ISO form. */
export function shiftTime(time: TimeInput, seconds: number, what: string): string {
  return seconds === 0 ? toIsoUtc(time) : secondsToIso(secondsOf(time, what) + seconds);
}
