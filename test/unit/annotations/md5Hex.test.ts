import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex, md5HexOfBytes, utf8Bytes } from '../../../shared/annotations/md5Hex';

describe('md5Hex', () => {
  // RFC 1321, appendix A.5.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
  ])('md5(%j) = %s', (text, digest) => {
    expect(md5Hex(text)).toBe(digest);
  });

  it('hashes the UTF-8 bytes, as Python does with str.encode("utf-8")', () => {
    for (const text of ['héllo wörld', '日本語のマスク.png', 'emoji 😀 mask', 's3://bucket/org/masks/0001.png']) {
      expect(md5Hex(text)).toBe(createHash('md5').update(text, 'utf8').digest('hex'));
      expect(Buffer.from(utf8Bytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('pads correctly at every length around the 64-byte block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = randomBytes(n);
      expect(md5HexOfBytes(bytes), `length ${n}`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});
