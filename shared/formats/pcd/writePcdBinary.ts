import type { PointField } from '../pointcloud/PointTable';

/** A field of the source records: where its first component sits within a point's record. */
export interface PcdSourceField extends PointField {
  offset: number;
}

export interface PcdBinaryInput {
  fields: readonly PcdSourceField[];
  width: number;
  height: number;
  /** Bytes from one point's record to the next within a row. */
  pointStep: number;
  /** Bytes from one row to the next (at least width × pointStep; more when rows are padded). */
  rowStep: number;
  data: Uint8Array;
  /** Source components stored big-endian; PCD is little-endian, so they are swapped. */
  bigEndian?: boolean;
  /** tx ty tz qw qx qy qz; identity when absent. */
  viewpoint?: readonly number[];
  /** Drop the padding between and after fields even when the records could be written as they are. */
  pack?: boolean;
}

const IDENTITY_VIEWPOINT = [0, 0, 0, 1, 0, 0, 0];

/**
 * A binary PCD file (PCL's format, VERSION 0.7, DATA binary) holding every field of the source
 * records, in offset order, with the width × height grid kept (an organized cloud keeps its NaN
 * holes). Returned as [header, body]. Little-endian records in unpadded rows are written as they
 * are: the body is a view of `data` (no copy) and the padding between and after fields is
 * declared as `_` fields, as PCL itself writes a PointCloud2 with padding. Otherwise (big-endian
 * components, padded rows, or `pack`) the points are repacked without padding, swapping byte order
 * where needed.
 */
export function writePcdBinary(input: PcdBinaryInput): [Uint8Array, Uint8Array] {
  const fields = checkFields(input);
  const points = input.width * input.height;
  const packedSize = fields.reduce((sum, f) => sum + f.size * f.count, 0);
  const needed = input.height === 0 || input.width === 0 ? 0 : (input.height - 1) * input.rowStep + input.width * input.pointStep;
  if (input.data.byteLength < needed) {
    throw new RangeError(`${input.width}x${input.height} points of ${input.pointStep} bytes (row step ${input.rowStep}) need ${needed} bytes of data, not ${input.data.byteLength}`);
  }
  const swap = input.bigEndian === true && fields.some((f) => f.size > 1);
  const rowsJoined = input.rowStep === input.width * input.pointStep || input.height <= 1;
  if (!swap && rowsJoined && input.pack !== true) {
    return [headerBytes(withPadding(fields, input.pointStep), input, points), input.data.subarray(0, points * input.pointStep)];
  }
  return [headerBytes(fields, input, points), repack(input, fields, packedSize, swap)];
}

/** The fields with `_` fields (unsigned bytes) over every gap, so that they cover the whole record. */
function withPadding(fields: readonly PcdSourceField[], pointStep: number): PcdSourceField[] {
  const out: PcdSourceField[] = [];
  let end = 0;
  for (const f of [...fields, undefined]) {
    const next = f ? f.offset : pointStep;
    if (next > end) out.push({ name: '_', offset: end, size: 1, type: 'U', count: next - end });
    if (!f) break;
    out.push(f);
    end = offsetAfter(f);
  }
  return out;
}

function offsetAfter(field: PcdSourceField | undefined): number {
  return field ? field.offset + field.size * field.count : 0;
}

function checkFields(input: PcdBinaryInput): PcdSourceField[] {
  if (!Number.isInteger(input.width) || !Number.isInteger(input.height) || input.width < 0 || input.height < 0) {
    throw new RangeError(`width ${input.width} and height ${input.height} must be non-negative integers`);
  }
  if (input.fields.length === 0) throw new RangeError('a point cloud needs at least one field');
  if (input.rowStep < input.width * input.pointStep && input.height > 1) {
    throw new RangeError(`row step ${input.rowStep} is shorter than ${input.width} points of ${input.pointStep} bytes`);
  }
  const fields = [...input.fields].sort((a, b) => a.offset - b.offset);
  const names = new Set<string>();
  let end = 0;
  for (const f of fields) {
    if (!/^[A-Za-z0-9_.:-]+$/.test(f.name)) throw new RangeError(`field name ${JSON.stringify(f.name)} cannot be written in a PCD header`);
    if (names.has(f.name)) throw new RangeError(`field ${f.name} appears twice`);
    names.add(f.name);
    if (f.offset < end) throw new RangeError(`field ${f.name} at offset ${f.offset} overlaps the field before it (which ends at ${end})`);
    end = offsetAfter(f);
    if (end > input.pointStep) throw new RangeError(`field ${f.name} ends at byte ${end}, past the point step ${input.pointStep}`);
  }
  return fields;
}

