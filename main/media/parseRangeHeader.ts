/** An inclusive byte range of a file, as HTTP `Range: bytes=a-b` means it. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a single-range `Range` header against a file of `size` bytes. Undefined: no (or an
 * ignorable) header, serve the whole file; 'unsatisfiable': answer 416. Multi-range requests are
 * answered with the whole file, which RFC 9110 allows and media elements never send.
 */
export function parseRangeHeader(header: string | undefined | null, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    // A suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
