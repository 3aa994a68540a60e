import Bzip2 from '@foxglove/wasm-bz2';
import lz4Decompress from '@foxglove/wasm-lz4';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bzip2Available, compressBzip2 } from './compressBzip2';
import { compressLz4Frame } from './compressLz4Frame';
import { drivePixels } from './driveSamples';
import { xxh32 } from './xxh32';

const LZ4_CLI = spawnSync('lz4', ['--version'], { stdio: 'ignore' }).error === undefined;

// Inputs that hit the encoder's edge cases: empty, shorter than a match, long runs (length bytes
// of 255), incompressible data (stored blocks), and more than one 4 MiB block.
const INPUTS: Array<[string, Uint8Array]> = [
  ['empty', new Uint8Array(0)],
  ['12 bytes', Buffer.from('hello, lz4!!')],
  ['a long run', new Uint8Array(100_000).fill(7)],
  ['repeated text', Buffer.from('the quick brown fox jumps over the lazy dog. '.repeat(3000))],
  ['random bytes', randomBytes(70_000)],
  ['image pixels', drivePixels(320, 240, 'rgb8', 1, 1)],
  ['two blocks', Buffer.concat([randomBytes(3_000_000), new Uint8Array(3_000_000).fill(1), Buffer.from('tail')])],
];

beforeAll(async () => {
  await lz4Decompress.isLoaded;
});

describe('xxh32', () => {
  it('matches the reference vectors', () => {
    expect(xxh32(new Uint8Array(0))).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('abc'))).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
  });
});

describe('compressLz4Frame', () => {
  for (const [name, input] of INPUTS) {
    it(`round-trips ${name} through @foxglove/wasm-lz4${LZ4_CLI ? ' and the lz4 program' : ''}`, () => {
      const frame = compressLz4Frame(input);
      expect(Buffer.compare(lz4Decompress(frame, input.length), Buffer.from(input))).toBe(0);
      if (LZ4_CLI) {
        // lz4 -d also verifies the header and content checksums.
        const result = spawnSync('lz4', ['-d', '-c'], { input: frame, maxBuffer: 64 * 1024 * 1024 });
        expect(result.status, result.stderr.toString()).toBe(0);
        expect(Buffer.compare(result.stdout, Buffer.from(input))).toBe(0);
      }
    });
  }

  it('actually compresses redundant data', () => {
    expect(compressLz4Frame(new Uint8Array(1_000_000)).length).toBeLessThan(10_000);
  });
});

describe.skipIf(!bzip2Available())('compressBzip2 (system bzip2 program)', () => {
  it('round-trips through @foxglove/wasm-bz2', async () => {
    const bzip2 = await Bzip2.init();
    const input = Buffer.concat([randomBytes(50_000), Buffer.alloc(50_000, 3)]);
    const compressed = compressBzip2(input);
    expect(compressed.length).toBeLessThan(input.length);
    expect(Buffer.compare(Buffer.from(bzip2.decompress(compressed, input.length)), input)).toBe(0);
  });
});
