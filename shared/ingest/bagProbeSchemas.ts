// What the ingestion core learns about a recording before a byte is sent. These objects are stored
// as asset metadata (under `aux`) and read back by the indexer and the UI, so they are plain JSON:
// no bigint (nanoseconds travel as decimal strings), no Map, no undefined-vs-missing ambiguity.

import { z } from 'zod';

const count = z.number().int().nonnegative();

export const timePointSchema = z.object({
  sec: count,
  nsec: z.number().int().min(0).max(999_999_999),
  iso: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/),
  unixNanos: z.string().regex(/^\d{1,20}$/),
});
export type TimePointDto = z.infer<typeof timePointSchema>;

/** How much of the file a probe read: its own index/summary only, or every chunk and record. */
export const probeDepthSchema = z.enum(['index', 'full']);
export type ProbeDepth = z.infer<typeof probeDepthSchema>;

/** Start/end of the messages actually present; null (and duration null) when there are none. */
const timeSpanShape = {
  start: timePointSchema.nullable(),
  end: timePointSchema.nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
};

/** Every single-file probe names the file, its size when probed, and how deep it read. */
const fileShape = {
  path: z.string(),
  fileSize: count,
  depth: probeDepthSchema,
};

export const completenessSchema = z.object({
  complete: z.boolean(),
  reason: z.string().optional(),
});
export type Completeness = z.infer<typeof completenessSchema>;

export const ros2FolderFileSchema = z.object({
  /** As listed in metadata.yaml. */
  relativePath: z.string(),
  /** Where the file was looked for. */
  path: z.string(),
  exists: z.boolean(),
  /** Bytes; null when the file is missing. Callers compare two readings to decide it is stable. */
  size: count.nullable(),
});

export const ros2FolderStatusSchema = completenessSchema.extend({
  metadataVersion: z.number().int().nullable(),
  storageIdentifier: z.string().nullable(),
  files: z.array(ros2FolderFileSchema),
});
export type Ros2FolderStatus = z.infer<typeof ros2FolderStatusSchema>;

export const ros1TopicProbeSchema = z.object({
  topic: z.string(),
  type: z.string(),
  md5: z.string(),
  messageCount: count,
  /** Connections (publishers) recorded on this topic with this type. */
  connections: count,
  /** True when at least one connection carries a non-empty message_definition. */
  hasDefinition: z.boolean(),
});
export type Ros1TopicProbe = z.infer<typeof ros1TopicProbeSchema>;

export const ros1BagProbeSchema = z.object({
  format: z.literal('ros1'),
  ...fileShape,
  version: z.literal('2.0'),
  /** Chunk compressions seen, sorted: `none`, `bz2`, `lz4`. */
  compressions: z.array(z.string()),
  topics: z.array(ros1TopicProbeSchema),
  connectionCount: count,
  chunkCount: count,
  messageCount: count,
  ...timeSpanShape,
});
export type Ros1BagProbe = z.infer<typeof ros1BagProbeSchema>;

export const mcapChannelProbeSchema = z.object({
  channelId: count,
  topic: z.string(),
  /** Empty when the channel has no schema (schema id 0). */
  schemaName: z.string(),
  schemaEncoding: z.string(),
  messageEncoding: z.string(),
  messageCount: count,
  /** True when the channel's schema record carries non-empty data. */
  hasDefinition: z.boolean(),
});
export type McapChannelProbe = z.infer<typeof mcapChannelProbeSchema>;

export const mcapProbeSchema = z.object({
  format: z.literal('mcap'),
  ...fileShape,
  profile: z.string(),
  library: z.string(),
  /** False for files written without a summary section (footer summary_start 0). */
  hasSummary: z.boolean(),
  channels: z.array(mcapChannelProbeSchema),
  messageCount: count,
  chunkCount: count,
  /** Chunk compressions seen, sorted; `none` for uncompressed chunks. Empty for unchunked files. */
  compressions: z.array(z.string()),
  attachmentCount: count,
  metadataCount: count,
  /** Non-fatal inconsistencies, e.g. a Statistics record that disagrees with the records counted. */
  warnings: z.array(z.string()),
  ...timeSpanShape,
});
export type McapProbe = z.infer<typeof mcapProbeSchema>;

export const ros2TopicProbeSchema = z.object({
  topic: z.string(),
  type: z.string(),
  serializationFormat: z.string(),
  messageCount: count,
  /** db3: a message_definitions row with a known encoding; mcap: a schema with data. */
  hasDefinition: z.boolean(),
});
export type Ros2TopicProbe = z.infer<typeof ros2TopicProbeSchema>;

export const ros2FileProbeSchema = z.object({
  relativePath: z.string(),
  size: count,
  messageCount: count,
  ...timeSpanShape,
});
export type Ros2FileProbe = z.infer<typeof ros2FileProbeSchema>;

export const ros2BagProbeSchema = z.object({
  format: z.literal('ros2'),
  path: z.string(),
  depth: probeDepthSchema,
  metadataVersion: z.number().int(),
  storageIdentifier: z.string(),
  /** `ros_distro` from metadata (v8+) or the db3 schema table; null when neither says. */
  rosDistro: z.string().nullable(),
  compressionFormat: z.string(),
  compressionMode: z.string(),
  files: z.array(ros2FileProbeSchema),
  topics: z.array(ros2TopicProbeSchema),
  messageCount: count,
  ...timeSpanShape,
  /** What metadata.yaml claims; the fields above are computed from the storage files. */
  metadataStart: timePointSchema.nullable(),
  metadataDuration: z.number().nonnegative(),
  metadataDurationNanos: z.string().regex(/^\d{1,20}$/),
  metadataMessageCount: count,
  metadataMismatch: z.boolean(),
  /** One line per disagreement between metadata.yaml and the data. */
  mismatches: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type Ros2BagProbe = z.infer<typeof ros2BagProbeSchema>;
