import { pyRequest } from './pythonStyleRequest';

export interface JobDoc {
  id: string;
  status: string;
  progress: number;
  stage: string;
  notes: string[];
  job_type: string;
  [key: string]: unknown;
}

/**
 * Waits for a job the way the Python client does (`GET /am/v1/assets/meta/<job_id>?asset_type=jobs
 * &metadata_only=True`) until it is finished or aborted, polling fast; fails after `limitMs`
 * instead of looping forever as the client would.
 */
export async function pollJob(engineUrl: string, token: string, jobId: string, limitMs = 30_000): Promise<JobDoc> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const res = await pyRequest('GET', `${engineUrl}/am/v1/assets/meta/${jobId}`, { asset_type: 'jobs', metadata_only: true, token });
    if (res.status !== 200) throw new Error(`job ${jobId}: HTTP ${res.status} ${res.text}`);
    const job = res.json as JobDoc;
    if (job.status === 'finished' || job.status === 'aborted') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
