import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MessageSource, RawMessage } from './rawMessage';
import { Rosbag2Counts, type Ros2BagSummary } from './Rosbag2Counts';
import { rosbag2MetadataYaml, rosbag2SerializedMetadata, type Ros2Topic, type Rosbag2MetadataVersion } from './rosbag2MetadataYaml';
import { writeMcap, type McapChannelSpec, type McapCompression } from './writeMcap';

// A rosbag2 folder with mcap storage: `<name>_0.mcap` (profile ros2, ros2msg schemas, cdr
// channels carrying offered_qos_profiles and topic_type_hash metadata, as rosbag2_storage_mcap
// writes them) plus metadata.yaml. Version 8 also embeds the bag metadata in a `rosbag2` Metadata
// record, as iron and later do.

export interface WriteRos2McapBagOptions {
  metadataVersion?: Rosbag2MetadataVersion;
  /** Base name of the storage file (`<name>_0.mcap`); defaults to the folder name. */
  name?: string;
  compression?: McapCompression;
  chunkSize?: number;
  rosDistro?: string;
}

function channelFor(topic: Ros2Topic): McapChannelSpec {
  if (!topic.messageDefinition) throw new Error(`topic ${topic.name} has no message definition for its MCAP schema`);
  return {
    topic: topic.name,
    messageEncoding: topic.serializationFormat ?? 'cdr',
    schema: { name: topic.type, encoding: topic.messageDefinition.encoding, data: Buffer.from(topic.messageDefinition.text, 'utf8') },
    metadata: { offered_qos_profiles: topic.offeredQosProfiles ?? '', topic_type_hash: topic.typeDescriptionHash ?? '' },
  };
}

async function* counted(messages: MessageSource, counts: Rosbag2Counts): AsyncGenerator<RawMessage> {
  for await (const message of messages) {
    counts.add(message.topic, message.logTimeNs);
    yield message;
  }
}

/** Writes a rosbag2 mcap folder from serialized CDR messages. */
export async function writeRos2McapBag(
  dir: string,
  input: { topics: readonly Ros2Topic[]; messages: MessageSource },
  options: WriteRos2McapBagOptions = {},
): Promise<Ros2BagSummary> {
  const version = options.metadataVersion ?? 8;
  const rosDistro = options.rosDistro ?? (version >= 8 ? 'jazzy' : 'humble');
  const fileName = `${options.name ?? basename(dir)}_0.mcap`;
  await mkdir(dir, { recursive: true });
  const counts = new Rosbag2Counts();
  counts.startFile(fileName);
  const bagInfo = (): ReturnType<Rosbag2Counts['info']> =>
    counts.info({ version, storageIdentifier: 'mcap', topics: input.topics, rosDistro });
  await writeMcap(join(dir, fileName), {
    profile: 'ros2',
    channels: input.topics.map(channelFor),
    messages: counted(input.messages, counts),
    metadata: () => (version >= 8 ? [{ name: 'rosbag2', metadata: { serialized_metadata: rosbag2SerializedMetadata(bagInfo()) } }] : []),
  }, {
    compression: options.compression ?? 'none',
    library: 'scenedock test writer (rosbag2_storage_mcap layout)',
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
  });
  await writeFile(join(dir, 'metadata.yaml'), rosbag2MetadataYaml(bagInfo()));
  return counts.summary(dir);
}
