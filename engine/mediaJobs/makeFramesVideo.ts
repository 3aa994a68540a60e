import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { Doc } from '../meta/mergeDocuments';
import { encodeFrames, type FramesEncoding } from './encodeFrames';
import { skipFrames, type Frame } from './frameSources';
import { REPLACE_KEEP_SETS, type MediaJobRun } from './MediaJobRun';
import { probeVideo } from './probeVideo';
import { videoAssetDoc } from './videoAssetDoc';

/** The request keys both frame routes share. */
export interface FramesVideoRequest {
  sensor: string;
  image_skip_factor?: number | null | undefined;
  session_uid?: string | null | undefined;
  tags?: string[] | null | undefined;
  video_id?: string | null | undefined;
  set_id?: string | null | undefined;
  fps?: number | null | undefined;
}

export interface FramesVideoOptions {
  /** The id when the request names none (before standardization). */
  defaultId: (first: Frame) => string;
  size?: FramesEncoding['size'];
  overlay?: FramesEncoding['overlay'];
  tags: readonly string[];
  /** More metadata, asked for once the video is made. */
  extra: () => Doc;
}

const usOf = (ns: bigint): number => Number(ns / 1000n);

/**
 * Makes a `videos` asset of timed frames (every `image_skip_factor`-th): its start and end times
 * are the first and last frame's, its rate (unless the request sets `fps`) plays them in real
 * time. Answers the video's id, or undefined when it could not be made (noted).
 */
export async function makeFramesVideo(run: MediaJobRun, request: FramesVideoRequest, frames: readonly Frame[], options: FramesVideoOptions): Promise<string | undefined> {
  const skip = request.image_skip_factor ?? 1;
  const chosen = skipFrames(frames, skip);
  const [first] = chosen;
  if (!first) {
    run.report.fail('video', 'there are no frames to make it of');
    return undefined;
  }
  const id = standardizeName(request.video_id ?? options.defaultId(first));
  const made = await run.item(`video ${id}`, async (dir) => {
    const encoded = await encodeFrames(run, chosen, { fps: request.fps, size: options.size, overlay: options.overlay }, dir);
    const facts = await probeVideo(encoded.file);
    const access = await run.store(`generated/videos/${id}.mp4`, encoded.file, 'video/mp4');
    run.write('videos', id, videoAssetDoc({
      facts, object_access: access, startUs: usOf(encoded.frames[0]?.ns ?? first.ns), endUs: usOf(encoded.frames[encoded.frames.length - 1]?.ns ?? first.ns),
      sensor: request.sensor, session_uid: request.session_uid, sets: request.set_id ? [request.set_id] : [], tags: [...(request.tags ?? []), ...options.tags],
    }, { ...options.extra(), num_source_frames: encoded.frames.length, image_skip_factor: skip }), REPLACE_KEEP_SETS);
  });
  return made ? id : undefined;
}
