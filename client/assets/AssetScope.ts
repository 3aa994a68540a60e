import type { Method } from 'got';
import type { z } from 'zod';
import { isMetadataOnly, type AssetType } from '../../shared/scenebox/constants';
import type { JsonRequest, SceneBoxHttp } from '../http/SceneBoxHttp';
import type { StorageHttp } from '../http/StorageHttp';

/**
 * One asset type on the asset manager. Every request carries `asset_type` and `metadata_only`,
 * as the Python client's do (`metadata_only` is forced on for the metadata-only types).
 */
export class AssetScope {
  public readonly http: SceneBoxHttp;
  public readonly storage: StorageHttp;
  public readonly assetType: AssetType;
  public readonly metadataOnly: boolean;

  public constructor(http: SceneBoxHttp, storage: StorageHttp, assetType: AssetType, metadataOnly: boolean) {
    this.http = http;
    this.storage = storage;
    this.assetType = assetType;
    this.metadataOnly = metadataOnly || isMetadataOnly(assetType);
  }

  public request<S extends z.ZodType>(method: Method, path: string, request: JsonRequest<S>): Promise<z.output<S>> {
    return this.http.json(method, path, {
      ...request,
      query: { ...request.query, asset_type: this.assetType, metadata_only: this.metadataOnly },
    });
  }
}
