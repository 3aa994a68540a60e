import { describe, expect, it } from 'vitest';
import { exifDateTimeToIso } from '../../shared/formats/exif/exifDateTimeToIso';
import { exifGpsTimeToIso } from '../../shared/formats/exif/exifGpsTimeToIso';

describe('exifDateTimeToIso', () => {
  it('reads a time without offset as UTC and says so', () => {
    expect(exifDateTimeToIso('2018:07:25 16:34:23')).toEqual({ iso: '2018-07-25T16:34:23.000000000Z', timeZoneAssumed: true });
  });

  it('applies a positive or negative offset and keeps sub-seconds', () => {
    expect(exifDateTimeToIso('2018:07:25 16:34:23', '935476', '+02:00')).toEqual({ iso: '2018-07-25T14:34:23.935476000Z', timeZoneAssumed: false });
    expect(exifDateTimeToIso('2019:12:31 22:30:00', '5', '-05:00')).toEqual({ iso: '2020-01-01T03:30:00.500000000Z', timeZoneAssumed: false });
  });

  it('ignores malformed offsets and sub-seconds rather than guessing', () => {
    expect(exifDateTimeToIso('2018:07:25 16:34:23', 'abc', '+2')).toEqual({ iso: '2018-07-25T16:34:23.000000000Z', timeZoneAssumed: true });
  });

  it('refuses unset clocks and impossible dates', () => {
    expect(exifDateTimeToIso('0000:00:00 00:00:00')).toBeUndefined();
    expect(exifDateTimeToIso('2019:02:29 10:00:00')).toBeUndefined();
    expect(exifDateTimeToIso('    :  :     :  :  ')).toBeUndefined();
  });
});

describe('exifGpsTimeToIso', () => {
  it('joins the UTC date and h/m/s rationals', () => {
    expect(exifGpsTimeToIso('2018:07:25', [14, 34, 23])).toBe('2018-07-25T14:34:23.000000000Z');
    expect(exifGpsTimeToIso('2021:08:24', [19, 15, 15.57])).toBe('2021-08-24T19:15:15.570000000Z');
  });

  it('refuses incomplete or malformed stamps', () => {
    expect(exifGpsTimeToIso('2018:07:25', [14, 34])).toBeUndefined();
    expect(exifGpsTimeToIso('2018-07', [14, 34, 23])).toBeUndefined();
    expect(exifGpsTimeToIso('2018:07:25', [14, -1, 23])).toBeUndefined();
  });
});
