import { Bag } from '@foxglove/rosbag';
import type { Ros1BagProbe, Ros1TopicProbe } from '../../../../shared/ingest/bagProbeSchemas';
import { rosTimeToNanos } from '../../../../shared/time/rosTime';
import { ProbeError } from '../ProbeError';
import { NanoRange } from './NanoRange';
import type { ProbeOptions } from './ProbeOptions';
import type { ByteSource } from '../../../../shared/formats/bags/ByteSource';
import { inspectRos1Layout, readRos1ChunkCompression, type Ros1Layout } from '../../../../shared/formats/bags/inspectRos1Layout';
import { loadDecompressors, type Decompressors } from '../../../../shared/formats/bags/loadDecompressors';
import { ReadAheadReader } from '../../../../shared/formats/bags/ReadAheadReader';
import { RandomAccessFile } from './RandomAccessFile';
import { probeStep, toProbeError } from './toProbeError';
import { walkRos1Chunk } from './walkRos1Chunk';

type ChunkInfo = Bag['chunkInfos'][number];

const SMALL_CHUNK_BYTES = 64 * 1024;
type Connection = Bag['connections'] extends Map<number, infer C> ? C : never;

/**
 * Probes a ROS 1 bag one chunk at a time, so memory stays at about one chunk whatever the file
 * size. `depth: 'index'` trusts the bag's index (reads the index and each chunk's header only);
 * `'full'` (the default) decompresses every chunk, walks every record and checks it against the
 * index, because a bag whose chunks do not match its index would fail only later, at indexing.
 */
export async function probeRos1Bag(path: string, options: ProbeOptions = {}): Promise<Ros1BagProbe> {
  const depth = options.depth ?? 'full';
  const file = await probeStep(path, 'cannot open', () => RandomAccessFile.open(path));
  try {
    const layout = await inspectRos1Layout(file);
    if (!layout.ok) throw new ProbeError(path, layout.reason);
    const decompressors = await loadDecompressors();
    const bag = new Bag(file.asRosbagFilelike(), { parse: false, decompress: decompressors.ros1 });
    // Bag.open reads index records with @foxglove/rosbag, which trusts their header fields.
    await probeStep(path, 'reading the bag index', () => bag.open(), true);
    if (bag.connections.size !== layout.layout.connectionCount || bag.chunkInfos.length !== layout.layout.chunkCount) {
      throw new ProbeError(path, `the bag header promises ${layout.layout.connectionCount} connections and ${layout.layout.chunkCount} chunks, the index holds ${bag.connections.size} and ${bag.chunkInfos.length}`);
    }
    const countsByConnection = indexCounts(bag);
    const range = new NanoRange();
    const compressions = new Set<string>();
    const known = new Set(bag.connections.keys());
    const chunkHeaders = chunkHeaderSource(file, layout.layout);
    for (const [i, info] of bag.chunkInfos.entries()) {
      const step = `chunk ${i + 1} of ${bag.chunkInfos.length} (offset ${info.chunkPosition})`;
      await probeStep(path, step, async () => {
        if (depth === 'full') {
          const verified = await verifyChunk(bag, info, decompressors, known);
          compressions.add(verified.compression);
          range.merge(verified.range);
        } else {
          compressions.add(await readRos1ChunkCompression(chunkHeaders, info.chunkPosition));
          range.add(rosTimeToNanos(info.startTime));
          range.add(rosTimeToNanos(info.endTime));
        }
        // Chunks are read with @foxglove/rosbag as well, which trusts the records' header fields.
      }, true);
    }
    const topics = groupTopics(bag.connections, countsByConnection);
    return {
      format: 'ros1',
      path,
      fileSize: file.size,
      depth,
      version: '2.0',
      compressions: [...compressions].sort(),
      topics,
      connectionCount: bag.connections.size,
      chunkCount: bag.chunkInfos.length,
      messageCount: topics.reduce((sum, topic) => sum + topic.messageCount, 0),
      ...range.toSpan(),
    };
  } catch (error) {
    throw toProbeError(path, error);
  } finally {
    await file.close();
  }
}

