import { z } from 'zod';

// Replies of the routes that organise data: sets (wire protocol §1.3), sessions and entities
// (§1.5), indexing (§1.7).
export const organizeWire = {
  createdSet: z.looseObject({ id: z.string().min(1) }),
  createdSession: z.looseObject({ session_uid: z.string().min(1) }),
  ack: z.looseObject({ acknowledged: z.literal(true) }),
  jobId: z.looseObject({ job_id: z.string().min(1) }),
};
