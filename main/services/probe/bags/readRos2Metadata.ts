// rosbag2's metadata.yaml, versions 1 to 9 as rosbag2_storage writes them:
//   v3 added compression_format/compression_mode; v4 made offered_qos_profiles mandatory (a YAML
//   document inside a string) and relative_file_paths relative to the bag folder (before, they
//   started with the folder's own name); v5 added `files` (per-file start, duration, count);
//   v6 custom_data; v7 type_description_hash; v8 ros_distro; v9 writes offered_qos_profiles as a
//   real YAML sequence with enum names. The schema below accepts all of these and ignores keys it
//   does not know, so that a newer writer's additions do not make a finished bag look broken.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const METADATA_FILE = 'metadata.yaml';
/** Real metadata files are kilobytes; this only keeps a stray huge file from being read whole. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;
/** rosbag2 writes time_point::max() as the start of a bag without messages. */
const NO_START = 9_223_372_036_854_775_807n;

// The YAML is parsed with integers as bigint: start times in nanoseconds exceed 2^53.
const integer = z.union([z.bigint(), z.number().int()]).transform((value) => BigInt(value));
const smallInteger = integer.refine((value) => value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER), 'out of range').transform(Number);
const nanoseconds = z.looseObject({ nanoseconds: integer });
const startingTime = z.looseObject({ nanoseconds_since_epoch: integer });
const text = z.string().nullish().transform((value) => value ?? '');

const topicSchema = z.looseObject({
  topic_metadata: z.looseObject({
    name: z.string(),
    type: z.string(),
    serialization_format: text,
  }),
  message_count: smallInteger,
});

const bagSchema = z.looseObject({
  version: smallInteger,
  storage_identifier: text,
  relative_file_paths: z.array(z.string()).nullish().transform((value) => value ?? []),
  duration: nanoseconds,
  starting_time: startingTime,
  message_count: smallInteger,
  topics_with_message_count: z.array(topicSchema).nullish().transform((value) => value ?? []),
  compression_format: text,
  compression_mode: text,
  files: z.array(z.looseObject({ path: z.string(), message_count: smallInteger })).nullish(),
  ros_distro: z.string().nullish(),
});

const metadataFileSchema = z.looseObject({ rosbag2_bagfile_information: bagSchema });

export interface Ros2MetadataTopic {
  name: string;
  type: string;
  serializationFormat: string;
  messageCount: number;
}

export interface Ros2Metadata {
  version: number;
  storageIdentifier: string;
  relativeFilePaths: string[];
  /** null when the bag has no messages (rosbag2 then writes the int64 maximum). */
  startNanos: bigint | null;
  durationNanos: bigint;
  messageCount: number;
  topics: Ros2MetadataTopic[];
  compressionFormat: string;
  compressionMode: string;
  rosDistro: string | null;
  /** v5+: message count per storage file, by the path as listed. */
  fileMessageCounts: Map<string, number> | null;
}

/** Reads and validates `<dir>/metadata.yaml`; throws an Error whose message is the reason. */
export async function readRos2Metadata(dir: string): Promise<Ros2Metadata> {
  const path = join(dir, METADATA_FILE);
  const { size } = await stat(path);
  if (size > MAX_METADATA_BYTES) throw new Error(`${METADATA_FILE} is ${size} bytes, too large to be rosbag2 metadata`);
  let document: unknown;
  try {
    document = parse(await readFile(path, 'utf8'), { intAsBigInt: true });
  } catch (error) {
    throw new Error(`${METADATA_FILE} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = metadataFileSchema.safeParse(document);
  if (!result.success) throw new Error(`${METADATA_FILE} is not rosbag2 metadata: ${z.prettifyError(result.error)}`);
  const bag = result.data.rosbag2_bagfile_information;
  const start = bag.starting_time.nanoseconds_since_epoch;
  return {
    version: bag.version,
    storageIdentifier: bag.storage_identifier,
    relativeFilePaths: bag.relative_file_paths,
    startNanos: start === NO_START ? null : start,
    durationNanos: bag.duration.nanoseconds,
    messageCount: bag.message_count,
    topics: bag.topics_with_message_count.map(({ topic_metadata, message_count }) => ({
      name: topic_metadata.name,
      type: topic_metadata.type,
      serializationFormat: topic_metadata.serialization_format,
      messageCount: message_count,
    })),
    compressionFormat: bag.compression_format,
    compressionMode: bag.compression_mode,
    rosDistro: bag.ros_distro ?? null,
    fileMessageCounts: bag.files ? new Map(bag.files.map((file) => [file.path, file.message_count])) : null,
  };
}
