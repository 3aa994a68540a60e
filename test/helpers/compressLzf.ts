// A small LZF compressor, so that tests can write binary_compressed PCD files the way PCL does and
// feed our decoder back references (short and long) as well as literal runs.

const MAX_OFFSET = 8192;
const MAX_MATCH = 264; // 2 + 7 + 255
const MAX_LITERAL_RUN = 32;

export function compressLzf(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  const lastSeen = new Map<number, number>();
  let literals: number[] = [];
  const flush = (): void => {
    for (let at = 0; at < literals.length; at += MAX_LITERAL_RUN) {
      const run = literals.slice(at, at + MAX_LITERAL_RUN);
      out.push(run.length - 1, ...run);
    }
    literals = [];
  };
  let i = 0;
  while (i < input.length) {
    if (i + 2 < input.length) {
      const key = ((input[i] as number) << 16) | ((input[i + 1] as number) << 8) | (input[i + 2] as number);
      const candidate = lastSeen.get(key);
      lastSeen.set(key, i);
      if (candidate !== undefined && i - candidate - 1 < MAX_OFFSET) {
        let length = 0;
        const max = Math.min(MAX_MATCH, input.length - i);
        while (length < max && input[candidate + length] === input[i + length]) length++;
        if (length >= 3) {
          flush();
          const offset = i - candidate - 1;
          const code = length - 2;
          if (code < 7) out.push((code << 5) | (offset >> 8), offset & 0xff);
          else out.push((7 << 5) | (offset >> 8), code - 7, offset & 0xff);
          i += length;
          continue;
        }
      }
    }
    literals.push(input[i] as number);
    i++;
  }
  flush();
  return Uint8Array.from(out);
}

/** Literal runs only: valid LZF that any decoder must accept, with no back reference at all. */
export function literalOnlyLzf(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let at = 0; at < input.length; at += MAX_LITERAL_RUN) {
    const run = Array.from(input.subarray(at, at + MAX_LITERAL_RUN));
    out.push(run.length - 1, ...run);
  }
  return Uint8Array.from(out);
}
