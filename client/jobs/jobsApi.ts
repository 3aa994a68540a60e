import { jobWire, type WireJob } from '../../shared/wire/jobWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';
import { pollJob, type WaitOptions } from './pollJob';

/** Jobs as SceneEngineClient sees them (wire protocol §6.4): job documents read through the asset manager. */
export const jobsApi = {
  /** `GET AM/assets/meta/<id>?asset_type=jobs`, as the Python client's `get_job` reads it. */
  getJob: async (am: SceneBoxHttp, jobId: string): Promise<WireJob> =>
    am.get(`/assets/meta/${pathSegment(jobId)}`, { schema: jobWire.job, query: { asset_type: 'jobs', metadata_only: true } }),

  waitForJob: async (am: SceneBoxHttp, jobId: string, options?: WaitOptions): Promise<WireJob> =>
    pollJob(jobId, () => jobsApi.getJob(am, jobId), options),

  /** `PUT SE/v1/jobs/cancel/<id>`: a queued job never runs, a running one is stopped. */
  cancelJob: async (se: SceneBoxHttp, jobId: string): Promise<WireJob> =>
    se.put(`/v1/jobs/cancel/${pathSegment(jobId)}`, { schema: jobWire.job }),
};
