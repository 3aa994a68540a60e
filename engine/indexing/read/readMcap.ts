import { crc32 } from 'node:zlib';
import { MCAP_MAGIC, type DecompressHandlers } from '@mcap/core';
import { inspectMcapLayout } from '../../../shared/formats/bags/inspectMcapLayout';
import { McapRecordReader } from './McapRecordReader';
import { PieceQueue } from './PieceQueue';
import { ros1TypeName, type MessageEncoding, type RecordingMessage, type RecordingTopic } from './RecordingTopic';
import type { StoredObjectSource } from './StoredObjectSource';

const OP = { header: 0x01, footer: 0x02, schema: 0x03, channel: 0x04, message: 0x05, chunk: 0x06 } as const;
/** Records a chunk may hold (MCAP spec); any other inside a chunk means it is corrupt. */
const IN_CHUNK: ReadonlySet<number> = new Set([OP.schema, OP.channel, OP.message]);
const RECORD_HEADER = 9;
const MAGIC = MCAP_MAGIC.length;
/** A record longer than this is a corrupt length field (real chunks are kilobytes to hundreds of megabytes). */
const MAX_RECORD_BYTES = 2 ** 31;

interface Schema {
  name: string;
  encoding: string;
  data: Uint8Array;
}

/**
 * The messages of an MCAP file (standalone, any profile, or a rosbag2 storage file), read as one
 * stream in file order: chunked or not, lz4, zstd or uncompressed chunks. Memory holds about one
 * chunk. This walks the records itself rather than through @mcap/core's stream reader, which
 * copies every chunk and then every message out of it: here a message is a view of its chunk's
 * bytes and a record within one piece of the stream is not copied at all, which roughly triples
 * the read speed. Chunk CRCs are checked (zlib's native crc32), as the stream reader checks them.
 */
