import { cp, mkdir, readdir, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeRos2Bag } from '../../main/services/probe/bags/probeRos2Bag';
import { ros2BagFolderStatus } from '../../main/services/probe/bags/ros2BagFolderStatus';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { ros2BagProbeSchema, ros2FolderStatusSchema, type Ros2BagProbe } from '../../shared/ingest/bagProbeSchemas';
import { fixturesDir } from '../helpers/fixturesDir';
import { useTempDir } from '../helpers/useTempDir';

const fixtures = fixturesDir();
const ros2 = (name: string): string => join(fixtures ?? '', 'ros2', name);

const TALKER_TOPICS: [string, string, string, number][] = [
  ['/parameter_events', 'rcl_interfaces/msg/ParameterEvent', 'cdr', 0],
  ['/rosout', 'rcl_interfaces/msg/Log', 'cdr', 10],
  ['/topic', 'std_msgs/msg/String', 'cdr', 10],
];

function topicSummary(probe: Ros2BagProbe): [string, string, string, number][] {
  return probe.topics.map((topic) => [topic.topic, topic.type, topic.serializationFormat, topic.messageCount]);
}

/** Every file under `dir` with its size and mtime, to prove probing wrote nothing there. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const lines = await Promise.all(entries.map(async (entry) => {
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path);
    return `${relative(dir, path)} ${info.size} ${info.mtimeMs}`;
  }));
  return lines.sort();
}

describe.skipIf(!fixtures)('probeRos2Bag on the real rosbag2 fixtures (needs fixtures/real: set SCENEDOCK_FIXTURES)', () => {
  let before: string[] = [];
  beforeAll(async () => {
    before = await snapshot(ros2(''));
  });

  for (const storage of ['sqlite3', 'mcap'] as const) {
    it(`talker (${storage}): 20 messages from 1585866235112411371 ns over 4.53 s, metadata agrees`, async () => {
      const probe = await probeRos2Bag(ros2(`rosbag2/${storage}/talker`));
      expect(ros2BagProbeSchema.parse(probe)).toEqual(probe);
      expect(probe).toMatchObject({ metadataVersion: 4, storageIdentifier: storage, messageCount: 20, metadataMessageCount: 20, metadataMismatch: false, mismatches: [], warnings: [] });
      expect(topicSummary(probe)).toEqual(TALKER_TOPICS);
      expect(probe.topics.every((topic) => topic.hasDefinition)).toBe(true);
      expect(probe.start).toEqual({ sec: 1585866235, nsec: 112411371, iso: '2020-04-02T22:23:55.112411371Z', unixNanos: '1585866235112411371' });
      expect(probe.metadataStart).toEqual(probe.start);
      expect(probe.durationSeconds).toBe(4.531096768);
      expect(probe.metadataDuration).toBe(4.531096768);
      expect(probe.files.map((file) => [file.relativePath, file.messageCount])).toEqual([[`talker.${storage === 'mcap' ? 'mcap' : 'db3'}`, 20]]);
      expect(probe.rosDistro).toBe(storage === 'sqlite3' ? 'rolling' : null);
    });
  }

  it('wbag: merges a 5-file split by topic name (ids differ per file) and flags the metadata it contradicts', async () => {
    const probe = await probeRos2Bag(ros2('rosbag2/sqlite3/wbag'));
    expect(probe.files.map((file) => [file.relativePath, file.messageCount, file.start?.unixNanos, file.end?.unixNanos])).toEqual([
      ['wbag_0.db3', 1246, '1000', '1408'],
      ['wbag_1.db3', 1240, '1410', '1821'],
      ['wbag_2.db3', 1240, '1821', '2232'],
      ['wbag_3.db3', 1240, '2233', '2623'],
      ['wbag_4.db3', 1108, '2623', '2998'],
    ]);
    expect(probe.messageCount).toBe(6074);
    expect(probe.files.reduce((sum, file) => sum + file.messageCount, 0)).toBe(6074);
    expect(topicSummary(probe)).toEqual([
      ['AAA', 'std_msgs/msg/String', 'cdr', 804],
      ['BBB', 'std_msgs/msg/String', 'cdr', 742],
      ['CCC', 'std_msgs/msg/String', 'cdr', 742],
      ['DDD', 'std_msgs/msg/String', 'cdr', 753],
      ['EEE', 'std_msgs/msg/String', 'cdr', 804],
      ['FFF', 'std_msgs/msg/String', 'cdr', 772],
      ['GGG', 'std_msgs/msg/String', 'cdr', 731],
      ['HHH', 'std_msgs/msg/String', 'cdr', 726],
    ]);
    expect(probe.topics.some((topic) => topic.hasDefinition)).toBe(false); // old schema: no message_definitions table
    expect([probe.start?.unixNanos, probe.end?.unixNanos]).toEqual(['1000', '2998']);
    expect(probe.metadataStart?.unixNanos).toBe('2623');
    expect(probe.metadataDurationNanos).toBe('411');
    expect(probe.metadataMismatch).toBe(true);
    expect(probe.mismatches).toEqual([
      'starting_time: metadata says 2623 ns, the first message is at 1000 ns',
      'duration: metadata says 411 ns, the messages span 1998 ns',
    ]);
  });

  it('cdr_test (metadata v7, mcap): /test_topic x3, /array_topic x4', async () => {
    const probe = await probeRos2Bag(ros2('rosbag2/mcap/cdr_test'));
    expect(probe).toMatchObject({ metadataVersion: 7, storageIdentifier: 'mcap', messageCount: 7, metadataMismatch: false });
    expect(topicSummary(probe)).toEqual([
      ['/array_topic', 'test_msgs/msg/Arrays', 'cdr', 4],
      ['/test_topic', 'test_msgs/msg/BasicTypes', 'cdr', 3],
    ]);
    expect([probe.start?.unixNanos, probe.end?.unixNanos]).toEqual(['1586406456763032325', '1586406456914169506']);
  });

  it('empty_bag: no messages, no start, and the int64-max metadata start read as "none"', async () => {
    const probe = await probeRos2Bag(ros2('rosbag2/sqlite3/empty_bag'));
    expect(probe).toMatchObject({ messageCount: 0, start: null, end: null, durationSeconds: null, metadataStart: null, metadataMismatch: false });
    expect(topicSummary(probe)).toEqual([
      ['/parameter_events', 'rcl_interfaces/msg/ParameterEvent', 'cdr', 0],
      ['/rosout', 'rcl_interfaces/msg/Log', 'cdr', 0],
    ]);
  });

  it('nebula velodyne_vlp16 (v5, humble): 4 VelodyneScan messages over 0.300 s', async () => {
    const probe = await probeRos2Bag(ros2('nebula/velodyne_vlp16/1673400471837873222'));
    expect(probe).toMatchObject({ metadataVersion: 5, rosDistro: 'humble', messageCount: 4, metadataMismatch: false });
    expect(topicSummary(probe)).toEqual([['/velodyne_packets', 'velodyne_msgs/msg/VelodyneScan', 'cdr', 4]]);
    expect(probe.start?.unixNanos).toBe('1673400471837873222');
    expect(probe.durationSeconds).toBe(0.300143486);
  });

  it('nebula continental_srr520 (file without the _0 suffix): 4 NebulaPackets, 1709891621.083 -> .242', async () => {
    const probe = await probeRos2Bag(ros2('nebula/continental_srr520/1708578209'));
    expect(topicSummary(probe)).toEqual([['/sensing/radar/front_left/nebula_packets', 'nebula_msgs/msg/NebulaPackets', 'cdr', 4]]);
    expect(probe.files.map((file) => file.relativePath)).toEqual(['1708578209.db3']);
    expect(probe.start?.iso).toMatch(/^2024-03-08T09:53:41\.083/);
    expect(probe.end?.iso).toMatch(/^2024-03-08T09:53:41\.242/);
  });

  it('index depth gives the same answer for every folder', async () => {
    for (const folder of ['rosbag2/sqlite3/talker', 'rosbag2/mcap/talker', 'rosbag2/sqlite3/wbag', 'rosbag2/mcap/cdr_test']) {
      const full = await probeRos2Bag(ros2(folder));
      const index = await probeRos2Bag(ros2(folder), { depth: 'index' });
      expect({ ...index, depth: 'full' }, folder).toEqual(full);
    }
  });

  it('reports every fixture folder complete, with file sizes', async () => {
    for (const folder of ['rosbag2/sqlite3/talker', 'rosbag2/mcap/talker', 'rosbag2/sqlite3/wbag', 'rosbag2/mcap/cdr_test', 'rosbag2/sqlite3/empty_bag', 'nebula/velodyne_vlp16/1673400471837873222', 'nebula/continental_srr520/1708578209']) {
      const status = await ros2BagFolderStatus(ros2(folder));
      expect(ros2FolderStatusSchema.parse(status)).toEqual(status);
      expect(status.complete, `${folder}: ${status.reason}`).toBe(true);
      expect(status.files.every((file) => file.exists && file.size !== null && file.size > 0)).toBe(true);
    }
    const wbag = await ros2BagFolderStatus(ros2('rosbag2/sqlite3/wbag'));
    expect(wbag.files.map((file) => [file.relativePath, file.size])).toEqual([
      ['wbag_0.db3', 90112], ['wbag_1.db3', 90112], ['wbag_2.db3', 90112], ['wbag_3.db3', 90112], ['wbag_4.db3', 77824],
    ]);
  });

  it('wrote nothing into the fixture folders (WAL databases included)', async () => {
    expect(await snapshot(ros2(''))).toEqual(before);
  });
});

describe.skipIf(!fixtures)('rosbag2 folders that are not finished (needs fixtures/real)', () => {
  const tempDir = useTempDir('scenedock-ros2-');
  const copy = async (folder: string, name: string): Promise<string> => {
    const target = join(tempDir(), name);
    await cp(ros2(folder), target, { recursive: true });
    return target;
  };

  it('a split bag with a storage file missing', async () => {
    const bag = await copy('rosbag2/sqlite3/wbag', 'missing-file');
    await unlink(join(bag, 'wbag_3.db3'));
    const status = await ros2BagFolderStatus(bag);
    expect(status).toMatchObject({ complete: false, reason: 'listed file wbag_3.db3 is missing', metadataVersion: 4, storageIdentifier: 'sqlite3' });
    expect(status.files.find((file) => file.relativePath === 'wbag_3.db3')).toMatchObject({ exists: false, size: null });
    await expect(probeRos2Bag(bag)).rejects.toThrow(/wbag_3\.db3 is missing/);
  });

  it('a folder without metadata.yaml, as while rosbag2 is still recording', async () => {
    const bag = await copy('rosbag2/sqlite3/talker', 'no-metadata');
    await unlink(join(bag, 'metadata.yaml'));
    const status = await ros2BagFolderStatus(bag);
    expect(status).toMatchObject({ complete: false, metadataVersion: null, storageIdentifier: null, files: [] });
    expect(status.reason).toMatch(/no metadata\.yaml/);
  });

  it('an MCAP storage file without its footer', async () => {
    const bag = await copy('rosbag2/mcap/talker', 'cut-mcap');
    await truncate(join(bag, 'talker.mcap'), 9000);
    expect((await ros2BagFolderStatus(bag)).reason).toBe('talker.mcap: no trailing magic: the file is truncated or still being written');
  });

  it('metadata.yaml that is not YAML, or not rosbag2 metadata', async () => {
    const bag = await copy('rosbag2/sqlite3/talker', 'bad-metadata');
    await writeFile(join(bag, 'metadata.yaml'), 'rosbag2_bagfile_information: [unclosed');
    expect((await ros2BagFolderStatus(bag)).reason).toMatch(/metadata\.yaml is not valid YAML/);
    await writeFile(join(bag, 'metadata.yaml'), 'some_other_tool:\n  version: 1\n');
    expect((await ros2BagFolderStatus(bag)).reason).toMatch(/metadata\.yaml is not rosbag2 metadata/);
    const error = await probeRos2Bag(bag).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).filePath).toBe(bag);
  });

  it('a listed path that escapes the bag folder', async () => {
    const bag = await copy('rosbag2/sqlite3/talker', 'escape');
    const yaml = await readFile(join(bag, 'metadata.yaml'), 'utf8');
    await writeFile(join(bag, 'metadata.yaml'), yaml.replace('- talker.db3', '- ../missing-file/wbag_0.db3'));
    expect((await ros2BagFolderStatus(bag)).reason).toBe('listed file ../missing-file/wbag_0.db3 lies outside the bag folder');
  });
});

describe.skipIf(!fixtures)('rosbag2 metadata versions (needs fixtures/real)', () => {
  const tempDir = useTempDir('scenedock-ros2-meta-');

  it('reads v9 metadata (QoS as a YAML list, custom_data, ros_distro, files)', async () => {
    const bag = join(tempDir(), 'v9');
    await cp(ros2('rosbag2/sqlite3/talker'), bag, { recursive: true });
    const topic = (name: string, type: string, count: number): string => `    - topic_metadata:
        name: ${name}
        type: ${type}
        serialization_format: cdr
        offered_qos_profiles:
          - history: keep_last
            depth: 10
            reliability: reliable
            durability: volatile
            deadline:
              sec: 9223372036
              nsec: 854775807
        type_description_hash: RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18
      message_count: ${count}`;
    await writeFile(join(bag, 'metadata.yaml'), `rosbag2_bagfile_information:
  version: 9
  storage_identifier: sqlite3
  duration:
    nanoseconds: 4531096768
  starting_time:
    nanoseconds_since_epoch: 1585866235112411371
  message_count: 20
  topics_with_message_count:
${topic('/topic', 'std_msgs/msg/String', 10)}
${topic('/rosout', 'rcl_interfaces/msg/Log', 10)}
${topic('/parameter_events', 'rcl_interfaces/msg/ParameterEvent', 0)}
  compression_format: ""
  compression_mode: ""
  relative_file_paths:
    - talker.db3
  files:
    - path: talker.db3
      starting_time:
        nanoseconds_since_epoch: 1585866235112411371
      duration:
        nanoseconds: 4531096768
      message_count: 20
  custom_data:
    vehicle: v-042
  ros_distro: jazzy
  a_key_from_a_future_version: true
`);
    const probe = await probeRos2Bag(bag);
    expect(probe).toMatchObject({ metadataVersion: 9, rosDistro: 'jazzy', messageCount: 20, metadataMismatch: false, warnings: [] });
    expect(topicSummary(probe)).toEqual(TALKER_TOPICS);

    // A future version still probes (unknown keys are ignored), with a warning saying so.
    const v9 = await readFile(join(bag, 'metadata.yaml'), 'utf8');
    await writeFile(join(bag, 'metadata.yaml'), v9.replace('version: 9', 'version: 10'));
    expect((await probeRos2Bag(bag)).warnings).toEqual(['metadata.yaml version 10 is newer than 9; read with the version 9 rules']);
  });

  it('reads v3 metadata, whose file paths start with the bag folder name', async () => {
    const bag = join(tempDir(), 'bag4');
    await mkdir(bag);
    await cp(ros2('rosbag2/sqlite3/talker/talker.db3'), join(bag, 'talker.db3'));
    const yaml = (await readFile(ros2('rosbag2/sqlite3/talker/metadata.yaml'), 'utf8'))
      .replace('version: 4', 'version: 3')
      .replace('- talker.db3', '- bag4/talker.db3');
    await writeFile(join(bag, 'metadata.yaml'), yaml);
    const status = await ros2BagFolderStatus(bag);
    expect(status).toMatchObject({ complete: true, metadataVersion: 3 });
    expect(status.files[0]?.path).toBe(join(bag, 'talker.db3'));
    expect((await probeRos2Bag(bag)).messageCount).toBe(20);
  });

  it('refuses storage compressed whole (compression_mode FILE) with a clear reason', async () => {
    const bag = join(tempDir(), 'zstd-file');
    await cp(ros2('rosbag2/sqlite3/talker'), bag, { recursive: true });
    const yaml = (await readFile(join(bag, 'metadata.yaml'), 'utf8'))
      .replace('compression_format: ""', 'compression_format: zstd')
      .replace('compression_mode: ""', 'compression_mode: FILE');
    await writeFile(join(bag, 'metadata.yaml'), yaml);
    await expect(probeRos2Bag(bag)).rejects.toThrow(/compressed whole \(zstd\)/);
  });
});

describe('a rosbag2 SQLite bag while its writer still holds it open', () => {
  const tempDir = useTempDir('scenedock-ros2-live-');

  it('is incomplete until the WAL is checkpointed on close, then probes without leaving side files', async () => {
    const bag = join(tempDir(), 'live');
    await mkdir(bag);
    const writer = new Database(join(bag, 'live_0.db3'));
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0'); // as rosbag2 does while recording: pages stay in the WAL
    writer.exec(`CREATE TABLE topics(id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, serialization_format TEXT NOT NULL, offered_qos_profiles TEXT NOT NULL);
      CREATE TABLE messages(id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL, timestamp INTEGER NOT NULL, data BLOB NOT NULL);`);
    writer.prepare("INSERT INTO topics VALUES (1, '/odom', 'nav_msgs/msg/Odometry', 'cdr', '')").run();
    const insert = writer.prepare('INSERT INTO messages (topic_id, timestamp, data) VALUES (1, ?, ?)');
    for (let i = 0; i < 50; i++) insert.run(1_700_000_000_000_000_000n + BigInt(i) * 10_000_000n, Buffer.alloc(64, i));
    await writeFile(join(bag, 'metadata.yaml'), `rosbag2_bagfile_information:
  version: 5
  storage_identifier: sqlite3
  duration: {nanoseconds: 490000000}
  starting_time: {nanoseconds_since_epoch: 1700000000000000000}
  message_count: 50
  topics_with_message_count:
    - topic_metadata: {name: /odom, type: nav_msgs/msg/Odometry, serialization_format: cdr, offered_qos_profiles: ""}
      message_count: 50
  compression_format: ""
  compression_mode: ""
  relative_file_paths: [live_0.db3]
  files:
    - {path: live_0.db3, starting_time: {nanoseconds_since_epoch: 1700000000000000000}, duration: {nanoseconds: 490000000}, message_count: 50}
`);
    const open = await ros2BagFolderStatus(bag);
    expect(open.complete).toBe(false);
    expect(open.reason).toMatch(/^live_0\.db3-wal holds \d+ bytes: the database is still open for writing/);

    writer.close();
    expect(await ros2BagFolderStatus(bag)).toMatchObject({ complete: true });
    const files = await readdir(bag);
    const probe = await probeRos2Bag(bag);
    expect(probe).toMatchObject({ messageCount: 50, metadataMismatch: false, rosDistro: null });
    expect(probe.end?.unixNanos).toBe('1700000000490000000');
    expect(await readdir(bag)).toEqual(files);
  });
});
