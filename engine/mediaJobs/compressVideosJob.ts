import { join } from 'node:path';
import type { JobKind } from '../jobs/JobService';
import { runFfmpeg } from '../media/runFfmpeg';
import type { Doc } from '../meta/mergeDocuments';
import { microsToIso } from '../sessions/timeIndex';
import type { EngineServices } from '../services/EngineServices';
import { H264_MP4_ARGS } from './encodingArgs';
import { MediaJobRun, MERGE } from './MediaJobRun';
import { evenSize, resizeTargetOf, targetSize, VIDEO_PRESET_MAX_SIDE } from './mediaPresets';
import { compressVideosSchema } from './mediaRequestSchemas';
import { videoStartMicros } from './mediaTimes';
import { probeVideo, type VideoFacts } from './probeVideo';

/** Sizes, length and rate of a video file, as recorded beside its object access. */
export function videoFileFacts(facts: VideoFacts): Doc {
  return {
    width: facts.width, height: facts.height, duration: facts.duration ?? null, fps: facts.fps ?? null,
    num_frames: facts.frames ?? null, codec: facts.codec, format: 'mp4',
  };
}

/**
 * What the client leaves null when it has no ffmpeg (observed requests, item 11): filled in from
 * the source file, and only where the document has nothing.
 */
function missingVideoFields(doc: Doc, facts: VideoFacts): Doc {
  const known: Doc = { width: facts.width, height: facts.height, duration: facts.duration, fps: facts.fps };
  const startUs = videoStartMicros(doc);
  if (startUs !== undefined && facts.duration !== undefined) known.end_time = microsToIso(startUs + Math.round(facts.duration * 1e6));
  return Object.fromEntries(Object.entries(known).filter(([key, value]) => value !== undefined && (doc[key] === undefined || doc[key] === null)));
}

/**
 * `compress_videos`: an H.264 MP4 of each video at a preset size (or `desired_shape`), without
 * audio (it is a preview), recorded as `compressed_versions.<tag> = {object_access, width, height,
 * duration, fps, num_frames, codec, format}`.
 */
export function compressVideosJob(services: EngineServices): JobKind {
  return {
    jobType: 'video_compression',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'compress-videos', async (run) => {
      const request = compressVideosSchema.parse(ctx.payload);
      const target = resizeTargetOf(VIDEO_PRESET_MAX_SIDE, request);
      await run.forEachAsset('videos', request.ids, `making ${target.tag} videos`, async (doc, dir) => {
        const id = String(doc.id);
        const source = await run.fetchInput(doc, dir);
        const facts = await probeVideo(source);
        const size = evenSize(targetSize(target, facts));
        const out = join(dir, 'compressed.mp4');
        await runFfmpeg(['-i', source, '-map', '0:v:0', '-vf', `scale=${size.width}:${size.height},setsar=1`, '-an', ...H264_MP4_ARGS, out], ctx.signal);
        const made = await probeVideo(out);
        const access = await run.store(`compressed/videos/${id}/${target.tag}.mp4`, out, 'video/mp4');
        run.write('videos', id, { ...missingVideoFields(doc, facts), compressed_versions: { [target.tag]: { object_access: access, ...videoFileFacts(made) } } }, MERGE);
      });
      return `made ${target.tag} versions of ${run.report.counts().done} videos`;
    }),
  };
}