/**
 * Where index depth reads each chunk's header (for its compression). One positional read costs tens
 * of microseconds, so for bags of many small chunks reading the data section in 1 MiB windows is
 * cheaper than one read per chunk; for normal chunks (rosbag writes 768 KiB) one small read each.
 */
function chunkHeaderSource(file: RandomAccessFile, layout: Ros1Layout): ByteSource {
  const averageChunk = (layout.indexPos - layout.dataStart) / Math.max(1, layout.chunkCount);
  return averageChunk < SMALL_CHUNK_BYTES ? new ReadAheadReader(file) : file;
}

function indexCounts(bag: Bag): Map<number, number> {
  const counts = new Map<number, number>();
  for (const info of bag.chunkInfos) {
    for (const { conn, count } of info.connections) {
      if (!bag.connections.has(conn)) throw new Error(`a chunk info counts messages on connection ${conn}, which the index does not list`);
      counts.set(conn, (counts.get(conn) ?? 0) + count);
    }
  }
  return counts;
}

async function verifyChunk(bag: Bag, info: ChunkInfo, decompressors: Decompressors, known: ReadonlySet<number>): Promise<{ compression: string; range: NanoRange }> {
  const { chunk, indices } = await bag.reader.readChunk(info, decompressors.ros1);
  const data = chunk.data ?? new Uint8Array(0);
  if (data.byteLength !== chunk.size) throw new Error(`chunk holds ${data.byteLength} bytes, its header says ${chunk.size}`);
  const tally = walkRos1Chunk(data, known);
  const expected = new Map(info.connections.map(({ conn, count }) => [conn, count]));
  let indexed = 0;
  for (const index of indices) {
    const entries = index.indices ?? [];
    if (expected.get(index.conn) !== entries.length) {
      throw new Error(`the chunk index lists ${entries.length} messages on connection ${index.conn}, the chunk info ${expected.get(index.conn) ?? 0}`);
    }
    for (const entry of entries) {
      const message = tally.messages.get(entry.offset);
      if (message?.conn !== index.conn || message.time !== rosTimeToNanos(entry.time)) {
        throw new Error(`the chunk index points at offset ${entry.offset} for connection ${index.conn}, where no such message lies`);
      }
    }
    indexed += entries.length;
  }
  if (indexed !== tally.messages.size) throw new Error(`the chunk holds ${tally.messages.size} messages but its index lists ${indexed}`);
  for (const [conn, count] of expected) {
    const found = tally.countsByConnection.get(conn) ?? 0;
    if (found !== count) throw new Error(`the chunk holds ${found} messages on connection ${conn}, its chunk info says ${count}`);
  }
  const range = new NanoRange();
  const [low, high] = [rosTimeToNanos(info.startTime), rosTimeToNanos(info.endTime)];
  for (const [offset, { time }] of tally.messages) {
    if (time < low || time > high) throw new Error(`the message at offset ${offset} is stamped outside the chunk's indexed time range`);
    range.add(time);
  }
  return { compression: chunk.compression, range };
}

/**
 * One entry per topic and type: ROS 1 lets several publishers share a topic (example.bag has three
 * on /rosout), and in principle with different types, which the indexer must decode separately.
 */
function groupTopics(connections: ReadonlyMap<number, Connection>, counts: ReadonlyMap<number, number>): Ros1TopicProbe[] {
  const byKey = new Map<string, Ros1TopicProbe>();
  for (const [conn, connection] of connections) {
    const type = connection.type ?? '';
    const md5 = connection.md5sum ?? '';
    const key = `${connection.topic}\0${type}\0${md5}`;
    const entry = byKey.get(key) ?? { topic: connection.topic, type, md5, messageCount: 0, connections: 0, hasDefinition: false };
    entry.messageCount += counts.get(conn) ?? 0;
    entry.connections += 1;
    entry.hasDefinition ||= connection.messageDefinition.trim() !== '';
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => compareText(a.topic, b.topic) || compareText(a.type, b.type));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
