import { describe, expect, it } from 'vitest';
import { canonicalTimestamp, secondsToIso, timestampToSeconds } from '../../shared/time/isoTimestamp';

describe('isoTimestamp', () => {
  it('orders canonical forms as time orders them', () => {
    const inputs = ['2020-01-01T00:00:01Z', '2020-01-01T00:00:00.5+00:00', '2019-12-31T23:00:00-02:00', '2020-01-01T00:00:00.000001Z'];
    const canon = inputs.map((s) => canonicalTimestamp(s)!);
    const bySeconds = [...inputs].sort((a, b) => timestampToSeconds(a)! - timestampToSeconds(b)!);
    expect([...canon].sort()).toEqual(bySeconds.map((s) => canonicalTimestamp(s)));
  });

  it('keeps nanoseconds', () => {
    expect(canonicalTimestamp('2014-04-01T01:04:47.844783943Z')).toBe('2014-04-01T01:04:47.844783943Z');
  });

  it('treats a time without an offset as UTC and a date alone as midnight', () => {
    expect(canonicalTimestamp('2026-11-27T10:00:00.123456')).toBe('2026-11-27T10:00:00.123456000Z');
    expect(canonicalTimestamp('2026-11-27')).toBe('2026-11-27T00:00:00.000000000Z');
  });

  it('refuses what is not a timestamp', () => {
    for (const s of ['hello', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T25:00:00Z', '12345']) {
      expect(canonicalTimestamp(s)).toBeUndefined();
    }
  });

  it('writes the form the Python client writes', () => {
    expect(secondsToIso(1396293887.844784)).toBe('2014-03-31T19:24:47.844784+00:00');
    expect(timestampToSeconds(secondsToIso(1.5))).toBe(1.5);
  });
});
