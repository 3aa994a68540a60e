import type { JobContext, JobService } from '../jobs/JobService';
import type { MetaStore, Scope } from '../meta/MetaStore';
import { forEachBatch } from './forEachBatch';
import { registerSetJob } from './registerSetJob';
import { seededPermutation } from './seededPermutation';
import type { SetDocument } from './setDocument';
import { SetStore } from './SetStore';

/** Members rewritten per transaction: large enough to amortize a commit, small enough to keep requests flowing. */
export const MEMBERSHIP_BATCH = 5000;
const LISTED_IN_NOTE = 20;

/**
 * Jobs that change which assets a set holds (`set_addition`, `set_removal`) or remove the set
 * (`set_deletion`). Membership is the `sets` list of each member asset, edited in batches with
 * `MetaStore.updateList`; every step is idempotent, so the jobs resume after a restart.
 */
export function registerMembershipJobs(jobs: JobService, meta: MetaStore, store: SetStore): void {
  registerSetJob(jobs, store, 'set_addition', {
    jobType: 'set_addition',
    state: 'moving assets',
    work: async (ctx, set, p) => {
      const scope = SetStore.memberScope(ctx.organizationId, set);
      let ids = p.ids ?? store.allIds(scope, p.query ?? {});
      if (p.limit !== undefined && ids.length > p.limit) {
        ctx.note(`${ids.length} assets match; a random sample of ${p.limit} (the limit) is added.`);
        ids = sample(ids, p.limit, textSeed(ctx.jobId));
      }
      const result = await applyInBatches(ctx, meta, store, set, scope, ids, 'add', p.ids !== undefined);
      ctx.note(`Added ${result.changed} ${set.assets_type} to set ${set.id}; ${result.found - result.changed} were members already.`);
      if (result.missing.length > 0) ctx.note(missingNote(result.missing, `not ${set.assets_type} of this organization`));
    },
  });

  registerSetJob(jobs, store, 'set_removal', {
    jobType: 'set_removal',
    state: 'moving assets',
    work: async (ctx, set, p) => {
      const scope = SetStore.memberScope(ctx.organizationId, set);
      const ids = p.ids ?? store.allIds(scope, store.memberQuery(set, p.query ?? {}));
      const result = await applyInBatches(ctx, meta, store, set, scope, ids, 'remove', p.ids !== undefined);
      ctx.note(`Removed ${result.changed} ${set.assets_type} from set ${set.id}.`);
      if (result.missing.length > 0) ctx.note(missingNote(result.missing, `not ${set.assets_type} of this organization`));
      if (result.found > result.changed) ctx.note(`${result.found - result.changed} listed ${set.assets_type} were not members of the set.`);
    },
  });

  registerSetJob(jobs, store, 'set_deletion', {
    jobType: 'set_removal',
    state: 'being deleted',
    work: async (ctx, set, p) => {
      const scope = SetStore.memberScope(ctx.organizationId, set);
      const ids = store.allIds(scope, store.memberQuery(set));
      let done = 0;
      await forEachBatch(ctx, ids.length, MEMBERSHIP_BATCH, (start, end) => {
        const batch = ids.slice(start, end);
        done += p.deleteContent ? meta.delete(scope, batch) : meta.updateList(scope, 'sets', 'remove', [{ value: set.id, ids: batch }]);
      });
      store.remove(ctx.organizationId, set.id);
      ctx.note(p.deleteContent ? `Deleted set ${set.id} and its ${done} ${set.assets_type}.` : `Deleted set ${set.id}; its ${done} ${set.assets_type} were kept.`);
    },
  });
}

interface BatchResult {
  /** Documents whose list changed. */
  changed: number;
  /** Listed ids that exist in the set's asset type. */
  found: number;
  /** Listed ids that do not. */
  missing: string[];
}

async function applyInBatches(
  ctx: JobContext, meta: MetaStore, store: SetStore, set: SetDocument, scope: Scope, ids: readonly string[], operation: 'add' | 'remove', listed: boolean,
): Promise<BatchResult> {
  const result: BatchResult = { changed: 0, found: 0, missing: [] };
  const unique = listed ? [...new Set(ids)] : ids;
  await forEachBatch(ctx, unique.length, MEMBERSHIP_BATCH, (start, end) => {
    // A set deleted while this job runs must not get members back.
    if (!store.exists(ctx.organizationId, set.id)) throw new Error(`set ${set.id} was deleted while this job ran`);
    let batch = unique.slice(start, end);
    if (listed) {
      const found = new Set(meta.searchIds(scope, { filters: [{ field: 'id', values: batch, filter_out: false }] }, { size: batch.length, offset: 0, sortField: 'id', sortOrder: 'asc' }));
      for (const id of batch) if (!found.has(id)) result.missing.push(id);
      batch = batch.filter((id) => found.has(id));
    }
    result.found += batch.length;
    result.changed += meta.updateList(scope, 'sets', operation, [{ value: set.id, ids: batch }]);
  });
  return result;
}

function missingNote(ids: readonly string[], what: string): string {
  const shown = ids.slice(0, LISTED_IN_NOTE).join(', ');
  const more = ids.length > LISTED_IN_NOTE ? ` and ${ids.length - LISTED_IN_NOTE} more` : '';
  return `${ids.length} listed ids were skipped, ${what}: ${shown}${more}.`;
}

/** `limit` of the ids, drawn at random but reproducibly for a job, kept in their original order. */
function sample(ids: readonly string[], limit: number, seed: number): string[] {
  const picked = seededPermutation(ids.length, seed).subarray(0, limit).sort();
  return Array.from(picked, (i) => ids[i] as string);
}

/** FNV-1a of a text: a job's own seed, so that a resumed job samples the same assets. */
function textSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
