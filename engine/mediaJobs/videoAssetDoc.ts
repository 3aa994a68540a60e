import type { Doc } from '../meta/mergeDocuments';
import { microsToIso } from '../sessions/timeIndex';
import type { ObjectAccess } from './MediaJobRun';
import type { VideoFacts } from './probeVideo';

export interface VideoAssetSource {
  facts: VideoFacts;
  object_access: ObjectAccess;
  /** Microseconds since the epoch of the first frame; now when unknown (as the client's default). */
  startUs: number | undefined;
  /** End time when the frames say it (videos made of timed frames); else start + duration. */
  endUs?: number | undefined;
  sensor: unknown;
  session_uid: unknown;
  sets: readonly string[];
  tags: readonly string[];
}

const round = (n: number | undefined, digits: number): number | null => (n === undefined ? null : Number(n.toFixed(digits)));

/**
 * The metadata of a video the engine made, in the keys the Python client writes for a video
 * (wire protocol §5.3), with sizes, duration and rate read back from the file by ffprobe.
 */
export function videoAssetDoc(source: VideoAssetSource, extra: Doc = {}): Doc {
  const start = source.startUs ?? Date.now() * 1000;
  const end = source.endUs ?? start + Math.round((source.facts.duration ?? 0) * 1e6);
  return {
    ...extra,
    timestamp: microsToIso(start),
    start_time: microsToIso(start),
    end_time: microsToIso(end),
    width: source.facts.width,
    height: source.facts.height,
    duration: round(source.facts.duration, 6),
    fps: round(source.facts.fps, 3),
    num_frames: source.facts.frames ?? null,
    format: 'mp4',
    codec: source.facts.codec,
    sensor: source.sensor ?? null,
    session_uid: source.session_uid ?? null,
    sets: [...source.sets],
    tags: [...new Set(source.tags)],
    object_access: source.object_access,
  };
}