export async function* readMcap(source: StoredObjectSource, handlers: DecompressHandlers): AsyncGenerator<RecordingMessage> {
  const layout = await inspectMcapLayout(source);
  if (!layout.ok) throw new Error(`${source.name}: ${layout.reason}`);
  const state = { schemas: new Map<number, Schema>(), topics: new Map<number, RecordingTopic>(), profile: '' };
  const queue = new PieceQueue();
  let started = false;
  let footer = false;
  let pending: { op: number; length: number; at: number } | undefined;
  try {
    for await (const piece of source.stream()) {
      queue.push(piece);
      if (!started) {
        if (queue.available < MAGIC) continue;
        queue.take(MAGIC);
        started = true;
      }
      for (;;) {
        if (footer) break;
        if (!pending) {
          const at = queue.consumed;
          const head = queue.take(RECORD_HEADER);
          if (!head) break;
          const view = new DataView(head.buffer, head.byteOffset, RECORD_HEADER);
          const length = view.getBigUint64(1, true);
          if (length > BigInt(MAX_RECORD_BYTES)) throw new Error(`record at ${at} claims ${length} bytes: its length is corrupt`);
          pending = { op: view.getUint8(0), length: Number(length), at };
        }
        const body = queue.take(pending.length);
        if (!body) break;
        const { op, at } = pending;
        pending = undefined;
        if (op === OP.footer) footer = true;
        else if (op === OP.chunk) yield* chunkMessages(source.name, body, at, handlers, state);
        else {
          const message = topLevel(source.name, op, body, at, state);
          if (message) yield message;
        }
      }
    }
  } catch (error) {
    throw new Error(`${source.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // The trailing magic follows the footer; inspectMcapLayout checked it is there.
  if (!footer || queue.available !== MAGIC) {
    throw new Error(`${source.name}: the records end ${footer ? `with ${queue.available} bytes after the footer` : 'without a footer'}: a record length is corrupt or the file is truncated`);
  }
}

type State = { schemas: Map<number, Schema>; topics: Map<number, RecordingTopic>; profile: string };

function topLevel(file: string, op: number, body: Uint8Array, at: number, state: State): RecordingMessage | undefined {
  if (op === OP.header) {
    state.profile = new McapRecordReader(body, `header at ${at}`).string();
    return undefined;
  }
  return record(file, op, body, at, state);
}

/** A Schema, Channel or Message record (top level or in a chunk); other records are not messages. */
function record(file: string, op: number, body: Uint8Array, at: number, state: State): RecordingMessage | undefined {
  switch (op) {
    case OP.schema: {
      const r = new McapRecordReader(body, `schema at ${at}`);
      const id = r.uint16();
      const name = r.string();
      const encoding = r.string();
      state.schemas.set(id, { name, encoding, data: r.bytes(r.uint32()) });
      return undefined;
    }
    case OP.channel: {
      const r = new McapRecordReader(body, `channel at ${at}`);
      const id = r.uint16();
      const schemaId = r.uint16();
      const topic = r.string();
      const messageEncoding = r.string();
      state.topics.set(id, topicOf(file, id, topic, messageEncoding, schemaId === 0 ? undefined : state.schemas.get(schemaId), state.profile));
      return undefined;
    }
    case OP.message: {
      const r = new McapRecordReader(body, `message at ${at}`);
      const channelId = r.uint16();
      r.uint32();
      const logTimeNs = r.uint64();
      r.uint64();
      const topic = state.topics.get(channelId);
      if (!topic) throw new Error(`message at ${at} is on channel ${channelId}, which no channel record declared before it`);
      return { topic, logTimeNs, data: r.rest() };
    }
    default:
      return undefined;
  }
}

function* chunkMessages(file: string, body: Uint8Array, at: number, handlers: DecompressHandlers, state: State): Generator<RecordingMessage> {
  const where = `chunk at offset ${at}`;
  const r = new McapRecordReader(body, where);
  r.uint64();
  r.uint64();
  const size = r.uint64();
  const crc = r.uint32();
  const compression = r.string();
  let records = r.bytes(r.length64());
  if (compression !== '') {
    const decompress = handlers[compression];
    if (!decompress) throw new Error(`${where}: compression ${compression} is not supported (lz4 and zstd are)`);
    records = decompress(records, size);
  }
  if (BigInt(records.byteLength) !== size) throw new Error(`${where}: holds ${records.byteLength} bytes, its header says ${size}`);
  if (crc !== 0 && crc32(records) !== crc) throw new Error(`${where}: its bytes do not match its CRC (the chunk is corrupt)`);
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  let offset = 0;
  while (offset < records.byteLength) {
    if (offset + RECORD_HEADER > records.byteLength) throw new Error(`${where}: a record header at ${offset} overruns the chunk`);
    const op = view.getUint8(offset);
    const length = view.getBigUint64(offset + 1, true);
    if (length > BigInt(records.byteLength - offset - RECORD_HEADER)) throw new Error(`${where}: the record at ${offset} overruns the chunk`);
    if (!IN_CHUNK.has(op)) throw new Error(`${where}: holds a record of opcode ${op}, which a chunk may not hold`);
    const start = offset + RECORD_HEADER;
    offset = start + Number(length);
    const message = record(file, op, records.subarray(start, offset), at, state);
    if (message) yield message;
  }
}

function topicOf(file: string, id: number, topic: string, messageEncoding: string, schema: Schema | undefined, profile: string): RecordingTopic {
  const rawType = schema?.name ?? '';
  const text = schema && schema.data.byteLength > 0 ? Buffer.from(schema.data).toString('utf8') : '';
  return {
    key: `${file}#${id}`, topic, type: ros1TypeName(rawType), rawType, encoding: encodingOf(messageEncoding),
    encodingName: messageEncoding || `(none, profile ${profile || 'none'})`,
    definition: schema && text !== '' ? { encoding: schema.encoding, text } : undefined,
  };
}

function encodingOf(messageEncoding: string): MessageEncoding {
  switch (messageEncoding) {
    case 'ros1': return 'ros1';
    case 'cdr': return 'cdr';
    case 'json': return 'json';
    default: return 'other';
  }
}
