import type { JobContext } from '../jobs/JobService';

export interface BatchProgress {
  /** The share of the job's progress bar this loop fills, in percent: [from, to]. */
  from: number;
  to: number;
  stage?: string;
}

/**
 * Runs `apply` on consecutive slices of `count` items, each slice synchronously (one MetaStore
 * transaction, so no request sees half a slice), checking for cancellation and yielding to the
 * event loop between slices so that the engine keeps answering requests during a long job.
 */
export async function forEachBatch(
  ctx: JobContext,
  count: number,
  size: number,
  apply: (start: number, end: number) => void,
  progress: BatchProgress = { from: 0, to: 100 },
): Promise<void> {
  if (progress.stage !== undefined) ctx.progress(progress.from, progress.stage);
  for (let start = 0; start < count; start += size) {
    ctx.signal.throwIfAborted();
    const end = Math.min(count, start + size);
    apply(start, end);
    ctx.progress(progress.from + ((progress.to - progress.from) * end) / count);
    await yieldTurn();
  }
}

/** Lets pending I/O and requests run before the job goes on. */
export function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
