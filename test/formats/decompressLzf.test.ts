import { describe, expect, it } from 'vitest';
import { decompressLzf } from '../../shared/formats/pcd/decompressLzf';
import { compressLzf, literalOnlyLzf } from '../helpers/compressLzf';

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('decompressLzf', () => {
  it('round-trips data with short and long back references', () => {
    // Repetitive float columns (as in a point cloud) plus noise, so both match lengths occur.
    const floats = new Float32Array(5000).map((_, i) => Math.floor(i / 40) * 0.5);
    const input = new Uint8Array([...new Uint8Array(floats.buffer), ...pseudoRandomBytes(3000, 7), ...new Uint8Array(1000)]);
    const compressed = compressLzf(input);
    expect(compressed.length).toBeLessThan(input.length / 2);
    expect(decompressLzf(compressed, input.length)).toEqual(input);
  });

  it('decodes literal-only streams', () => {
    const input = pseudoRandomBytes(1000, 3);
    expect(decompressLzf(literalOnlyLzf(input), input.length)).toEqual(input);
  });

  it('expands an overlapping back reference (run-length)', () => {
    // 'a' literal, then a reference 1 byte back of length 9: ten 'a's.
    const encoded = Uint8Array.from([0, 0x61, (7 << 5) | 0, 0, 0]);
    expect(Buffer.from(decompressLzf(encoded, 10)).toString('latin1')).toBe('aaaaaaaaaa');
  });

  it('decodes empty input to empty output', () => {
    expect(decompressLzf(new Uint8Array(0), 0)).toEqual(new Uint8Array(0));
  });

  it('rejects a literal run that passes the end of the input', () => {
    expect(() => decompressLzf(Uint8Array.from([5, 1, 2]), 6)).toThrow(/literal run of 6 bytes at input offset 0 runs past the end/);
  });

  it('rejects a back reference before the start of the output', () => {
    expect(() => decompressLzf(Uint8Array.from([0, 1, 1 << 5, 4]), 10)).toThrow(/points 5 bytes back but only 1 bytes were decoded/);
  });

  it('rejects a back reference cut off by the end of the input', () => {
    expect(() => decompressLzf(Uint8Array.from([0, 1, 1 << 5]), 10)).toThrow(/cut off by the end/);
  });

  it('rejects output longer than declared', () => {
    const input = pseudoRandomBytes(100, 1);
    expect(() => decompressLzf(literalOnlyLzf(input), 50)).toThrow(/more than the 50 declared/);
  });

  it('rejects output shorter than declared', () => {
    const input = pseudoRandomBytes(100, 1);
    expect(() => decompressLzf(literalOnlyLzf(input), 120)).toThrow(/decoded to 100 bytes but 120 were expected/);
  });
});
