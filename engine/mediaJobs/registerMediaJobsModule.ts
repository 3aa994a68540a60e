import type { EngineModule } from '../modules/engineModules';
import { annotatedVideoJob } from './annotatedVideoJob';
import { compressImagesJob } from './compressImagesJob';
import { compressLidarsJob } from './compressLidarsJob';
import { compressVideosJob } from './compressVideosJob';
import { concatenateVideosJob } from './concatenateVideosJob';
import { extractImagesJob } from './extractImagesJob';
import { frameThumbnailsJob } from './frameThumbnailsJob';
import { MEDIA_JOB_KINDS } from './mediaJobKinds';
import { registerMediaRoutes } from './mediaRoutes';
import { subclipJob } from './subclipJob';
import { videoFromFramesJob } from './videoFromFramesJob';

/**
 * Media processing: thumbnails and compressed versions of images, videos and lidars, frames and
 * subclips cut from videos, videos joined or made of timed frames (with boxes drawn on them).
 * Inputs are the assets' stored objects; outputs are stored objects of the same organization,
 * recorded on the assets or as new assets. Every route answers `{job_id}`.
 */
export const registerMediaJobsModule: EngineModule = (app, services) => {
  services.jobs.register(MEDIA_JOB_KINDS.compress_images, compressImagesJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.compress_videos, compressVideosJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.compress_lidars, compressLidarsJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.frame_thumbnails, frameThumbnailsJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.extract_images, extractImagesJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.extract_subclip, subclipJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.concatenate_videos, concatenateVideosJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.video_from_frames, videoFromFramesJob(services));
  services.jobs.register(MEDIA_JOB_KINDS.annotated_video_from_frames, annotatedVideoJob(services));
  registerMediaRoutes(app, services);
};
