import { randomUUID } from 'node:crypto';
import type { SearchPage, SearchQuery } from '../../shared/search/searchQuery';
import { badRequest, conflict, notFound } from '../http/HttpError';
import { assetIdOf } from '../http/parseInput';
import type { Identity } from '../identity/IdentityStore';
import type { JobService } from '../jobs/JobService';
import type { MetaStore } from '../meta/MetaStore';
import { newSetDocument, type SetDocument, type SetOperation } from './setDocument';
import type { SetJobKind, SetJobPayload } from './setJobPayloads';
import type { CreateSetBody, SplitBody } from './setRequests';
import { SetStore } from './SetStore';

const DEFAULT_SEED = 42;

/** A set whose deletion is queued or running takes no new work: it would vanish under it. */
function refuseIfBeingDeleted(set: SetDocument): void {
  if (set.operations.some((op) => op.state === 'being deleted')) throw conflict(`set ${set.id} is being deleted`);
}
const newId = (): string => randomUUID().replace(/-/g, '_');

/** What a membership job works from: listed ids, or a search (optionally down-sampled to `limit`). */
export type MembershipSource = { ids: readonly string[] } | { query: SearchQuery; limit?: number };

/**
 * The request side of sets: checks, answers and job submissions. Every method works inside the
 * caller's organization, so another organization's set is as absent as a missing one (404).
 * Checks come before any write, so a refused request changes nothing.
 */
export class SetService {
  readonly #store: SetStore;
  readonly #meta: MetaStore;
  readonly #jobs: JobService;

  public constructor(store: SetStore, meta: MetaStore, jobs: JobService) {
    this.#store = store;
    this.#meta = meta;
    this.#jobs = jobs;
  }

  public find(me: Identity, rawId: string): SetDocument {
    const id = assetIdOf(rawId, 'set id');
    const set = this.#store.get(me.organization_id, id);
    if (!set) throw notFound(`no set ${id}`);
    return set;
  }

