import type { MessageEncoding } from './encodeRosMessage';
import { jsonSchemaForRosType } from './jsonSchemaForRosType';
import type { Ros2Topic } from './rosbag2MetadataYaml';
import { rosMessageSchema } from './rosMessageSchema';
import type { SensorMessageType } from './sensorMessages';
import type { McapChannelSpec } from './writeMcap';
import type { Ros1Connection } from './writeRos1Bag';

// How one typed topic is declared in each recording format: a ROS 1 connection, a rosbag2 topic,
// or an MCAP channel with its schema for the ros1, ros2 and json profiles.

export type McapProfile = 'ros1' | 'ros2' | 'json';

export interface TypedTopic { topic: string; type: SensorMessageType }

/** QoS of a default reliable, volatile publisher, in the YAML form rosbag2 records (jazzy). */
export const DEFAULT_OFFERED_QOS = [
  '- history: 3', '  depth: 0', '  reliability: 1', '  durability: 2',
  '  deadline:', '    sec: 9223372036', '    nsec: 854775807',
  '  lifespan:', '    sec: 9223372036', '    nsec: 854775807',
  '  liveliness: 1',
  '  liveliness_lease_duration:', '    sec: 9223372036', '    nsec: 854775807',
  '  avoid_ros_namespace_conventions: false',
].join('\n');

export function ros1ConnectionFor(topic: TypedTopic, callerid = '/scenedock_drive'): Ros1Connection {
  const schema = rosMessageSchema(topic.type, 'ros1');
  return { topic: topic.topic, type: schema.typeName, md5sum: schema.md5sum ?? '*', messageDefinition: schema.text, callerid, latching: false };
}

export function ros2TopicFor(topic: TypedTopic): Ros2Topic {
  const schema = rosMessageSchema(topic.type, 'ros2');
  return {
    name: topic.topic, type: schema.typeName, serializationFormat: 'cdr', offeredQosProfiles: DEFAULT_OFFERED_QOS,
    typeDescriptionHash: '', messageDefinition: { encoding: 'ros2msg', text: schema.text },
  };
}

/** The message encoding each MCAP profile carries. */
export function messageEncodingFor(profile: McapProfile): MessageEncoding {
  switch (profile) {
    case 'ros1': return 'ros1';
    case 'ros2': return 'cdr';
    case 'json': return 'json';
  }
}

export function mcapChannelFor(topic: TypedTopic, profile: McapProfile): McapChannelSpec {
  if (profile === 'json') {
    return {
      topic: topic.topic, messageEncoding: 'json',
      schema: { name: topic.type, encoding: 'jsonschema', data: Buffer.from(JSON.stringify(jsonSchemaForRosType(topic.type)), 'utf8') },
    };
  }
  const schema = rosMessageSchema(topic.type, profile);
  const data = Buffer.from(schema.text, 'utf8');
  return profile === 'ros1'
    ? { topic: topic.topic, messageEncoding: 'ros1', schema: { name: schema.typeName, encoding: 'ros1msg', data },
        metadata: { md5sum: schema.md5sum ?? '', callerid: '/scenedock_drive', latching: '0' } }
    : { topic: topic.topic, messageEncoding: 'cdr', schema: { name: schema.typeName, encoding: 'ros2msg', data },
        metadata: { offered_qos_profiles: DEFAULT_OFFERED_QOS, topic_type_hash: '' } };
}
