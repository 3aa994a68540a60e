/** Fields of a message that are not measurements: the header's sequence number, stamp and frame. */
const SKIPPED = new Set(['header']);
const MAX_DEPTH = 6;

export interface NumericFields {
  values: [path: string, value: number][];
  /** Numeric fields beyond `limit` that were left out. */
  dropped: number;
}

/**
 * The numeric leaves of a decoded message as `a_b_c` paths (nested messages joined by `_`), in
 * field order: numbers and 64-bit integers, not arrays, booleans or strings. Non-finite values
 * are left out (a scalar entity holds a finite number).
 */
export function numericFields(message: unknown, limit: number): NumericFields {
  const out: NumericFields = { values: [], dropped: 0 };
  walk(message, '', 0, out, limit);
  return out;
}

function walk(node: unknown, path: string, depth: number, out: NumericFields, limit: number): void {
  if (typeof node === 'number' || typeof node === 'bigint') {
    const value = Number(node);
    if (!Number.isFinite(value) || path === '') return;
    if (out.values.length < limit) out.values.push([path, value]);
    else out.dropped += 1;
    return;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node) || ArrayBuffer.isView(node) || depth >= MAX_DEPTH) return;
  for (const [key, value] of Object.entries(node)) {
    if (depth === 0 && SKIPPED.has(key)) continue;
    walk(value, path === '' ? key : `${path}_${key}`, depth + 1, out, limit);
  }
}
