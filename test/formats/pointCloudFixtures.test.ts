import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PCDLoader } from 'three/examples/jsm/loaders/PCDLoader.js';
import { describe, expect, it, vi } from 'vitest';
import { kittiBinLayoutForFileName } from '../../shared/formats/kitti/kittiBinLayoutForFileName';
import { parseKittiBin } from '../../shared/formats/kitti/parseKittiBin';
import { parsePcd } from '../../shared/formats/pcd/parsePcd';
import type { Bounds3 } from '../../shared/formats/pointcloud/computeBounds';
import { extractRenderPoints } from '../../shared/formats/pointcloud/extractRenderPoints';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';

const root = fixturesDir();
const pcdDir = root ? join(root, 'pcd') : '';

interface Expected {
  file: string;
  data: 'ascii' | 'binary' | 'binary_compressed';
  points: number;
  width: number;
  height: number;
  fields: string;
  sizes: string;
  types: string;
  finite?: number;
}

// Header facts as SOURCES.md states them.
const PCDS: Expected[] = [
  { file: 'pcl/bunny.pcd', data: 'ascii', points: 397, width: 397, height: 1, fields: 'x y z', sizes: '4 4 4', types: 'F F F' },
  { file: 'pcl/lamppost.pcd', data: 'ascii', points: 1771, width: 1771, height: 1, fields: 'x y z', sizes: '4 4 4', types: 'F F F' },
  { file: 'pcl/octants.pcd', data: 'ascii', points: 8, width: 8, height: 1, fields: 'x y z', sizes: '4 4 4', types: 'F F F' },
  { file: 'pcl/colored_cloud.pcd', data: 'binary', points: 1000, width: 1, height: 1000, fields: 'x y z rgb normal_x normal_y normal_z curvature', sizes: '4 4 4 4 4 4 4 4', types: 'F F F U F F F F' },
  { file: 'pcl/office1_keypoints.pcd', data: 'binary', points: 1318, width: 1318, height: 1, fields: 'x y z intensity', sizes: '4 4 4 4', types: 'F F F F' },
  { file: 'pcl/milk_color.pcd', data: 'binary_compressed', points: 13704, width: 13704, height: 1, fields: 'x y z rgba', sizes: '4 4 4 4', types: 'F F F U' },
  { file: 'pcl/table_scene_mug_stereo_textured.pcd', data: 'binary_compressed', points: 307200, width: 640, height: 480, fields: 'x y z rgba', sizes: '4 4 4 4', types: 'F F F U', finite: 209280 },
  { file: 'nebula/velodyne_vlp16/1673400472138016708.pcd', data: 'binary', points: 14831, width: 14831, height: 1, fields: 'x y z intensity return_type channel azimuth elevation distance time_stamp', sizes: '4 4 4 1 1 2 4 4 4 4', types: 'F F F U U U F F F U' },
  { file: 'nebula/hesai_xt32/1673400678101968885.pcd', data: 'binary', points: 63021, width: 63021, height: 1, fields: 'x y z', sizes: '4 4 4', types: 'F F F' },
  { file: 'nebula/ascii_xyz.pcd', data: 'ascii', points: 2, width: 2, height: 1, fields: 'x y z', sizes: '4 4 4', types: 'F F F' },
  { file: 'nebula/binary_xyz_pcl.pcd', data: 'binary', points: 2, width: 2, height: 1, fields: 'x y z', sizes: '4 4 4', types: 'F F F' },
];

function boundsOf(xyz: ArrayLike<number>): { bounds: Bounds3 | undefined; finite: number } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  let finite = 0;
  for (let i = 0; i + 2 < xyz.length; i += 3) {
    const p = [xyz[i] as number, xyz[i + 1] as number, xyz[i + 2] as number];
    if (!p.every(Number.isFinite)) continue;
    finite++;
    p.forEach((v, k) => {
      min[k] = Math.min(min[k] as number, v);
      max[k] = Math.max(max[k] as number, v);
    });
  }
  if (finite === 0) return { bounds: undefined, finite };
  const [x0, y0, z0] = min as [number, number, number];
  const [x1, y1, z1] = max as [number, number, number];
  return { bounds: { min: { x: x0, y: y0, z: z0 }, max: { x: x1, y: y1, z: z1 } }, finite };
}

/** three.js's PCDLoader (its own header parser and LZF decoder) as an independent reader of x y z. */
function threePositions(bytes: Buffer): Float32Array {
  const silence = vi.spyOn(console, 'error').mockImplementation(() => undefined); // NaN bounding-sphere warning
  try {
    const points = new PCDLoader().parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    return points.geometry.getAttribute('position').array as Float32Array;
  } finally {
    silence.mockRestore();
  }
}

/** Hand parse of an ascii body: every line after DATA, rounded to float32 as the declared type is F 4. */
function asciiPositions(bytes: Buffer): number[] {
  const text = bytes.toString('latin1');
  const body = text.slice(text.indexOf('\n', text.indexOf('DATA ascii')) + 1);
  return body.split('\n').filter((l) => l.trim() !== '').flatMap((l) => l.trim().split(/\s+/).slice(0, 3).map((v) => Math.fround(Number(v))));
}

