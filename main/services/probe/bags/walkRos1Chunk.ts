import { ROS1_OP, fieldTime, fieldUint32, parseRos1Record } from './parseRos1Record';

export interface Ros1ChunkMessage {
  conn: number;
  time: bigint;
}

export interface Ros1ChunkTally {
  /** Message records by their offset in the uncompressed chunk, as the chunk's index refers to them. */
  messages: Map<number, Ros1ChunkMessage>;
  countsByConnection: Map<number, number>;
}

/**
 * Walks every record of an uncompressed chunk in order. A chunk holds only connection and message
 * records; anything else, or a record that overruns the chunk, means the chunk is corrupt. Reading
 * every record (rather than only those the index points at) is what catches damage the index does
 * not cover, such as a corrupt connection record at the start of the chunk.
 */
export function walkRos1Chunk(data: Uint8Array, knownConnections: ReadonlySet<number>): Ros1ChunkTally {
  const messages = new Map<number, Ros1ChunkMessage>();
  const countsByConnection = new Map<number, number>();
  let offset = 0;
  while (offset < data.byteLength) {
    const record = parseRos1Record(data, offset);
    const conn = fieldUint32(record, 'conn');
    if (!knownConnections.has(conn)) throw new Error(`chunk record at ${offset} refers to connection ${conn}, which the bag index does not list`);
    if (record.op === ROS1_OP.messageData) {
      messages.set(offset, { conn, time: fieldTime(record, 'time') });
      countsByConnection.set(conn, (countsByConnection.get(conn) ?? 0) + 1);
    } else if (record.op !== ROS1_OP.connection) {
      throw new Error(`chunk record at ${offset} has op ${record.op}; a chunk holds only connection (7) and message (2) records`);
    }
    offset = record.end;
  }
  return { messages, countsByConnection };
}
