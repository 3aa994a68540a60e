import type { JobContext, JobService } from '../jobs/JobService';
import { yieldTurn } from './forEachBatch';
import type { SetDocument, SetOperation } from './setDocument';
import { setJobPayloads, type SetJobKind, type SetJobPayload } from './setJobPayloads';
import type { SetStore } from './SetStore';

export interface SetJobSpec<K extends SetJobKind> {
  /** SceneBox job type written to the job document. */
  jobType: string;
  /** The state the set is in while the job runs. */
  state: SetOperation['state'];
  work(ctx: JobContext, set: SetDocument, payload: SetJobPayload<K>): Promise<void>;
}

/**
 * Registers a job that works on one set (resumable: every set job is idempotent). The payload is
 * checked, the set read when the job starts (it may have been deleted while the job was queued),
 * put in `state` while the work runs, and given back its previous state afterwards, whether the
 * work finished, failed or was cancelled.
 */
export function registerSetJob<K extends SetJobKind>(jobs: JobService, store: SetStore, kind: K, spec: SetJobSpec<K>): void {
  jobs.register(kind, {
    jobType: spec.jobType,
    resumable: true,
    run: async (ctx) => {
      const payload = setJobPayloads[kind].parse(ctx.payload) as SetJobPayload<K> & { setId: string };
      // The job may start inside the submitting request's turn; let that request record it first.
      await yieldTurn();
      const set = store.get(ctx.organizationId, payload.setId);
      if (!set) throw new Error(`set ${payload.setId} does not exist (deleted before this job ran?)`);
      store.beginOperation(ctx.organizationId, set.id, ctx.jobId, spec.state);
      try {
        await spec.work(ctx, set, payload);
      } finally {
        store.endOperation(ctx.organizationId, set.id, ctx.jobId);
      }
    },
  });
}
