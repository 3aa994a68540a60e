import { z } from 'zod';
import { parseIsoTimestamp } from '../../time/isoTimestamp';

// The ego-pose file SceneBox's `add_ego_pose` uploads: frames of timestamped objects, each with
// its position as `lat`/`lon` (metres relative to the ego vehicle in the client's example).

export const egoPoseObjectSchema = z.looseObject({ lat: z.number(), lon: z.number() });

export const egoPoseFrameSchema = z.looseObject({
  frame: z.number().int(),
  timestamp: z.string().refine((t) => parseIsoTimestamp(t) !== undefined, 'not an ISO-8601 timestamp'),
  objects: z.record(z.string(), egoPoseObjectSchema),
});
export type EgoPoseFrame = z.infer<typeof egoPoseFrameSchema>;

export const egoPoseSchema = z.array(egoPoseFrameSchema);
