import { DEFAULT_PAGINATION, type AssetType } from '../../shared/scenebox/constants';
import { searchWire, type WireDoc, type WireField, type WireFieldStatistic, type WireSummary } from '../../shared/wire/searchWire';
import { assetWire } from '../../shared/wire/assetWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import { pathSegment } from '../http/pathSegment';
import { pageQuery, type MetaPageOptions, type PageOptions, type SearchQueryInput, type SummaryRequestInput } from './SearchOptions';

const v1 = (assetType: AssetType): string => `/v1/${pathSegment(assetType)}`;

/** SceneEngine's generic asset search and metadata routes (wire protocol §1.4), in SceneEngine's reply shapes. */
export const searchApi = {
  /**
   * Ids matching a search. Without any page option it pages through every match as the Python
   * client does: pages of 5000 sorted by id with `search_after`, until a short page.
   */
  async searchAssets(http: SceneBoxHttp, assetType: AssetType, search: SearchQueryInput = {}, page: PageOptions = {}): Promise<string[]> {
    if (Object.values(page).some((v) => v !== undefined)) {
      return http.post(v1(assetType), { schema: searchWire.idList, query: pageQuery(page), body: search });
    }
    const ids: string[] = [];
    for (;;) {
      const batch = await http.post(v1(assetType), {
        schema: searchWire.idList,
        query: pageQuery({ size: DEFAULT_PAGINATION, offset: 0, scan: false, sortField: 'id', sortOrder: 'asc', ...(ids.length ? { searchAfter: ids[ids.length - 1] } : {}) }),
        body: search,
      });
      ids.push(...batch);
      if (batch.length < DEFAULT_PAGINATION) return ids;
    }
  },

  searchMeta: async (http: SceneBoxHttp, assetType: AssetType, search: SearchQueryInput = {}, page: MetaPageOptions = {}): Promise<WireDoc[]> =>
    http.post(`${v1(assetType)}/meta`, {
      schema: searchWire.docList,
      query: { ...pageQuery({ size: 50, offset: 0, ...page }), compress: page.compress },
      body: search,
    }),

  summaryMeta: async (http: SceneBoxHttp, assetType: AssetType, request: SummaryRequestInput): Promise<WireSummary> =>
    http.post(`${v1(assetType)}/meta/summary`, { schema: searchWire.summary, body: request }),

  /** As the Python client counts: a summary without dimensions. */
  async count(http: SceneBoxHttp, assetType: AssetType, search: SearchQueryInput = {}): Promise<number> {
    return (await searchApi.summaryMeta(http, assetType, { search, dimensions: [] })).total;
  },

  getMetadata: async (http: SceneBoxHttp, assetType: AssetType, id: string, withSessionMetadata = false): Promise<WireDoc> =>
    http.get(`${v1(assetType)}/meta/${pathSegment(id)}`, { schema: searchWire.doc, query: { with_session_metadata: withSessionMetadata } }),

  getSearchableFields: async (http: SceneBoxHttp, assetType: AssetType): Promise<WireField[]> =>
    http.get(`${v1(assetType)}/meta/search_fields`, { schema: searchWire.fields }),

  getSearchableFieldStatistics: async (http: SceneBoxHttp, assetType: AssetType): Promise<Record<string, WireFieldStatistic>> =>
    http.get(`${v1(assetType)}/meta/searchable_field_statistics`, { schema: searchWire.fieldStatistics }),

  getResponseModel: async (http: SceneBoxHttp, assetType: AssetType): Promise<Record<string, unknown>> =>
    http.get(`${v1(assetType)}/meta/response_model`, { schema: assetWire.responseModel }),
};
