import { setTimeout as sleep } from 'node:timers/promises';
import type { WireJobStatus } from '../../shared/wire/jobWire';
import { JobFailedError } from '../errors/JobFailedError';
import { JobTimeoutError } from '../errors/JobTimeoutError';

export interface WaitOptions {
  /** Between two reads of the job (default 1 s; the Python client waits 10 s). */
  pollIntervalMs?: number;
  /** Give up after this long; without it, wait as long as the job lives, like the Python client. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface JobState {
  status: WireJobStatus;
  stage?: string | null | undefined;
  notes?: readonly string[] | null | undefined;
}

/**
 * Reads a job until it is `finished` (resolves with the last read) or `aborted` (throws
 * `JobFailedError` with its notes). Time is measured by the loop's own clock, not the server's.
 */
export async function pollJob<T extends JobState>(jobId: string, read: () => Promise<T>, options: WaitOptions = {}, now: () => number = Date.now): Promise<T> {
  const interval = options.pollIntervalMs ?? 1000;
  const deadline = options.timeoutMs !== undefined ? now() + options.timeoutMs : Number.POSITIVE_INFINITY;
  for (;;) {
    options.signal?.throwIfAborted();
    const job = await read();
    if (job.status === 'finished') return job;
    if (job.status === 'aborted') throw new JobFailedError(jobId, job.stage ?? undefined, job.notes ?? []);
    if (now() + interval > deadline) throw new JobTimeoutError(jobId, job.status, options.timeoutMs ?? 0);
    await sleep(interval, undefined, options.signal ? { signal: options.signal } : {});
  }
}
