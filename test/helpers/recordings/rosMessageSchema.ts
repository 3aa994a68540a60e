import { parse } from '@foxglove/rosmsg';
import { computeRos1Md5 } from './computeRos1Md5';
import { rosTypeDefinitions, type RosTypeName } from './rosTypeDefinitions';

export type RosFlavor = 'ros1' | 'ros2';

/** A parsed message definition, as @foxglove/rosmsg returns it. */
export type MessageDefinition = ReturnType<typeof parse>[number];

export interface RosMessageSchema {
  flavor: RosFlavor;
  /** `sensor_msgs/Image` (ROS 1) or `sensor_msgs/msg/Image` (ROS 2), as bags and MCAP name them. */
  typeName: string;
  /** MCAP schema encoding of `text`. */
  schemaEncoding: 'ros1msg' | 'ros2msg';
  /** Root text followed by every dependency in `MSG:` sections, as rosbag and rosbag2 store it. */
  text: string;
  /** ROS 1 only: the genmsg md5sum of the type. */
  md5sum?: string;
  /** `text` parsed by @foxglove/rosmsg, ready for its message writers and readers. */
  definitions: MessageDefinition[];
}

const SEPARATOR = '='.repeat(80);

/** `sensor_msgs/Image` -> `sensor_msgs/msg/Image`. */
export function ros2TypeName(type: string): string {
  const [pkg, name] = type.split('/');
  return name === undefined ? type : `${pkg}/msg/${name}`;
}

function dependencyOrder(type: RosTypeName, flavor: RosFlavor, seen: Set<RosTypeName>): RosTypeName[] {
  const definition = rosTypeDefinitions[type];
  const direct = flavor === 'ros1' ? definition.ros1Deps : definition.ros2Deps;
  const order: RosTypeName[] = [];
  // Pre-order, first occurrence wins: the order genmsg writes dependencies in.
  for (const dep of direct) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    order.push(dep, ...dependencyOrder(dep, flavor, seen));
  }
  return order;
}

function textOf(type: RosTypeName, flavor: RosFlavor): string {
  const text = rosTypeDefinitions[type][flavor];
  if (text === undefined) throw new Error(`${type} has no ${flavor} definition`);
  return text;
}

const cache = new Map<string, RosMessageSchema>();

/** The schema of one known message type in one ROS flavour (cached: schemas are immutable). */
export function rosMessageSchema(type: RosTypeName, flavor: RosFlavor): RosMessageSchema {
  const key = `${flavor}:${type}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const sections = [textOf(type, flavor)];
  for (const dep of dependencyOrder(type, flavor, new Set([type]))) {
    // Both rosbag (ROS 1) and rosbag2 (ROS 2) name sections `pkg/Type`, without `/msg/`.
    sections.push(`${SEPARATOR}\nMSG: ${dep}\n${textOf(dep, flavor)}`);
  }
  const text = sections.join('\n');
  const schema: RosMessageSchema = flavor === 'ros1'
    ? {
        flavor, typeName: type, schemaEncoding: 'ros1msg', text,
        md5sum: computeRos1Md5(text, type),
        definitions: parse(text),
      }
    : {
        flavor, typeName: ros2TypeName(type), schemaEncoding: 'ros2msg', text,
        definitions: parse(text, { ros2: true }),
      };
  cache.set(key, schema);
  return schema;
}
