// Encoders for the records of the ROS 1 bag format v2.0
// (http://wiki.ros.org/Bags/Format/2.0): a record is header_len, header fields (field_len,
// "name=" + value), data_len, data. Integers are little-endian; times are sec, nsec as two uint32.

export const BAG_MAGIC = '#ROSBAG V2.0\n';
export const BAG_HEADER_RECORD_LENGTH = 4096;

export const OP_MESSAGE_DATA = 0x02;
export const OP_BAG_HEADER = 0x03;
export const OP_INDEX_DATA = 0x04;
export const OP_CHUNK = 0x05;
export const OP_CHUNK_INFO = 0x06;
export const OP_CONNECTION = 0x07;

const NS_PER_SEC = 1_000_000_000n;

export const u8 = (value: number): Uint8Array => Uint8Array.of(value);

export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

export function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}

/** A ROS time (sec, nsec) from nanoseconds since the epoch. */
export function timeBytes(ns: bigint): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, Number(ns / NS_PER_SEC), true);
  view.setUint32(4, Number(ns % NS_PER_SEC), true);
  return out;
}

export const text = (value: string): Uint8Array => Buffer.from(value, 'utf8');

export type HeaderFields = ReadonlyArray<readonly [string, Uint8Array]>;

/** The header part of a record, with its header_len prefix. */
export function encodeHeader(fields: HeaderFields): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    const nameBytes = Buffer.from(`${name}=`, 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(nameBytes.length + value.length, 0);
    parts.push(length, nameBytes, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  const body = Buffer.concat(parts);
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(body.length, 0);
  return Buffer.concat([prefix, body]);
}

/** Record prefix (header + data_len), to be followed by `dataLength` bytes of data. */
export function encodeRecordPrefix(fields: HeaderFields, dataLength: number): Buffer {
  const dataLen = Buffer.alloc(4);
  dataLen.writeUInt32LE(dataLength, 0);
  return Buffer.concat([encodeHeader(fields), dataLen]);
}

/** A whole record. */
export function encodeRecord(fields: HeaderFields, data: Uint8Array): Buffer {
  return Buffer.concat([encodeRecordPrefix(fields, data.length), data]);
}

/** The bag header record, padded with spaces to 4096 bytes so that it can be rewritten in place. */
export function encodeBagHeader(indexPosition: number, connectionCount: number, chunkCount: number): Buffer {
  const header = encodeHeader([
    ['op', u8(OP_BAG_HEADER)],
    ['index_pos', u64(indexPosition)],
    ['conn_count', u32(connectionCount)],
    ['chunk_count', u32(chunkCount)],
  ]);
  const paddingLength = BAG_HEADER_RECORD_LENGTH - header.length - 4;
  const dataLen = Buffer.alloc(4);
  dataLen.writeUInt32LE(paddingLength, 0);
  return Buffer.concat([header, dataLen, Buffer.alloc(paddingLength, 0x20)]);
}
