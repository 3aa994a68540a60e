import { open, type FileHandle } from 'node:fs/promises';
import { compressBzip2 } from './compressBzip2';
import { compressLz4Frame } from './compressLz4Frame';
import type { MessageSource, RawMessage } from './rawMessage';
import {
  BAG_MAGIC, OP_CHUNK, OP_CHUNK_INFO, OP_CONNECTION, OP_INDEX_DATA, OP_MESSAGE_DATA,
  encodeBagHeader, encodeHeader, encodeRecord, encodeRecordPrefix, text, timeBytes, u32, u64, u8,
} from './ros1BagRecords';

// A streaming ROS 1 bag v2.0 writer: messages are gathered into one chunk at a time, which is
// compressed and written with its index data records as soon as it passes the threshold, so memory
// stays at about one chunk whatever the bag size. The index section (connections, chunk infos) is
// written at the end and the bag header, padded to 4096 bytes, is rewritten in place.

export type Ros1Compression = 'none' | 'bz2' | 'lz4';

export interface Ros1Connection {
  topic: string;
  type: string;
  md5sum: string;
  /** Full concatenated definition (root text + `MSG:` sections). */
  messageDefinition: string;
  callerid?: string;
  latching?: boolean;
}

export interface WriteRos1BagOptions {
  compression?: Ros1Compression;
  /** Uncompressed chunk size that triggers a flush; rosbag's default is 768 KiB. */
  chunkThresholdBytes?: number;
}

export interface Ros1BagSummary {
  path: string;
  fileBytes: number;
  messageCount: number;
  chunkCount: number;
  connectionCount: number;
  startTimeNs?: bigint;
  endTimeNs?: bigint;
}

interface IndexEntry { timeNs: bigint; offset: number }
interface ChunkInfo { position: number; startNs: bigint; endNs: bigint; counts: Map<number, number> }

function connectionRecord(id: number, connection: Ros1Connection): Buffer {
  const fields: Array<readonly [string, Uint8Array]> = [
    ['topic', text(connection.topic)],
    ['type', text(connection.type)],
    ['md5sum', text(connection.md5sum)],
    ['message_definition', text(connection.messageDefinition)],
  ];
  if (connection.callerid !== undefined) fields.push(['callerid', text(connection.callerid)]);
  if (connection.latching !== undefined) fields.push(['latching', text(connection.latching ? '1' : '0')]);
  // The data of a connection record is itself a header: its header_len doubles as data_len.
  return Buffer.concat([
    encodeHeader([['op', u8(OP_CONNECTION)], ['conn', u32(id)], ['topic', text(connection.topic)]]),
    encodeHeader(fields),
  ]);
}

function compress(data: Buffer, compression: Exclude<Ros1Compression, 'none'>): Uint8Array {
  switch (compression) {
    case 'lz4': return compressLz4Frame(data);
    case 'bz2': return compressBzip2(data);
  }
}

class ChunkedBagFile {
  #position = 0;
  readonly chunkInfos: ChunkInfo[] = [];
  #parts: Uint8Array[] = [];
  #length = 0;
  #index = new Map<number, IndexEntry[]>();

  constructor(private readonly fh: FileHandle, private readonly compression: Ros1Compression) {}

