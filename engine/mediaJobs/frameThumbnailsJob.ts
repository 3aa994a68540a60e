import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JobKind } from '../jobs/JobService';
import { runFfmpeg } from '../media/runFfmpeg';
import type { Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { MediaJobRun, MERGE, type ObjectAccess } from './MediaJobRun';
import { fitInside, IMAGE_PRESET_MAX_SIDE, type ImagePreset, type Size } from './mediaPresets';
import { frameThumbnailsSchema } from './mediaRequestSchemas';
import { probeVideo } from './probeVideo';

const DEFAULT_TAGS: readonly ImagePreset[] = ['small', 'full_size_png'];

/** The key `get_video_frame_thumbnail` reads: `thumbnails["<tag>_frame_<n>"]`. */
export const frameThumbnailKey = (tag: string, frame: number): string => `${tag}_frame_${frame}`;

/**
 * One ffmpeg run per video: the requested frames are selected once and split to one scaled
 * output per tag. Output k of a tag is the k-th requested frame in order, so frames past the end
 * simply produce no file.
 */
async function extractFrames(source: string, dir: string, frames: readonly number[], tags: readonly ImagePreset[], size: Size, signal: AbortSignal): Promise<void> {
  const select = frames.map((n) => `eq(n,${n})`).join('+');
  const graph = [
    `[0:v]select='${select}',split=${tags.length}${tags.map((_, i) => `[s${i}]`).join('')}`,
    ...tags.map((tag, i) => {
      const fit = fitInside(size, IMAGE_PRESET_MAX_SIDE[tag]);
      return `[s${i}]scale=${fit.width}:${fit.height}[t${i}]`;
    }),
  ].join(';');
  const outputs = tags.flatMap((tag, i) => ['-map', `[t${i}]`, '-vsync', '0', join(dir, `${tag}_%06d.png`)]);
  await runFfmpeg(['-i', source, '-filter_complex', graph, ...outputs], signal);
}

/**
 * `extract_frame_thumbnails`: PNG thumbnails of frames of each video (frame 0 is the first), one
 * per tag (`tiny`, `small`, `full_size_png`), recorded as
 * `thumbnails["<tag>_frame_<n>"] = {object_access, width, height, frame}`. A frame past the end of
 * a video is noted; the video's other frames are kept.
 */
export function frameThumbnailsJob(services: EngineServices): JobKind {
  return {
    jobType: 'image_extraction',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'frame-thumbnails', async (run) => {
      const request = frameThumbnailsSchema.parse(ctx.payload);
      const frames = [...new Set(request.frames)].sort((a, b) => a - b);
      const tags = [...new Set(request.thumbnail_tags ?? DEFAULT_TAGS)];
      await run.forEachAsset('videos', request.ids, 'extracting frame thumbnails', async (doc, dir) => {
        const id = String(doc.id);
        const source = await run.fetchInput(doc, dir);
        const facts = await probeVideo(source);
        await extractFrames(source, dir, frames, tags, facts, ctx.signal);
        const thumbnails: Doc = {};
        for (const [k, frame] of frames.entries()) {
          const files = tags.map((tag) => ({ tag, file: join(dir, `${tag}_${String(k + 1).padStart(6, '0')}.png`) }));
          if (!files.every((f) => existsSync(f.file))) {
            run.report.fail(`video ${id} frame ${frame}`, `the video has no frame ${frame}${facts.frames !== undefined ? ` (it has ${facts.frames} frames)` : ''}`);
            continue;
          }
          for (const { tag, file } of files) {
            const access: ObjectAccess = await run.store(`thumbnails/videos/${id}/${frameThumbnailKey(tag, frame)}.png`, file, 'image/png');
            thumbnails[frameThumbnailKey(tag, frame)] = { object_access: access, ...fitInside(facts, IMAGE_PRESET_MAX_SIDE[tag]), frame };
          }
        }
        if (Object.keys(thumbnails).length === 0) throw new Error(`none of frames ${frames.join(', ')} exists in the video`);
        run.write('videos', id, { thumbnails }, MERGE);
      });
      return `extracted ${frames.length} frame(s) x ${tags.length} tag(s) from ${run.report.counts().done} videos`;
    }),
  };
}
