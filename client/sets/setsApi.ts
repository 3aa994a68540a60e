import type { AssetType } from '../../shared/scenebox/constants';
import { organizeWire } from '../../shared/wire/organizeWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';

export interface NewSet {
  name: string;
  assetsType: AssetType;
  tags?: string[];
  isPrimary?: boolean;
  description?: string;
  auxiliary?: Record<string, unknown>;
}

/** Sets (SceneEngine, wire protocol §1.3). */
export const setsApi = {
  /** Creates a set, or answers the id of the set that already has this name. */
  create: async (http: SceneBoxHttp, set: NewSet): Promise<string> => (await http.post('/v1/sets/add/', {
    schema: organizeWire.createdSet,
    body: {
      assets_type: set.assetsType, name: set.name, origin_set_id: null, expected_count: null,
      tags: [...(set.tags ?? []), ...(set.isPrimary ? ['primary'] : [])],
      ...(set.description ? { description: set.description } : {}),
      ...(set.auxiliary ? { auxiliary: set.auxiliary } : {}),
    },
  })).id,

  /** Adds assets by id; answers the job that does it. */
  addAssetsById: async (http: SceneBoxHttp, setId: string, ids: readonly string[]): Promise<string> =>
    (await http.post(`/v1/sets/${pathSegment(setId)}/add_assets_list/`, { schema: organizeWire.jobId, body: { asset_list: ids } })).job_id,
};
