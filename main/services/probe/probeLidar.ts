import { basename } from 'node:path';
import { kittiBinLayoutForFileName } from '../../../shared/formats/kitti/kittiBinLayoutForFileName';
import { parseKittiBin, type KittiBinLayout } from '../../../shared/formats/kitti/parseKittiBin';
import { parsePcd } from '../../../shared/formats/pcd/parsePcd';
import type { PointTable } from '../../../shared/formats/pointcloud/PointTable';
import type { BoundsSummary } from '../../../shared/formats/pointcloud/computeBounds';
import { lidarProbeSchema, type LidarProbe } from '../../../shared/ingest/probeSchemas';
import { ProbeError } from './ProbeError';
import { readProbeFile } from './readProbeFile';

/** Point clouds are parsed whole; a single scan past this is not something we preview or probe. */
const MAX_LIDAR_BYTES = 1024 * 1024 * 1024;

export interface ProbeLidarOptions {
  /** For `.bin` scans: overrides the layout guessed from the file name. */
  binLayout?: KittiBinLayout;
}

/** PCD (any DATA encoding) or a headerless KITTI / nuScenes `.bin` scan. */
export async function probeLidar(filePath: string, options: ProbeLidarOptions = {}): Promise<LidarProbe> {
  const bytes = await readProbeFile(filePath, MAX_LIDAR_BYTES);
  const name = basename(filePath).toLowerCase();
  try {
    if (name.endsWith('.bin')) {
      const layout = options.binLayout ?? kittiBinLayoutForFileName(name);
      const parsed = parseKittiBin(bytes, { layout });
      return describe(parsed, {
        format: layout === 'nuscenes' ? 'nuscenes_bin' : 'kitti_bin', encoding: 'float32', pcdVersion: null, viewpoint: null, fileBytes: bytes.length,
      });
    }
    const parsed = parsePcd(bytes);
    return describe(parsed, {
      format: 'pcd', encoding: parsed.header.data, pcdVersion: parsed.header.version ?? null, viewpoint: parsed.header.viewpoint, fileBytes: bytes.length,
    });
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
}

type FileFacts = Pick<LidarProbe, 'format' | 'encoding' | 'pcdVersion' | 'viewpoint' | 'fileBytes'>;

function describe(parsed: BoundsSummary & { cloud: PointTable }, facts: FileFacts): LidarProbe {
  const { cloud } = parsed;
  return lidarProbeSchema.parse({
    kind: 'lidar',
    ...facts,
    fields: cloud.fields.map((f) => ({ ...f })),
    pointCount: cloud.pointCount,
    finitePointCount: parsed.finitePointCount,
    width: cloud.width,
    height: cloud.height,
    organized: cloud.organized,
    bounds: parsed.bounds ?? null,
  });
}
