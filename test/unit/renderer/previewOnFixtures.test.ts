import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeMcap } from '../../../main/services/probe/bags/probeMcap';
import { probeRos1Bag } from '../../../main/services/probe/bags/probeRos1Bag';
import { probeRos2Bag } from '../../../main/services/probe/bags/probeRos2Bag';
import { decodeCloud, defaultColorMode, type CloudFormat } from '../../../renderer/src/features/preview/lidar/decodeCloud';
import { recordingSummary } from '../../../renderer/src/features/preview/recordingSummary';
import { FIXTURES_MISSING, fixturesDir } from '../../helpers/fixturesDir';

const dir = fixturesDir();

// Expected values from the fixtures' SOURCES.md: points, finite points (organised clouds have NaN holes), and the first colour mode.
const CLOUDS: Array<[path: string, format: CloudFormat, points: number, finite: number, mode: string]> = [
  ['pcd/pcl/bunny.pcd', 'pcd', 397, 397, 'height'],
  ['pcd/pcl/lamppost.pcd', 'pcd', 1771, 1771, 'height'],
  ['pcd/pcl/octants.pcd', 'pcd', 8, 8, 'height'],
  ['pcd/pcl/colored_cloud.pcd', 'pcd', 1000, 1000, 'rgb'],
  ['pcd/pcl/office1_keypoints.pcd', 'pcd', 1318, 1318, 'intensity'],
  ['pcd/pcl/milk_color.pcd', 'pcd', 13704, 13704, 'rgb'],
  ['pcd/pcl/table_scene_mug_stereo_textured.pcd', 'pcd', 307200, 209280, 'rgb'],
  ['pcd/nebula/velodyne_vlp16/1673400472138016708.pcd', 'pcd', 14831, 14831, 'intensity'],
  ['pcd/nebula/hesai_xt32/1673400678101968885.pcd', 'pcd', 63021, 63021, 'height'],
  ['pcd/nebula/ascii_xyz.pcd', 'pcd', 2, 2, 'height'],
  ['pcd/nebula/binary_xyz_pcl.pcd', 'pcd', 2, 2, 'height'],
  ['pcd/raw_bin/mmdetection3d/kitti/000008.bin', 'kitti_bin', 17238, 17238, 'intensity'],
  ['pcd/raw_bin/mmdetection3d/kitti/velodyne_000000.bin', 'kitti_bin', 800, 800, 'intensity'],
  ['pcd/raw_bin/mmdetection3d/nuscenes/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin', 'nuscenes_bin', 34688, 34688, 'intensity'],
];

describe.skipIf(!dir)(`lidar preview decoding on every point cloud fixture (${dir ? 'fixtures found' : FIXTURES_MISSING})`, () => {
  it.each(CLOUDS)('%s: %s points, %s drawn, first coloured by %s', (path, format, points, finite, _mode) => {
    const bytes = new Uint8Array(readFileSync(join(dir ?? '', path)));
    const cloud = decodeCloud(bytes, format);
    expect(cloud.facts.pointCount).toBe(points);
    expect(cloud.facts.finitePointCount).toBe(finite);
    expect(cloud.positions.length).toBe(finite * 3);
    expect(cloud.positions.every(Number.isFinite)).toBe(true);
    expect(defaultColorMode(cloud.colors)).toBe(_mode);
    for (const colors of Object.values(cloud.colors)) expect(colors.length).toBe(finite * 3);
    expect(cloud.facts.bounds).toBeDefined();
  });

  it('keeps the grid of an organised cloud and the KITTI extent SOURCES.md gives', () => {
    const mug = decodeCloud(new Uint8Array(readFileSync(join(dir ?? '', 'pcd/pcl/table_scene_mug_stereo_textured.pcd'))), 'pcd');
    expect(mug.facts).toMatchObject({ organized: true, width: 640, height: 480 });
    const kitti = decodeCloud(new Uint8Array(readFileSync(join(dir ?? '', 'pcd/raw_bin/mmdetection3d/kitti/000008.bin'))), 'kitti_bin');
    expect(kitti.facts.bounds?.min.x).toBeCloseTo(2.9, 1);
    expect(kitti.facts.bounds?.max.x).toBeCloseTo(76.8, 1);
  });

  it('reports a bad file with its reason instead of drawing nonsense', () => {
    expect(() => decodeCloud(new Uint8Array(readFileSync(join(dir ?? '', 'pcd/pcl/bunny.pcd'))).subarray(0, 100), 'pcd')).toThrow();
    expect(() => decodeCloud(new Uint8Array(17), 'kitti_bin')).toThrow(/not a whole number/);
  });
});

describe.skipIf(!dir)(`recording preview table from the real probes (${dir ? 'fixtures found' : FIXTURES_MISSING})`, () => {
  it('ROS 1 example.bag: 9 topics, 8647 messages over ~21.7 s, rates = count / duration', async () => {
    const summary = recordingSummary(await probeRos1Bag(join(dir ?? '', 'ros1/foxglove-rosbag/example.bag')));
    expect(summary?.format).toBe('ros1');
    expect(summary?.topics).toHaveLength(9);
    expect(summary?.messageCount).toBe(8647);
    expect(summary?.durationSeconds).toBeCloseTo(21.7, 1);
    const pose = summary?.topics.find((t) => t.topic === '/turtle1/pose');
    expect(pose).toMatchObject({ type: 'turtlesim/Pose', count: 1344 });
    expect(pose?.rateHz).toBeCloseTo(1344 / (summary?.durationSeconds ?? 1), 6);
    // 1396293887.844783943 s, as SOURCES.md gives the first message time.
    expect(summary?.start).toBe('2014-03-31T19:24:47.844783943Z');
  });

  it('ROS 2 talker (db3): 20 messages over 4.53 s, /parameter_events with none', async () => {
    const summary = recordingSummary(await probeRos2Bag(join(dir ?? '', 'ros2/rosbag2/sqlite3/talker')));
    expect(summary?.format).toBe('ros2');
    expect(summary?.messageCount).toBe(20);
    expect(summary?.topics.find((t) => t.topic === '/topic')).toMatchObject({ type: 'std_msgs/msg/String', count: 10 });
    expect(summary?.topics.find((t) => t.topic === '/parameter_events')?.count).toBe(0);
  });

  it('MCAP vehicle_lz4: /vehicle/status x96 and /vehicle/imu x8 over 0.95 s', async () => {
    const summary = recordingSummary(await probeMcap(join(dir ?? '', 'mcap/solvcon/vehicle_lz4.mcap')));
    expect(summary?.format).toBe('mcap');
    expect(summary?.topics.map((t) => [t.topic, t.type, t.count])).toEqual([
      ['/vehicle/imu', 'vhcl_msgs/msg/Imu', 8], ['/vehicle/status', 'vhcl_msgs/msg/Status', 96],
    ]);
    expect(summary?.durationSeconds).toBeCloseTo(0.95, 2);
  });

  it('is undefined for a probe that is not a recording', () => {
    expect(recordingSummary({ kind: 'image' })).toBeUndefined();
    expect(recordingSummary(null)).toBeUndefined();
  });
});
