import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_MISSING, fixturesDir } from '../../../helpers/fixturesDir';
import { useIndexingEngine } from '../../../helpers/indexing/useIndexingEngine';
import { type IndexingClient, indexingSummaryOf, type IndexingSummary } from '../../../helpers/indexing/IndexingClient';


// Every bag and MCAP file of the real fixtures, indexed through the client's routes. Expected
// counts are SOURCES.md's. None of these recordings holds images, clouds or GPS, so what is
// checked is that each topic's messages were all read (the session's indexing summary), that
// asking for the topics turns their numeric fields into one scalar entity per message, and that
// topics whose definition is missing are kept as counts with the reason.

const root = fixturesDir();
const ros1 = root ? join(root, 'ros1') : '';
const ros2 = root ? join(root, 'ros2') : '';
const mcap = root ? join(root, 'mcap') : '';

const env = useIndexingEngine();
let client: IndexingClient;
beforeAll(() => {
  client = env().client;
});

type Counts = Record<string, number>;

const TURTLES: Counts = {
  '/rosout': 10, '/turtle1/color_sensor': 1351, '/turtle2/color_sensor': 1344, '/turtle1/pose': 1344, '/turtle2/pose': 1344,
  '/tf': 2688, '/tf_static': 1, '/turtle1/cmd_vel': 357, '/turtle2/cmd_vel': 208,
};
const VEHICLE: Counts = { '/vehicle/status': 96, '/vehicle/imu': 8 };
const TALKER: Counts = { '/topic': 10, '/rosout': 10 };

interface FixtureCase {
  name: string;
  route: 'indexing/index_rosbag' | 'indexing/index_rosbag2';
  /** Paths relative to the fixtures folder: one file, or a rosbag2 folder's files. */
  files: string[];
  counts: Counts;
  /** Total messages, where SOURCES.md gives only that. */
  total?: number;
}

function folderFiles(dir: string): string[] {
  const full = join(root ?? '', dir);
  // Side files of a WAL database are not part of the bag the client uploads.
  return existsSync(full) ? readdirSync(full).filter((f) => !/-(shm|wal)$/.test(f)).map((f) => join(dir, f)) : [];
}

const CASES: FixtureCase[] = [
  { name: 'ROS 1 example.bag (uncompressed)', route: 'indexing/index_rosbag', files: ['ros1/foxglove-rosbag/example.bag'], counts: TURTLES },
  { name: 'ROS 1 example-bz2.bag', route: 'indexing/index_rosbag', files: ['ros1/foxglove-rosbag/example-bz2.bag'], counts: TURTLES },
  { name: 'ROS 1 example-lz4.bag', route: 'indexing/index_rosbag', files: ['ros1/foxglove-rosbag/example-lz4.bag'], counts: TURTLES },
  { name: 'ROS 1 no-messages.bag', route: 'indexing/index_rosbag', files: ['ros1/foxglove-rosbag/no-messages.bag'], counts: {} },
  { name: 'ROS 1 test_bag.bag', route: 'indexing/index_rosbag', files: ['ros1/rosbag2_bag_v2/test_bag.bag'], counts: { '/rosout': 3, '/test_topic': 1, '/test_topic2': 1 } },
  { name: 'ROS 1 bag with an empty message definition', route: 'indexing/index_rosbag', files: ['ros1/webviz/bag-with-empty-message-definition.bag'], counts: { '/led_array_status': 14 } },
  { name: 'rosbag2 sqlite3 talker (WAL, v4)', route: 'indexing/index_rosbag2', files: folderFiles('ros2/rosbag2/sqlite3/talker'), counts: TALKER },
  { name: 'rosbag2 sqlite3 wbag (split in five)', route: 'indexing/index_rosbag2', files: folderFiles('ros2/rosbag2/sqlite3/wbag'), counts: {}, total: 6074 },
  { name: 'rosbag2 sqlite3 empty_bag', route: 'indexing/index_rosbag2', files: folderFiles('ros2/rosbag2/sqlite3/empty_bag'), counts: {} },
  { name: 'rosbag2 mcap talker (v4)', route: 'indexing/index_rosbag2', files: folderFiles('ros2/rosbag2/mcap/talker'), counts: TALKER },
  { name: 'rosbag2 mcap cdr_test (v7)', route: 'indexing/index_rosbag2', files: folderFiles('ros2/rosbag2/mcap/cdr_test'), counts: { '/test_topic': 3, '/array_topic': 4 } },
  { name: 'nebula velodyne_vlp16 (v5)', route: 'indexing/index_rosbag2', files: folderFiles('ros2/nebula/velodyne_vlp16/1673400471837873222'), counts: { '/velodyne_packets': 4 } },
  { name: 'nebula continental_srr520 (v5)', route: 'indexing/index_rosbag2', files: folderFiles('ros2/nebula/continental_srr520/1708578209'), counts: { '/sensing/radar/front_left/nebula_packets': 4 } },
  { name: 'MCAP vehicle_lz4', route: 'indexing/index_rosbag2', files: ['mcap/solvcon/vehicle_lz4.mcap'], counts: VEHICLE },
  { name: 'MCAP vehicle_zstd', route: 'indexing/index_rosbag2', files: ['mcap/solvcon/vehicle_zstd.mcap'], counts: VEHICLE },
  { name: 'MCAP vehicle_unchunked', route: 'indexing/index_rosbag2', files: ['mcap/solvcon/vehicle_unchunked.mcap'], counts: VEHICLE },
  { name: 'MCAP only_topics (rosbag2)', route: 'indexing/index_rosbag2', files: ['mcap/rosbag2/only_topics.mcap'], counts: { '/parameter_events': 7 } },
  { name: 'MCAP test_bag_for_seek', route: 'indexing/index_rosbag2', files: ['mcap/rosbag2/test_bag_for_seek_0.mcap'], counts: { topic1: 5 } },
  {
    name: 'MCAP owa profile, JSON messages', route: 'indexing/index_rosbag2', files: ['mcap/open-world-agents/example.mcap'],
    counts: { screen: 590, mouse: 209, keyboard: 32, window: 11, 'keyboard/state': 11, 'mouse/state': 11 },
  },
];

