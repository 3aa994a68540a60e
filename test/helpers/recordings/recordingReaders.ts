import { Bag } from '@foxglove/rosbag';
import { FileReader } from '@foxglove/rosbag/node';
import { ros1, ros2humble } from '@foxglove/rosmsg-msgs-common';
import { MessageReader as Ros1MessageReader } from '@foxglove/rosmsg-serialization';
import { MessageReader as CdrMessageReader } from '@foxglove/rosmsg2-serialization';
import Bzip2 from '@foxglove/wasm-bz2';
import lz4Decompress from '@foxglove/wasm-lz4';
import { decompress as zstdDecompress, isLoaded as zstdLoaded } from '@foxglove/wasm-zstd';
import { McapIndexedReader, McapStreamReader, type McapTypes } from '@mcap/core';
import Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { MessageDefinition } from './rosMessageSchema';

// Readers for the recordings the writers produce, built only on the independent libraries
// (@foxglove/rosbag, better-sqlite3, @mcap/core) and on message definitions from
// @foxglove/rosmsg-msgs-common rather than the writers' own .msg texts, so that a wrong
// definition on the writing side cannot cancel out on the reading side.

export interface ReadMessage { topic: string; logTimeNs: bigint; data: Uint8Array; decoded: unknown }

type CommonDistro = 'ros1' | 'ros2humble';

/** `sensor_msgs/Image` (or `sensor_msgs/msg/Image`) with all its dependencies, from msgs-common. */
export function commonDefinitions(type: string, distro: CommonDistro): MessageDefinition[] {
  const table: Readonly<Record<string, MessageDefinition>> = distro === 'ros1' ? ros1 : ros2humble;
  const order: MessageDefinition[] = [];
  const visit = (name: string): void => {
    if (order.some((d) => d.name === name)) return;
    const definition = table[name];
    if (!definition) throw new Error(`@foxglove/rosmsg-msgs-common (${distro}) has no ${name}`);
    order.push(definition);
    for (const field of definition.definitions) if (field.isComplex === true) visit(field.type);
  };
  visit(type.replace('/msg/', '/'));
  return order;
}

const NS = 1_000_000_000n;
const toNs = (time: { sec: number; nsec: number }): bigint => BigInt(time.sec) * NS + BigInt(time.nsec);

/** Opens a ROS 1 bag with lz4 and bz2 support; call close() when done. */
export async function openRos1Bag(path: string): Promise<{ bag: Bag; close: () => Promise<void> }> {
  await lz4Decompress.isLoaded;
  const bzip2 = await Bzip2.init();
  const file = new FileReader(path);
  const bag = new Bag(file, {
    decompress: {
      lz4: (buffer, size) => lz4Decompress(buffer, size),
      bz2: (buffer, size) => bzip2.decompress(buffer, size, { small: false }),
    },
  });
  await bag.open();
  return { bag, close: () => file.close() };
}

/** Messages in time order through the bag's index; decoded with the msgs-common definitions. */
export async function* ros1BagMessages(bag: Bag): AsyncGenerator<ReadMessage & { parsedByBag: unknown }> {
  const readers = new Map<number, Ros1MessageReader>();
  for (const [id, connection] of bag.connections) {
    if (connection.type) readers.set(id, new Ros1MessageReader(commonDefinitions(connection.type, 'ros1')));
  }
  for await (const event of bag.messageIterator()) {
    const reader = readers.get(event.connectionId);
    yield {
      topic: event.topic, logTimeNs: toNs(event.timestamp), data: event.data,
      decoded: reader?.readMessage(event.data), parsedByBag: event.message,
    };
  }
}

// metadata.yaml is parsed with intAsBigInt so nanosecond times stay exact.
const int = z.union([z.bigint(), z.number()]).transform((v) => Number(v));
const nanoseconds = z.union([z.bigint(), z.number()]).transform((v) => BigInt(v));
const metadataSchema = z.object({
  rosbag2_bagfile_information: z.object({
    version: int,
    storage_identifier: z.enum(['sqlite3', 'mcap']),
    duration: z.object({ nanoseconds: nanoseconds }),
    starting_time: z.object({ nanoseconds_since_epoch: nanoseconds }),
    message_count: int,
    topics_with_message_count: z.array(z.object({
      topic_metadata: z.object({
        name: z.string(), type: z.string(), serialization_format: z.string(), offered_qos_profiles: z.string(),
        type_description_hash: z.string().optional(),
      }),
      message_count: int,
    })),
    relative_file_paths: z.array(z.string()),
    files: z.array(z.object({
      path: z.string(),
      starting_time: z.object({ nanoseconds_since_epoch: nanoseconds }),
      duration: z.object({ nanoseconds: nanoseconds }),
      message_count: int,
    })),
    custom_data: z.null().optional(),
    ros_distro: z.string().optional(),
  }),
});
export type Rosbag2Metadata = z.infer<typeof metadataSchema>['rosbag2_bagfile_information'];

/** metadata.yaml of a rosbag2 folder, validated; times are exact bigints. */
export async function readRosbag2Metadata(dir: string): Promise<Rosbag2Metadata> {
  const text = await readFile(join(dir, 'metadata.yaml'), 'utf8');
  return metadataSchema.parse(parseYaml(text, { intAsBigInt: true })).rosbag2_bagfile_information;
}

const MAX_BUFFERED_WAL_FILE = 512 * 1024 * 1024;

