import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IntegrityError } from '../errors/IntegrityError';
import { hashingTap } from './hashingTap';

async function drain(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(c);
  return Buffer.concat(chunks);
}

describe('hashingTap', () => {
  it('passes bytes through and hashes them', async () => {
    const tap = hashingTap(6, 'x');
    expect((await drain(tap.pass(Readable.from([Buffer.from('abc'), Buffer.from('def')])))).toString()).toBe('abcdef');
    expect(tap.digest()).toBe(createHash('sha256').update('abcdef').digest('hex'));
  });

  it('fails when fewer or more bytes come than expected, and has no digest then', async () => {
    const short = hashingTap(7, 'file.bin');
    await expect(drain(short.pass(Readable.from([Buffer.from('abcdef')])))).rejects.toThrow(new IntegrityError('file.bin changed while it was read: 6 bytes instead of 7'));
    expect(() => short.digest()).toThrow(/not read to its end/);
    await expect(drain(hashingTap(2, 'f').pass(Readable.from([Buffer.from('abc')])))).rejects.toBeInstanceOf(IntegrityError);
  });
});