async function indexFixture(c: FixtureCase, n: number, topics: string[] | null): Promise<{ summary: IndexingSummary; uid: string; notes: string[] }> {
  const objects = [];
  for (const file of c.files) objects.push(await client.upload(join(root ?? '', file), `fixtures/${n}/${topics ? 'asked' : 'all'}/${file.split('/').pop() ?? file}`));
  const result = await client.index(c.route, { file_objects_dicts: objects, sets_prefix: `fixture_${n}`, topics, session_name: `fixture ${n} ${topics ? 'asked' : 'all'}` });
  expect(result.job.status, JSON.stringify(result.job.notes)).toBe('finished');
  return { summary: indexingSummaryOf(await client.session(result.sessionUid)), uid: result.sessionUid, notes: result.job.notes as string[] };
}

describe.skipIf(!root || !existsSync(ros1) || !existsSync(ros2) || !existsSync(mcap))(`indexing the real fixtures (${root ? 'ros1/, ros2/, mcap/' : FIXTURES_MISSING})`, () => {
  for (const [n, c] of CASES.entries()) {
    it(`${c.name}: every message read, numeric fields of asked-for topics as one entity per message`, async () => {
      const all = await indexFixture(c, n, null);
      const seen = Object.fromEntries(all.summary.topics.map((t) => [t.topic, t.message_count]));
      for (const [topic, count] of Object.entries(c.counts)) expect(seen[topic], topic).toBe(count);
      expect(all.summary.topics.reduce((s, t) => s + t.message_count, 0)).toBe(c.total ?? Object.values(c.counts).reduce((a, b) => a + b, 0));
      expect([all.summary.images, all.summary.lidars, all.summary.videos, all.summary.entities]).toEqual([0, 0, 0, 0]);
      for (const t of all.summary.topics) expect(all.notes.join('\n')).toContain(`${t.topic} (${t.type}): ${t.message_count} messages kept as counts`);

      const asked = await indexFixture(c, n, all.summary.topics.map((t) => t.topic));
      const entities = await client.entitySummary(asked.uid);
      for (const t of asked.summary.topics) {
        expect(t.kind, t.topic).toBe('scalars');
        const names = Object.keys(entities).filter((name) => name.startsWith(`${t.sensor}_`));
        if (t.reason?.startsWith('not decoded')) {
          expect(names, `${t.topic} is not decoded, so it has no entities`).toEqual([]);
          expect(asked.notes.join('\n')).toContain(`${t.topic} (${t.type}): 0 of ${t.message_count} messages indexed`);
          continue;
        }
        expect(t.failed, `${t.topic}: ${t.reason ?? ''}`).toBe(0);
        for (const name of names) expect(entities[name]?.count, name).toBeLessThanOrEqual(t.message_count);
        if (t.indexed > 0) expect(names.some((name) => entities[name]?.count === t.message_count), `${t.topic} has a field in every message`).toBe(true);
      }
      expect(Object.values(entities).reduce((s, e) => s + e.count, 0)).toBe(asked.summary.entities);
    });
  }

  it('example.bag: the turtle poses become x, y, theta and velocity measurements, one per message', async () => {
    const c = CASES[0];
    if (!c) throw new Error('no case');
    const { uid } = await indexFixture(c, 100, ['/turtle1/pose']);
    const entities = await client.entitySummary(uid);
    expect(Object.keys(entities).sort()).toEqual(['turtle1_pose_angular_velocity', 'turtle1_pose_linear_velocity', 'turtle1_pose_theta', 'turtle1_pose_x', 'turtle1_pose_y']);
    for (const e of Object.values(entities)) expect(e.count).toBe(1344);
    // turtlesim's window is 11.09 units wide.
    expect(entities.turtle1_pose_x?.min).toBeGreaterThanOrEqual(0);
    expect(entities.turtle1_pose_x?.max).toBeLessThanOrEqual(11.1);
  });

  it('a bag whose connection has no message definition: the topic is counted and the job says why', async () => {
    const c = CASES[5];
    if (!c) throw new Error('no case');
    const { summary, notes } = await indexFixture(c, 101, ['/led_array_status']);
    expect(summary.topics).toEqual([expect.objectContaining({ topic: '/led_array_status', message_count: 14, indexed: 0, reason: expect.stringContaining('carries no definition of led_array_msgs/Status') })]);
    expect(notes.join('\n')).toContain('carries no definition of led_array_msgs/Status');
  });
});
