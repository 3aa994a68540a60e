import { join } from 'node:path';
import { ros1TopicMixMessages, ROS1_TOPIC_MIX } from '../helpers/ros1TopicMix';
import { writeRos1Bag } from '../helpers/writeRos1Bag';

// The real fixtures hold no CSV timeseries and no ego-pose file, and no ROS 1 bag with many chunks
// or left unfinished, so the fuzz run makes its own originals: small but varied, so that mutants
// reach every branch of the parsers (delimiters, quoting, time formats, BOMs, CRLF; nested
// objects and offsets in ego poses; chunk infos and a bag without its index).

/** CSV originals by file name. */
export function generatedCsvFiles(): Record<string, string> {
  const rows = (count: number, line: (i: number) => string): string => Array.from({ length: count }, (_, i) => line(i)).join('');
  return {
    'imu_ns.csv': `timestamp_ns,accel_x,accel_y,label,comment\r\n${rows(60, (i) =>
      `${1_700_000_000_123_456_789n + BigInt(i) * 10_000_019n},${(i % 17) * 0.25 - 2},${-i},${i % 2 ? 'moving' : 'still'},${i % 10 === 0 ? `"événement ""${i}"", ok"` : ''}\r\n`)}`,
    'gps_iso.csv': `time,lat,lon,alt\n${rows(40, (i) => `2024-03-31T01:${String(i).padStart(2, '0')}:00.250+02:00,${48.1 + i / 1000},${11.5 - i / 1000},${520 + i}\n`)}`,
    'eu_semicolon.csv': `\uFEFFZeit;time;wert\n${rows(30, (i) => `${i};2024-03-31 0${i % 10}:00:00;${i},5\n`)}`,
    'unix_ms_tab.csv': `stamp\tspeed\tnote\n${rows(30, (i) => `${1_700_000_000_000 + i * 40}\t${(i * 0.3).toFixed(2)}\t"multi\nline ${i}"\n`)}`,
    'relative.csv': `t,steer\n${rows(30, (i) => `${(i * 0.05).toFixed(2)},${Math.sin(i).toFixed(4)}\n`)}`,
  };
}

/** Ego-pose originals by file name (SceneBox's `add_ego_pose` shape: frames of timestamped objects). */
export function generatedEgoPoseFiles(): Record<string, string> {
  const frames = (count: number, stamp: (i: number) => string) => Array.from({ length: count }, (_, i) => ({
    frame: i,
    timestamp: stamp(i),
    objects: Object.fromEntries(Array.from({ length: 1 + (i % 4) }, (_, k) => [`obj_${k}`, { lat: 33.6 - i * 0.05, lon: -0.15 + k, heading: k * 0.1 }])),
  }));
  return {
    'ego_pose_utc.json': JSON.stringify(frames(25, (i) => `2021-08-24T21:15:${String(15 + i).padStart(2, '0')}.574000+00:00`)),
    'ego_pose_offsets.json': JSON.stringify(frames(20, (i) => `2021-08-24T23:15:${String(10 + i).padStart(2, '0')}.000+02:00`), null, 2),
  };
}

/** ROS 1 bags the fixtures lack: one of many small chunks with a topic under two types, one a recorder never closed. */
export async function writeGeneratedRos1Bags(dir: string): Promise<string[]> {
  const messages = (count: number) => ros1TopicMixMessages(count, { perSecond: 50, bytes: 40, nsecOffset: 0 });
  const chunked = join(dir, 'generated-chunks.bag');
  const unfinished = join(dir, 'generated-unfinished.bag');
  await writeRos1Bag(chunked, ROS1_TOPIC_MIX, messages(300), { chunkBytes: 2048 });
  await writeRos1Bag(unfinished, ROS1_TOPIC_MIX, messages(120), { chunkBytes: 2048, finish: false });
  return [chunked, unfinished];
}