describe.skipIf(!root)(`PCD fixtures (${root ? pcdDir : FIXTURES_MISSING})`, () => {
  for (const expected of PCDS) {
    it(`${expected.file}: header, counts and bounds`, () => {
      const bytes = readFileSync(join(pcdDir, expected.file));
      const parsed = parsePcd(bytes);
      const { header, cloud } = parsed;
      expect(header.data).toBe(expected.data);
      expect([cloud.pointCount, cloud.width, cloud.height]).toEqual([expected.points, expected.width, expected.height]);
      expect(cloud.organized).toBe(expected.height > 1);
      expect(cloud.fields.map((f) => f.name).join(' ')).toBe(expected.fields);
      expect(cloud.fields.map((f) => f.size).join(' ')).toBe(expected.sizes);
      expect(cloud.fields.map((f) => f.type).join(' ')).toBe(expected.types);

      const oracle = boundsOf(threePositions(bytes));
      expect(parsed.bounds).toEqual(oracle.bounds);
      expect(parsed.finitePointCount).toBe(oracle.finite);
      expect(parsed.finitePointCount).toBe(expected.finite ?? expected.points);
      if (expected.data === 'ascii') expect(parsed.bounds).toEqual(boundsOf(asciiPositions(bytes)).bounds);

      const render = extractRenderPoints(cloud);
      expect(render.count).toBe(parsed.finitePointCount);
      expect(render.positions.length).toBe(parsed.finitePointCount * 3);
      expect(boundsOf(render.positions).bounds).toEqual(parsed.bounds);
    });
  }

  it('bunny.pcd is a .5 header without VIEWPOINT and a ~0.15 m bunny', () => {
    const { header, bounds } = parsePcd(readFileSync(join(pcdDir, 'pcl/bunny.pcd')));
    expect(header.version).toBe('.5');
    expect(header.viewpoint).toEqual([0, 0, 0, 1, 0, 0, 0]);
    const extent = Math.max(bounds!.max.x - bounds!.min.x, bounds!.max.y - bounds!.min.y, bounds!.max.z - bounds!.min.z);
    expect(extent).toBeGreaterThan(0.1);
    expect(extent).toBeLessThan(0.2);
  });

  it('lamppost.pcd spans x -11.2..-9.8 m', () => {
    const { bounds } = parsePcd(readFileSync(join(pcdDir, 'pcl/lamppost.pcd')));
    expect(bounds!.min.x).toBeCloseTo(-11.2, 1);
    expect(bounds!.max.x).toBeCloseTo(-9.8, 1);
  });

  it('hesai_xt32 bounding box matches SOURCES (x -8.1..13.3, y -11.0..3.9, z -0.8..2.3)', () => {
    const { bounds } = parsePcd(readFileSync(join(pcdDir, 'nebula/hesai_xt32/1673400678101968885.pcd')));
    expect([bounds!.min.x, bounds!.max.x, bounds!.min.y, bounds!.max.y, bounds!.min.z, bounds!.max.z].map((v) => Math.round(v * 10) / 10))
      .toEqual([-8.1, 13.3, -11.0, 3.9, -0.8, 2.3]);
  });

  it('table_scene_mug keeps its non-identity VIEWPOINT and its LZF sizes', () => {
    const bytes = readFileSync(join(pcdDir, 'pcl/table_scene_mug_stereo_textured.pcd'));
    const { header, trailingBytes } = parsePcd(bytes);
    expect(header.viewpoint).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect([bytes.readUInt32LE(header.dataOffset), bytes.readUInt32LE(header.dataOffset + 4)]).toEqual([1722056, 4915200]);
    expect(bytes.length - header.dataOffset - 8 - 1722056).toBe(trailingBytes);
  });

  it('milk_color has LZF 141983 -> 219264 bytes and ~3.9 KB of zero padding after it', () => {
    const bytes = readFileSync(join(pcdDir, 'pcl/milk_color.pcd'));
    const { header, trailingBytes, cloud } = parsePcd(bytes);
    expect([bytes.readUInt32LE(header.dataOffset), bytes.readUInt32LE(header.dataOffset + 4)]).toEqual([141983, 219264]);
    expect(trailingBytes).toBeGreaterThan(3800);
    expect(trailingBytes).toBeLessThan(4000);
    expect(bytes.subarray(bytes.length - trailingBytes).every((b) => b === 0)).toBe(true);
    expect(extractRenderPoints(cloud).colors?.length).toBe(13704 * 3);
  });

  it('velodyne_vlp16: every field of every 32-byte record equals a direct little-endian read', () => {
    const bytes = readFileSync(join(pcdDir, 'nebula/velodyne_vlp16/1673400472138016708.pcd'));
    const { header, cloud } = parsePcd(bytes);
    expect(header.pointSize).toBe(32);
    const readers: [string, number, (o: number) => number][] = [
      ['x', 0, (o) => bytes.readFloatLE(o)], ['y', 4, (o) => bytes.readFloatLE(o)], ['z', 8, (o) => bytes.readFloatLE(o)],
      ['intensity', 12, (o) => bytes.readUInt8(o)], ['return_type', 13, (o) => bytes.readUInt8(o)], ['channel', 14, (o) => bytes.readUInt16LE(o)],
      ['azimuth', 16, (o) => bytes.readFloatLE(o)], ['elevation', 20, (o) => bytes.readFloatLE(o)], ['distance', 24, (o) => bytes.readFloatLE(o)],
      ['time_stamp', 28, (o) => bytes.readUInt32LE(o)],
    ];
    for (const [name, offset, read] of readers) {
      const ours = cloud.reader(name)!;
      for (let i = 0; i < cloud.pointCount; i++) {
        const direct = read(header.dataOffset + i * 32 + offset);
        if (ours(i) !== direct) expect.fail(`${name} of point ${i}: ${ours(i)} != ${direct}`);
      }
    }
    // VLP-16: 16 laser channels.
    const channels = new Set(Array.from({ length: cloud.pointCount }, (_, i) => cloud.value('channel', i)));
    expect(Math.max(...channels)).toBe(15);
  });
});

