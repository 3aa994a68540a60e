import type { SearchFilter, SearchQuery } from '../../shared/search/searchQuery';
import type { AssetType } from '../../shared/scenebox/constants';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore } from '../meta/MetaStore';
import { chunksOf, filterOf, scanIds } from './scanIds';

export const ANNOTATIONS: AssetType = 'annotations';

/**
 * The annotation documents of the media assets (of `mediaType`) a search over media fields
 * matches, in batches: the annotations whose `asset_id` is one of those assets. `annotationFilters`
 * narrow the annotations further (provider, version, ...).
 */
export function* annotationsOfMedia(
  meta: MetaStore, organizationId: string, mediaType: AssetType, mediaSearch: SearchQuery, annotationFilters: readonly SearchFilter[] = [],
): Generator<Doc[]> {
  const mediaIds = scanIds(meta, { organizationId, assetType: mediaType }, { ...mediaSearch, source_selected_fields: null });
  const scope = { organizationId, assetType: ANNOTATIONS };
  for (const batch of chunksOf(mediaIds)) {
    const ids = scanIds(meta, scope, { filters: [filterOf('asset_id', batch), filterOf('media_type', [mediaType]), ...annotationFilters] });
    for (const idBatch of chunksOf(ids)) yield meta.getMany(scope, idBatch);
  }
}
