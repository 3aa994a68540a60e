import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { JobKind } from '../jobs/JobService';
import { runFfmpeg } from '../media/runFfmpeg';
import type { EngineServices } from '../services/EngineServices';
import { microsToIso } from '../sessions/timeIndex';
import { JPEG } from './encodingArgs';
import { MediaJobRun, REPLACE_KEEP_SETS } from './MediaJobRun';
import { extractImagesSchema } from './mediaRequestSchemas';
import { rateText, videoStartMicros, videoWindow } from './mediaTimes';
import { probeStill } from './probeStill';
import { probeVideo } from './probeVideo';

/** The client's default: one image every three seconds. */
const DEFAULT_FPS = 1 / 3;
const MAX_IMAGES = 100_000;

/** `<video id>_<ms from the video start>ms`: extracting the same times again overwrites the same images. */
export const extractedImageId = (videoId: string, offsetSeconds: number): string => standardizeName(`${videoId}_${Math.round(offsetSeconds * 1000)}ms`);

/**
 * `extract_images`: JPEG images of a video at `fps` (default 1/3) between two times, as `images`
 * assets: image k is the frame at `start + k / fps`, timestamped the video's start time plus that
 * offset, with the video's sensor and session, `video_id` and `video_time_offset` (seconds), and
 * `set_id` in `sets` when given.
 */
export function extractImagesJob(services: EngineServices): JobKind {
  return {
    jobType: 'image_extraction',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'extract-images', async (run) => {
      const request = extractImagesSchema.parse(ctx.payload);
      const fps = request.fps ?? DEFAULT_FPS;
      let made = 0;
      await run.forEachAsset('videos', [request.id], 'extracting images', async (video, dir) => {
        const videoId = String(video.id);
        const source = await run.fetchInput(video, dir);
        const facts = await probeVideo(source);
        const startUs = videoStartMicros(video);
        if (startUs === undefined) throw new Error('the video has no start_time or timestamp, so its images would have no time');
        const window = videoWindow(request.extract_start_time, request.extract_end_time, facts.duration, startUs);
        const expected = Math.floor((window.end - window.start) * fps) + 1;
        if (expected > MAX_IMAGES) throw new Error(`${expected} images at ${fps} fps is more than the ${MAX_IMAGES} one extraction makes`);
        await runFfmpeg([
          '-ss', window.start.toFixed(6), '-i', source, '-t', (window.end - window.start).toFixed(6),
          '-map', '0:v:0', '-vf', `fps=${rateText(fps)}`, '-vsync', '0', ...JPEG.args, join(dir, 'image_%06d.jpg'),
        ], ctx.signal);
        const files = readdirSync(dir).filter((f) => f.startsWith('image_')).sort();
        if (files.length === 0) throw new Error(`ffmpeg found no frame between ${window.start} s and ${window.end} s`);
        // Every frame of a video stream has the size of the first.
        const { width, height } = await probeStill(join(dir, files[0] ?? ''));
        for (const [k, file] of files.entries()) {
          ctx.signal.throwIfAborted();
          const offset = window.start + k / fps;
          const id = extractedImageId(videoId, offset);
          const access = await run.store(`extracted/videos/${videoId}/${id}.jpg`, join(dir, file), JPEG.contentType);
          run.write('images', id, {
            width, height, format: 'jpg', sensor: video.sensor ?? null, timestamp: microsToIso(startUs + Math.round(offset * 1e6)),
            sets: request.set_id ? [request.set_id] : [], preprocesses: [], session_uid: video.session_uid ?? null,
            object_access: access, video_id: videoId, video_time_offset: Number(offset.toFixed(6)),
          }, REPLACE_KEEP_SETS);
          made += 1;
          ctx.progress(((k + 1) / files.length) * 100, 'storing images');
        }
      });
      return `extracted ${made} images from video ${standardizeName(request.id)} at ${rateText(fps)} fps`;
    }),
  };
}
