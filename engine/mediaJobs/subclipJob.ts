import { join } from 'node:path';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { JobKind } from '../jobs/JobService';
import { runFfmpeg } from '../media/runFfmpeg';
import type { EngineServices } from '../services/EngineServices';
import { AAC_ARGS, H264_MP4_ARGS } from './encodingArgs';
import { MediaJobRun, REPLACE_KEEP_SETS } from './MediaJobRun';
import { evenSize } from './mediaPresets';
import { subclipSchema } from './mediaRequestSchemas';
import { videoStartMicros, videoWindow } from './mediaTimes';
import { probeVideo } from './probeVideo';
import { videoAssetDoc } from './videoAssetDoc';

/** `<video id>_<start ms>_<end ms>` unless the client names the subclip. */
export const subclipIdOf = (videoId: string, start: number, end: number): string => standardizeName(`${videoId}_${Math.round(start * 1000)}_${Math.round(end * 1000)}`);

/**
 * `extract_subclip_video`: the part of a video between two times, re-encoded (H.264 + AAC in MP4,
 * so the cut falls on the requested frame rather than a keyframe) as a new `videos` asset whose
 * start time is the source's plus the offset, with `source_video_id`, `source_time_offset` and the
 * tag `subclip`.
 */
export function subclipJob(services: EngineServices): JobKind {
  return {
    jobType: 'video_extraction',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'extract-subclip', async (run) => {
      const request = subclipSchema.parse(ctx.payload);
      let made = '';
      await run.forEachAsset('videos', [request.id], 'cutting the subclip', async (video, dir) => {
        const videoId = String(video.id);
        const source = await run.fetchInput(video, dir);
        const facts = await probeVideo(source);
        const startUs = videoStartMicros(video);
        const window = videoWindow(request.extract_start_time, request.extract_end_time, facts.duration, startUs);
        const id = request.subclip_id ? standardizeName(request.subclip_id) : subclipIdOf(videoId, window.start, window.end);
        if (id === videoId) throw new Error('subclip_id names the source video itself, which the subclip would overwrite');
        const size = evenSize(facts);
        const out = join(dir, 'subclip.mp4');
        await runFfmpeg([
          '-ss', window.start.toFixed(6), '-i', source, '-t', (window.end - window.start).toFixed(6),
          '-map', '0:v:0', '-map', '0:a:0?', '-vf', `scale=${size.width}:${size.height},setsar=1`, ...H264_MP4_ARGS, ...AAC_ARGS, out,
        ], ctx.signal);
        const subclip = await probeVideo(out);
        const access = await run.store(`generated/videos/${id}.mp4`, out, 'video/mp4');
        run.write('videos', id, videoAssetDoc({
          facts: subclip, object_access: access, startUs: startUs === undefined ? undefined : startUs + Math.round(window.start * 1e6),
          sensor: video.sensor, session_uid: video.session_uid, sets: request.set_id ? [request.set_id] : [], tags: ['subclip'],
        }, { source_video_id: videoId, source_time_offset: Number(window.start.toFixed(6)) }), REPLACE_KEEP_SETS);
        made = id;
      });
      return made ? `made subclip ${made} of video ${standardizeName(request.id)}` : `made no subclip of video ${standardizeName(request.id)}`;
    }),
  };
}
