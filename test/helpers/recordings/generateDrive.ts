import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DriveScenario, type DriveOptions, type DriveSample, type DriveTopicKind } from './DriveScenario';
import { encodeRosMessage, type MessageEncoding } from './encodeRosMessage';
import type { RawMessage } from './rawMessage';
import { ros2TypeName } from './rosMessageSchema';
import { mcapChannelFor, messageEncodingFor, ros1ConnectionFor, ros2TopicFor, type McapProfile } from './topicDeclarations';
import { writeMcap, type WriteMcapOptions } from './writeMcap';
import { writeRos1Bag, type WriteRos1BagOptions } from './writeRos1Bag';
import { writeRos2Db3Bag, type WriteRos2Db3BagOptions } from './writeRos2Db3Bag';
import { writeRos2McapBag, type WriteRos2McapBagOptions } from './writeRos2McapBag';

// One synthetic drive (cameras, lidar, GPS, IMU, notes) written to any recording format, with the
// exact ground truth of what was written. Messages are generated one at a time while the writer
// pulls them, so a multi-GB drive needs no more memory than a few messages and one chunk.

export type DriveTarget =
  | { format: 'ros1-bag'; path: string; options?: WriteRos1BagOptions }
  | { format: 'ros2-db3'; dir: string; options?: WriteRos2Db3BagOptions }
  | { format: 'ros2-mcap'; dir: string; options?: WriteRos2McapBagOptions }
  | { format: 'mcap'; path: string; profile: McapProfile; options?: WriteMcapOptions };

export interface DriveTopicTruth {
  topic: string;
  /** ROS 1 style type name (`sensor_msgs/Image`). */
  type: string;
  /** ROS 2 style type name (`sensor_msgs/msg/Image`). */
  ros2Type: string;
  kind: DriveTopicKind;
  frameId: string;
  count: number;
  logTimesNs: bigint[];
  /** header.stamp of each message ('text' topics have no header: equal to the log times). */
  headerStampsNs: bigint[];
}

export interface DriveTruth {
  format: DriveTarget['format'];
  encoding: MessageEncoding;
  startTimeNs: bigint;
  endTimeNs: bigint;
  messageCount: number;
  /** Sum of serialized message sizes. */
  payloadBytes: number;
  topics: DriveTopicTruth[];
  topic(name: string): DriveTopicTruth;
  /** The exact content of message `index` on `topic` (recomputed: large drives keep nothing). */
  sample(topic: string, index: number): DriveSample;
}

export interface DriveResult {
  truth: DriveTruth;
  /** Every file written (storage files and metadata.yaml), absolute. */
  files: string[];
  fileBytes: number;
}

export interface GenerateDriveOptions extends DriveOptions {
  /** Called after each message is generated (e.g. to sample memory use). */
  onMessage?: (progress: { messageCount: number; payloadBytes: number }) => void;
}

/** A drive of big frames (1080p raw, 720p PNG, 128x1024 organized lidar) that stops near targetBytes. */
export function largeDriveOptions(targetBytes: number): DriveOptions {
  return {
    targetBytes,
    pngLevel: 1,
    cameras: [
      { topic: '/camera/front/image_raw', frameId: 'camera_front', kind: 'raw', width: 1920, height: 1080, encoding: 'rgb8' },
      { topic: '/camera/left/compressed', frameId: 'camera_left', kind: 'compressed', width: 1280, height: 720, encoding: 'rgb8', format: 'png' },
    ],
    lidar: { topic: '/lidar/points', frameId: 'lidar_top', rateHz: 10, rings: 128, columns: 1024, organized: true, isDense: false },
  };
}

function encodingOf(target: DriveTarget): MessageEncoding {
  switch (target.format) {
    case 'ros1-bag': return 'ros1';
    case 'ros2-db3': case 'ros2-mcap': return 'cdr';
    case 'mcap': return messageEncodingFor(target.profile);
  }
}

async function totalSize(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file)).size;
  return total;
}

/** Writes a synthetic drive to `target` and returns what was written. */
export async function generateDrive(target: DriveTarget, options: GenerateDriveOptions = {}): Promise<DriveResult> {
  const scenario = new DriveScenario(options);
  const encoding = encodingOf(target);
  const topics: DriveTopicTruth[] = scenario.topics.map((t) => ({
    topic: t.topic, type: t.type, ros2Type: ros2TypeName(t.type), kind: t.kind, frameId: t.frameId, count: 0, logTimesNs: [], headerStampsNs: [],
  }));
  const byName = new Map(topics.map((t) => [t.topic, t]));
  let messageCount = 0;
  let payloadBytes = 0;
  let startTimeNs: bigint | undefined;
  let endTimeNs: bigint | undefined;

  function* messages(): Generator<RawMessage> {
    for (const { topic, index, logTimeNs } of scenario.timeline()) {
      if (options.targetBytes !== undefined && payloadBytes >= options.targetBytes) return;
      const sample = scenario.sample(topic.topic, index);
      const data = encodeRosMessage(topic.type, encoding, scenario.message(sample));
      const truth = byName.get(topic.topic);
      if (truth) {
        truth.count++;
        truth.logTimesNs.push(logTimeNs);
        truth.headerStampsNs.push(sample.headerStampNs);
      }
      messageCount++;
      payloadBytes += data.length;
      startTimeNs ??= logTimeNs;
      endTimeNs = logTimeNs;
      options.onMessage?.({ messageCount, payloadBytes });
      yield { topic: topic.topic, logTimeNs, data };
    }
  }

  let files: string[];
  switch (target.format) {
    case 'ros1-bag':
      await writeRos1Bag(target.path, { connections: scenario.topics.map((t) => ros1ConnectionFor(t)), messages: messages() }, target.options);
      files = [target.path];
      break;
    case 'ros2-db3': {
      const summary = await writeRos2Db3Bag(target.dir, { topics: scenario.topics.map(ros2TopicFor), messages: messages() }, target.options);
      files = [...summary.files.map((f) => join(target.dir, f)), join(target.dir, 'metadata.yaml')];
      break;
    }
    case 'ros2-mcap': {
      const summary = await writeRos2McapBag(target.dir, { topics: scenario.topics.map(ros2TopicFor), messages: messages() }, target.options);
      files = [...summary.files.map((f) => join(target.dir, f)), join(target.dir, 'metadata.yaml')];
      break;
    }
    case 'mcap':
      await writeMcap(target.path, {
        profile: target.profile === 'json' ? '' : target.profile,
        channels: scenario.topics.map((t) => mcapChannelFor(t, target.profile)),
        messages: messages(),
      }, target.options);
      files = [target.path];
      break;
  }

  const truth: DriveTruth = {
    format: target.format, encoding,
    startTimeNs: startTimeNs ?? scenario.startTimeNs, endTimeNs: endTimeNs ?? scenario.startTimeNs,
    messageCount, payloadBytes, topics,
    topic: (name) => {
      const found = byName.get(name);
      if (!found) throw new Error(`the drive has no topic ${name}`);
      return found;
    },
    sample: (topic, index) => {
      const found = byName.get(topic);
      if (!found || index < 0 || index >= found.count) throw new Error(`the drive wrote no message ${index} on ${topic}`);
      return scenario.sample(topic, index);
    },
  };
  return { truth, files, fileBytes: await totalSize(files) };
}
