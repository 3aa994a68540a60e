import { describe, expect, it } from 'vitest';
import { formatBytes, formatRate } from '../../shared/format/formatBytes';
import { formatCount } from '../../shared/format/formatCount';
import { formatDuration } from '../../shared/format/formatDuration';
import { formatTime } from '../../shared/format/formatTime';

describe('renderer formatting', () => {
  it('formats bytes in binary units with three significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(16 * 1024 * 1024)).toBe('16.0 MiB');
    expect(formatBytes(250 * 1024 ** 3)).toBe('250 GiB');
    expect(formatBytes(-1)).toBe('–');
    expect(formatRate(0)).toBe('–');
    expect(formatRate(2 * 1024 * 1024)).toBe('2.00 MiB/s');
  });

  it('formats durations from milliseconds to days', () => {
    expect(formatDuration(0.25)).toBe('250 ms');
    expect(formatDuration(9.64)).toBe('9.64 s');
    expect(formatDuration(21.7)).toBe('21.7 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(2 * 3600 + 7 * 60)).toBe('2 h 07 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
  });

  it('formats instants with their offset and counts with separators', () => {
    expect(formatTime('2018-07-25T14:34:23.000000000Z', 'Europe/Prague')).toBe('25/07/2018, 16:34:23.000 GMT+2');
    expect(formatTime('not a time')).toBe('not a time');
    expect(formatTime(null)).toBe('–');
    expect(formatCount(100_000)).toBe('100,000');
  });
});
