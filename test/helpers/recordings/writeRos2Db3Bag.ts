import Database from 'better-sqlite3';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MessageSource } from './rawMessage';
import { Rosbag2Counts, type Ros2BagSummary } from './Rosbag2Counts';
import { rosbag2MetadataYaml, rosbag2SerializedMetadata, type Ros2Topic, type Rosbag2MetadataVersion } from './rosbag2MetadataYaml';

// A rosbag2 folder with sqlite3 storage, in the table layout of the ROS release that writes each
// metadata version: version 5 = humble (schema_version 3, no message definitions), version 8 =
// jazzy (schema_version 4, topics.type_description_hash, message_definitions, metadata row).
// Messages are inserted in bounded transactions so memory stays flat for multi-GB bags.

export interface WriteRos2Db3BagOptions {
  metadataVersion?: Rosbag2MetadataVersion;
  /** Base name of the storage files (`<name>_<i>.db3`); defaults to the folder name. */
  name?: string;
  /** Split to a new file after this many messages (rosbag2 --max-bag-size is bytes; both exist here). */
  maxMessagesPerFile?: number;
  /** Split to a new file once this many payload bytes were written to the current one. */
  maxBytesPerFile?: number;
  /** WAL leaves header bytes 18/19 = 2, as a bag copied off a recorder that never closed cleanly. */
  journalMode?: 'memory' | 'wal';
  rosDistro?: string;
}

const HUMBLE_SCHEMA = `
CREATE TABLE schema(schema_version INTEGER PRIMARY KEY,ros_distro TEXT NOT NULL);
CREATE TABLE metadata(id INTEGER PRIMARY KEY,metadata_version INTEGER NOT NULL,metadata TEXT NOT NULL);
CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL);
CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX timestamp_idx ON messages (timestamp ASC);`;

const JAZZY_SCHEMA = `
CREATE TABLE schema(schema_version INTEGER PRIMARY KEY,ros_distro TEXT NOT NULL);
CREATE TABLE metadata(id INTEGER PRIMARY KEY,metadata_version INTEGER NOT NULL,metadata TEXT NOT NULL);
CREATE TABLE topics(id INTEGER PRIMARY KEY,name TEXT NOT NULL,type TEXT NOT NULL,serialization_format TEXT NOT NULL,offered_qos_profiles TEXT NOT NULL,type_description_hash TEXT NOT NULL);
CREATE TABLE message_definitions(id INTEGER PRIMARY KEY,topic_type TEXT NOT NULL,encoding TEXT NOT NULL,encoded_message_definition TEXT NOT NULL,type_description_hash TEXT NOT NULL);
CREATE TABLE messages(id INTEGER PRIMARY KEY,topic_id INTEGER NOT NULL,timestamp INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX timestamp_idx ON messages (timestamp ASC);`;

const TRANSACTION_BYTES = 32 * 1024 * 1024;
const TRANSACTION_MESSAGES = 2000;

function createStorage(path: string, version: Rosbag2MetadataVersion, topics: readonly Ros2Topic[], options: WriteRos2Db3BagOptions, rosDistro: string): Database.Database {
  const db = new Database(path);
  db.pragma(`journal_mode = ${options.journalMode === 'wal' ? 'WAL' : 'MEMORY'}`);
  db.pragma('synchronous = OFF');
  db.exec(version >= 8 ? JAZZY_SCHEMA : HUMBLE_SCHEMA);
  db.prepare('INSERT INTO schema (schema_version, ros_distro) VALUES (?, ?)').run(version >= 8 ? 4 : 3, rosDistro);
  const insertTopic = version >= 8
    ? db.prepare('INSERT INTO topics (id, name, type, serialization_format, offered_qos_profiles, type_description_hash) VALUES (?, ?, ?, ?, ?, ?)')
    : db.prepare('INSERT INTO topics (id, name, type, serialization_format, offered_qos_profiles) VALUES (?, ?, ?, ?, ?)');
  const insertDefinition = version >= 8
    ? db.prepare('INSERT INTO message_definitions (topic_type, encoding, encoded_message_definition, type_description_hash) VALUES (?, ?, ?, ?)')
    : undefined;
  const definedTypes = new Set<string>();
  topics.forEach((topic, index) => {
    const common = [index + 1, topic.name, topic.type, topic.serializationFormat ?? 'cdr', topic.offeredQosProfiles ?? ''];
    insertTopic.run(...(version >= 8 ? [...common, topic.typeDescriptionHash ?? ''] : common));
    if (insertDefinition && topic.messageDefinition && !definedTypes.has(topic.type)) {
      definedTypes.add(topic.type);
      insertDefinition.run(topic.type, topic.messageDefinition.encoding, topic.messageDefinition.text, topic.typeDescriptionHash ?? '');
    }
  });
  return db;
}

