import { open } from 'node:fs/promises';

// A minimal ROS 1 bag v2.0 writer for tests: uncompressed chunks, the record layout rosbag's own
// writer produces (connection records inside each chunk before their first message, index data
// after each chunk, connections and chunk infos at index_pos). It streams to disk, so tests can
// write bags far larger than they could hold in memory.

export interface Ros1TestConnection {
  conn: number;
  topic: string;
  type: string;
  md5: string;
  definition: string;
}

export interface Ros1TestMessage {
  conn: number;
  sec: number;
  nsec: number;
  data: Uint8Array;
}

export interface WriteRos1BagOptions {
  /** Flush a chunk once its data reaches this many bytes (rosbag's default is 768 KiB). */
  chunkBytes?: number;
  /** false: stop before the index, with index_pos 0, like a recorder that has not closed the bag. */
  finish?: boolean;
}

interface ChunkInfo {
  position: number;
  start: bigint;
  end: bigint;
  counts: Map<number, number>;
}

const HEADER_RECORD_BYTES = 4096;
const encoder = new TextEncoder();

export async function writeRos1Bag(path: string, connections: Ros1TestConnection[], messages: Iterable<Ros1TestMessage>, options: WriteRos1BagOptions = {}): Promise<{ chunkCount: number }> {
  const chunkBytes = options.chunkBytes ?? 768 * 1024;
  const byConn = new Map(connections.map((connection) => [connection.conn, connection]));
  const handle = await open(path, 'w');
  let position = 0;
  const write = async (parts: Uint8Array[]): Promise<void> => {
    for (const part of parts) {
      await handle.write(part, 0, part.byteLength, position);
      position += part.byteLength;
    }
  };
  const chunks: ChunkInfo[] = [];
  let parts: Uint8Array[] = [];
  let size = 0;
  let index = new Map<number, { time: bigint; offset: number }[]>();
  const flush = async (): Promise<void> => {
    if (size === 0) return;
    const times = [...index.values()].flat().map((entry) => entry.time);
    const info: ChunkInfo = { position, start: min(times), end: max(times), counts: new Map([...index].map(([conn, entries]) => [conn, entries.length])) };
    await write(record([['op', u8(5)], ['compression', text('none')], ['size', u32(size)]], concat(parts)));
    for (const [conn, entries] of index) {
      const data = concat(entries.map((entry) => concat([time(entry.time), u32(entry.offset)])));
      await write(record([['op', u8(4)], ['ver', u32(1)], ['conn', u32(conn)], ['count', u32(entries.length)]], data));
    }
    chunks.push(info);
    parts = [];
    size = 0;
    index = new Map();
  };
  try {
    await write([encoder.encode('#ROSBAG V2.0\n'), headerRecord(0, 0, 0)]);
    for (const message of messages) {
      const connection = byConn.get(message.conn);
      if (!connection) throw new Error(`test bag: unknown connection ${message.conn}`);
      if (!index.has(message.conn)) {
        const bytes = concat(connectionRecord(connection));
        parts.push(bytes);
        size += bytes.byteLength;
        index.set(message.conn, []);
      }
      const stamp = BigInt(message.sec) * 1_000_000_000n + BigInt(message.nsec);
      index.get(message.conn)?.push({ time: stamp, offset: size });
      const bytes = concat(record([['op', u8(2)], ['conn', u32(message.conn)], ['time', time(stamp)]], message.data));
      parts.push(bytes);
      size += bytes.byteLength;
      if (size >= chunkBytes) await flush();
    }
    await flush();
    if (options.finish === false) return { chunkCount: chunks.length };
    const indexPos = position;
    for (const connection of connections) await write(connectionRecord(connection));
    for (const chunk of chunks) {
      const data = concat([...chunk.counts].map(([conn, count]) => concat([u32(conn), u32(count)])));
      const fields: [string, Uint8Array][] = [['op', u8(6)], ['ver', u32(1)], ['chunk_pos', u64(chunk.position)], ['start_time', time(chunk.start)], ['end_time', time(chunk.end)], ['count', u32(chunk.counts.size)]];
      await write(record(fields, data));
    }
    const header = headerRecord(indexPos, connections.length, chunks.length);
    await handle.write(header, 0, header.byteLength, 13);
    return { chunkCount: chunks.length };
  } finally {
    await handle.close();
  }
}

function headerRecord(indexPos: number, connCount: number, chunkCount: number): Uint8Array {
  const fields = concat([field('op', u8(3)), field('index_pos', u64(indexPos)), field('conn_count', u32(connCount)), field('chunk_count', u32(chunkCount))]);
  const padding = new Uint8Array(HEADER_RECORD_BYTES - 8 - fields.byteLength).fill(0x20);
  return concat([u32(fields.byteLength), fields, u32(padding.byteLength), padding]);
}

function connectionRecord(connection: Ros1TestConnection): Uint8Array[] {
  const data = concat([field('topic', text(connection.topic)), field('type', text(connection.type)), field('md5sum', text(connection.md5)), field('message_definition', text(connection.definition))]);
  return record([['op', u8(7)], ['conn', u32(connection.conn)], ['topic', text(connection.topic)]], data);
}

function record(fields: [string, Uint8Array][], data: Uint8Array): Uint8Array[] {
  const header = concat(fields.map(([name, value]) => field(name, value)));
  return [u32(header.byteLength), header, u32(data.byteLength), data];
}

function field(name: string, value: Uint8Array): Uint8Array {
  const body = concat([encoder.encode(`${name}=`), value]);
  return concat([u32(body.byteLength), body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

const text = (value: string): Uint8Array => encoder.encode(value);
const u8 = (value: number): Uint8Array => Uint8Array.of(value);
function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}
function u64(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(value), true);
  return bytes;
}
function time(nanos: bigint): Uint8Array {
  return concat([u32(Number(nanos / 1_000_000_000n)), u32(Number(nanos % 1_000_000_000n))]);
}
const min = (values: bigint[]): bigint => values.reduce((a, b) => (b < a ? b : a));
const max = (values: bigint[]): bigint => values.reduce((a, b) => (b > a ? b : a));
