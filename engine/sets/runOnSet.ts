import type { JobContext } from '../jobs/JobService';
import type { SetDocument, SetOperation } from './setDocument';
import type { SetStore } from './SetStore';
import { yieldTurn } from './forEachBatch';

/**
 * A set job's frame: the set is read when the job starts (it may have been deleted while the job
 * was queued), put in `state` while the work runs, and given back its previous state afterwards,
 * whether the work finished, failed or was cancelled.
 */
export async function runOnSet(
  store: SetStore,
  ctx: JobContext,
  setId: string,
  state: SetOperation['state'],
  work: (set: SetDocument) => Promise<void>,
): Promise<void> {
  // The job may start inside the submitting request's turn; let that request record it first.
  await yieldTurn();
  const set = store.get(ctx.organizationId, setId);
  if (!set) throw new Error(`set ${setId} does not exist (deleted before this job ran?)`);
  store.beginOperation(ctx.organizationId, setId, ctx.jobId, state);
  try {
    await work(set);
  } finally {
    store.endOperation(ctx.organizationId, setId, ctx.jobId);
  }
}
