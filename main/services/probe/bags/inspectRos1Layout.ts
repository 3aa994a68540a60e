import type { ByteSource } from './RandomAccessFile';
import { ReadAheadReader } from './ReadAheadReader';
import { ROS1_OP, fieldString, fieldUint32, fieldUint64, parseRos1Record, type Ros1Record } from './parseRos1Record';

export const ROS1_MAGIC = '#ROSBAG V2.0\n';
const MAGIC_LENGTH = ROS1_MAGIC.length;
/** Record headers (not data) in the header and the index are a few hundred bytes at most. */
const HEADER_READ_AHEAD = 4096;
const MAX_RECORD_HEADER = 16 * 1024 * 1024;

export interface Ros1Layout {
  indexPos: number;
  connectionCount: number;
  chunkCount: number;
  /** Where the first record after the bag header starts. */
  dataStart: number;
}

export type Ros1LayoutResult = { ok: true; layout: Ros1Layout } | { ok: false; reason: string };

/**
 * Reads the magic, the bag header and the record headers of the index section (never chunk data),
 * to decide whether the recorder finished the bag: it writes index_pos 0 when it opens the bag and
 * fills it in, after writing the index at the end of the file, only when it closes.
 */
export async function inspectRos1Layout(file: ByteSource): Promise<Ros1LayoutResult> {
  if (file.size < MAGIC_LENGTH) return fail(`file is ${file.size} bytes, shorter than the ROS bag magic`);
  const magic = new TextDecoder().decode(await file.read(0, MAGIC_LENGTH));
  if (magic !== ROS1_MAGIC) {
    const version = /^#ROSBAG V(\d+\.\d+)\n$/.exec(magic)?.[1];
    return fail(version ? `unsupported ROS bag version ${version} (only 2.0 is read)` : 'not a ROS bag (no #ROSBAG V2.0 magic)');
  }
  let header: Ros1Record;
  try {
    header = await readRos1RecordHeader(file, MAGIC_LENGTH);
  } catch (error) {
    return fail(`bag header: ${messageOf(error)}`);
  }
  if (header.op !== ROS1_OP.bagHeader) return fail(`expected the bag header record (op 3) after the magic, found op ${header.op}`);
  let layout: Ros1Layout;
  try {
    layout = {
      indexPos: fieldUint64(header, 'index_pos'),
      connectionCount: fieldUint32(header, 'conn_count'),
      chunkCount: fieldUint32(header, 'chunk_count'),
      dataStart: header.end,
    };
  } catch (error) {
    return fail(`bag header: ${messageOf(error)}`);
  }
  if (header.end > file.size) return fail(`the bag header ends at ${header.end}, past the end of the file (${file.size} bytes)`);
  if (layout.indexPos === 0) {
    return fail('index_pos is 0: the bag is still being recorded, or its recorder stopped before writing the index (rosbag reindex repairs it)');
  }
  // An empty bag (no connections, no chunks) has an empty index that starts where the file ends.
  const emptyIndex = layout.connectionCount + layout.chunkCount === 0;
  if (layout.indexPos < layout.dataStart || layout.indexPos > file.size || (layout.indexPos === file.size && !emptyIndex)) {
    return fail(`index_pos ${layout.indexPos} lies outside the file (${file.size} bytes): truncated or corrupt`);
  }
  const indexReason = await checkIndexRecords(file, layout);
  return indexReason ? fail(indexReason) : { ok: true, layout };
}

/** Reads just the header of the record at `offset` in the file (its data is not read). */
export async function readRos1RecordHeader(file: ByteSource, offset: number): Promise<Ros1Record> {
  let bytes = await file.readUpTo(offset, HEADER_READ_AHEAD);
  if (bytes.byteLength < 4) throw new Error(`record at ${offset} is truncated (file ends at ${file.size})`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  if (headerLength > MAX_RECORD_HEADER) throw new Error(`record at ${offset} has an implausible header length ${headerLength}`);
  if (headerLength + 8 > bytes.byteLength) bytes = await file.read(offset, headerLength + 8);
  const record = parseRos1Record(bytes, 0, offset, true);
  return { ...record, offset, dataOffset: offset + record.dataOffset, end: offset + record.end };
}

async function checkIndexRecords(file: ByteSource, layout: Ros1Layout): Promise<string | undefined> {
  const index = new ReadAheadReader(file);
  let offset = layout.indexPos;
  const total = layout.connectionCount + layout.chunkCount;
  // A corrupt count simply runs into the end of the file, so the loop stays bounded by its size.
  for (let i = 0; i < total; i++) {
    const op = i < layout.connectionCount ? ROS1_OP.connection : ROS1_OP.chunkInfo;
    const what = op === ROS1_OP.connection
      ? `connection record ${i + 1} of ${layout.connectionCount}`
      : `chunk info ${i + 1 - layout.connectionCount} of ${layout.chunkCount}`;
    let record: Ros1Record;
    try {
      record = await readRos1RecordHeader(index, offset);
    } catch (error) {
      return `index: ${what}: ${messageOf(error)}`;
    }
    if (record.op !== op) return `index: ${what} at ${offset} has op ${record.op}, expected ${op}`;
    if (record.end > file.size) return `index: ${what} at ${offset} extends past the end of the file (${file.size} bytes): truncated`;
    if (op === ROS1_OP.chunkInfo) {
      const reason = checkChunkPosition(record, layout);
      if (reason) return `index: ${what}: ${reason}`;
    }
    offset = record.end;
  }
  return undefined;
}

function checkChunkPosition(record: Ros1Record, layout: Ros1Layout): string | undefined {
  try {
    const chunkPos = fieldUint64(record, 'chunk_pos');
    if (chunkPos < layout.dataStart || chunkPos >= layout.indexPos) return `chunk_pos ${chunkPos} is outside the data section`;
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

/** Compression of the chunk record at `offset`, read from its header alone. */
export async function readRos1ChunkCompression(file: ByteSource, offset: number): Promise<string> {
  const record = await readRos1RecordHeader(file, offset);
  if (record.op !== ROS1_OP.chunk) throw new Error(`expected a chunk record at ${offset}, found op ${record.op}`);
  return fieldString(record, 'compression') ?? 'none';
}

function fail(reason: string): Ros1LayoutResult {
  return { ok: false, reason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