interface ExpectedBin {
  file: string;
  points: number;
  floats: 4 | 5;
}

const BINS: ExpectedBin[] = [
  { file: 'raw_bin/mmdetection3d/kitti/000008.bin', points: 17238, floats: 4 },
  { file: 'raw_bin/mmdetection3d/kitti/velodyne_000000.bin', points: 800, floats: 4 },
  { file: 'raw_bin/mmdetection3d/nuscenes/n015-2018-07-24-11-22-45+0800__LIDAR_TOP__1532402927647951.pcd.bin', points: 34688, floats: 5 },
];

describe.skipIf(!root)(`raw KITTI / nuScenes scans (${root ? pcdDir : FIXTURES_MISSING})`, () => {
  for (const expected of BINS) {
    it(`${expected.file}: ${expected.points} points of ${expected.floats} floats, bounds from the raw floats`, () => {
      const bytes = readFileSync(join(pcdDir, expected.file));
      const layout = kittiBinLayoutForFileName(expected.file);
      expect(layout).toBe(expected.floats === 5 ? 'nuscenes' : 'kitti');
      const parsed = parseKittiBin(bytes, { layout });
      expect(parsed.cloud.pointCount).toBe(expected.points);
      expect(parsed.cloud.fields.map((f) => f.name)).toEqual(['x', 'y', 'z', 'intensity', 'ring'].slice(0, expected.floats));
      const xyz: number[] = [];
      for (let p = 0; p < expected.points; p++) {
        for (let k = 0; k < 3; k++) xyz.push(bytes.readFloatLE((p * expected.floats + k) * 4));
      }
      const oracle = boundsOf(xyz);
      expect(parsed.bounds).toEqual(oracle.bounds);
      expect(parsed.finitePointCount).toBe(oracle.finite);
      expect(extractRenderPoints(parsed.cloud).scalarName).toBe('intensity');
    });
  }

  it('KITTI 000008.bin: x 2.9..76.8 m, reflectance 0..0.99', () => {
    const { bounds, cloud } = parseKittiBin(readFileSync(join(pcdDir, BINS[0]!.file)), { layout: 'kitti' });
    expect(bounds!.min.x).toBeCloseTo(2.9, 1);
    expect(bounds!.max.x).toBeCloseTo(76.8, 1);
    const intensity = Array.from({ length: cloud.pointCount }, (_, i) => cloud.value('intensity', i));
    expect(Math.min(...intensity)).toBe(0);
    expect(Math.round(Math.max(...intensity) * 100) / 100).toBe(0.99);
  });

  it('nuScenes sweep: intensity 0..255, ring 0..31', () => {
    const { cloud } = parseKittiBin(readFileSync(join(pcdDir, BINS[2]!.file)), { layout: 'nuscenes' });
    const column = (name: string): number[] => Array.from({ length: cloud.pointCount }, (_, i) => cloud.value(name, i));
    const ring = column('ring');
    const intensity = column('intensity');
    expect([Math.min(...ring), Math.max(...ring)]).toEqual([0, 31]);
    expect(ring.every(Number.isInteger)).toBe(true);
    expect([Math.min(...intensity), Math.max(...intensity)]).toEqual([0, 255]);
  });

  it('the nuScenes sweep is also a whole number of KITTI points, so only the name can pick the layout', () => {
    const bytes = readFileSync(join(pcdDir, BINS[2]!.file));
    // 693760 = 43360 x 16 = 34688 x 20: a size check alone cannot tell the two layouts apart.
    expect(bytes.length % 16).toBe(0);
    expect(parseKittiBin(bytes, { layout: 'kitti' }).cloud.pointCount).toBe(43360);
  });
});
