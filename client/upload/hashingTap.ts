import { createHash } from 'node:crypto';
import { IntegrityError } from '../errors/IntegrityError';

export interface HashingTap {
  /** Passes the bytes of `source` through, hashing them; errors of the source pass through too. */
  pass(source: AsyncIterable<unknown>): AsyncGenerator<Buffer>;
  /** The sha256 (hex) of the bytes that passed; valid once they all have. */
  digest(): string;
}

/**
 * Hashes bytes on their way to the network, and fails when their count differs from
 * `expectedBytes` (when given): a file that changes while it is sent must not be stored as if whole.
 */
export function hashingTap(expectedBytes: number | undefined, what: string): HashingTap {
  const hash = createHash('sha256');
  let digest: string | undefined;
  return {
    async *pass(source) {
      let seen = 0;
      for await (const chunk of source) {
        const bytes = chunk as Buffer;
        seen += bytes.length;
        if (expectedBytes !== undefined && seen > expectedBytes) {
          throw new IntegrityError(`${what} grew while it was read (more than ${expectedBytes} bytes)`);
        }
        hash.update(bytes);
        yield bytes;
      }
      if (expectedBytes !== undefined && seen !== expectedBytes) {
        throw new IntegrityError(`${what} changed while it was read: ${seen} bytes instead of ${expectedBytes}`);
      }
      digest = hash.digest('hex');
    },
    digest: () => {
      if (digest === undefined) throw new Error(`${what} was not read to its end`);
      return digest;
    },
  };
}
