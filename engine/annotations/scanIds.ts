import { DEFAULT_PAGINATION } from '../../shared/scenebox/constants';
import type { SearchFilter, SearchQuery } from '../../shared/search/searchQuery';
import type { MetaStore, Scope } from '../meta/MetaStore';

/** Every id a query matches, in id order, read page by page as the client's large searches do. */
export function scanIds(meta: MetaStore, scope: Scope, query: SearchQuery): string[] {
  const ids: string[] = [];
  for (;;) {
    const last = ids[ids.length - 1];
    const page = meta.searchIds(scope, query, {
      size: DEFAULT_PAGINATION, offset: 0, sortField: 'id', sortOrder: 'asc', ...(last !== undefined ? { searchAfter: last } : {}),
    });
    ids.push(...page);
    if (page.length < DEFAULT_PAGINATION) return ids;
  }
}

/** A `{field, values}` filter in its parsed form. */
export function filterOf(field: string, values: readonly (string | number | boolean | null)[]): SearchFilter {
  return { field, values: [...values], filter_out: false };
}

/** `items` in slices of at most `size`: id lists go into filters and IN lists in bounded pieces. */
export function chunksOf<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A query with more filters ANDed to it. */
export function withFilters(query: SearchQuery, filters: readonly SearchFilter[]): SearchQuery {
  return { ...query, filters: [...(query.filters ?? []), ...filters] };
}
