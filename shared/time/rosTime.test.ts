import { describe, expect, it } from 'vitest';
import { isoToRosTime, nanosToRosTime, nanosToSeconds, parseUnixNanos, rosTimeToIso, rosTimeToNanos, secondsBetween, toTimePoint } from './rosTime';

describe('rosTime', () => {
  it('keeps every nanosecond of a 2014 ROS time that a double would round', () => {
    const time = { sec: 1396293887, nsec: 844783943 };
    expect(rosTimeToNanos(time)).toBe(1396293887844783943n);
    expect(BigInt(Number(rosTimeToNanos(time)))).not.toBe(1396293887844783943n); // why bigint: a double rounds it
    expect(nanosToRosTime(1396293887844783943n)).toEqual(time);
  });

  it('formats ISO with nine fraction digits in UTC, zero-padded', () => {
    expect(rosTimeToIso({ sec: 1396293887, nsec: 844783943 })).toBe('2014-03-31T19:24:47.844783943Z');
    expect(rosTimeToIso({ sec: 1, nsec: 5 })).toBe('1970-01-01T00:00:01.000000005Z');
    expect(rosTimeToIso({ sec: 0, nsec: 0 })).toBe('1970-01-01T00:00:00.000000000Z');
  });

  it('carries an nsec of a second or more into sec, as ROS 1 writers sometimes need', () => {
    expect(rosTimeToNanos({ sec: 1, nsec: 1_500_000_000 })).toBe(2_500_000_000n);
    expect(rosTimeToIso({ sec: 1, nsec: 1_500_000_000 })).toBe('1970-01-01T00:00:02.500000000Z');
  });

  it('rejects negative or fractional parts instead of producing a wrong time', () => {
    expect(() => rosTimeToNanos({ sec: -1, nsec: 0 })).toThrow(RangeError);
    expect(() => rosTimeToNanos({ sec: 1.5, nsec: 0 })).toThrow(RangeError);
    expect(() => nanosToRosTime(-1n)).toThrow(RangeError);
  });

  it('parses ISO back to the same sec/nsec, including offsets and short fractions', () => {
    expect(isoToRosTime('2014-03-31T19:24:47.844783943Z')).toEqual({ sec: 1396293887, nsec: 844783943 });
    expect(isoToRosTime('2014-03-31T21:24:47.5+02:00')).toEqual({ sec: 1396293887, nsec: 500000000 });
    expect(isoToRosTime('1969-12-31T23:59:59Z')).toBeUndefined();
    expect(isoToRosTime('not a time')).toBeUndefined();
  });

  it('round-trips sec/nsec -> ISO -> sec/nsec at the extremes of ROS 1 and ROS 2 time', () => {
    for (const time of [{ sec: 0, nsec: 1 }, { sec: 4294967295, nsec: 999999999 }, { sec: 1700000000, nsec: 950000000 }]) {
      expect(isoToRosTime(rosTimeToIso(time))).toEqual(time);
    }
    // rosbag2's "no start" sentinel (int64 max) is a valid instant in 2262.
    expect(toTimePoint(9223372036854775807n).iso).toBe('2262-04-11T23:47:16.854775807Z');
  });

  it('parses unix nanosecond strings strictly', () => {
    expect(parseUnixNanos('1585866235112411371')).toBe(1585866235112411371n);
    expect(parseUnixNanos('0')).toBe(0n);
    for (const bad of ['', '-1', '1.5', '1e9', ' 12', '123456789012345678901']) expect(parseUnixNanos(bad)).toBeUndefined();
  });

  it('builds a time point whose three forms agree', () => {
    const point = toTimePoint({ sec: 1585866235, nsec: 112411371 });
    expect(point).toEqual({ sec: 1585866235, nsec: 112411371, iso: '2020-04-02T22:23:55.112411371Z', unixNanos: '1585866235112411371' });
    expect(toTimePoint(1585866235112411371n)).toEqual(point);
    expect(isoToRosTime(point.iso)).toEqual({ sec: point.sec, nsec: point.nsec });
  });

  it('computes durations from exact nanoseconds', () => {
    const start = toTimePoint(1396293887844783943n);
    const end = toTimePoint(1396293909544870199n);
    expect(secondsBetween(start, end)).toBe(21.700086256);
    expect(nanosToSeconds(1998n)).toBe(0.000001998);
    expect(nanosToSeconds(0n)).toBe(0);
  });
});
