/** What the indexer does with a topic's messages. */
export type TopicKind = 'image' | 'compressedImage' | 'pointCloud' | 'gps' | 'imu' | 'scalars' | 'count';

const EXTRACTED: Readonly<Record<string, TopicKind>> = {
  'sensor_msgs/Image': 'image',
  'sensor_msgs/CompressedImage': 'compressedImage',
  'sensor_msgs/PointCloud2': 'pointCloud',
  'sensor_msgs/NavSatFix': 'gps',
  'sensor_msgs/Imu': 'imu',
};

/** The Sensors constant (wire protocol §4) of each kind. */
export const SENSOR_TYPE: Readonly<Record<TopicKind, string>> = {
  image: 'camera', compressedImage: 'camera', pointCloud: 'lidar', gps: 'gps', imu: 'imu', scalars: 'generic', count: 'generic',
};

export interface TopicSelection {
  /** Only these topics are indexed (the client's `topics`); undefined: all. */
  topics: readonly string[] | undefined;
  /** Topic → sensor name (the `sensors` map form). */
  sensorNames: Readonly<Record<string, string>>;
  /** Topics whose numeric fields become scalars although `topics` does not name them; `*` for all. */
  scalarTopics: readonly string[];
}

/** Topic names compare without their leading slash: `topics: ["imu/data"]` means `/imu/data`. */
export function sameTopic(a: string, b: string): boolean {
  return a.replace(/^\/+/, '') === b.replace(/^\/+/, '');
}

export function isSelected(topic: string, selection: TopicSelection): boolean {
  return selection.topics === undefined || selection.topics.some((t) => sameTopic(t, topic));
}

/**
 * Extracted types become media, geolocation or IMU measurements. Any other type becomes scalar
 * entities (its numeric fields) only where someone asked for that topic: named in `topics`, or in
 * indexing_parameters.scalar_topics; otherwise its messages are only counted.
 */
export function kindOf(type: string, topic: string, selection: TopicSelection): TopicKind {
  const extracted = EXTRACTED[type];
  if (extracted) return extracted;
  const asked = (selection.topics?.some((t) => sameTopic(t, topic)) ?? false)
    || selection.scalarTopics.some((t) => t === '*' || sameTopic(t, topic));
  return asked ? 'scalars' : 'count';
}

/** The sensor of a topic: as `sensors` maps it, else the topic without its leading slash, `/` → `_`. */
export function sensorNameOf(topic: string, selection: TopicSelection): string {
  for (const [from, to] of Object.entries(selection.sensorNames)) if (sameTopic(from, topic)) return to;
  const name = topic.replace(/^\/+/, '').replace(/\//g, '_');
  return name === '' ? 'root' : name;
}
