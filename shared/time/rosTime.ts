// Recordings count time in nanoseconds: ROS 1 as {sec, nsec} pairs of uint32, ROS 2 and MCAP as
// uint64 nanoseconds since the epoch. A double keeps only microseconds at today's epoch, so every
// conversion here goes through bigint, and the three forms we publish (the pair, an ISO string with
// nine fraction digits, and the nanoseconds as a decimal string) always name the same instant.

import { formatTimestamp, parseIsoTimestamp } from './isoTimestamp';

export interface RosTime {
  /** Whole seconds since the Unix epoch. */
  sec: number;
  /** Nanoseconds within the second, 0..999 999 999 once normalised. */
  nsec: number;
}

/** One instant in every form a consumer may want; `unixNanos` is exact, the others derive from it. */
export interface TimePoint extends RosTime {
  /** `2014-03-31T19:24:47.844783943Z`: UTC, always nine fraction digits, so string order is time order. */
  iso: string;
  /** Nanoseconds since the epoch as a decimal string (too large for a double to keep exactly). */
  unixNanos: string;
}

const NANOS_PER_SECOND = 1_000_000_000n;
const UNIX_NANOS = /^\d{1,20}$/;

/** Normalises an out-of-range `nsec` (ROS 1 writers do not always) by carrying into seconds. */
export function rosTimeToNanos({ sec, nsec }: RosTime): bigint {
  if (!Number.isSafeInteger(sec) || !Number.isSafeInteger(nsec) || sec < 0 || nsec < 0) {
    throw new RangeError(`not a ROS time: {sec: ${sec}, nsec: ${nsec}}`);
  }
  return BigInt(sec) * NANOS_PER_SECOND + BigInt(nsec);
}

export function nanosToRosTime(nanos: bigint): RosTime {
  if (nanos < 0n) throw new RangeError(`negative time: ${nanos} ns`);
  return { sec: Number(nanos / NANOS_PER_SECOND), nsec: Number(nanos % NANOS_PER_SECOND) };
}

export function rosTimeToIso(time: RosTime): string {
  const { sec, nsec } = nanosToRosTime(rosTimeToNanos(time));
  return formatTimestamp({ epochSeconds: sec, nanos: nsec });
}

/** Any ISO-8601 timestamp (offsets and fewer digits accepted); undefined if unparsable or before 1970. */
export function isoToRosTime(text: string): RosTime | undefined {
  const parsed = parseIsoTimestamp(text);
  if (!parsed || parsed.epochSeconds < 0) return undefined;
  return { sec: parsed.epochSeconds, nsec: parsed.nanos };
}

/** Parses a `unixNanos` string; undefined unless it is a plain non-negative decimal integer. */
export function parseUnixNanos(text: string): bigint | undefined {
  return UNIX_NANOS.test(text) ? BigInt(text) : undefined;
}

export function toTimePoint(time: RosTime | bigint): TimePoint {
  const nanos = typeof time === 'bigint' ? time : rosTimeToNanos(time);
  const { sec, nsec } = nanosToRosTime(nanos);
  return { sec, nsec, iso: formatTimestamp({ epochSeconds: sec, nanos: nsec }), unixNanos: nanos.toString() };
}

/** Seconds between two instants; exact to the nanosecond for any span shorter than about 104 days. */
export function secondsBetween(start: TimePoint, end: TimePoint): number {
  return nanosToSeconds(BigInt(end.unixNanos) - BigInt(start.unixNanos));
}

export function nanosToSeconds(nanos: bigint): number {
  const whole = nanos / NANOS_PER_SECOND;
  return Number(whole) + Number(nanos - whole * NANOS_PER_SECOND) / 1e9;
}
