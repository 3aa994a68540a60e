import type { McapProbe, ProbeDepth, Ros2BagProbe, Ros2FileProbe, Ros2TopicProbe } from '../../../../shared/ingest/bagProbeSchemas';
import { nanosToSeconds, toTimePoint } from '../../../../shared/time/rosTime';
import { ProbeError } from '../ProbeError';
import { compareRos2Metadata } from './compareRos2Metadata';
import { inspectRos2Folder } from './inspectRos2Folder';
import { NanoRange } from './NanoRange';
import { probeDb3File, type StorageFileTally } from './probeDb3File';
import { probeMcap } from './probeMcap';
import type { ProbeOptions } from './ProbeOptions';
import { probeStep, toProbeError } from './toProbeError';

/** The newest metadata.yaml layout we know (rosbag2 Jazzy and Rolling as of 2025). */
const LATEST_METADATA_VERSION = 9;

/**
 * Probes a rosbag2 folder: metadata.yaml for what the recorder claims, then every storage file
 * (SQLite .db3 or .mcap) for what is actually there. Counts, topics and times come from the data;
 * where metadata.yaml disagrees (it can: see the wbag fixture), both are reported and
 * `metadataMismatch` is set. Split bags number topics differently in each file, so topics are
 * merged by name.
 */
export async function probeRos2Bag(dir: string, options: ProbeOptions = {}): Promise<Ros2BagProbe> {
  const depth = options.depth ?? 'full';
  try {
    const { status, metadata } = await inspectRos2Folder(dir);
    if (!status.complete || !metadata) throw new ProbeError(dir, status.reason ?? 'incomplete rosbag2 folder');
    if (metadata.compressionMode.toLowerCase() === 'file') {
      throw new ProbeError(dir, `storage files are compressed whole (${metadata.compressionFormat}); the probe reads only uncompressed storage`);
    }
    const warnings: string[] = [];
    if (metadata.version > LATEST_METADATA_VERSION) {
      warnings.push(`metadata.yaml version ${metadata.version} is newer than ${LATEST_METADATA_VERSION}; read with the version ${LATEST_METADATA_VERSION} rules`);
    }
    const files: Ros2FileProbe[] = [];
    const topics = new Map<string, Ros2TopicProbe>();
    const range = new NanoRange();
    let rosDistro = metadata.rosDistro;
    for (const file of status.files) {
      const tally = await probeStep(dir, file.relativePath, () => probeStorageFile(file.path, metadata.storageIdentifier, depth));
      files.push({ relativePath: file.relativePath, size: file.size ?? 0, messageCount: tally.messageCount, ...tally.range.toSpan() });
      range.merge(tally.range);
      rosDistro ??= tally.rosDistro;
      const fileWarnings = [...tally.warnings];
      for (const topic of tally.topics) mergeTopic(topics, topic, fileWarnings);
      warnings.push(...fileWarnings.map((warning) => `${file.relativePath}: ${warning}`));
    }
    const topicList = [...topics.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    const messageCount = files.reduce((sum, file) => sum + file.messageCount, 0);
    const mismatches = compareRos2Metadata(metadata, { files, topics: topicList, messageCount, range });
    return {
      format: 'ros2',
      path: dir,
      depth,
      metadataVersion: metadata.version,
      storageIdentifier: metadata.storageIdentifier,
      rosDistro,
      compressionFormat: metadata.compressionFormat,
      compressionMode: metadata.compressionMode,
      files,
      topics: topicList,
      messageCount,
      ...range.toSpan(),
      metadataStart: metadata.startNanos === null ? null : toTimePoint(metadata.startNanos),
      metadataDuration: nanosToSeconds(metadata.durationNanos),
      metadataDurationNanos: metadata.durationNanos.toString(),
      metadataMessageCount: metadata.messageCount,
      metadataMismatch: mismatches.length > 0,
      mismatches,
      warnings,
    };
  } catch (error) {
    throw toProbeError(dir, error);
  }
}

async function probeStorageFile(path: string, storageIdentifier: string, depth: ProbeDepth): Promise<StorageFileTally> {
  const kind = storageIdentifier || (path.endsWith('.mcap') ? 'mcap' : path.endsWith('.db3') ? 'sqlite3' : '');
  if (kind === 'sqlite3') return probeDb3File(path, depth);
  if (kind === 'mcap') return mcapTally(await probeMcap(path, { depth }));
  throw new Error(`unsupported storage_identifier '${storageIdentifier}'`);
}

/** An MCAP storage file seen as rosbag2 topics: the schema name is the type, the encoding the format. */
function mcapTally(probe: McapProbe): StorageFileTally {
  const topics = new Map<string, Ros2TopicProbe>();
  const warnings = [...probe.warnings];
  for (const channel of probe.channels) {
    const { topic, schemaName: type, messageEncoding: serializationFormat, messageCount, hasDefinition } = channel;
    mergeTopic(topics, { topic, type, serializationFormat, messageCount, hasDefinition }, warnings);
  }
  const range = new NanoRange();
  if (probe.start && probe.end) {
    range.add(BigInt(probe.start.unixNanos));
    range.add(BigInt(probe.end.unixNanos));
  }
  return { messageCount: probe.messageCount, range, topics: [...topics.values()], rosDistro: null, warnings };
}

function mergeTopic(topics: Map<string, Ros2TopicProbe>, topic: Ros2TopicProbe, warnings: string[]): void {
  const existing = topics.get(topic.topic);
  if (!existing) {
    topics.set(topic.topic, { ...topic });
    return;
  }
  if (existing.type !== topic.type) warnings.push(`topic ${topic.topic} has type ${topic.type} and also ${existing.type}`);
  existing.messageCount += topic.messageCount;
  existing.hasDefinition ||= topic.hasDefinition;
}
