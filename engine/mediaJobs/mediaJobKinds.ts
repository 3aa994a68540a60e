/** The engine's job kinds for media work (queue names, stored with each queued job). */
export const MEDIA_JOB_KINDS = {
  compress_images: 'media.compress_images',
  compress_videos: 'media.compress_videos',
  compress_lidars: 'media.compress_lidars',
  frame_thumbnails: 'media.frame_thumbnails',
  extract_images: 'media.extract_images',
  extract_subclip: 'media.extract_subclip',
  concatenate_videos: 'media.concatenate_videos',
  video_from_frames: 'media.video_from_frames',
  annotated_video_from_frames: 'media.annotated_video_from_frames',
} as const;
export type MediaJobKind = keyof typeof MEDIA_JOB_KINDS;
