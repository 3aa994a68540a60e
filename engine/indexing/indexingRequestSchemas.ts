import { z } from 'zod';

// Request bodies of the indexing routes, in the shapes the Python client sends (wire protocol
// §1.7): `index_rosbag` / `index_rosbag2` from SceneEngineClient (plus SceneDock's own ingest,
// which names sets by `sets_prefix` and sends standalone MCAP files to index_rosbag2),
// `register_rosbag_session` and `index_recording`. Keys the client may add later are kept.

export const objectAccessSchema = z.looseObject({
  uri: z.string().min(1).nullish(),
  url: z.string().min(1).nullish(),
  filename: z.string().nullish(),
}).refine((a) => Boolean(a.uri) || Boolean(a.url), { message: 'needs a uri or a url' });
export type FileObject = z.output<typeof objectAccessSchema>;

const setId = z.string().min(1).nullish();
export const setsMapSchema = z.looseObject({ images: setId, videos: setId, lidars: setId, objects: setId, sessions: setId });
export type SetsMap = z.output<typeof setsMapSchema>;

/**
 * `indexing_parameters`: the client passes it through untouched, so these are SceneDock's own
 * knobs; unknown keys are listed in the job notes rather than refused.
 */
export const indexingParametersSchema = z.looseObject({
  /** Topics whose numeric fields become scalar entities even when `topics` does not name them; `*` for all. */
  scalar_topics: z.array(z.string().min(1)).nullish(),
  /** Every n-th point cloud of a lidar becomes a lidar asset (default 1). */
  lidar_skip_factor: z.number().int().min(1).max(1_000_000).nullish(),
  /** One video per camera (default true). */
  make_videos: z.boolean().nullish(),
  /**
   * false: raw frames (sensor_msgs/Image) are decoded and checked but neither encoded to PNG nor put
   * in videos (no image assets for them); the benchmark's run without image encoding. Default true.
   */
  encode_raw_images: z.boolean().nullish(),
  /** zlib level of the PNGs made from raw images, 0 (stored) to 9 (default 1). */
  png_compression_level: z.number().int().min(0).max(9).nullish(),
  /** x264 preset of the camera videos (default veryfast). */
  video_preset: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow']).nullish(),
  /** `header` (default): header.stamp where a message has a plausible one, else the log time; `log`: always the log time. */
  timestamp_source: z.enum(['header', 'log']).nullish(),
  /** Scalar fields taken from one message at most (default 64). */
  max_scalar_fields: z.number().int().min(1).max(10_000).nullish(),
});
export type IndexingParameters = z.output<typeof indexingParametersSchema>;

/** `sensors`: the client's list of sensors to make videos of, or a map from topic to sensor name. */
export const sensorsSchema = z.union([z.array(z.string().min(1)), z.record(z.string().min(1), z.string().min(1))]);

export const indexRosbagSchema = z.looseObject({
  file_objects_dicts: z.array(objectAccessSchema).min(1, 'lists no files'),
  search: z.unknown().nullish(),
  sets_map: setsMapSchema.nullish(),
  sets_prefix: z.string().min(1).max(256).nullish(),
  session_uid: z.string().min(1).nullish(),
  session_name: z.string().min(1).max(512).nullish(),
  deep_analysis: z.boolean().nullish(),
  models: z.array(z.string()).nullish(),
  sensors: sensorsSchema.nullish(),
  indexing_parameters: indexingParametersSchema.nullish(),
  topics: z.array(z.string().min(1)).nullish(),
  image_skip_factor: z.number().int().min(1).max(1_000_000).nullish(),
});
export type IndexRosbagBody = z.output<typeof indexRosbagSchema>;

export const registerRosbagSessionSchema = z.looseObject({
  session_name: z.string().min(1).max(512),
  session_directory_path: z.string().min(1).nullish(),
  source_data: z.array(z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })])).nullish(),
  session_configuration: z.unknown().nullish(),
});

export const indexRecordingSchema = z.looseObject({
  uri: z.string().min(1),
  bucket: z.string().nullish(),
  recording_name: z.string().min(1).max(512).nullish(),
  session_set_id: z.string().min(1).nullish(),
  session_aux_metadata: z.record(z.string(), z.unknown()).nullish(),
});
