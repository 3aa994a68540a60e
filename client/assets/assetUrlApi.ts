import { assetWire, type WireObjectAccess } from '../../shared/wire/assetWire';
import { identityWire } from '../../shared/wire/identityWire';
import { storageWire, type WireStoredObject } from '../../shared/wire/storageWire';
import { pathSegment } from '../http/pathSegment';
import type { AssetScope } from './AssetScope';
import { assetSearchApi } from './assetSearchApi';
import { chunked } from './chunked';

/** The Python client's default lifetime of a download URL: 12 hours. */
export const DEFAULT_URL_EXPIRATION_S = 43_200;
const URL_BATCH = 100;

/** Presigned download URLs and storage lookups (wire protocol §1.9, §6.3). */
export const assetUrlApi = {
  async getUrl(scope: AssetScope, id: string, expirationSeconds = DEFAULT_URL_EXPIRATION_S): Promise<string> {
    const reply = await scope.request('GET', `/assets/${pathSegment(id)}`, { schema: assetWire.url, query: { return_url: true, expiration: expirationSeconds } });
    return reply.url;
  },

  /** An object access that already holds a URL is its own answer; a URI is signed by the server. */
  async fromObjectAccess(scope: AssetScope, access: WireObjectAccess): Promise<string> {
    if (access.url) return access.url;
    return (await scope.request('POST', '/storage/url_from_object_access', { schema: assetWire.url, body: access })).url;
  },

  /**
   * URLs of many assets: their `object_access` from a meta search, then signed in batches of 100.
   * Keyed by the stored (standardized) id; null where the asset or its object is missing.
   */
  async getUrlInBatch(scope: AssetScope, ids: readonly string[]): Promise<Record<string, string | null>> {
    const docs = await assetSearchApi.getMany(scope, ids, ['object_access']);
    const out: Record<string, string | null> = {};
    const pending: { id: string; access: WireObjectAccess }[] = [];
    for (const doc of docs) {
      const access = assetWire.objectAccess.safeParse(doc.object_access);
      if (access.success && access.data.url) out[doc.id] = access.data.url;
      else if (access.success && access.data.uri) pending.push({ id: doc.id, access: access.data });
      else out[doc.id] = null;
    }
    for (const chunk of chunked(pending, URL_BATCH)) {
      Object.assign(out, await assetUrlApi.fromObjectAccessInBatch(scope, chunk.map((p) => p.id), chunk.map((p) => p.access)));
    }
    return out;
  },

  fromObjectAccessInBatch: async (scope: AssetScope, ids: readonly string[], accesses: readonly WireObjectAccess[]): Promise<Record<string, string | null>> =>
    scope.request('POST', '/storage/url_from_object_access_in_batch', { schema: assetWire.urlBatch, body: { ids, object_accesses: accesses } }),

  listObjects: async (scope: AssetScope, bucket: string, folder = ''): Promise<WireStoredObject[]> =>
    scope.request('POST', '/storage/list_objects', { schema: storageWire.listObjects, body: { bucket, folder, cloud_storage: 's3' } }),

  async signedUrl(scope: AssetScope, bucket: string, key: string): Promise<string> {
    return (await scope.request('POST', '/storage/generate_signed_url', { schema: assetWire.url, body: { bucket, key, cloud_storage: 's3' } })).url;
  },

  /** Deletes the stored object of a file id; false when there was none. */
  async deleteIfExistsInStorage(scope: AssetScope, fileId: string): Promise<boolean> {
    return (await scope.request('DELETE', '/assets/delete_if_exists_in_storage', { schema: storageWire.deleteIfExists, query: { id: fileId } })).deleted;
  },

  clearBytesFromCache: async (scope: AssetScope, fileId: string): Promise<{ acknowledged: true }> =>
    scope.request('DELETE', '/assets/clear_bytes_from_cache', { schema: identityWire.ack, query: { id: fileId } }),
};
