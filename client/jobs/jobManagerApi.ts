import { jobWire, type WireComprehensiveStatus, type WireJob, type WireJobStatus, type WireQueryTask } from '../../shared/wire/jobWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';

export interface NewJob {
  jobType: string;
  assetType?: string;
  assetId?: string;
  user?: string;
  description?: string;
  stage?: string;
  tags?: readonly string[];
  notes?: readonly string[];
}

/** SceneBox limits stages and error strings to this many characters. */
const MAX_TEXT = 1024;

const jobPath = (action: string, jobId: string): string => `/jobs/${action}/${pathSegment(jobId)}`;

/** The job manager routes under `AM/jobs` (wire protocol §1.10). Every write answers with the job document. */
export const jobManagerApi = {
  async create(am: SceneBoxHttp, job: NewJob): Promise<string> {
    const reply = await am.post('/jobs/add', {
      schema: jobWire.jobId,
      body: {
        asset_type: job.assetType ?? 'undefined',
        asset_id: job.assetId ?? 'undefined',
        job_type: job.jobType,
        notes: job.notes ?? [],
        tags: job.tags ?? [],
        ...(job.user !== undefined ? { user: job.user } : {}),
        ...(job.description !== undefined ? { description: job.description } : {}),
        ...(job.stage !== undefined ? { stage: job.stage } : {}),
      },
    });
    return reply.job_id;
  },

  queue: async (am: SceneBoxHttp, jobId: string): Promise<WireJob> => am.put(jobPath('queue', jobId), { schema: jobWire.job }),

  run: async (am: SceneBoxHttp, jobId: string, worker: { cpuCore?: number; hostname?: string } = {}): Promise<WireJob> =>
    am.put(jobPath('run', jobId), { schema: jobWire.job, body: {
      ...(worker.cpuCore !== undefined ? { cpu_core: worker.cpuCore } : {}),
      ...(worker.hostname !== undefined ? { hostname: worker.hostname } : {}),
    } }),

  finish: async (am: SceneBoxHttp, jobId: string): Promise<WireJob> => am.put(jobPath('finish', jobId), { schema: jobWire.job }),

  abort: async (am: SceneBoxHttp, jobId: string, errorString: string, revoke = false): Promise<WireJob> =>
    am.put(jobPath('abort', jobId), { schema: jobWire.job, query: { error_string: errorString.slice(0, MAX_TEXT), revoke } }),

  /** Not retried: a note sent twice would be stored twice. */
  appendNote: async (am: SceneBoxHttp, jobId: string, note: string): Promise<WireJob> =>
    am.put(jobPath('append_note', jobId), { schema: jobWire.job, query: { note }, retries: 0 }),

  updateMeta: async (am: SceneBoxHttp, jobId: string, key: string, value: unknown): Promise<WireJob> =>
    am.put(jobPath('meta', jobId), { schema: jobWire.job, body: { key, value } }),

  updateStage: async (am: SceneBoxHttp, jobId: string, stage: string): Promise<WireJob> =>
    am.put(jobPath('stage', jobId), { schema: jobWire.job, query: { stage: stage.slice(0, MAX_TEXT) } }),

  async status(am: SceneBoxHttp, jobId: string): Promise<WireJobStatus> {
    return (await am.get(jobPath('status', jobId), { schema: jobWire.statusReply })).status;
  },

  comprehensiveStatus: async (am: SceneBoxHttp, jobId: string): Promise<WireComprehensiveStatus> =>
    am.get(jobPath('comprehensive_status', jobId), { schema: jobWire.comprehensiveStatus }),

  async progress(am: SceneBoxHttp, jobId: string): Promise<number> {
    return (await am.get(jobPath('progress', jobId), { schema: jobWire.progressReply })).progress;
  },

  setProgress: async (am: SceneBoxHttp, jobId: string, progress: number): Promise<WireJob> =>
    am.put(jobPath('progress', jobId), { schema: jobWire.job, query: { progress: Math.round(progress * 100) / 100 } }),

  resubmit: async (am: SceneBoxHttp, jobId: string): Promise<WireJob> => am.put(jobPath('resubmit', jobId), { schema: jobWire.job }),

  /** PUT `AM/jobs/jobs/cancel/<id>`: the path the Python job manager builds. */
  cancel: async (am: SceneBoxHttp, jobId: string): Promise<WireJob> => am.put(jobPath('jobs/cancel', jobId), { schema: jobWire.job }),

  queryTask: async (am: SceneBoxHttp, taskId: string): Promise<WireQueryTask> =>
    am.get(`/jobs/query_task/${pathSegment(taskId)}`, { schema: jobWire.queryTask }),

  /** `GET .../abort` as the Python client's `abort_task`; `DELETE` of the task is the same. */
  abortTask: async (am: SceneBoxHttp, taskId: string, method: 'GET' | 'DELETE' = 'GET'): Promise<WireJob> =>
    method === 'GET'
      ? am.get(`/jobs/query_task/${pathSegment(taskId)}/abort`, { schema: jobWire.job })
      : am.delete(`/jobs/query_task/${pathSegment(taskId)}`, { schema: jobWire.job }),
};
