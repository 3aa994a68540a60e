import type { AssetType } from '../../shared/scenebox/constants';
import { assetWire, type WireComment } from '../../shared/wire/assetWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';

type BatchAck = { acknowledged: true; ids: string[] };

/** Comments on assets (SceneEngine, wire protocol §1.4). */
export const commentsApi = {
  add: async (http: SceneBoxHttp, assetType: AssetType, ids: readonly string[], comment: string): Promise<BatchAck> =>
    http.post(`/v1/${pathSegment(assetType)}/comments`, { schema: assetWire.batchAck, body: { ids, comment } }),

  /** Removes every comment with exactly this text from the assets. */
  remove: async (http: SceneBoxHttp, assetType: AssetType, ids: readonly string[], comment: string): Promise<BatchAck> =>
    http.post(`/v1/${pathSegment(assetType)}/delete_comments`, { schema: assetWire.batchAck, body: { ids, comment } }),

  /** Comments per stored (standardized) id; ids without an asset are absent. */
  get: async (http: SceneBoxHttp, assetType: AssetType, ids: readonly string[]): Promise<Record<string, WireComment[]>> =>
    http.post(`/v1/${pathSegment(assetType)}/get_comments`, { schema: assetWire.comments, body: { ids } }),
};
