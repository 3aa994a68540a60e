import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ProbeDepth, Ros2TopicProbe } from '../../../../shared/ingest/bagProbeSchemas';
import { NanoRange } from './NanoRange';
import { openDb3ReadOnly } from './openDb3ReadOnly';

export interface StorageFileTally {
  messageCount: number;
  range: NanoRange;
  topics: Ros2TopicProbe[];
  /** From the db3 `schema` table (rosbag2 Humble and later); null for older files and for MCAP. */
  rosDistro: string | null;
  /** Non-fatal findings, e.g. an MCAP Statistics record that disagrees with its records. */
  warnings: string[];
}

// Rows as SQLite returns them with safeIntegers on: every INTEGER is a bigint.
const tableRow = z.object({ name: z.string() });
const topicRow = z.object({ id: z.bigint(), name: z.string(), type: z.string(), serialization_format: z.string() });
const countRow = z.object({ topic_id: z.bigint(), n: z.bigint() });
const rangeRow = z.object({ first: z.bigint().nullable(), last: z.bigint().nullable() });
const definitionRow = z.object({ topic_type: z.string(), encoding: z.string(), size: z.bigint() });
const distroRow = z.object({ ros_distro: z.string() });

/**
 * Counts one rosbag2 SQLite storage file. Both schemas are read: the old one (only `topics` and
 * `messages`) and the newer one that adds `schema`, `metadata` and `message_definitions`. At
 * depth `full` SQLite's quick_check first verifies every page, which is what catches a truncated
 * or damaged file whose messages table still answers a COUNT.
 */
export async function probeDb3File(path: string, depth: ProbeDepth): Promise<StorageFileTally> {
  const db = await openDb3ReadOnly(path);
  try {
    db.defaultSafeIntegers(true);
    const tables = new Set(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'", tableRow).map((row) => row.name));
    for (const table of ['topics', 'messages']) {
      if (!tables.has(table)) throw new Error(`not a rosbag2 database: no ${table} table`);
    }
    if (depth === 'full') {
      const problems = db.prepare('PRAGMA quick_check(5)').pluck().all();
      if (problems.length !== 1 || problems[0] !== 'ok') throw new Error(`SQLite integrity check failed: ${problems.map(String).join('; ')}`);
    }
    const defined = tables.has('message_definitions') ? definedTypes(db) : new Set<string>();
    const counts = new Map(rows(db, 'SELECT topic_id, COUNT(*) AS n FROM messages GROUP BY topic_id', countRow).map((row) => [row.topic_id, Number(row.n)]));
    const topics = rows(db, 'SELECT id, name, type, serialization_format FROM topics ORDER BY id', topicRow).map((row) => {
      const messageCount = counts.get(row.id) ?? 0;
      counts.delete(row.id);
      return { topic: row.name, type: row.type, serializationFormat: row.serialization_format, messageCount, hasDefinition: defined.has(row.type) };
    });
    const orphan = counts.keys().next();
    if (!orphan.done) throw new Error(`messages refer to topic id ${orphan.value}, which the topics table does not list`);
    const [bounds] = rows(db, 'SELECT MIN(timestamp) AS first, MAX(timestamp) AS last FROM messages', rangeRow);
    const range = new NanoRange();
    if (bounds?.first != null && bounds.last != null) {
      if (bounds.first < 0n) throw new Error(`a message has a negative timestamp (${bounds.first} ns)`);
      range.add(bounds.first);
      range.add(bounds.last);
    }
    const [distro] = tables.has('schema') ? rows(db, 'SELECT ros_distro FROM schema ORDER BY schema_version DESC LIMIT 1', distroRow) : [];
    return { messageCount: topics.reduce((sum, topic) => sum + topic.messageCount, 0), range, topics, rosDistro: distro?.ros_distro ?? null, warnings: [] };
  } finally {
    db.close();
  }
}

/** Types whose definition the bag carries; rosbag2 writes encoding `unknown` when it had none. */
function definedTypes(db: Database.Database): Set<string> {
  const definitions = rows(db, 'SELECT topic_type, encoding, length(encoded_message_definition) AS size FROM message_definitions', definitionRow);
  return new Set(definitions.filter((row) => row.encoding !== 'unknown' && row.size > 0n).map((row) => row.topic_type));
}

function rows<T>(db: Database.Database, sql: string, schema: z.ZodType<T>): T[] {
  return z.array(schema).parse(db.prepare(sql).all());
}
