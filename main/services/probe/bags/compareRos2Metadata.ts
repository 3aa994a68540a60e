import type { Ros2FileProbe, Ros2TopicProbe } from '../../../../shared/ingest/bagProbeSchemas';
import type { NanoRange } from './NanoRange';
import type { Ros2Metadata } from './readRos2Metadata';

export interface Ros2DataSummary {
  files: Ros2FileProbe[];
  topics: Ros2TopicProbe[];
  messageCount: number;
  range: NanoRange;
}

/**
 * Lists every way metadata.yaml disagrees with the storage files, one readable line each. The
 * recorder writes metadata.yaml from its own bookkeeping, which can drift from what reached the
 * files (a split or a crash at the wrong moment), so the data wins and the caller sees both.
 */
export function compareRos2Metadata(metadata: Ros2Metadata, data: Ros2DataSummary): string[] {
  const out: string[] = [];
  if (metadata.messageCount !== data.messageCount) {
    out.push(`message_count: metadata says ${metadata.messageCount}, the storage files hold ${data.messageCount}`);
  }
  const dataStart = data.range.start ?? null;
  if (metadata.startNanos !== dataStart) {
    out.push(`starting_time: metadata says ${metadata.startNanos ?? 'none'} ns, the first message is at ${dataStart ?? 'none'} ns`);
  }
  const dataDuration = data.range.start !== undefined && data.range.end !== undefined ? data.range.end - data.range.start : 0n;
  if (metadata.durationNanos !== dataDuration) {
    out.push(`duration: metadata says ${metadata.durationNanos} ns, the messages span ${dataDuration} ns`);
  }
  const byName = new Map(data.topics.map((topic) => [topic.topic, topic]));
  for (const listed of metadata.topics) {
    const found = byName.get(listed.name);
    byName.delete(listed.name);
    if (!found) {
      out.push(`topic ${listed.name}: listed in metadata, absent from the storage files`);
      continue;
    }
    if (found.messageCount !== listed.messageCount) {
      out.push(`topic ${listed.name}: metadata says ${listed.messageCount} messages, the storage files hold ${found.messageCount}`);
    }
    if (found.type !== listed.type) out.push(`topic ${listed.name}: metadata says type ${listed.type}, the storage files ${found.type}`);
  }
  for (const name of byName.keys()) out.push(`topic ${name}: in the storage files, not listed in metadata`);
  for (const file of data.files) {
    const listed = metadata.fileMessageCounts?.get(file.relativePath);
    if (listed !== undefined && listed !== file.messageCount) {
      out.push(`file ${file.relativePath}: metadata says ${listed} messages, it holds ${file.messageCount}`);
    }
  }
  return out;
}
