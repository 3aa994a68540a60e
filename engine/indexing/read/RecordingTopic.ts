/** How a channel's messages are serialized. */
export type MessageEncoding = 'ros1' | 'cdr' | 'json' | 'other';

/**
 * One channel of a recording: a ROS 1 connection, a rosbag2 topic of one storage file, or an
 * MCAP channel. Several channels may share a topic (ROS 1 publishers, split rosbag2 files).
 */
export interface RecordingTopic {
  /** Unique within the recording; decoders are kept per key. */
  key: string;
  topic: string;
  /** The type the ROS 1 way (`sensor_msgs/Image`), whatever the file calls it. */
  type: string;
  /** The type as the file names it (`sensor_msgs/msg/Image`). */
  rawType: string;
  encoding: MessageEncoding;
  /** The raw message encoding when it is `other` (protobuf, flatbuffer, ...), for notes. */
  encodingName: string;
  /** The definition the file carries: schema encoding (`ros1msg`, `ros2msg`, `jsonschema`...) and text. */
  definition: { encoding: string; text: string } | undefined;
}

export interface RecordingMessage {
  topic: RecordingTopic;
  /** When the recorder received it (ROS 1 record time, rosbag2 timestamp, MCAP log_time). */
  logTimeNs: bigint;
  data: Uint8Array;
}

/** `sensor_msgs/msg/Image` → `sensor_msgs/Image`; other names are kept. */
export function ros1TypeName(type: string): string {
  const parts = type.split('/');
  return parts.length === 3 && parts[1] === 'msg' ? `${parts[0]}/${parts[2]}` : type;
}
