// metadata.yaml of a rosbag2 folder, written the way rosbag2 (yaml-cpp) lays it out, in the two
// variants the fixtures and current ROS releases use: version 5 (humble: per-file `files` list) and
// version 8 (jazzy: adds type_description_hash, custom_data and ros_distro).

export type Rosbag2MetadataVersion = 5 | 8;

/** A topic of a ROS 2 bag. */
export interface Ros2Topic {
  name: string;
  /** `package/msg/Type`. */
  type: string;
  serializationFormat?: string;
  offeredQosProfiles?: string;
  typeDescriptionHash?: string;
  /** For the message_definitions table (db3, version 8) and MCAP schemas. */
  messageDefinition?: { encoding: 'ros2msg' | 'ros2idl'; text: string };
}

export interface Rosbag2FileInfo { path: string; startingTimeNs: bigint; durationNs: bigint; messageCount: number }

export interface Rosbag2BagInfo {
  version: Rosbag2MetadataVersion;
  storageIdentifier: 'sqlite3' | 'mcap';
  startingTimeNs: bigint;
  durationNs: bigint;
  messageCount: number;
  topics: ReadonlyArray<{ topic: Ros2Topic; messageCount: number }>;
  files: readonly Rosbag2FileInfo[];
  rosDistro: string;
}

/** A YAML scalar: plain when unambiguous, otherwise double-quoted (JSON escapes are valid YAML). */
function scalar(value: string): string {
  return /^[A-Za-z0-9_/.-]+$/.test(value) && !/^[-.]/.test(value) ? value : JSON.stringify(value);
}

function indent(lines: readonly string[], spaces: number): string[] {
  return lines.map((line) => ' '.repeat(spaces) + line);
}

/** The bag information, unindented and without the root key (the form rosbag2 stores inside storage files). */
export function rosbag2SerializedMetadata(info: Rosbag2BagInfo): string {
  const topicLines = info.topics.flatMap(({ topic, messageCount }) => [
    '- topic_metadata:',
    `    name: ${scalar(topic.name)}`,
    `    type: ${scalar(topic.type)}`,
    `    serialization_format: ${scalar(topic.serializationFormat ?? 'cdr')}`,
    `    offered_qos_profiles: ${JSON.stringify(topic.offeredQosProfiles ?? '')}`,
    ...(info.version >= 8 ? [`    type_description_hash: ${JSON.stringify(topic.typeDescriptionHash ?? '')}`] : []),
    `  message_count: ${messageCount}`,
  ]);
  const fileLines = info.files.flatMap((file) => [
    `- path: ${scalar(file.path)}`,
    '  starting_time:',
    `    nanoseconds_since_epoch: ${file.startingTimeNs}`,
    '  duration:',
    `    nanoseconds: ${file.durationNs}`,
    `  message_count: ${file.messageCount}`,
  ]);
  const lines = [
    `version: ${info.version}`,
    `storage_identifier: ${info.storageIdentifier}`,
    'duration:',
    `  nanoseconds: ${info.durationNs}`,
    'starting_time:',
    `  nanoseconds_since_epoch: ${info.startingTimeNs}`,
    `message_count: ${info.messageCount}`,
    'topics_with_message_count:',
    ...(topicLines.length > 0 ? indent(topicLines, 2) : ['  []']),
    'compression_format: ""',
    'compression_mode: ""',
    'relative_file_paths:',
    ...indent(info.files.map((file) => `- ${scalar(file.path)}`), 2),
    'files:',
    ...indent(fileLines, 2),
    ...(info.version >= 8 ? ['custom_data: ~', `ros_distro: ${scalar(info.rosDistro)}`] : []),
  ];
  return lines.join('\n');
}

/** The content of metadata.yaml. */
export function rosbag2MetadataYaml(info: Rosbag2BagInfo): string {
  const body = rosbag2SerializedMetadata(info).split('\n');
  return ['rosbag2_bagfile_information:', ...indent(body, 2)].join('\n') + '\n';
}
