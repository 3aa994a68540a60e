import type { JobKind } from '../jobs/JobService';
import type { EngineServices } from '../services/EngineServices';
import { framesInFolder, folderWithinOrganization } from './frameSources';
import { makeFramesVideo } from './makeFramesVideo';
import { MediaJobRun } from './MediaJobRun';
import { videoFromFramesSchema } from './mediaRequestSchemas';

/**
 * `make_video_from_image_uris`: a video of the frames in a storage folder, each named
 * `<unix ns>.<ext>` (`1664999890113942016.jpeg`), in time order. Other objects in the folder are
 * counted in a note and left out. The video records `source_folder`.
 */
export function videoFromFramesJob(services: EngineServices): JobKind {
  return {
    jobType: 'video_extraction',
    resumable: true,
    run: (ctx) => MediaJobRun.run(services, ctx, 'video-from-frames', async (run) => {
      const request = videoFromFramesSchema.parse(ctx.payload);
      const { frames, ignored } = framesInFolder(services.storage, run.org, request.folder);
      if (ignored > 0) ctx.note(`${ignored} object(s) in folder ${request.folder} are not frames named <unix ns>.<image extension> and were left out`);
      const relative = folderWithinOrganization(run.org, request.folder);
      if (frames.length === 0) {
        run.report.fail(`folder ${request.folder}`, 'it holds no frames named <unix ns>.<image extension>');
        return 'made no video';
      }
      const id = await makeFramesVideo(run, request, frames, {
        defaultId: (first) => `${request.sensor}_${first.ns}`,
        tags: [],
        extra: () => ({ source_folder: `s3://${services.storage.bucket}/${run.org}/${relative}${relative === '' ? '' : '/'}` }),
      });
      return id ? `made video ${id} of ${frames.length} frames in ${request.folder}` : 'made no video';
    }),
  };
}
