import { z } from 'zod';
import { mcapProbeSchema, ros1BagProbeSchema, ros2BagProbeSchema } from '../../../../shared/ingest/bagProbeSchemas';

/** One topic of a recording as the preview table shows it. */
export interface TopicRow {
  topic: string;
  type: string;
  count: number;
  /** Messages per second over the whole recording; null when it has no duration. */
  rateHz: number | null;
}

export interface RecordingSummary {
  format: 'ros1' | 'ros2' | 'mcap';
  topics: TopicRow[];
  messageCount: number;
  start: string | null;
  end: string | null;
  durationSeconds: number | null;
  warnings: string[];
}

const probeSchema = z.discriminatedUnion('format', [ros1BagProbeSchema, ros2BagProbeSchema, mcapProbeSchema]);

/**
 * A ROS 1 bag, a ROS 2 bag folder or an MCAP file, reduced to one table: topic, type, count and
 * rate (count / duration). MCAP channels sharing a topic and type are one row, as a person thinks
 * of them. Undefined when the probe is not a recording's.
 */
export function recordingSummary(probe: unknown): RecordingSummary | undefined {
  const parsed = probeSchema.safeParse(probe);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  const raw = p.format === 'mcap' ? p.channels.map((c) => ({ topic: c.topic, type: c.schemaName || '(no schema)', messageCount: c.messageCount })) : p.topics;
  const merged = new Map<string, TopicRow>();
  for (const t of raw) {
    const key = `${t.topic}\u0000${t.type}`;
    const row = merged.get(key) ?? { topic: t.topic, type: t.type, count: 0, rateHz: null };
    row.count += t.messageCount;
    merged.set(key, row);
  }
  const duration = p.durationSeconds;
  const topics = [...merged.values()]
    .map((row) => ({ ...row, rateHz: duration !== null && duration > 0 ? row.count / duration : null }))
    .sort((a, b) => a.topic.localeCompare(b.topic));
  const warnings = p.format === 'ros1' ? [] : p.format === 'ros2' ? [...p.mismatches, ...p.warnings] : p.warnings;
  return { format: p.format, topics, messageCount: p.messageCount, start: p.start?.iso ?? null, end: p.end?.iso ?? null, durationSeconds: duration, warnings };
}
