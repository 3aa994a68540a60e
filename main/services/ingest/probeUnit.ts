import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileKind } from '../../../shared/ingest/fileKinds';
import { probeMcap } from '../probe/bags/probeMcap';
import { probeRos1Bag } from '../probe/bags/probeRos1Bag';
import { probeRos2Bag } from '../probe/bags/probeRos2Bag';
import { probeCoco } from '../probe/probeCoco';
import { probeCsv } from '../probe/probeCsv';
import { probeEgoPose } from '../probe/probeEgoPose';
import { probeImage } from '../probe/probeImage';
import { probeLidar } from '../probe/probeLidar';
import { probeVideo } from '../probe/probeVideo';
import type { ProbedUnit, UnitProbe } from './UnitProbe';

/**
 * Recordings up to this size are read whole by their probe (every chunk checked, so a corrupt bag
 * is rejected before upload); larger ones are probed from their index, and the indexer finds
 * damage inside chunks later.
 */
const FULL_PROBE_LIMIT = 256 * 1024 * 1024;

/** The local probe of each kind, and the files that make up the unit. */
export const probeUnit: UnitProbe = async (kind: FileKind, path: string): Promise<ProbedUnit> => {
  switch (kind) {
    case 'image': {
      const probe = await probeImage(path);
      return single(path, probe, probe.dateTimeOriginal);
    }
    case 'video': {
      const probe = await probeVideo(path);
      return single(path, probe, probe.creationTime);
    }
    case 'lidar':
      return single(path, await probeLidar(path), null);
    case 'coco':
      return single(path, await probeCoco(path), null);
    case 'csv': {
      const probe = await probeCsv(path);
      return single(path, probe, probe.time?.first ?? null);
    }
    case 'ego_pose': {
      const probe = await probeEgoPose(path);
      return single(path, probe, probe.firstTimestamp);
    }
    case 'ros1_bag': {
      const probe = await probeRos1Bag(path, { depth: await depthFor(path) });
      return single(path, probe, probe.start?.iso ?? null);
    }
    case 'mcap': {
      const probe = await probeMcap(path, { depth: await depthFor(path) });
      return single(path, probe, probe.start?.iso ?? null);
    }
    case 'ros2_bag': {
      const probe = await probeRos2Bag(path, { depth: 'index' });
      const listed = ['metadata.yaml', ...probe.files.map((f) => f.relativePath)];
      const files = await Promise.all(listed.map(async (relPath) => {
        const s = await stat(join(path, relPath));
        return { relPath, size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
      }));
      return { probe, files, time: probe.start?.iso ?? null };
    }
  }
};

async function single(path: string, probe: unknown, time: string | null): Promise<ProbedUnit> {
  const s = await stat(path);
  return { probe, files: [{ relPath: basename(path), size: s.size, mtimeMs: Math.floor(s.mtimeMs) }], time };
}

async function depthFor(path: string): Promise<'full' | 'index'> {
  return (await stat(path)).size <= FULL_PROBE_LIMIT ? 'full' : 'index';
}
