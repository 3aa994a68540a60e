// ROS 1 bag v2.0 records: <header_len u32><header: (<len u32><name>=<value>)*><data_len u32><data>.
// @foxglove/rosbag parses records too, but it exports only the Bag class; the completeness check
// and the chunk walk need to look at records it never exposes (the header before opening, every
// record inside a chunk), so this is the small part we parse ourselves. Every length is checked
// against the buffer so that a corrupt file ends in an error, never in a read past the end.

import { rosTimeToNanos } from '../../../../shared/time/rosTime';

export const ROS1_OP = { messageData: 2, bagHeader: 3, indexData: 4, chunk: 5, chunkInfo: 6, connection: 7 } as const;

export interface Ros1Record {
  op: number;
  fields: Map<string, Uint8Array>;
  /** Where the header starts; error messages name records by it. */
  offset: number;
  dataOffset: number;
  dataLength: number;
  /** Just past the record. */
  end: number;
}

const EQUALS = 0x3d;
const decoder = new TextDecoder();

/**
 * Parses the record at `offset`. With `headerOnly`, the data may lie beyond the buffer (the caller
 * read just the header and checks the data's extent against the file size itself).
 */
export function parseRos1Record(bytes: Uint8Array, offset: number, base = 0, headerOnly = false): Ros1Record {
  const where = base + offset;
  if (offset + 4 > bytes.byteLength) throw new Error(`record at ${where} is truncated (no header length)`);
  const headerLength = readUint32(bytes, offset);
  const headerEnd = offset + 4 + headerLength;
  if (headerEnd + 4 > bytes.byteLength) {
    throw new Error(`record at ${where} is truncated or corrupt (header length ${headerLength} overruns the data)`);
  }
  const fields = parseRos1Fields(bytes, offset + 4, headerEnd, where);
  const dataLength = readUint32(bytes, headerEnd);
  const dataOffset = headerEnd + 4;
  const end = dataOffset + dataLength;
  if (!headerOnly && end > bytes.byteLength) {
    throw new Error(`record at ${where} is truncated or corrupt (data length ${dataLength} overruns the data)`);
  }
  const op = fields.get('op');
  if (op?.byteLength !== 1) throw new Error(`record at ${where} has no valid op field`);
  return { op: op[0] ?? 0, fields, offset, dataOffset, dataLength, end };
}

/** Parses the header fields in bytes[start, end). Chunk walks call this for every record, hence no DataView. */
export function parseRos1Fields(bytes: Uint8Array, start: number, end: number, where: number): Map<string, Uint8Array> {
  const fields = new Map<string, Uint8Array>();
  let pos = start;
  while (pos < end) {
    if (pos + 4 > end) throw new Error(`record at ${where} has a truncated header field`);
    const length = readUint32(bytes, pos);
    pos += 4;
    if (length > end - pos) throw new Error(`record at ${where} has a corrupt header field length ${length}`);
    const equals = bytes.indexOf(EQUALS, pos);
    if (equals <= pos || equals >= pos + length) throw new Error(`record at ${where} has a header field without a name`);
    fields.set(asciiName(bytes, pos, equals), bytes.subarray(equals + 1, pos + length));
    pos += length;
  }
  return fields;
}

export function fieldUint32(record: Ros1Record, name: string, base = 0): number {
  return readUint32(requireField(record, name, 4, base), 0);
}

export function fieldUint64(record: Ros1Record, name: string, base = 0): number {
  const value = requireField(record, name, 8, base);
  const high = readUint32(value, 4);
  if (high > 0x1fffff) throw new Error(`record at ${base + record.offset}: ${name} is out of range`);
  return high * 2 ** 32 + readUint32(value, 0);
}

/** A `time` field (u32 sec, u32 nsec) as nanoseconds. */
export function fieldTime(record: Ros1Record, name: string, base = 0): bigint {
  const value = requireField(record, name, 8, base);
  return rosTimeToNanos({ sec: readUint32(value, 0), nsec: readUint32(value, 4) });
}

export function fieldString(record: Ros1Record, name: string): string | undefined {
  const value = record.fields.get(name);
  return value === undefined ? undefined : decoder.decode(value);
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

/** Field names are ASCII (`op`, `conn`, `time`...); TextDecoder costs microseconds per call. */
function asciiName(bytes: Uint8Array, start: number, end: number): string {
  let name = '';
  for (let i = start; i < end; i++) name += String.fromCharCode(bytes[i] ?? 0);
  return name;
}

function requireField(record: Ros1Record, name: string, size: number, base: number): Uint8Array {
  const value = record.fields.get(name);
  if (value?.byteLength !== size) {
    throw new Error(`record at ${base + record.offset} (op ${record.op}) lacks a ${size}-byte ${name} field`);
  }
  return value;
}
