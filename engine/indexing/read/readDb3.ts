import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { SQLITE_HEADER_BYTES, isWalDatabase, sqliteHeaderProblem } from '../../../shared/formats/bags/sqliteHeaderProblem';
import { ros1TypeName, type RecordingMessage, type RecordingTopic } from './RecordingTopic';
import type { StoredObjectSource } from './StoredObjectSource';

const tableRow = z.object({ name: z.string() });
const topicRow = z.object({ id: z.bigint(), name: z.string(), type: z.string(), serialization_format: z.string() });
const definitionRow = z.object({ topic_type: z.string(), encoding: z.string(), encoded_message_definition: z.string() });
const messageRow = z.tuple([z.bigint(), z.bigint(), z.instanceof(Uint8Array)]);

export interface Db3Progress {
  /** Rows read so far, and how many there are. */
  onRows(done: number, total: number): void;
}

/**
 * The messages of a rosbag2 SQLite storage file. SQLite needs a file, so the stored object is
 * first copied to `copyPath` (the job's scratch folder under the data directory), which this
 * function removes when it is done. That copy is ours: a WAL database is marked rollback-journal
 * in place (bytes 18/19 of the header, the recipe the probes use on an in-memory copy), so that
 * SQLite reads it without creating -shm/-wal files, and memory stays flat whatever its size.
 * Rows are read in insertion order (rowid), which needs no sort (not every bag indexes
 * timestamps) and is the order the recorder received them.
 */
export async function* readDb3(source: StoredObjectSource, copyPath: string, progress: Db3Progress): AsyncGenerator<RecordingMessage> {
  try {
    await pipeline(Readable.from(source.stream()), createWriteStream(copyPath));
    await prepareCopy(source.name, copyPath, source.size);
    const db = new Database(copyPath, { readonly: true, fileMustExist: true });
    try {
      db.defaultSafeIntegers(true);
      yield* messagesOf(db, source.name, progress);
    } catch (error) {
      throw new Error(`${source.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      db.close();
    }
  } finally {
    await rm(copyPath, { force: true });
  }
}

async function prepareCopy(name: string, path: string, size: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const header = new Uint8Array(SQLITE_HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, SQLITE_HEADER_BYTES, 0);
    const problem = sqliteHeaderProblem(header.subarray(0, bytesRead), size);
    if (problem) throw new Error(`${name}: ${problem}`);
    if (isWalDatabase(header)) await handle.write(Uint8Array.of(1, 1), 0, 2, 18);
  } finally {
    await handle.close();
  }
}

function* messagesOf(db: Database.Database, file: string, progress: Db3Progress): Generator<RecordingMessage> {
  const tables = new Set(z.array(tableRow).parse(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).map((t) => t.name));
  for (const table of ['topics', 'messages']) {
    if (!tables.has(table)) throw new Error(`not a rosbag2 database: no ${table} table`);
  }
  // rosbag2 Iron and later store each type's definition; older files carry none.
  const definitions = new Map<string, { encoding: string; text: string }>();
  if (tables.has('message_definitions')) {
    for (const row of z.array(definitionRow).parse(db.prepare('SELECT topic_type, encoding, encoded_message_definition FROM message_definitions').all())) {
      if (row.encoding !== 'unknown' && row.encoded_message_definition.trim() !== '') {
        definitions.set(row.topic_type, { encoding: row.encoding, text: row.encoded_message_definition });
      }
    }
  }
  const topics = new Map<bigint, RecordingTopic>();
  for (const row of z.array(topicRow).parse(db.prepare('SELECT id, name, type, serialization_format FROM topics').all())) {
    topics.set(row.id, {
      key: `${file}#${row.id}`, topic: row.name, type: ros1TypeName(row.type), rawType: row.type,
      encoding: row.serialization_format === 'cdr' ? 'cdr' : 'other', encodingName: row.serialization_format,
      definition: definitions.get(row.type),
    });
  }
  const total = Number(z.bigint().parse(db.prepare('SELECT COUNT(*) FROM messages').pluck().get()));
  let done = 0;
  for (const raw of db.prepare('SELECT topic_id, timestamp, data FROM messages ORDER BY rowid').raw().iterate()) {
    const [topicId, timestamp, data] = messageRow.parse(raw);
    const topic = topics.get(topicId);
    if (!topic) throw new Error(`a message refers to topic id ${topicId}, which the topics table does not list`);
    if (timestamp < 0n) throw new Error(`a message on ${topic.topic} has a negative timestamp (${timestamp} ns)`);
    yield { topic, logTimeNs: timestamp, data };
    done += 1;
    if (done % 256 === 0) progress.onRows(done, total);
  }
  progress.onRows(done, total);
}
