import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from '../../../main/media/parseRangeHeader';

describe('parseRangeHeader', () => {
  it('reads closed, open and suffix ranges against the file size', () => {
    expect(parseRangeHeader('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRangeHeader('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRangeHeader('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRangeHeader('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    // An end past the file is clipped, as RFC 9110 says.
    expect(parseRangeHeader('bytes=50-1000', 100)).toEqual({ start: 50, end: 99 });
  });

  it('answers unsatisfiable for ranges outside the file', () => {
    expect(parseRangeHeader('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores absent, malformed and multi-range headers (the whole file is served)', () => {
    expect(parseRangeHeader(undefined, 100)).toBeUndefined();
    expect(parseRangeHeader('items=1-2', 100)).toBeUndefined();
    expect(parseRangeHeader('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRangeHeader('bytes=-', 100)).toBeUndefined();
  });
});
