import { basename } from 'node:path';
import type { FileKind } from '../../../shared/ingest/fileKinds';
import { imageProbeSchema, lidarProbeSchema, videoProbeSchema } from '../../../shared/ingest/probeSchemas';
import { secondsToIso, timestampToSeconds } from '../../../shared/time/isoTimestamp';
import type { UnitPlan } from './planUnit';
import { snakeCaseKeys } from './snakeCaseKeys';

export interface StoredFile {
  relPath: string;
  uri: string;
  size: number;
  sha256: string;
}

export interface AssetContext {
  kind: FileKind;
  plan: UnitPlan;
  probe: unknown;
  sourcePath: string;
  unitHash: string;
  files: readonly StoredFile[];
  setId: string | undefined;
  sessionUid: string | undefined;
}

/**
 * The metadata document of a unit, in the shape the Python client writes for its type (wire
 * protocol §5.3), plus what SceneDock knows locally under `aux`: the probe, the source path and
 * the sha256 (also top-level, so that a re-sent file is recognised by a search).
 */
export function assetMetadata(ctx: AssetContext): Record<string, unknown> {
  const first = ctx.files[0];
  const base: Record<string, unknown> = {
    id: ctx.plan.assetId,
    sensor: ctx.plan.sensor,
    timestamp: ctx.plan.timestamp,
    sets: ctx.setId ? [ctx.setId] : [],
    sha256: ctx.unitHash,
    ...(ctx.sessionUid ? { session_uid: ctx.sessionUid } : {}),
    aux: { source_path: ctx.sourcePath, kind: ctx.kind, probe: snakeCaseKeys(ctx.probe) },
    ...(first ? { object_access: { uri: first.uri, filename: basename(first.relPath) } } : {}),
  };
  switch (ctx.kind) {
    case 'image': {
      const p = imageProbeSchema.parse(ctx.probe);
      return { ...base, width: p.width, height: p.height, format: p.format, preprocesses: [] };
    }
    case 'video': {
      const p = videoProbeSchema.parse(ctx.probe);
      const start = timestampToSeconds(ctx.plan.timestamp);
      const end = start !== undefined && p.durationSeconds !== null ? secondsToIso(start + p.durationSeconds) : null;
      return {
        ...base, width: p.width, height: p.height, duration: p.durationSeconds, fps: p.fps, start_time: ctx.plan.timestamp,
        end_time: end, tags: ['raw'],
      };
    }
    case 'lidar': {
      const p = lidarProbeSchema.parse(ctx.probe);
      return p.format === 'pcd'
        ? { ...base, format: 'pcd', binary_format: null, num_fields: p.fields.length }
        : { ...base, format: 'binary', binary_format: p.format === 'nuscenes_bin' ? '<fffff' : '<ffff', num_fields: p.format === 'nuscenes_bin' ? 5 : 4 };
    }
    case 'ros1_bag':
    case 'ros2_bag':
    case 'mcap':
      // A bag folder is several objects; the whole list travels to the indexer as is.
      return {
        ...base,
        rosbag_type: ctx.kind === 'ros1_bag' ? 'ros1' : ctx.kind === 'ros2_bag' ? 'ros2' : 'mcap',
        file_objects: ctx.files.map((f) => ({ uri: f.uri, filename: f.relPath, size: f.size, sha256: f.sha256 })),
      };
    case 'coco':
    case 'csv':
    case 'ego_pose':
      return base;
  }
}

/** The session entity that places a media asset on its session's timeline (wire protocol §1.5). */
export function mediaEntity(kind: FileKind, assetId: string, sessionUid: string, timestamp: string, durationSeconds: number | null): Record<string, unknown> | undefined {
  const entityName = kind === 'image' ? 'image' : kind === 'lidar' ? 'lidar' : kind === 'video' ? 'video' : undefined;
  if (!entityName) return undefined;
  const start = timestampToSeconds(timestamp);
  const end = start !== undefined && durationSeconds !== null ? secondsToIso(start + durationSeconds) : timestamp;
  return {
    session: sessionUid,
    timestamp,
    start_time: timestamp,
    end_time: end,
    entity_id: `${entityName}_${assetId}`,
    entity_name: entityName,
    entity_value: assetId,
    entity_type: 'media',
    influence: kind === 'video' ? 'affect_forward' : 'interval',
    media_asset_id: assetId,
    extend_session: true,
    enrichments: [],
  };
}
