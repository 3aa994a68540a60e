import { z } from 'zod';
import { indexingParametersSchema } from './indexingRequestSchemas';

/**
 * What an indexing job keeps in the queue: the request resolved at submission (files as the
 * object URIs the engine holds, sets as lists, the session it writes to), so that a job re-run
 * after a restart does exactly the same work.
 */
export const indexingPayloadSchema = z.object({
  route: z.string(),
  session_uid: z.string().min(1),
  /** The job's request made the session: an aborted job removes it again. */
  session_created: z.boolean(),
  session_name: z.string(),
  session_type: z.string(),
  files: z.array(z.object({ uri: z.string().min(1), name: z.string().min(1) })).min(1),
  sets: z.object({ images: z.array(z.string()), videos: z.array(z.string()), lidars: z.array(z.string()), sessions: z.array(z.string()) }),
  topics: z.array(z.string()).nullable(),
  sensor_names: z.record(z.string(), z.string()),
  video_sensors: z.array(z.string()).nullable(),
  image_skip_factor: z.number().int().min(1),
  parameters: indexingParametersSchema,
  /** Said to the caller in the job notes (options this engine does not act on, missing sets, ...). */
  notes: z.array(z.string()),
  /** Extra source_data items for the session (register_rosbag_session's rosbag ids). */
  source_data: z.array(z.record(z.string(), z.unknown())),
});
export type IndexingPayload = z.infer<typeof indexingPayloadSchema>;

export const INDEXING_JOB_KIND = 'index_recording_files';
