import type { AssetType } from '../../shared/scenebox/constants';
import type { WireDoc } from '../../shared/wire/searchWire';
import { organizeWire } from '../../shared/wire/organizeWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';
import type { SearchQueryInput } from '../search/SearchOptions';
import { setWire, type WireSetStatus } from './setWire';

export interface NewSet {
  name: string;
  assetsType: AssetType;
  tags?: string[];
  isPrimary?: boolean;
  description?: string;
  /** Written as the set's `auxiliary` (the Python client's `aux_metadata`). */
  auxiliary?: Record<string, unknown>;
  id?: string;
  originSetId?: string;
  expectedCount?: number;
  /** Refuse (409 `ConflictError`) instead of answering the id of an existing set with this name. */
  raiseIfExists?: boolean;
}

/** Members to add or remove: a search (with an optional random down-sampling `limit` for additions), or ids. */
export type SetMembers = { search: SearchQueryInput; limit?: number } | { ids: readonly string[] };

/** `percentages_or_sections`: n near-equal sections, or one fraction per subset. */
export type SplitSpec = number | readonly number[];

export interface SplitRequest {
  subsetNames?: readonly string[];
  /** 42 by default, as the Python client's. */
  randomSeed?: number;
}

const set = (id: string, rest = ''): string => `/v1/sets/${pathSegment(id)}${rest}`;

/** Sets (SceneEngine, wire protocol §1.3); every long change answers the job that does it. */
export const setsApi = {
  /** Creates a set, or answers the id of the set that already has this name (unless `raiseIfExists`). */
  create: async (http: SceneBoxHttp, s: NewSet): Promise<string> => (await http.post('/v1/sets/add/', {
    schema: organizeWire.createdSet,
    query: { raise_if_exists: s.raiseIfExists },
    body: {
      assets_type: s.assetsType, name: s.name, origin_set_id: s.originSetId ?? null, expected_count: s.expectedCount ?? null,
      tags: [...(s.tags ?? []), ...(s.isPrimary ? ['primary'] : [])],
      ...(s.id !== undefined ? { id: s.id } : {}),
      ...(s.description ? { description: s.description } : {}),
      ...(s.auxiliary ? { auxiliary: s.auxiliary } : {}),
    },
  })).id,

  /** Adds members (`add_assets_query/` or `add_assets_list/`); answers the job id. */
  add: async (http: SceneBoxHttp, setId: string, members: SetMembers): Promise<string> => ('ids' in members
    ? await http.post(set(setId, '/add_assets_list/'), { schema: organizeWire.jobId, body: { asset_list: members.ids } })
    : await http.post(set(setId, '/add_assets_query/'), { schema: organizeWire.jobId, query: { limit: members.limit }, body: members.search })).job_id,

  remove: async (http: SceneBoxHttp, setId: string, members: SetMembers): Promise<string> => ('ids' in members
    ? await http.post(set(setId, '/remove_assets_list/'), { schema: organizeWire.jobId, body: { asset_list: members.ids } })
    : await http.post(set(setId, '/remove_assets_query/'), { schema: organizeWire.jobId, body: members.search })).job_id,

  lock: async (http: SceneBoxHttp, setId: string): Promise<void> => { await http.put(set(setId, '/lock'), { schema: setWire.locked }); },
  unlock: async (http: SceneBoxHttp, setId: string): Promise<void> => { await http.delete(set(setId, '/lock'), { schema: setWire.locked }); },
  status: async (http: SceneBoxHttp, setId: string): Promise<WireSetStatus> => http.get(set(setId, '/status'), { schema: setWire.status }),

  /** Every member id (`assets_in_set`), or those matching a search. */
  ids: async (http: SceneBoxHttp, setId: string, search: SearchQueryInput = {}): Promise<string[]> =>
    (await http.post(set(setId, '/list_assets/'), { schema: setWire.ids, body: search })).results,

  /** Member documents matching a search: one page of `size` (the engine's page size when absent). */
  docs: async (http: SceneBoxHttp, setId: string, search: SearchQueryInput = {}, size?: number): Promise<WireDoc[]> =>
    (await http.post(set(setId, '/list_assets_meta/'), { schema: setWire.docs, query: { size }, body: search })).results,

  delete: async (http: SceneBoxHttp, setId: string, deleteContent: boolean): Promise<string> =>
    (await http.delete(`/v1/sets/delete_set/${pathSegment(setId)}`, { schema: organizeWire.jobId, query: { delete_content: deleteContent } })).job_id,

  /** Answers the job and the ids of the subsets it fills, in the order of the sections or fractions. */
  split: async (http: SceneBoxHttp, setId: string, spec: SplitSpec, request: SplitRequest = {}): Promise<{ jobId: string; subsetIds: string[] }> => {
    const reply = await http.post('/v1/sets/split_sets/', {
      schema: setWire.split,
      body: {
        set_id: setId, random_seed: request.randomSeed ?? 42, wait_for_completion: false,
        ...(request.subsetNames ? { subset_names: request.subsetNames } : {}),
        ...(typeof spec === 'number' ? { sections: spec } : { percentages: spec }),
      },
    });
    return { jobId: reply.job_id, subsetIds: reply.subset_ids };
  },

  /** Starts zipping the set into a `zipfiles` asset; answers the job and the zip's id. */
  zip: async (http: SceneBoxHttp, setId: string, forceRecreate = false): Promise<{ jobId: string; zipId: string }> => {
    const reply = await http.post(set(setId, '/zip_all_assets/'), { schema: setWire.zip, query: { force_recreate: forceRecreate } });
    return { jobId: reply.job_id, zipId: reply.zip_id };
  },

};
