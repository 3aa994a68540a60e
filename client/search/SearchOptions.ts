import type { z } from 'zod';
import type { aggregationRequestSchema, searchQuerySchema, summaryRequestSchema } from '../../shared/search/searchQuery';

/** The SceneBox search dictionary as a caller writes it (wire protocol §3, plus SceneDock's `ranges`). */
export type SearchQueryInput = z.input<typeof searchQuerySchema>;
export type SummaryRequestInput = z.input<typeof summaryRequestSchema>;
export type AggregationRequestInput = z.input<typeof aggregationRequestSchema>;

export interface PageOptions {
  size?: number;
  offset?: number;
  sortField?: string;
  sortOrder?: 'asc' | 'desc';
  /** The last id (in sort order) of the previous page. */
  searchAfter?: string;
  scan?: boolean;
}

export interface MetaPageOptions extends PageOptions {
  /** Ask for a gzip body; got undoes `Content-Encoding: gzip` itself, so callers see the same list. */
  compress?: boolean;
}

/** Page options as query parameters. */
export function pageQuery(page: PageOptions): Record<string, string | number | boolean | undefined> {
  return {
    size: page.size,
    offset: page.offset,
    scan: page.scan,
    sort_field: page.sortField,
    sort_order: page.sortOrder,
    search_after: page.searchAfter,
  };
}
