import { DEFAULT_PAGINATION } from '../../shared/scenebox/constants';
import { standardizeName } from '../../shared/scenebox/standardizeName';
import { searchWire, type WireDoc, type WireField, type WireFieldStatistic, type WireSummary } from '../../shared/wire/searchWire';
import {
  pageQuery, type MetaPageOptions, type PageOptions, type SearchQueryInput, type SummaryRequestInput,
} from '../search/SearchOptions';
import type { AssetScope } from './AssetScope';
import { chunked } from './chunked';
import { pagesAfter } from './pagesAfter';

export type AggregationKind = 'sum' | 'average' | 'cardinality';

export interface IterateOptions {
  /** Page size of the loop (default 5000, the Python client's). */
  pageSize?: number;
  sourceSelectedFields?: readonly string[];
  signal?: AbortSignal;
}

const BATCH = 1000;

/** Asset-manager searches and aggregations (wire protocol §1.9, §3), in the asset manager's reply shapes. */
export const assetSearchApi = {
  async searchIds(scope: AssetScope, search: SearchQueryInput = {}, page: PageOptions = {}): Promise<string[]> {
    const reply = await scope.request('POST', '/assets', { schema: searchWire.idResults, query: pageQuery({ size: 50, offset: 0, ...page }), body: search });
    return reply.results;
  },

  /** Every matching id, by pages sorted by id with `search_after`, until an empty page. */
  ids(scope: AssetScope, search: SearchQueryInput = {}, options: IterateOptions = {}): AsyncGenerator<string> {
    const size = options.pageSize ?? DEFAULT_PAGINATION;
    return pagesAfter(
      (after) => assetSearchApi.searchIds(scope, search, { size, sortField: 'id', sortOrder: 'asc', ...(after !== undefined ? { searchAfter: after } : {}) }),
      (id) => id,
      options.signal,
    );
  },

  searchMeta: async (scope: AssetScope, search: SearchQueryInput = {}, page: MetaPageOptions = {}): Promise<WireDoc[]> =>
    scope.request('POST', '/assets/meta', {
      schema: searchWire.docList,
      query: { ...pageQuery({ size: 50, offset: 0, ...page }), compress: page.compress },
      body: search,
    }),

  /** Every matching document, paged like `ids` with `search_after` = the last document's id. */
  docs(scope: AssetScope, search: SearchQueryInput = {}, options: IterateOptions = {}): AsyncGenerator<WireDoc> {
    const body = options.sourceSelectedFields ? { ...search, source_selected_fields: [...options.sourceSelectedFields] } : search;
    const size = options.pageSize ?? DEFAULT_PAGINATION;
    return pagesAfter(
      (after) => assetSearchApi.searchMeta(scope, body, { size, sortField: 'id', sortOrder: 'asc', ...(after !== undefined ? { searchAfter: after } : {}) }),
      (doc) => doc.id,
      options.signal,
    );
  },

  /** Documents of these ids (those that exist), asked in chunks of 1000 with ids standardized as the Python client sends them. */
  async getMany(scope: AssetScope, ids: readonly string[], sourceSelectedFields?: readonly string[]): Promise<WireDoc[]> {
    const out: WireDoc[] = [];
    for (const chunk of chunked(ids.map(standardizeName), BATCH)) {
      const search = { filters: [{ field: 'id', values: chunk }], ...(sourceSelectedFields ? { source_selected_fields: [...sourceSelectedFields] } : {}) };
      out.push(...await assetSearchApi.searchMeta(scope, search, { size: chunk.length }));
    }
    return out;
  },

  /** Whether each id (as given) has an asset; the server stores ids standardized, so matching is on that form. */
  async existsMany(scope: AssetScope, ids: readonly string[]): Promise<Record<string, boolean>> {
    const found = new Set<string>();
    for (const chunk of chunked(ids.map(standardizeName), BATCH)) {
      const page = await assetSearchApi.searchIds(scope, { filters: [{ field: 'id', values: chunk }] }, { size: chunk.length });
      for (const id of page) found.add(id);
    }
    return Object.fromEntries(ids.map((id) => [id, found.has(standardizeName(id))]));
  },

  count: async (scope: AssetScope, search: SearchQueryInput = {}): Promise<number> =>
    scope.request('POST', '/assets/count', { schema: searchWire.count, body: search }),

  aggregate: async (scope: AssetScope, kind: AggregationKind, fieldName: string, search: SearchQueryInput = {}, isNested = false): Promise<number | null> =>
    scope.request('POST', `/assets/${kind}`, {
      schema: kind === 'cardinality' ? searchWire.cardinality : searchWire.aggregate,
      body: { search, field_name: fieldName, is_nested: isNested },
    }),

  summary: async (scope: AssetScope, request: SummaryRequestInput): Promise<WireSummary> =>
    scope.request('POST', '/assets/meta/summary', { schema: searchWire.summary, body: request }),

  fields: async (scope: AssetScope): Promise<WireField[]> => scope.request('GET', '/assets/meta/search_fields', { schema: searchWire.fields }),

  /** Statistics of the named fields (every field when none is named). */
  statistics: async (scope: AssetScope, fields?: readonly string[]): Promise<Record<string, WireFieldStatistic>> =>
    scope.request('POST', '/assets/field_statistics', {
      schema: searchWire.fieldStatistics,
      body: fields ? { field_dicts: fields.map((field) => ({ field })) } : {},
    }),
};
