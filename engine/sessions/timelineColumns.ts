import { endianness } from 'node:os';
import { z } from 'zod';
import { valueKey, type Column } from './resolveField';

// The stored form of a resolved field (see migration 0002). Numbers and geo fixes change at
// almost every index once interpolated, so they are packed float64 (8 or 16 bytes an index,
// explicitly little-endian so that a data directory moves between machines); every other field
// is mostly long runs of one state, so it is run-length JSON.

export type Encoding = 'f64' | 'geo' | 'runs';

export interface EncodedColumn {
  encoding: Encoding;
  data: Buffer | string;
}

/** On little-endian hosts (all the usual ones) a Float64Array's bytes are already the stored form. */
const LITTLE_ENDIAN = endianness() === 'LE';
const runsSchema = z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive(), z.unknown()]));

export function encodeColumn(column: Column): EncodedColumn {
  switch (column.kind) {
    case 'f64':
    case 'geo': {
      if (LITTLE_ENDIAN) return { encoding: column.kind, data: Buffer.from(column.values.buffer, column.values.byteOffset, column.values.byteLength) };
      const buf = Buffer.allocUnsafe(column.values.length * 8);
      for (let i = 0; i < column.values.length; i++) buf.writeDoubleLE(column.values[i] ?? Number.NaN, i * 8);
      return { encoding: column.kind, data: buf };
    }
    case 'json':
      return { encoding: 'runs', data: JSON.stringify(toRuns(column.values)) };
  }
}

/** The values of a stored column, one per index of the timeline (`null` where the field has none). */
export function decodeColumn(encoding: string, data: Buffer | string, length: number): unknown[] {
  const out = new Array<unknown>(length).fill(null);
  if (encoding === 'runs') {
    const runs = runsSchema.parse(JSON.parse(typeof data === 'string' ? data : data.toString('utf8')));
    for (const [offset, count, value] of runs) {
      for (let i = offset; i < Math.min(length, offset + count); i++) out[i] = value;
    }
    return out;
  }
  if (typeof data === 'string') throw new Error(`a ${encoding} column is stored as bytes`);
  const width = encoding === 'geo' ? 2 : 1;
  if (data.length !== length * width * 8) throw new Error(`a ${encoding} column of ${length} indices has ${data.length} bytes`);
  for (let i = 0; i < length; i++) {
    const a = data.readDoubleLE(i * width * 8);
    if (Number.isNaN(a)) continue;
    out[i] = width === 1 ? a : [a, data.readDoubleLE(i * 16 + 8)];
  }
  return out;
}

function toRuns(values: readonly unknown[]): [number, number, unknown][] {
  const runs: [number, number, unknown][] = [];
  let current: [number, number, unknown] | undefined;
  // Objects are compared by content, each one serialized once: a changing list field has a run
  // boundary at almost every index.
  const keys = new Map<object, string>();
  const keyOf = (o: object) => {
    let k = keys.get(o);
    if (k === undefined) keys.set(o, (k = valueKey(o)));
    return k;
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === undefined) {
      current = undefined;
      continue;
    }
    const prev = current?.[2];
    if (current && (prev === v || (isObject(prev) && isObject(v) && keyOf(prev) === keyOf(v)))) {
      current[1] += 1;
      continue;
    }
    current = [i, 1, v];
    runs.push(current);
  }
  return runs;
}

function isObject(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}
