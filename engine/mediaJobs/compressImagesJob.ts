import { join } from 'node:path';
import type { JobKind } from '../jobs/JobService';
import { runFfmpeg } from '../media/runFfmpeg';
import type { EngineServices } from '../services/EngineServices';
import { JPEG, PNG } from './encodingArgs';
import { MediaJobRun, MERGE } from './MediaJobRun';
import { IMAGE_PRESET_MAX_SIDE, resizeTargetOf, targetSize } from './mediaPresets';
import { compressImagesSchema } from './mediaRequestSchemas';
import { probeStill } from './probeStill';

/**
 * `compress_images`: a thumbnail of each image at a preset size or `desired_shape`, stored as an
 * object and recorded as `thumbnails.<tag> = {object_access, width, height, format}`. JPEG sources
 * give JPEG thumbnails; everything else, and `full_size_png`, gives PNG.
 */
export function compressImagesJob(services: EngineServices): JobKind {
  return {
    jobType: 'image_compression',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'compress-images', async (run) => {
      const request = compressImagesSchema.parse(ctx.payload);
      const target = resizeTargetOf(IMAGE_PRESET_MAX_SIDE, request);
      await run.forEachAsset('images', request.ids, `making ${target.tag} thumbnails`, async (doc, dir) => {
        const id = String(doc.id);
        const source = await run.fetchInput(doc, dir);
        const still = await probeStill(source);
        const size = targetSize(target, still);
        const format = target.png || still.codec !== 'mjpeg' ? PNG : JPEG;
        const out = join(dir, `thumbnail.${format.ext}`);
        await runFfmpeg(['-i', source, '-vf', `scale=${size.width}:${size.height}:flags=area`, '-frames:v', '1', ...format.args, '-update', '1', out], ctx.signal);
        const made = await probeStill(out);
        const access = await run.store(`thumbnails/images/${id}/${target.tag}.${format.ext}`, out, format.contentType);
        run.write('images', id, { thumbnails: { [target.tag]: { object_access: access, width: made.width, height: made.height, format: format.ext } } }, MERGE);
      });
      return `made ${target.tag} thumbnails of ${run.report.counts().done} images`;
    }),
  };
}