/** Opens a .db3 file read-only without touching its folder when possible (HELPER_RULES WAL recipe). */
export async function openDb3(path: string): Promise<Database.Database> {
  const fh = await open(path, 'r');
  let walMode: boolean;
  let size: number;
  try {
    const head = Buffer.alloc(20);
    await fh.read(head, 0, 20, 0);
    walMode = head[18] === 2 && head[19] === 2;
    size = (await fh.stat()).size;
  } finally {
    await fh.close();
  }
  if (walMode && size <= MAX_BUFFERED_WAL_FILE) {
    const bytes = await readFile(path);
    bytes[18] = 1;
    bytes[19] = 1;
    return new Database(bytes, { readonly: true });
  }
  // Rollback-journal files open in place untouched; a larger WAL file may get -shm/-wal siblings.
  return new Database(path, { readonly: true, fileMustExist: true });
}

const topicRow = z.object({ id: z.number(), name: z.string(), type: z.string() });
const messageRow = z.object({ topic_id: z.bigint().transform((v) => Number(v)), timestamp: z.bigint(), data: z.instanceof(Buffer) });

/** Messages of every storage file of a db3 bag, in (file, timestamp) order, CDR-decoded. */
export async function* db3BagMessages(dir: string): AsyncGenerator<ReadMessage> {
  const metadata = await readRosbag2Metadata(dir);
  for (const file of metadata.relative_file_paths) {
    const db = await openDb3(join(dir, file));
    try {
      const topics = new Map(z.array(topicRow).parse(db.prepare('SELECT id, name, type FROM topics').all()).map((t) => [t.id, t]));
      const readers = new Map([...topics.values()].map((t) => [t.id, new CdrMessageReader(commonDefinitions(t.type, 'ros2humble'), { timeType: 'sec,nsec' })]));
      const rows = db.prepare('SELECT topic_id, timestamp, data FROM messages ORDER BY timestamp, id').safeIntegers(true);
      for (const raw of rows.iterate()) {
        const row = messageRow.parse(raw);
        const topic = topics.get(row.topic_id);
        if (!topic) throw new Error(`${file}: message on unknown topic id ${row.topic_id}`);
        yield { topic: topic.name, logTimeNs: row.timestamp, data: row.data, decoded: readers.get(row.topic_id)?.readMessage(row.data) };
      }
    } finally {
      db.close();
    }
  }
}

const decompressHandlers = {
  lz4: (buffer: Uint8Array, size: bigint) => lz4Decompress(buffer, Number(size)),
  zstd: (buffer: Uint8Array, size: bigint) => zstdDecompress(buffer, Number(size)),
};

/** Decodes an MCAP message of the given channel with definitions independent of its schema text. */
export function mcapDecoder(channel: McapTypes.Channel, schema: McapTypes.Schema | undefined): (data: Uint8Array) => unknown {
  if (channel.messageEncoding === 'json') return (data) => JSON.parse(Buffer.from(data).toString('utf8')) as unknown;
  if (!schema) throw new Error(`channel ${channel.topic} has no schema`);
  if (channel.messageEncoding === 'cdr') {
    const reader = new CdrMessageReader(commonDefinitions(schema.name, 'ros2humble'), { timeType: 'sec,nsec' });
    return (data) => reader.readMessage(data);
  }
  if (channel.messageEncoding === 'ros1') {
    const reader = new Ros1MessageReader(commonDefinitions(schema.name, 'ros1'));
    return (data) => reader.readMessage(data);
  }
  throw new Error(`no decoder for message encoding ${channel.messageEncoding}`);
}

export async function openMcap(path: string): Promise<{ reader: McapIndexedReader; close: () => Promise<void> }> {
  await lz4Decompress.isLoaded;
  await zstdLoaded;
  const fh = await open(path, 'r');
  const reader = await McapIndexedReader.Initialize({
    readable: {
      size: async () => BigInt((await fh.stat()).size),
      read: async (offset, length) => {
        const buffer = Buffer.alloc(Number(length));
        await fh.read(buffer, 0, buffer.length, Number(offset));
        return buffer;
      },
    },
    decompressHandlers,
  });
  return { reader, close: () => fh.close() };
}

/** Every message through the summary's chunk indexes, CRCs checked, decoded. */
export async function* mcapIndexedMessages(reader: McapIndexedReader): AsyncGenerator<ReadMessage> {
  const decoders = new Map([...reader.channelsById].map(([id, channel]) => [id, mcapDecoder(channel, reader.schemasById.get(channel.schemaId))]));
  for await (const message of reader.readMessages({ validateCrcs: true })) {
    const channel = reader.channelsById.get(message.channelId);
    yield { topic: channel?.topic ?? '?', logTimeNs: message.logTime, data: message.data, decoded: decoders.get(message.channelId)?.(message.data) };
  }
}

/** Every record of the file read front to back by the streaming reader (chunk CRCs validated). */
export async function* mcapStreamRecords(path: string): AsyncGenerator<McapTypes.TypedMcapRecord> {
  await lz4Decompress.isLoaded;
  await zstdLoaded;
  const reader = new McapStreamReader({ decompressHandlers, validateCrcs: true, includeChunks: true });
  for await (const piece of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    reader.append(piece as Buffer);
    for (let record = reader.nextRecord(); record; record = reader.nextRecord()) yield record;
  }
  if (!reader.done()) throw new Error(`${path}: the MCAP stream ended before its footer`);
}
