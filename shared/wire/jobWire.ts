import { z } from 'zod';
import { JOB_STATUSES } from '../scenebox/constants';

// Jobs are assets of type `jobs` (wire protocol §1.10, §6.4). Only the four newest statuses are
// valid: the Python client polls forever on any other, so a reply with one is a server fault.

const status = z.enum(JOB_STATUSES);
const progress = z.number().min(0).max(100);
const notes = z.array(z.string());

const job = z.looseObject({
  id: z.string().min(1),
  status,
  progress,
  stage: z.string().nullish(),
  description: z.string().nullish(),
  notes: notes.nullish(),
  job_type: z.string().nullish(),
});

export const jobWire = {
  status,
  job,
  jobId: z.looseObject({ job_id: z.string().min(1) }),
  statusReply: z.looseObject({ status }),
  progressReply: z.looseObject({ progress }),
  comprehensiveStatus: z.looseObject({
    status,
    progress,
    stage: z.string().nullish(),
    notes: notes.nullish(),
    description: z.string().nullish(),
    job_type: z.string().nullish(),
  }),
  /** `GET /jobs/query_task/<id>`: an Elasticsearch-style task report. */
  queryTask: z.looseObject({ completed: z.boolean(), error: z.string().nullish(), response: z.unknown() }),
};

export type WireJob = z.infer<typeof job>;
export type WireJobStatus = z.infer<typeof status>;
export type WireComprehensiveStatus = z.infer<typeof jobWire.comprehensiveStatus>;
export type WireQueryTask = z.infer<typeof jobWire.queryTask>;