function headerBytes(fields: readonly PcdSourceField[], input: PcdBinaryInput, points: number): Uint8Array {
  const viewpoint = input.viewpoint ?? IDENTITY_VIEWPOINT;
  if (viewpoint.length !== 7 || !viewpoint.every(Number.isFinite)) throw new RangeError('the viewpoint must be 7 finite numbers (tx ty tz qw qx qy qz)');
  const text = [
    '# .PCD v0.7 - Point Cloud Data file format',
    'VERSION 0.7',
    `FIELDS ${fields.map((f) => f.name).join(' ')}`,
    `SIZE ${fields.map((f) => f.size).join(' ')}`,
    `TYPE ${fields.map((f) => f.type).join(' ')}`,
    `COUNT ${fields.map((f) => f.count).join(' ')}`,
    `WIDTH ${input.width}`,
    `HEIGHT ${input.height}`,
    `VIEWPOINT ${viewpoint.join(' ')}`,
    `POINTS ${points}`,
    'DATA binary',
    '',
  ].join('\n');
  // The header is ASCII (checked names, numbers); shared/ has no TextEncoder.
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * Copies runs of adjacent fields point by point; swapped fields go component by component.
 * Unswapped runs are copied in the widest word (4, 2 or 1 bytes) that every offset, length and
 * step allows: a 131k-point sweep is then a few hundred thousand word copies, not millions of
 * byte copies.
 */
function repack(input: PcdBinaryInput, fields: readonly PcdSourceField[], packedSize: number, swap: boolean): Uint8Array {
  const runs: { offset: number; length: number; size: number; at: number }[] = [];
  let at = 0;
  for (const f of fields) {
    const last = runs[runs.length - 1];
    const length = f.size * f.count;
    if (!swap && last && last.offset + last.length === f.offset) last.length += length;
    else runs.push({ offset: f.offset, length, size: swap ? f.size : 1, at });
    at += length;
  }
  const { width, height, pointStep, rowStep, data } = input;
  const out = new Uint8Array(width * height * packedSize);
  if (!swap) {
    const word = wordSize([pointStep, rowStep, packedSize, ...runs.flatMap((r) => [r.offset, r.length, r.at])]);
    // A view into a decompressed chunk may start at any byte; one copy to an aligned buffer is far
    // cheaper than copying the points byte by byte.
    const aligned = data.byteOffset % word === 0 ? data : data.slice();
    copyWords(word, aligned, out, runs, { width, height, pointStep, rowStep, packedSize });
    return out;
  }
  let o = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0, base = row * rowStep; col < width; col++, base += pointStep) {
      for (const run of runs) {
        const start = base + run.offset;
        for (let c = 0; c < run.length; c += run.size) {
          for (let i = run.size - 1; i >= 0; i--) out[o++] = data[start + c + i] ?? 0;
        }
      }
    }
  }
  return out;
}

function wordSize(values: readonly number[]): 1 | 2 | 4 {
  if (values.every((v) => v % 4 === 0)) return 4;
  if (values.every((v) => v % 2 === 0)) return 2;
  return 1;
}

interface Grid {
  width: number;
  height: number;
  pointStep: number;
  rowStep: number;
  packedSize: number;
}

function wordsOf(word: 1 | 2 | 4, bytes: Uint8Array, count: number): Uint8Array | Uint16Array | Uint32Array {
  switch (word) {
    case 4: return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
    case 2: return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    case 1: return bytes.subarray(0, count);
  }
}

function copyWords(word: 1 | 2 | 4, data: Uint8Array, out: Uint8Array, runs: readonly { offset: number; length: number; at: number }[], grid: Grid): void {
  // Views of whole words only: the data may end inside the last point's padding.
  const src = wordsOf(word, data, Math.floor(data.byteLength / word));
  const dst = wordsOf(word, out, out.byteLength / word);
  const step = grid.pointStep / word;
  const packed = grid.packedSize / word;
  const rowStep = grid.rowStep / word;
  // Word by word down the points (one strided loop each), which the JIT turns into a tight loop.
  for (const run of runs) {
    for (let w = 0; w < run.length / word; w++) {
      let o = run.at / word + w;
      for (let row = 0; row < grid.height; row++) {
        let from = row * rowStep + run.offset / word + w;
        for (let col = 0; col < grid.width; col++, from += step, o += packed) dst[o] = src[from] ?? 0;
      }
    }
  }
}
