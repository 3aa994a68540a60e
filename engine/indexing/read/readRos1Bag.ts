import { Bag } from '@foxglove/rosbag';
import { inspectRos1Layout } from '../../../shared/formats/bags/inspectRos1Layout';
import type { Decompressors } from '../../../shared/formats/bags/loadDecompressors';
import { ROS1_OP, fieldTime, fieldUint32, parseRos1Record } from '../../../shared/formats/bags/parseRos1Record';
import type { RecordingMessage, RecordingTopic } from './RecordingTopic';
import type { StoredObjectSource } from './StoredObjectSource';

/**
 * The messages of a ROS 1 bag (v2.0; uncompressed, bz2 or lz4 chunks), chunk by chunk in file
 * order, so that memory holds one chunk whatever the bag's size. The bag's index gives the
 * connections and where the chunks are; every record of every chunk is then walked (rather than
 * trusting the chunk's index), which is what catches a chunk whose content is damaged. Messages
 * come in recording order, which is time order within a chunk; the indexer needs nothing more.
 */
export async function* readRos1Bag(source: StoredObjectSource, decompressors: Decompressors): AsyncGenerator<RecordingMessage> {
  const layout = await inspectRos1Layout(source);
  if (!layout.ok) throw new Error(`${source.name}: ${layout.reason}`);
  const bag = new Bag({ read: (offset, length) => source.readUpTo(offset, length), size: () => source.size }, { parse: false, decompress: decompressors.ros1 });
  await step(source, 'reading the bag index', () => bag.open());
  const topics = new Map<number, RecordingTopic>();
  for (const [conn, connection] of bag.connections) {
    const type = connection.type ?? '';
    const text = connection.messageDefinition;
    topics.set(conn, {
      key: `${source.name}#${conn}`, topic: connection.topic, type, rawType: type, encoding: 'ros1', encodingName: 'ros1',
      definition: text.trim() === '' ? undefined : { encoding: 'ros1msg', text },
    });
  }
  const chunks = [...bag.chunkInfos].sort((a, b) => a.chunkPosition - b.chunkPosition);
  for (const [i, info] of chunks.entries()) {
    const where = `chunk ${i + 1} of ${chunks.length} (offset ${info.chunkPosition})`;
    const { chunk } = await step(source, where, () => bag.reader.readChunk(info, decompressors.ros1));
    const data = chunk.data ?? new Uint8Array(0);
    if (data.byteLength !== chunk.size) throw new Error(`${source.name}: ${where}: holds ${data.byteLength} bytes, its header says ${chunk.size}`);
    let offset = 0;
    while (offset < data.byteLength) {
      const record = inChunk(source, where, () => parseRos1Record(data, offset));
      if (record.op === ROS1_OP.messageData) {
        const conn = inChunk(source, where, () => fieldUint32(record, 'conn'));
        const topic = topics.get(conn);
        if (!topic) throw new Error(`${source.name}: ${where}: a message refers to connection ${conn}, which the bag index does not list`);
        yield { topic, logTimeNs: inChunk(source, where, () => fieldTime(record, 'time')), data: data.subarray(record.dataOffset, record.end) };
      } else if (record.op !== ROS1_OP.connection) {
        throw new Error(`${source.name}: ${where}: record at ${offset} has op ${record.op}; a chunk holds only connection and message records`);
      }
      offset = record.end;
    }
  }
}

async function step<T>(source: StoredObjectSource, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${source.name}: ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function inChunk<T>(source: StoredObjectSource, where: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${source.name}: ${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
