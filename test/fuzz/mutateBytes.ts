import type { SeededRandom } from './SeededRandom';

export type MutationKind = 'bitflip' | 'run' | 'truncate' | 'insert' | 'duplicate';
export const MUTATION_KINDS: readonly MutationKind[] = ['bitflip', 'run', 'truncate', 'insert', 'duplicate'];

export interface Mutant {
  bytes: Uint8Array;
  /** What was done, precise enough to redo by hand (offsets in the original file). */
  mutation: string;
}

/** Headers and indexes sit at the ends of most formats, where one wrong byte matters most. */
const EDGE_BYTES = 4096;

/**
 * One random mutation of `input`: bit flips, a run of bytes set to 0x00 or 0xFF, a truncation,
 * inserted random bytes, or a duplicated range. Half the offsets fall in the first or last 4 KiB.
 */
export function mutateBytes(input: Uint8Array, random: SeededRandom): Mutant {
  const kind = random.pick(MUTATION_KINDS);
  const size = input.length;
  if (size === 0) return { bytes: Uint8Array.of(random.below(256)), mutation: 'insert 1 byte into an empty file' };
  switch (kind) {
    case 'bitflip': {
      const bytes = input.slice();
      const flips: string[] = [];
      for (let n = random.between(1, 8); n > 0; n--) {
        const at = offset(random, size);
        const mask = 1 << random.below(8);
        bytes[at] = (bytes[at] as number) ^ mask;
        flips.push(`${at}^0x${mask.toString(16)}`);
      }
      return { bytes, mutation: `bitflip ${flips.join(',')}` };
    }
    case 'run': {
      const bytes = input.slice();
      const at = offset(random, size);
      const length = Math.min(random.between(1, 64), size - at);
      const value = random.below(2) === 0 ? 0x00 : 0xff;
      bytes.fill(value, at, at + length);
      return { bytes, mutation: `run ${length} bytes of 0x${value.toString(16).padStart(2, '0')} at ${at}` };
    }
    case 'truncate': {
      const at = offset(random, size);
      return { bytes: input.slice(0, at), mutation: `truncate at ${at} of ${size}` };
    }
    case 'insert': {
      const at = offset(random, size + 1);
      const extra = Uint8Array.from({ length: random.between(1, 64) }, () => random.below(256));
      return { bytes: concat(input.subarray(0, at), extra, input.subarray(at)), mutation: `insert ${extra.length} random bytes at ${at}` };
    }
    case 'duplicate': {
      const from = offset(random, size);
      const length = Math.min(random.between(1, 512), size - from);
      const at = offset(random, size + 1);
      return {
        bytes: concat(input.subarray(0, at), input.subarray(from, from + length), input.subarray(at)),
        mutation: `duplicate ${length} bytes from ${from} at ${at}`,
      };
    }
  }
}

function offset(random: SeededRandom, size: number): number {
  const edge = Math.min(size, EDGE_BYTES);
  switch (random.below(4)) {
    case 0: return random.below(edge);
    case 1: return size - 1 - random.below(edge);
    default: return random.below(size);
  }
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
