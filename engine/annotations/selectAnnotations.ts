import { standardizeName } from '../../shared/scenebox/standardizeName';
import type { SearchFilter, SearchQuery } from '../../shared/search/searchQuery';
import { notFound } from '../http/HttpError';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore } from '../meta/MetaStore';
import type { AnnotationSelection } from './annotationRequestSchemas';
import { ANNOTATIONS } from './annotationsOfMedia';
import { chunksOf, scanIds, withFilters } from './scanIds';

/**
 * Checks at request time that every id names an annotation of the caller's organization, so that
 * another organization's annotation is a 404 (not a job that silently does nothing).
 */
export function requireOwnAnnotations(meta: MetaStore, organizationId: string, ids: readonly string[] | null | undefined): void {
  if (!ids?.length) return;
  const scope = { organizationId, assetType: ANNOTATIONS };
  const missing = ids.map(standardizeName).filter((id) => !meta.exists(scope, id));
  if (missing.length) {
    throw notFound(`no annotation ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}`);
  }
}

/**
 * The ids a selection names: the listed ids, plus those a search matches, narrowed by `filters`.
 * With neither ids nor search, `whenEmpty` says whether that means every annotation or none.
 */
export function selectAnnotationIds(meta: MetaStore, organizationId: string, selection: AnnotationSelection, filters: readonly SearchFilter[], whenEmpty: 'all' | 'none'): string[] {
  const scope = { organizationId, assetType: ANNOTATIONS };
  const ids = new Set<string>();
  const listed = (selection.ids ?? []).map(standardizeName);
  for (const batch of chunksOf(listed)) {
    const query: SearchQuery = withFilters({}, [{ field: 'id', values: batch, filter_out: false }, ...filters]);
    for (const id of scanIds(meta, scope, query)) ids.add(id);
  }
  const search = selection.search ?? (listed.length === 0 && whenEmpty === 'all' ? {} : undefined);
  if (search) for (const id of scanIds(meta, scope, withFilters({ ...search, source_selected_fields: null }, filters))) ids.add(id);
  return [...ids].sort();
}

/** The documents of `ids`, in batches, so that a large selection never sits in memory whole. */
export function* annotationDocs(meta: MetaStore, organizationId: string, ids: readonly string[]): Generator<Doc[]> {
  const scope = { organizationId, assetType: ANNOTATIONS };
  for (const batch of chunksOf(ids)) yield meta.getMany(scope, batch);
}
