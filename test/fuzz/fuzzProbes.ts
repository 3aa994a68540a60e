import type { z } from 'zod';
import { probeMcap } from '../../main/services/probe/bags/probeMcap';
import { probeRos1Bag } from '../../main/services/probe/bags/probeRos1Bag';
import { probeRos2Bag } from '../../main/services/probe/bags/probeRos2Bag';
import { ros2BagFolderStatus } from '../../main/services/probe/bags/ros2BagFolderStatus';
import { probeCoco } from '../../main/services/probe/probeCoco';
import { probeCsv } from '../../main/services/probe/probeCsv';
import { probeEgoPose } from '../../main/services/probe/probeEgoPose';
import { probeImage } from '../../main/services/probe/probeImage';
import { probeLidar } from '../../main/services/probe/probeLidar';
import { probeVideo } from '../../main/services/probe/probeVideo';
import type { ProbeDepth } from '../../shared/ingest/bagProbeSchemas';
import { mcapProbeSchema, ros1BagProbeSchema, ros2BagProbeSchema, ros2FolderStatusSchema } from '../../shared/ingest/bagProbeSchemas';
import {
  cocoProbeSchema, csvProbeSchema, egoPoseProbeSchema, imageProbeSchema, lidarProbeSchema, videoProbeSchema,
} from '../../shared/ingest/probeSchemas';
import type { FuzzTargetName } from './fuzzTargets';

/** A probe call on one mutant; what it resolves with must fit the schema of its result. */
interface FuzzProbe {
  run(path: string, depth: ProbeDepth): Promise<unknown>;
  schema: z.ZodType;
}

/**
 * A folder's status must never throw, and an incomplete folder must say why; then the probe
 * itself runs. Both are the folder status and probe the ingest service calls on a bag folder.
 */
async function statusThenProbe(dir: string, depth: ProbeDepth): Promise<unknown> {
  let status;
  try {
    status = ros2FolderStatusSchema.parse(await ros2BagFolderStatus(dir));
  } catch (error) {
    throw new StatusCrash(error);
  }
  if (!status.complete && !status.reason?.trim()) throw new StatusCrash(new Error('incomplete folder status without a reason'));
  return probeRos2Bag(dir, { depth });
}

/** ros2BagFolderStatus must answer a status, never throw: a throw from it is a fuzz failure whatever its type. */
export class StatusCrash extends Error {
  public constructor(cause: unknown) {
    super(`ros2BagFolderStatus threw: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { cause });
    this.name = 'StatusCrash';
  }
}

export const FUZZ_PROBES: Record<FuzzTargetName, FuzzProbe> = {
  pcd: { run: (path) => probeLidar(path), schema: lidarProbeSchema },
  kitti_bin: { run: (path) => probeLidar(path), schema: lidarProbeSchema },
  ros1: { run: (path, depth) => probeRos1Bag(path, { depth }), schema: ros1BagProbeSchema },
  ros2_db3: { run: (dir, depth) => probeRos2Bag(dir, { depth }), schema: ros2BagProbeSchema },
  ros2_metadata: { run: statusThenProbe, schema: ros2BagProbeSchema },
  mcap: { run: (path, depth) => probeMcap(path, { depth }), schema: mcapProbeSchema },
  coco: { run: (path) => probeCoco(path), schema: cocoProbeSchema },
  csv: { run: (path) => probeCsv(path), schema: csvProbeSchema },
  ego_pose: { run: (path) => probeEgoPose(path), schema: egoPoseProbeSchema },
  exif_image: { run: (path) => probeImage(path), schema: imageProbeSchema },
  // A short scan limit: mutants are small, and a scan that needs longer is a hang to report.
  video: { run: (path) => probeVideo(path, { timeoutMs: 20_000, scanTimeoutMs: 20_000 }), schema: videoProbeSchema },
};