  /** Creates a set; a name in use answers the existing set's id (as the Python client does), or 409 when asked to. */
  public create(me: Identity, body: CreateSetBody, raiseIfExists: boolean): { id: string } {
    const org = me.organization_id;
    const existing = this.#store.findByName(org, body.name);
    if (existing !== undefined) {
      if (raiseIfExists) throw conflict(`a set named ${JSON.stringify(body.name)} exists: ${existing}`);
      const set = this.find(me, existing);
      if (set.assets_type !== body.assets_type) {
        throw conflict(`a set named ${JSON.stringify(body.name)} exists with assets_type ${set.assets_type}, not ${body.assets_type}`);
      }
      return { id: existing };
    }
    const id = body.id !== undefined && body.id !== null ? assetIdOf(body.id, 'id') : newId();
    if (this.#store.exists(org, id)) throw conflict(`a set with id ${id} exists under another name`);
    const origin = body.origin_set_id ?? body.origin ?? null;
    if (origin !== null && !this.#store.exists(org, assetIdOf(origin, 'origin_set_id'))) throw badRequest(`origin_set_id: no set ${origin}`);
    this.#store.put(org, newSetDocument({ id, name: body.name, assets_type: body.assets_type }, {
      tags: body.tags ?? [],
      expected_count: body.expected_count ?? null,
      origin_set_id: origin === null ? null : assetIdOf(origin),
      auxiliary: body.auxiliary ?? null,
      description: body.description ?? null,
    }));
    return { id };
  }

  public setLocked(me: Identity, rawId: string, locked: boolean): { id: string; locked: boolean } {
    const set = this.find(me, rawId);
    if (set.locked !== locked) this.#store.setLocked(me.organization_id, set, locked);
    return { id: set.id, locked };
  }

  public status(me: Identity, rawId: string): Record<string, unknown> {
    const set = this.find(me, rawId);
    return {
      id: set.id,
      name: set.name,
      status: set.status,
      locked: set.locked,
      assets_type: set.assets_type,
      count: this.#store.count(me.organization_id, set),
      expected_count: set.expected_count ?? null,
      origin_set_id: set.origin_set_id ?? null,
      version: set.version ?? null,
      version_in_sync: set.version_in_sync ?? false,
      operations: set.operations,
      timestamp: set.timestamp ?? null,
    };
  }

  /** Members (or members matching a search) as ids, paged like the other search routes. */
  public memberIds(me: Identity, rawId: string, search: SearchQuery, page: SearchPage): string[] {
    const set = this.find(me, rawId);
    return this.#meta.searchIds(SetStore.memberScope(me.organization_id, set), this.#store.memberQuery(set, search), page);
  }

  public memberDocsJson(me: Identity, rawId: string, search: SearchQuery, page: SearchPage): string {
    const set = this.find(me, rawId);
    const scope = SetStore.memberScope(me.organization_id, set);
    return this.#meta.searchDocsJson(scope, this.#store.memberQuery(set, search), page, search.source_selected_fields ?? undefined);
  }

  public addAssets(me: Identity, rawId: string, source: MembershipSource): string {
    const set = this.#changeable(me, rawId);
    const payload: SetJobPayload<'set_addition'> = 'ids' in source
      ? { setId: set.id, ids: source.ids.map((id, i) => assetIdOf(id, `asset_list.${i}`)) }
      : { setId: set.id, query: source.query, ...(source.limit !== undefined ? { limit: source.limit } : {}) };
    return this.#submit(me, set, 'set_addition', payload, 'moving assets', `add ${set.assets_type} to set ${set.name}`);
  }

  public removeAssets(me: Identity, rawId: string, source: MembershipSource): string {
    const set = this.#changeable(me, rawId);
    const payload: SetJobPayload<'set_removal'> = 'ids' in source
      ? { setId: set.id, ids: source.ids.map((id, i) => assetIdOf(id, `asset_list.${i}`)) }
      : { setId: set.id, query: source.query };
    return this.#submit(me, set, 'set_removal', payload, 'moving assets', `remove ${set.assets_type} from set ${set.name}`);
  }

  public delete(me: Identity, rawId: string, deleteContent: boolean): string {
    const set = this.#changeable(me, rawId);
    const what = deleteContent ? 'and its assets' : 'keeping its assets';
    return this.#submit(me, set, 'set_deletion', { setId: set.id, deleteContent }, 'being deleted', `delete set ${set.name} ${what}`);
  }

  /** Starts a split; the subsets' ids are chosen now so that a resumed job makes the same ones. */
  public split(me: Identity, body: SplitBody): { job_id: string; subset_ids: string[] } {
    const hasFractions = body.percentages !== undefined && body.percentages !== null;
    const hasSections = body.sections !== undefined && body.sections !== null;
    if (hasFractions === hasSections) throw badRequest('body: give either percentages or sections (exactly one of them)');
    const set = this.find(me, body.set_id);
    refuseIfBeingDeleted(set);
    const count = hasSections ? (body.sections ?? 1) : (body.percentages?.length ?? 0);
    const names = body.subset_names ?? Array.from({ length: count }, (_, i) => `${set.name}_split_${i}`);
    if (names.length !== count) throw badRequest(`body: subset_names: has ${names.length} names for ${count} subsets`);
    if (new Set(names).size !== names.length) throw badRequest('body: subset_names: names must be distinct');
    for (const name of names) {
      const taken = this.#store.findByName(me.organization_id, name);
      if (taken !== undefined) throw conflict(`subset_names: a set named ${JSON.stringify(name)} exists (${taken})`);
    }
    const subsets = names.map((name) => ({ id: newId(), name }));
    const payload: SetJobPayload<'set_split'> = {
      setId: set.id,
      seed: body.random_seed ?? DEFAULT_SEED,
      subsets,
      ...(hasSections ? { sections: count } : { fractions: body.percentages ?? [] }),
    };
    const jobId = this.#jobs.submit(me.organization_id, 'set_split', payload, {
      description: `split set ${set.name} into ${count} subsets`, user: me.username, assetType: 'sets', assetId: set.id,
      extra: { subset_ids: subsets.map((s) => s.id) },
    });
    return { job_id: jobId, subset_ids: subsets.map((s) => s.id) };
  }

  /**
   * Starts zipping a set into the `zipfiles` asset `<set id>_zip` (one per set, so the id is known
   * before the job runs). A zip job already under way for the set is answered instead of a second one.
   */
  public zip(me: Identity, rawId: string, options: { version: string | undefined; forceRecreate: boolean }): { job_id: string; zip_id: string } {
    const set = this.find(me, rawId);
    if (options.version !== undefined && options.version !== (set.version ?? undefined)) {
      throw badRequest(`version: set versioning is not implemented; set ${set.id} has no version ${JSON.stringify(options.version)}`);
    }
    refuseIfBeingDeleted(set);
    const zipId = `${set.id}_zip`;
    const running = set.operations.find((op) => op.state === 'being zipped');
    if (running) return { job_id: running.job_id, zip_id: zipId };
    const jobId = this.#submit(me, set, 'set_zip', { setId: set.id, zipId, forceRecreate: options.forceRecreate }, 'being zipped', `zip set ${set.name}`);
    return { job_id: jobId, zip_id: zipId };
  }

  /** A set that may change now: not locked (the Python client waits for the lock) and not being deleted. */
  #changeable(me: Identity, rawId: string): SetDocument {
    const set = this.find(me, rawId);
    if (set.locked) throw conflict(`set ${set.id} is locked: unlock it first (DELETE /v1/sets/${set.id}/lock)`);
    refuseIfBeingDeleted(set);
    return set;
  }

  #submit<K extends SetJobKind>(me: Identity, set: SetDocument, kind: K, payload: SetJobPayload<K>, state: SetOperation['state'], description: string): string {
    const jobId = this.#jobs.submit(me.organization_id, kind, payload, { description, user: me.username, assetType: 'sets', assetId: set.id });
    // The job records itself too when it starts; recording now shows the state while it is queued.
    this.#store.beginOperation(me.organization_id, set.id, jobId, state);
    return jobId;
  }
}
