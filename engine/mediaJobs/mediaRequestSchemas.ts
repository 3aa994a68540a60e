import { z } from 'zod';
import { IMAGE_PRESETS, VIDEO_PRESETS } from './mediaPresets';

// Bodies of the media routes (wire protocol §1.6). The Python client sends every key, unset ones
// as null, so every optional key is nullish.

const MAX_IDS = 10_000;
const MAX_SIDE = 16_384;

const id = z.string({ error: 'must be a string id' }).min(1, 'ids must not be empty');
const ids = z.array(id, { error: 'ids must be a list of ids' }).min(1, 'ids must list at least one id').max(MAX_IDS, `at most ${MAX_IDS} ids per request`);
export const tagSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');
const side = z.number().int('must be a whole number of pixels').min(1, 'must be at least 1 pixel').max(MAX_SIDE, `must be at most ${MAX_SIDE} pixels`);

/** A time in a video: seconds from its start (a number) or an ISO-8601 time (a string). */
export const videoTimeSchema = z.union([z.number().min(0, 'seconds from the start must be at least 0'), z.string().min(1)]).nullish();

const compressShape = {
  ids,
  desired_shape: z.tuple([side, side], { error: 'desired_shape must be [width, height]' }).nullish(),
  thumbnail_tag: tagSchema.nullish(),
};
const presetOrShape = (b: { use_preset?: unknown; desired_shape?: unknown }) => Boolean(b.use_preset) || Boolean(b.desired_shape);
const PRESET_OR_SHAPE = { message: 'use_preset or desired_shape is required', path: ['use_preset'] };

export const compressImagesSchema = z.object({
  ...compressShape,
  use_preset: z.enum(IMAGE_PRESETS, { error: `must be one of ${IMAGE_PRESETS.join(', ')}` }).nullish(),
}).refine(presetOrShape, PRESET_OR_SHAPE);
export type CompressImagesRequest = z.infer<typeof compressImagesSchema>;

export const compressVideosSchema = z.object({
  ...compressShape,
  use_preset: z.enum(VIDEO_PRESETS, { error: `must be one of ${VIDEO_PRESETS.join(', ')}` }).nullish(),
}).refine(presetOrShape, PRESET_OR_SHAPE);
export type CompressVideosRequest = z.infer<typeof compressVideosSchema>;

export const compressLidarsSchema = z.object({
  ids,
  skip_factors: z.array(z.number().int('skip factors are whole numbers').min(1, 'skip factors are at least 1').max(1_000_000))
    .min(1, 'skip_factors must list at least one factor').max(16).nullish(),
  gzip_compress: z.boolean().nullish(),
});
export type CompressLidarsRequest = z.infer<typeof compressLidarsSchema>;

export const frameThumbnailsSchema = z.object({
  ids,
  frames: z.array(z.number().int('frame numbers are whole numbers').min(0, 'frame numbers start at 0')).min(1, 'frames must list at least one frame').max(1000),
  thumbnail_tags: z.array(z.enum(IMAGE_PRESETS, { error: `must be one of ${IMAGE_PRESETS.join(', ')}` })).min(1).nullish(),
});
export type FrameThumbnailsRequest = z.infer<typeof frameThumbnailsSchema>;

export const extractImagesSchema = z.object({
  id,
  extract_start_time: videoTimeSchema,
  extract_end_time: videoTimeSchema,
  fps: z.number().positive('fps must be more than 0').max(120, 'fps must be at most 120').nullish(),
  set_id: z.string().min(1).nullish(),
});
export type ExtractImagesRequest = z.infer<typeof extractImagesSchema>;

export const subclipSchema = z.object({
  id,
  extract_start_time: videoTimeSchema,
  extract_end_time: videoTimeSchema,
  subclip_id: z.string().min(1).nullish(),
  set_id: z.string().min(1).nullish(),
});
export type SubclipRequest = z.infer<typeof subclipSchema>;

export const concatenateSchema = z.object({
  ids,
  output_video_id: id,
  video_metadata: z.record(z.string(), z.unknown(), { error: 'video_metadata must be an object' }).nullish(),
  job_id: z.string().min(1).nullish(),
});
export type ConcatenateRequest = z.infer<typeof concatenateSchema>;

const framesFolderShape = {
  bucket: z.string().min(1).nullish(),
  folder: z.string().nullish(),
  cloud_storage: z.string().nullish(),
};

const videoFromFramesShape = {
  sensor: z.string({ error: 'sensor is required' }).min(1, 'sensor is required'),
  image_skip_factor: z.number().int('image_skip_factor is a whole number').min(1, 'image_skip_factor must be at least 1').max(1_000_000).nullish(),
  session_uid: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  video_id: z.string().min(1).nullish(),
  set_id: z.string().min(1).nullish(),
  fps: z.number().positive('fps must be more than 0').max(240, 'fps must be at most 240').nullish(),
};

export const videoFromFramesSchema = z.object({
  ...videoFromFramesShape,
  ...framesFolderShape,
  bucket: z.string({ error: 'bucket is required' }).min(1, 'bucket is required'),
  folder: z.string({ error: 'folder is required' }),
});
export type VideoFromFramesRequest = z.infer<typeof videoFromFramesSchema>;

export const annotatedVideoSchema = z.object({
  ...videoFromFramesShape,
  ...framesFolderShape,
  csv_object_access: z.looseObject({ uri: z.string({ error: 'csv_object_access.uri is required' }).min(1) }, { error: 'csv_object_access must be an object access with a uri' }),
  width: side,
  height: side,
  image_format: z.string().nullish(),
}).refine((b) => (b.bucket === undefined || b.bucket === null) === (b.folder === undefined || b.folder === null), {
  message: 'bucket and folder go together', path: ['folder'],
});
export type AnnotatedVideoRequest = z.infer<typeof annotatedVideoSchema>;
