import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lidarProbeSchema } from '../../shared/ingest/probeSchemas';
import { probeLidar } from '../../main/services/probe/probeLidar';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { buildPcd } from '../helpers/buildPcd';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';

const root = fixturesDir();
const pcdDir = root ? join(root, 'pcd') : '';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe.skipIf(!root)(`probeLidar on every fixture under pcd/ (${root ? pcdDir : FIXTURES_MISSING})`, () => {
  const files = root ? filesUnder(pcdDir).sort() : [];

  it('finds the 11 PCD files and 3 raw scans SOURCES lists', () => {
    expect(files.filter((f) => f.endsWith('.pcd'))).toHaveLength(11);
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(3);
  });

  for (const file of files) {
    it(relative(pcdDir, file), async () => {
      const probe = await probeLidar(file);
      expect(lidarProbeSchema.parse(JSON.parse(JSON.stringify(probe)))).toEqual(probe);
      expect(probe.fileBytes).toBe(statSync(file).size);
      expect(probe.finitePointCount).toBeLessThanOrEqual(probe.pointCount);
      expect(probe.bounds).not.toBeNull();
      if (file.endsWith('.pcd')) {
        const text = readFileSync(file).subarray(0, 600).toString('latin1');
        expect(probe.format).toBe('pcd');
        expect(probe.encoding).toBe(/^DATA (\S+)/m.exec(text)?.[1]);
        expect(probe.pointCount).toBe(Number(/^POINTS (\d+)/m.exec(text)?.[1]));
        expect(probe.fields.map((f) => f.name).join(' ')).toBe(/^FIELDS (.+)$/m.exec(text)?.[1]?.trim());
        expect(probe.viewpoint).toHaveLength(7);
      } else {
        const floats = file.endsWith('.pcd.bin') ? 5 : 4;
        expect(probe.format).toBe(floats === 5 ? 'nuscenes_bin' : 'kitti_bin');
        expect(probe.encoding).toBe('float32');
        expect(probe.pointCount).toBe(statSync(file).size / (floats * 4));
        expect(probe.viewpoint).toBeNull();
        expect(probe.pcdVersion).toBeNull();
      }
    });
  }

  it('reports the organized stereo cloud with its finite points (SOURCES: 209280 of 307200)', async () => {
    const probe = await probeLidar(join(pcdDir, 'pcl/table_scene_mug_stereo_textured.pcd'));
    expect(probe).toMatchObject({ organized: true, width: 640, height: 480, pointCount: 307200, finitePointCount: 209280, encoding: 'binary_compressed' });
  });

  it('honours an explicit layout for a .bin whose name says otherwise', async () => {
    const probe = await probeLidar(join(pcdDir, 'raw_bin/mmdetection3d/kitti/velodyne_000000.bin'), { binLayout: 'nuscenes' });
    expect(probe.format).toBe('nuscenes_bin');
    expect(probe.pointCount).toBe(640); // 12800 bytes / 20
  });
});

describe('probeLidar errors name the file and the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-lidar-'));

  it('a truncated binary PCD', async () => {
    const file = join(dir, 'cut.pcd');
    const bytes = buildPcd({ fields: [{ name: 'x', size: 4, type: 'F' }, { name: 'y', size: 4, type: 'F' }, { name: 'z', size: 4, type: 'F' }], points: [[1, 2, 3], [4, 5, 6]], data: 'binary' });
    writeFileSync(file, bytes.subarray(0, -4));
    const error = await probeLidar(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).message).toBe(`${file}: DATA binary declares 2 points of 12 bytes (24 bytes) but the file holds 20 bytes after the header`);
  });

  it('a .bin of the wrong size', async () => {
    const file = join(dir, 'scan.bin');
    writeFileSync(file, new Uint8Array(30));
    await expect(probeLidar(file)).rejects.toThrow(`${file}: 30 bytes is not a whole number of kitti points`);
  });

  it('a missing file and a folder', async () => {
    await expect(probeLidar(join(dir, 'absent.pcd'))).rejects.toThrow(/absent\.pcd: ENOENT/);
    await expect(probeLidar(dir)).rejects.toThrow(`${dir}: not a regular file`);
  });
});
