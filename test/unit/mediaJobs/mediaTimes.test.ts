import { describe, expect, it } from 'vitest';
import { offsetSeconds, rateText, videoStartMicros, videoWindow } from '../../../engine/mediaJobs/mediaTimes';

const START_US = Date.UTC(2026, 2, 1, 10) * 1000;

describe('media times', () => {
  it('reads a video\'s start from start_time, else timestamp', () => {
    expect(videoStartMicros({ start_time: '2026-03-01T10:00:00+00:00', timestamp: '2020-01-01T00:00:00' })).toBe(START_US);
    expect(videoStartMicros({ start_time: null, timestamp: '2026-03-01T10:00:00.5Z' })).toBe(START_US + 500_000);
    expect(videoStartMicros({})).toBeUndefined();
  });

  it('takes seconds, numeric text, or ISO times relative to the video start', () => {
    expect(offsetSeconds(2.5, undefined, 't')).toBe(2.5);
    expect(offsetSeconds(' 4 ', undefined, 't')).toBe(4);
    expect(offsetSeconds('2026-03-01T10:00:07.250+00:00', START_US, 't')).toBe(7.25);
    expect(() => offsetSeconds('soon', START_US, 'extract_start_time')).toThrow('extract_start_time "soon" is neither seconds nor an ISO-8601 time');
    expect(() => offsetSeconds('2026-03-01T10:00:07Z', undefined, 't')).toThrow(/no start_time or timestamp/);
  });

  it('clips the window to the video and refuses an empty one', () => {
    expect(videoWindow(null, null, 9.64, START_US)).toEqual({ start: 0, end: 9.64 });
    expect(videoWindow(-3 as number, 100, 9.64, START_US)).toEqual({ start: 0, end: 9.64 });
    expect(() => videoWindow(5, 5, 9.64, START_US)).toThrow('nothing to extract between 5.000 s and 5.000 s of a 9.640 s video');
    expect(() => videoWindow(0, 1, undefined, START_US)).toThrow(/no known duration/);
  });

  it('writes rates as exact fractions', () => {
    expect(rateText(1 / 3)).toBe('1/3');
    expect(rateText(25)).toBe('25/1');
    expect(rateText(29.97)).toBe('2997/100');
    expect(rateText(30000 / 1001)).toBe('30000/1001');
    expect(rateText(10 / 3)).toBe('10/3');
  });
});