  get position(): number { return this.#position; }
  get chunkLength(): number { return this.#length; }

  async write(data: Uint8Array): Promise<void> {
    await this.writeAll([data]);
  }

  async writeAll(parts: readonly Uint8Array[]): Promise<void> {
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    let written = 0;
    while (written < total) {
      // writev may write less than asked; resume after the bytes that made it.
      let skip = written;
      const remaining: Uint8Array[] = [];
      for (const part of parts) {
        if (skip >= part.length) { skip -= part.length; continue; }
        remaining.push(skip > 0 ? part.subarray(skip) : part);
        skip = 0;
      }
      const { bytesWritten } = await this.fh.writev(remaining, this.#position + written);
      written += bytesWritten;
    }
    this.#position += total;
  }

  appendToChunk(data: Uint8Array): void {
    this.#parts.push(data);
    this.#length += data.length;
  }

  appendMessage(connection: number, timeNs: bigint, data: Uint8Array): void {
    let entries = this.#index.get(connection);
    if (!entries) this.#index.set(connection, (entries = []));
    entries.push({ timeNs, offset: this.#length });
    this.appendToChunk(encodeRecordPrefix([['op', u8(OP_MESSAGE_DATA)], ['conn', u32(connection)], ['time', timeBytes(timeNs)]], data.length));
    this.appendToChunk(data);
  }

  async flushChunk(): Promise<void> {
    if (this.#length === 0) return;
    const parts = this.#parts;
    const rawLength = this.#length;
    this.#parts = [];
    this.#length = 0;
    const info: ChunkInfo = { position: this.#position, startNs: -1n, endNs: -1n, counts: new Map() };
    // Uncompressed chunks go out part by part: no second copy of a chunk full of camera frames.
    const payload = this.compression === 'none' ? parts : [compress(Buffer.concat(parts), this.compression)];
    const payloadLength = payload.reduce((sum, part) => sum + part.length, 0);
    await this.write(encodeRecordPrefix([['op', u8(OP_CHUNK)], ['compression', text(this.compression)], ['size', u32(rawLength)]], payloadLength));
    await this.writeAll(payload);
    for (const [connection, entries] of this.#index) {
      const data = Buffer.alloc(entries.length * 12);
      entries.forEach((entry, i) => {
        data.set(timeBytes(entry.timeNs), i * 12);
        data.writeUInt32LE(entry.offset, i * 12 + 8);
        if (info.startNs < 0n || entry.timeNs < info.startNs) info.startNs = entry.timeNs;
        if (entry.timeNs > info.endNs) info.endNs = entry.timeNs;
      });
      info.counts.set(connection, entries.length);
      await this.write(encodeRecord([['op', u8(OP_INDEX_DATA)], ['ver', u32(1)], ['conn', u32(connection)], ['count', u32(entries.length)]], data));
    }
    this.#index = new Map();
    this.chunkInfos.push(info);
  }
}

function chunkInfoRecord(info: ChunkInfo): Buffer {
  const data = Buffer.alloc(info.counts.size * 8);
  [...info.counts].forEach(([connection, count], i) => {
    data.writeUInt32LE(connection, i * 8);
    data.writeUInt32LE(count, i * 8 + 4);
  });
  return encodeRecord([
    ['op', u8(OP_CHUNK_INFO)], ['ver', u32(1)], ['chunk_pos', u64(info.position)],
    ['start_time', timeBytes(info.startNs)], ['end_time', timeBytes(info.endNs)], ['count', u32(info.counts.size)],
  ], data);
}

/** Writes a ROS 1 bag (v2.0, chunked and indexed) from a stream of serialized messages. */
export async function writeRos1Bag(
  path: string,
  input: { connections: readonly Ros1Connection[]; messages: MessageSource },
  options: WriteRos1BagOptions = {},
): Promise<Ros1BagSummary> {
  const compression = options.compression ?? 'none';
  const threshold = options.chunkThresholdBytes ?? 768 * 1024;
  const connectionByTopic = new Map<string, number>();
  input.connections.forEach((c, id) => { if (!connectionByTopic.has(c.topic)) connectionByTopic.set(c.topic, id); });
  const resolve = (message: RawMessage): number => {
    const id = message.connection ?? connectionByTopic.get(message.topic);
    if (id === undefined || input.connections[id] === undefined) throw new Error(`writeRos1Bag ${path}: no connection for topic ${message.topic}`);
    return id;
  };

  const fh = await open(path, 'w');
  try {
    const file = new ChunkedBagFile(fh, compression);
    await file.write(Buffer.from(BAG_MAGIC, 'latin1'));
    await file.write(encodeBagHeader(0, 0, 0));
    const recorded = new Set<number>();
    let messageCount = 0;
    let startTimeNs: bigint | undefined;
    let endTimeNs: bigint | undefined;
    for await (const message of input.messages) {
      const id = resolve(message);
      const connection = input.connections[id];
      // rosbag writes a connection record into the first chunk that uses the connection.
      if (connection && !recorded.has(id)) {
        recorded.add(id);
        file.appendToChunk(connectionRecord(id, connection));
      }
      file.appendMessage(id, message.logTimeNs, message.data);
      messageCount++;
      if (startTimeNs === undefined || message.logTimeNs < startTimeNs) startTimeNs = message.logTimeNs;
      if (endTimeNs === undefined || message.logTimeNs > endTimeNs) endTimeNs = message.logTimeNs;
      if (file.chunkLength >= threshold) await file.flushChunk();
    }
    await file.flushChunk();
    const indexPosition = file.position;
    for (const [id, connection] of input.connections.entries()) await file.write(connectionRecord(id, connection));
    for (const info of file.chunkInfos) await file.write(chunkInfoRecord(info));
    const fileBytes = file.position;
    await fh.write(encodeBagHeader(indexPosition, input.connections.length, file.chunkInfos.length), 0, undefined, BAG_MAGIC.length);
    return {
      path, fileBytes, messageCount, chunkCount: file.chunkInfos.length, connectionCount: input.connections.length,
      ...(startTimeNs === undefined ? {} : { startTimeNs }), ...(endTimeNs === undefined ? {} : { endTimeNs }),
    };
  } finally {
    await fh.close();
  }
}
