import { useEffect, useState } from 'react';
import type { JobView } from '../../../../shared/ipc/viewModels';
import { useBridge } from '../../bridge/BridgeContext';
import { useBridgeEvent } from '../../bridge/useBridgeEvent';
import { useAsync } from '../../components/useAsync';

/** Jobs, newest first, kept current by jobChanged events (a new job appears when its first event arrives). */
export function useJobs(): { jobs: JobView[]; error: string | undefined } {
  const { api } = useBridge();
  const loaded = useAsync(() => api.listJobs({}), [api]);
  const [jobs, setJobs] = useState<JobView[]>([]);
  useEffect(() => setJobs(loaded.value ?? []), [loaded.value]);
  useBridgeEvent('jobChanged', (job) => setJobs((list) => {
    const rest = list.filter((j) => j.jobId !== job.jobId);
    return [job, ...rest];
  }));
  return { jobs, error: loaded.error };
}
