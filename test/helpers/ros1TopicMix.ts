import type { Ros1TestConnection, Ros1TestMessage } from './writeRos1Bag';

/** Three connections, two of them on /scan with different types (the indexer must decode each apart). */
export const ROS1_TOPIC_MIX: Ros1TestConnection[] = [
  { conn: 0, topic: '/camera/info', type: 'sensor_msgs/CameraInfo', md5: 'c9a58c1b0b154e0e6da7578cb991d214', definition: 'uint32 height\nuint32 width\n' },
  { conn: 1, topic: '/scan', type: 'sensor_msgs/LaserScan', md5: '90c7ef2dc6895d81024acba2ac42f369', definition: 'float32[] ranges\n' },
  { conn: 2, topic: '/scan', type: 'custom_msgs/Scan', md5: '0123456789abcdef0123456789abcdef', definition: '' },
];

export interface TopicMixTiming {
  perSecond?: number;
  bytes?: number;
  /** Added to every nanosecond field, so that times are not all round. */
  nsecOffset?: number;
}

/** Messages round-robin over ROS1_TOPIC_MIX, `perSecond` of them per second from 1,700,000,000 s. */
export function* ros1TopicMixMessages(count: number, { perSecond = 100, bytes = 200, nsecOffset = 7 }: TopicMixTiming = {}): Generator<Ros1TestMessage> {
  const step = 1_000_000_000 / perSecond;
  for (let i = 0; i < count; i++) {
    yield { conn: i % 3, sec: 1_700_000_000 + Math.floor(i / perSecond), nsec: (i % perSecond) * step + nsecOffset, data: new Uint8Array(bytes).fill(i % 251) };
  }
}
