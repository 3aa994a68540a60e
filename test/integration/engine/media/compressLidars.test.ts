import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePcd, type ParsedPcd } from '../../../../shared/formats/pcd/parsePcd';
import { fixturesDir } from '../../../helpers/fixturesDir';
import { addLidar, notesOf, runMediaJob } from '../../../helpers/mediaAssets';
import { MediaTestBed } from '../../../helpers/MediaTestBed';
import type { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';

// compress_lidars as add_lidars calls it ({skip_factors: [1, 10, 100], gzip_compress: true}) on
// every fixture PCD (SOURCES.md, section pcd). Each version is downloaded, gunzipped and parsed.

const pcdDir = ((d) => (d ? join(d, 'pcd') : undefined))(fixturesDir());
const present = pcdDir !== undefined && existsSync(pcdDir);

/** Points per file, from SOURCES.md. */
const CLOUDS = [
  { file: 'pcl/bunny.pcd', id: 'bunny', points: 397 },
  { file: 'pcl/lamppost.pcd', id: 'lamppost', points: 1771 },
  { file: 'pcl/octants.pcd', id: 'octants', points: 8 },
  { file: 'pcl/colored_cloud.pcd', id: 'colored_cloud', points: 1000 },
  { file: 'pcl/office1_keypoints.pcd', id: 'office1', points: 1318 },
  { file: 'pcl/milk_color.pcd', id: 'milk', points: 13704 },
  { file: 'pcl/table_scene_mug_stereo_textured.pcd', id: 'mug', points: 307200 },
  { file: 'nebula/velodyne_vlp16/1673400472138016708.pcd', id: 'vlp16', points: 14831 },
  { file: 'nebula/hesai_xt32/1673400678101968885.pcd', id: 'xt32', points: 63021 },
  { file: 'nebula/ascii_xyz.pcd', id: 'ascii_xyz', points: 2 },
  { file: 'nebula/binary_xyz_pcl.pcd', id: 'binary_xyz', points: 2 },
];
const SKIPS = [1, 10, 100];

let bed: MediaTestBed;
let py: PythonStyleAssets;
let other: PythonStyleAssets;

beforeAll(async () => {
  if (!present) return;
  bed = await MediaTestBed.start('compress-lidars');
  py = bed.py;
  const url = bed.engine.url;
  for (const c of CLOUDS) await addLidar(py, url, join(pcdDir, c.file), c.id);
  await addLidar(py, url, join(pcdDir, 'raw_bin/mmdetection3d/kitti/velodyne_000000.bin'), 'kitti_bin');
  await addLidar(py, url, join(pcdDir, 'raw_bin/mmdetection3d/kitti/velodyne_000000.bin'), 'kitti_numpy', { format: 'numpy', num_fields: 4 });
  other = await bed.otherOrganization();
  await addLidar(other, url, join(pcdDir, 'pcl/octants.pcd'), 'foreign_lidar');
}, 60_000);
afterAll(async () => {
  if (present) await bed.dispose();
});

type Version = { object_access: { uri: string }; skip_factor: number; num_points: number; gzip: boolean; size_bytes: number; format: string; data: string };

async function version(id: string, skip: number): Promise<{ record: Version; bytes: Buffer }> {
  const record = ((await py.meta('lidars', id))!.compressed_versions as Record<string, Version>)[`skip_${skip}`]!;
  return { record, bytes: await py.download(record.object_access.uri) };
}

/** Every field of point `j` of `copy` is the field of point `j * skip` of `source`, bit for bit where it is a packed colour. */
function expectSameSampledPoints(source: ParsedPcd, copy: ParsedPcd, skip: number): void {
  for (const field of source.header.fields) {
    for (let c = 0; c < field.count; c++) {
      const read = field.name === 'rgb' || field.name === 'rgba' ? source.cloud.packedColorReader()! : source.cloud.reader(field.name, c)!;
      const readCopy = field.name === 'rgb' || field.name === 'rgba' ? copy.cloud.packedColorReader()! : copy.cloud.reader(field.name, c)!;
      for (let j = 0; j < copy.header.points; j++) {
        const [a, b] = [readCopy(j), read(j * skip)];
        if (!Object.is(a, b)) expect.fail(`${field.name}[${c}] of point ${j}: ${a} is not ${b} (source point ${j * skip})`);
      }
    }
  }
}

describe.skipIf(!present)(`compress_lidars on the fixture PCDs (${present ? pcdDir : 'folder fixtures/real/pcd not found: skipped'})`, () => {
  it('stores a gzipped binary PCD of every n-th point per skip factor, all fields kept', async () => {
    const job = await runMediaJob(py, 'lidars/compress_lidars/', { ids: CLOUDS.map((c) => c.id), skip_factors: SKIPS, gzip_compress: true });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    expect(notesOf(job).at(-1)).toBe(`compressed ${CLOUDS.length} lidars with skip factors 1, 10, 100 (${CLOUDS.length} done, 0 failed, 0 skipped)`);
    for (const c of CLOUDS) {
      const source = parsePcd(new Uint8Array(await py.download(((await py.meta('lidars', c.id))!.object_access as { uri: string }).uri)));
      expect(source.header.points).toBe(c.points);
      for (const skip of SKIPS) {
        const { record, bytes } = await version(c.id, skip);
        expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
        const copy = parsePcd(new Uint8Array(gunzipSync(bytes)));
        const kept = Math.ceil(c.points / skip);
        expect({ id: c.id, skip, points: copy.header.points, data: copy.header.data, fields: copy.header.fields })
          .toEqual({ id: c.id, skip, points: kept, data: 'binary', fields: source.header.fields });
        expect(copy.header.viewpoint).toEqual(source.header.viewpoint);
        // Every point keeps an organized cloud's grid; a subsample is a plain list.
        expect([copy.header.width, copy.header.height]).toEqual(skip === 1 ? [source.header.width, source.header.height] : [kept, 1]);
        expect(record).toMatchObject({ skip_factor: skip, num_points: kept, gzip: true, format: 'pcd', data: 'binary', size_bytes: bytes.length });
        expectSameSampledPoints(source, copy, skip);
      }
    }
  }, 180_000);

  it('gzip_compress false stores plain PCDs', async () => {
    const job = await runMediaJob(py, 'lidars/compress_lidars', { ids: ['vlp16'], skip_factors: [7], gzip_compress: false });
    expect(job.status).toBe('finished');
    const { record, bytes } = await version('vlp16', 7);
    expect(record).toMatchObject({ gzip: false, num_points: Math.ceil(14831 / 7) });
    expect(parsePcd(new Uint8Array(bytes)).header.points).toBe(Math.ceil(14831 / 7));
    // The versions of the first run are still there.
    expect(Object.keys((await py.meta('lidars', 'vlp16'))!.compressed_versions as object).sort()).toEqual(['skip_1', 'skip_10', 'skip_100', 'skip_7']);
  }, 60_000);

  it('notes a file that is not PCD, a non-PCD format, an unknown id and another organization\'s lidar', async () => {
    const job = await runMediaJob(py, 'lidars/compress_lidars/', { ids: ['kitti_bin', 'kitti_numpy', 'no_lidar', 'foreign_lidar', 'octants'], skip_factors: [2] });
    expect(job.status).toBe('finished');
    expect(notesOf(job)).toEqual([
      expect.stringMatching(/^failed lidar kitti_bin \(kitti_bin_velodyne_000000\.bin\): not a PCD file this engine reads: .+/),
      'failed lidar kitti_numpy (kitti_numpy_velodyne_000000.bin): its format is numpy; only PCD lidars are compressed',
      'failed lidar no_lidar: not found in this organization',
      'failed lidar foreign_lidar: not found in this organization',
      'compressed 1 lidars with skip factors 2 (1 done, 4 failed, 0 skipped)',
    ]);
    expect((await other.meta('lidars', 'foreign_lidar'))!.compressed_versions).toBeUndefined();
  }, 60_000);

  it('refuses skip factors below 1 with a 400', async () => {
    const res = await py.se('lidars/compress_lidars/', { ids: ['octants'], skip_factors: [0] });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/skip_factors\.0: skip factors are at least 1/);
  });
});
