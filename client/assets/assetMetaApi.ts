import { assetWire } from '../../shared/wire/assetWire';
import { identityWire } from '../../shared/wire/identityWire';
import { searchWire, type WireDoc } from '../../shared/wire/searchWire';
import { pathSegment } from '../http/pathSegment';
import type { SearchQueryInput } from '../search/SearchOptions';
import type { AssetScope } from './AssetScope';
import { chunked } from './chunked';

export type Metadata = Record<string, unknown>;

/**
 * How a write meets the stored document: `replace` writes it whole (keeping the stored `sets`
 * unless `replaceSets`); otherwise objects are deep-merged and lists appended, or replaced with
 * `replaceSets`.
 */
export interface WriteMode {
  replace: boolean;
  replaceSets: boolean;
}

export interface UpdateByQuery {
  updateField: string;
  updateValue: unknown;
  operation: 'add' | 'remove';
  limit?: number;
  search?: SearchQueryInput;
}

const BATCH = 1000;
const meta = (id: string): string => `/assets/meta/${pathSegment(id)}`;
const modeQuery = (mode: WriteMode) => ({ replace: mode.replace, replace_sets: mode.replaceSets });

/** Asset-manager metadata writes, reads and deletes (wire protocol §1.9). */
export const assetMetaApi = {
  get: async (scope: AssetScope, id: string): Promise<WireDoc> => scope.request('GET', meta(id), { schema: searchWire.doc }),

  /** Returns the id as stored (the server standardizes ids). */
  async write(scope: AssetScope, id: string, metadata: Metadata, mode: WriteMode): Promise<string> {
    return (await scope.request('PUT', meta(id), { schema: assetWire.writeAck, query: modeQuery(mode), body: metadata })).id;
  },

  /** Writes in chunks of 1000; returns the stored ids in order. */
  async writeBatch(scope: AssetScope, ids: readonly string[], metadata: readonly Metadata[], mode: WriteMode): Promise<string[]> {
    if (ids.length !== metadata.length) throw new RangeError(`${ids.length} ids but ${metadata.length} metadata documents`);
    const stored: string[] = [];
    for (const [i, chunk] of chunked(ids, BATCH).entries()) {
      const docs = metadata.slice(i * BATCH, i * BATCH + chunk.length);
      const reply = await scope.request('POST', '/assets/meta_batch', { schema: assetWire.batchAck, query: modeQuery(mode), body: { ids: chunk, metadata: docs } });
      stored.push(...reply.ids);
    }
    return stored;
  },

  exists: async (scope: AssetScope, id: string): Promise<boolean> =>
    scope.request('GET', `/assets/exists/${pathSegment(id)}`, { schema: assetWire.exists }),

  async copy(scope: AssetScope, id: string, newId: string): Promise<string> {
    return (await scope.request('PUT', `/assets/copy/${pathSegment(id)}`, { schema: assetWire.writeAck, query: { new_id: newId } })).id;
  },

  async delete(scope: AssetScope, id: string): Promise<string> {
    return (await scope.request('DELETE', `/assets/${pathSegment(id)}`, { schema: assetWire.writeAck })).id;
  },

  async deleteWithList(scope: AssetScope, ids: readonly string[]): Promise<string> {
    return (await scope.request('POST', '/assets/remove_with_list', { schema: assetWire.jobId, body: { assets_list: ids } })).job_id;
  },

  async deleteWithQuery(scope: AssetScope, search: SearchQueryInput): Promise<string> {
    return (await scope.request('POST', '/assets/remove_with_query', { schema: assetWire.jobId, body: search })).job_id;
  },

  async removeKeyFromIndex(scope: AssetScope, key: string): Promise<string> {
    return (await scope.request('POST', '/assets/remove_key_from_index', { schema: assetWire.jobId, body: { key } })).job_id;
  },

  /** Adds a value to (or removes it from) a list field of every match; returns the task ids. */
  async updateByQuery(scope: AssetScope, update: UpdateByQuery): Promise<string[]> {
    const reply = await scope.request('POST', '/assets/update_by_query', {
      schema: assetWire.updateByQuery,
      body: {
        update_field: update.updateField,
        update_value: update.updateValue,
        operation: update.operation,
        ...(update.limit !== undefined ? { limit: update.limit } : {}),
        ...(update.search !== undefined ? { search: update.search } : {}),
      },
    });
    return reply.task_ids;
  },

  registerField: async (scope: AssetScope, field: Metadata): Promise<{ acknowledged: true }> =>
    scope.request('POST', '/assets/register_field', { schema: identityWire.ack, body: field }),
};
