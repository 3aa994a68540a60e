import type { JobContext, JobService } from '../jobs/JobService';
import type { MetaStore } from '../meta/MetaStore';
import { forEachBatch, yieldTurn } from './forEachBatch';
import { MEMBERSHIP_BATCH } from './registerMembershipJobs';
import { seededPermutation } from './seededPermutation';
import { newSetDocument, type SetDocument } from './setDocument';
import { setJobPayloads, type SetJobPayload } from './setJobPayloads';
import { SetStore } from './SetStore';
import { splitSizes } from './splitSizes';

/**
 * `split_sets`: the parent's members, in id order, are shuffled with the seeded permutation; the
 * first sizes[0] shuffled members go to subset 0, the next sizes[1] to subset 1, and so on. So the
 * split depends only on the member ids, the seed and the sizes. Members are then written in id
 * order (not subset order), which keeps the writes sequential in the store's indexes; memory is
 * the id list plus 6 bytes per member.
 */
export function registerSplitJob(jobs: JobService, meta: MetaStore, store: SetStore): void {
  jobs.register('set_split', {
    jobType: 'set_addition',
    resumable: true,
    run: async (ctx) => {
      const p = setJobPayloads.set_split.parse(ctx.payload);
      await yieldTurn();
      const parent = store.get(ctx.organizationId, p.setId);
      if (!parent) throw new Error(`set ${p.setId} does not exist (deleted before the split ran?)`);
      const scope = SetStore.memberScope(ctx.organizationId, parent);
      ctx.progress(0, 'reading members');
      const ids = store.allIds(scope, store.memberQuery(parent));
      const sizes = splitSizes(ids.length, p.sections !== undefined ? { sections: p.sections } : { fractions: p.fractions ?? [] });
      if (sizes.length !== p.subsets.length) throw new Error(`the split makes ${sizes.length} subsets but ${p.subsets.length} were named`);
      const subsetOf = assignSubsets(ids.length, sizes, p.seed);
      createSubsets(ctx, store, parent, p, sizes);
      try {
        await forEachBatch(ctx, ids.length, MEMBERSHIP_BATCH, (start, end) => {
          const groups: string[][] = p.subsets.map(() => []);
          for (let i = start; i < end; i++) groups[subsetOf[i] as number]?.push(ids[i] as string);
          meta.updateList(scope, 'sets', 'add', p.subsets.map((subset, k) => ({ value: subset.id, ids: groups[k] ?? [] })));
        }, { from: 5, to: 100, stage: 'writing memberships' });
      } finally {
        for (const subset of p.subsets) store.endOperation(ctx.organizationId, subset.id, ctx.jobId);
      }
      ctx.note(`Split ${ids.length} ${parent.assets_type} of set ${parent.id} with seed ${p.seed} into ${p.subsets.map((s, k) => `${s.name} (${sizes[k]})`).join(', ')}.`);
    },
  });
}

/** subsetOf[i] = the subset of the i-th member in id order. */
export function assignSubsets(count: number, sizes: readonly number[], seed: number): Uint16Array {
  const order = seededPermutation(count, seed);
  const subsetOf = new Uint16Array(count);
  let position = 0;
  sizes.forEach((size, k) => {
    for (let n = 0; n < size; n++) subsetOf[order[position++] as number] = k;
  });
  return subsetOf;
}

/**
 * Creates the subsets under the ids chosen at request time. A subset that exists already was made
 * by this same job before a restart (it carries the job id) and is reused; any other set in the
 * way (same id, or a set created since with the same name) fails the job before anything changes.
 */
function createSubsets(ctx: JobContext, store: SetStore, parent: SetDocument, p: SetJobPayload<'set_split'>, sizes: readonly number[]): void {
  const org = ctx.organizationId;
  for (const subset of p.subsets) {
    const existing = store.get(org, subset.id);
    if (existing && existing.split_job_id !== ctx.jobId) throw new Error(`a set with id ${subset.id} exists already`);
    const named = store.findByName(org, subset.name);
    if (named !== undefined && named !== subset.id) throw new Error(`a set named ${JSON.stringify(subset.name)} exists already (${named})`);
  }
  p.subsets.forEach((subset, k) => {
    if (!store.exists(org, subset.id)) {
      store.put(org, newSetDocument({ id: subset.id, name: subset.name, assets_type: parent.assets_type }, {
        expected_count: sizes[k] ?? 0,
        origin_set_id: parent.id,
        description: `subset ${k} of set ${parent.name}, split with seed ${p.seed}`,
        split_job_id: ctx.jobId,
      }));
    }
    store.beginOperation(org, subset.id, ctx.jobId, 'being populated');
  });
}
