// LZF (liblzf, as PCL's binary_compressed uses it). A control byte below 32 starts a run of
// ctrl+1 literal bytes; otherwise its top 3 bits are a length (7 = "read one more length byte")
// and its low 5 bits plus the next byte are a distance back into the output. Every bound is
// checked: a corrupt file must fail with a reason, never read or write past a buffer.

/** Decodes `input` into exactly `outputLength` bytes; throws a RangeError that says where it went wrong. */
export function decompressLzf(input: Uint8Array, outputLength: number): Uint8Array {
  const out = new Uint8Array(outputLength);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrlAt = ip;
    const ctrl = input[ip++] as number;
    if (ctrl < 32) {
      const length = ctrl + 1;
      if (ip + length > input.length) {
        throw new RangeError(`LZF literal run of ${length} bytes at input offset ${ctrlAt} runs past the end of the ${input.length}-byte input`);
      }
      if (op + length > outputLength) throw overflow(ctrlAt, op + length, outputLength);
      out.set(input.subarray(ip, ip + length), op);
      ip += length;
      op += length;
      continue;
    }
    let length = ctrl >> 5;
    if (length === 7) {
      if (ip >= input.length) throw truncated(ctrlAt, input.length);
      length += input[ip++] as number;
    }
    if (ip >= input.length) throw truncated(ctrlAt, input.length);
    const ref = op - ((ctrl & 0x1f) << 8) - (input[ip++] as number) - 1;
    length += 2;
    if (ref < 0) {
      throw new RangeError(`LZF back reference at input offset ${ctrlAt} points ${op - ref} bytes back but only ${op} bytes were decoded`);
    }
    if (op + length > outputLength) throw overflow(ctrlAt, op + length, outputLength);
    // Byte by byte on purpose: a reference may overlap the bytes it is producing (run-length).
    for (let k = 0; k < length; k++) out[op++] = out[ref + k] as number;
  }
  if (op !== outputLength) {
    throw new RangeError(`LZF data decoded to ${op} bytes but ${outputLength} were expected`);
  }
  return out;
}

function truncated(at: number, inputLength: number): RangeError {
  return new RangeError(`LZF back reference at input offset ${at} is cut off by the end of the ${inputLength}-byte input`);
}

function overflow(at: number, needed: number, outputLength: number): RangeError {
  return new RangeError(`LZF data at input offset ${at} would decode to at least ${needed} bytes, more than the ${outputLength} declared`);
}
