import { canonicalTimestamp, timestampToSeconds } from '../../time/isoTimestamp';
import type { EgoPoseFrame } from './egoPoseSchema';

export interface EgoPoseSummary {
  frameCount: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  objectCount: number;
  maxObjectsPerFrame: number;
  firstFrame: number | null;
  lastFrame: number | null;
  monotonic: boolean;
}

/** First/last follow file order; `monotonic` says whether that order is also time order. */
export function summarizeEgoPose(frames: readonly EgoPoseFrame[]): EgoPoseSummary {
  const objectIds = new Set<string>();
  let maxObjects = 0;
  let monotonic = true;
  let previous = -Infinity;
  for (const frame of frames) {
    const ids = Object.keys(frame.objects);
    ids.forEach((id) => objectIds.add(id));
    maxObjects = Math.max(maxObjects, ids.length);
    const seconds = timestampToSeconds(frame.timestamp) ?? NaN;
    if (seconds < previous) monotonic = false;
    previous = seconds;
  }
  const first = frames[0];
  const last = frames[frames.length - 1];
  return {
    frameCount: frames.length,
    firstTimestamp: first ? canonicalTimestamp(first.timestamp) ?? null : null,
    lastTimestamp: last ? canonicalTimestamp(last.timestamp) ?? null : null,
    objectCount: objectIds.size,
    maxObjectsPerFrame: maxObjects,
    firstFrame: first?.frame ?? null,
    lastFrame: last?.frame ?? null,
    monotonic,
  };
}