/** Writes a rosbag2 sqlite3 folder (metadata.yaml + one or more .db3 files) from serialized CDR messages. */
export async function writeRos2Db3Bag(
  dir: string,
  input: { topics: readonly Ros2Topic[]; messages: MessageSource },
  options: WriteRos2Db3BagOptions = {},
): Promise<Ros2BagSummary> {
  const version = options.metadataVersion ?? 5;
  const name = options.name ?? basename(dir);
  const rosDistro = options.rosDistro ?? (version >= 8 ? 'jazzy' : 'humble');
  const topicIds = new Map(input.topics.map((topic, index) => [topic.name, index + 1]));
  await mkdir(dir, { recursive: true });
  const counts = new Rosbag2Counts();
  const fileNames: string[] = [];
  let db: Database.Database | undefined;
  let insert: Database.Statement | undefined;
  let fileBytes = 0;
  let pendingBytes = 0;
  let pendingMessages = 0;

  const commit = (): void => {
    if (db?.inTransaction) db.exec('COMMIT');
    pendingBytes = 0;
    pendingMessages = 0;
  };
  const openNext = (): void => {
    commit();
    db?.close();
    const fileName = `${name}_${fileNames.length}.db3`;
    fileNames.push(fileName);
    counts.startFile(fileName);
    db = createStorage(join(dir, fileName), version, input.topics, options, rosDistro);
    insert = db.prepare('INSERT INTO messages (topic_id, timestamp, data) VALUES (?, ?, ?)');
    fileBytes = 0;
  };

  try {
    openNext();
    for await (const message of input.messages) {
      const topicId = topicIds.get(message.topic);
      if (topicId === undefined) throw new Error(`writeRos2Db3Bag ${dir}: message on undeclared topic ${message.topic}`);
      const full = (options.maxMessagesPerFile !== undefined && counts.currentFileCount >= options.maxMessagesPerFile)
        || (options.maxBytesPerFile !== undefined && fileBytes >= options.maxBytesPerFile);
      if (full) openNext();
      if (!db?.inTransaction) db?.exec('BEGIN');
      insert?.run(topicId, message.logTimeNs, Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
      counts.add(message.topic, message.logTimeNs);
      fileBytes += message.data.length;
      pendingBytes += message.data.length;
      pendingMessages++;
      if (pendingBytes >= TRANSACTION_BYTES || pendingMessages >= TRANSACTION_MESSAGES) commit();
    }
    commit();
  } finally {
    db?.close();
  }

  const info = counts.info({ version, storageIdentifier: 'sqlite3', topics: input.topics, rosDistro });
  if (version >= 8) {
    // rosbag2 (iron and later) stores the final bag metadata inside every storage file as well.
    for (const fileName of fileNames) {
      const storage = new Database(join(dir, fileName));
      try {
        storage.prepare('INSERT INTO metadata (metadata_version, metadata) VALUES (?, ?)').run(version, rosbag2SerializedMetadata(info));
      } finally {
        storage.close();
      }
    }
  }
  await writeFile(join(dir, 'metadata.yaml'), rosbag2MetadataYaml(info));
  return counts.summary(dir);
}
