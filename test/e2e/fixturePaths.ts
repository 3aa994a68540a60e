import { join } from 'node:path';
import { fixturesDir } from '../helpers/fixturesDir';

export const FIXTURES = fixturesDir();
export const NO_FIXTURES = 'real fixtures folder not found (../shared/fixtures/real or SCENEDOCK_FIXTURES): skipped';

/** A file of the shared real-data fixtures (read in place, never copied into the repository). */
export function fixture(relativePath: string): string {
  return join(FIXTURES ?? '', relativePath);
}

/** Every point cloud fixture (SOURCES.md lists 11 PCDs and 3 headerless scans). */
export const POINT_CLOUDS = [
  'pcd/pcl/bunny.pcd', 'pcd/pcl/lamppost.pcd', 'pcd/pcl/octants.pcd', 'pcd/pcl/colored_cloud.pcd', 'pcd/pcl/office1_keypoints.pcd',
  'pcd/pcl/milk_color.pcd', 'pcd/pcl/table_scene_mug_stereo_textured.pcd', 'pcd/nebula/velodyne_vlp16/1673400472138016708.pcd',
  'pcd/nebula/hesai_xt32/1673400678101968885.pcd', 'pcd/nebula/ascii_xyz.pcd', 'pcd/nebula/binary_xyz_pcl.pcd',
  'pcd/raw_bin/mmdetection3d/kitti/000008.bin', 'pcd/raw_bin/mmdetection3d/kitti/velodyne_000000.bin',
  'pcd/raw_bin/mmdetection3d/nuscenes/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin',
];
