import { z } from 'zod';

// The SceneBox search dictionary (wire protocol §3). Keys the client may add that we do not know
// are tolerated (the Python client evolves), but every known key is checked.

export const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalarSchema>;

const fieldName = z.string().min(1, 'field must not be empty').max(512);

/** AND across filter entries, OR within `values`; `filter_out` negates the entry. */
export const filterSchema = z.object({
  field: fieldName,
  // The client's `_construct_query` may pass a bare value; a list is the canonical form.
  values: z.union([z.array(scalarSchema), scalarSchema]).transform((v) => (Array.isArray(v) ? v : [v])),
  filter_out: z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])]).optional()
    .transform((v) => v === true || v === 'true' || v === 'True'),
});
export type SearchFilter = z.infer<typeof filterSchema>;

export const timeRangeSchema = z.object({
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
  field: fieldName.optional(),
});

/** SceneDock extension: numeric or time ranges, inclusive at both ends. */
export const rangeSchema = z.object({
  field: fieldName,
  min: z.union([z.number(), z.string()]).nullish(),
  max: z.union([z.number(), z.string()]).nullish(),
});

export const searchQuerySchema = z.looseObject({
  filters: z.array(filterSchema).nullish(),
  exists_filters: z.array(z.object({ field: fieldName })).nullish(),
  source_selected_fields: z.array(fieldName).nullish(),
  time_range: timeRangeSchema.nullish(),
  ranges: z.array(rangeSchema).nullish(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const summaryRequestSchema = z.looseObject({
  search: searchQuerySchema.nullish(),
  dimensions: z.array(fieldName).nullish(),
  nested_dimensions: z.array(fieldName).nullish(),
  max_size_for_agg: z.number().int().positive().max(10_000).nullish(),
});
export type SummaryRequest = z.infer<typeof summaryRequestSchema>;

export const aggregationRequestSchema = z.looseObject({
  search: searchQuerySchema.nullish(),
  field_name: fieldName,
  is_nested: z.boolean().nullish(),
});
export type AggregationRequest = z.infer<typeof aggregationRequestSchema>;

export type SortOrder = 'asc' | 'desc';

export interface SearchPage {
  size: number;
  offset: number;
  sortField: string;
  sortOrder: SortOrder;
  /** The id of the last asset of the previous page; the next page starts after it in sort order. */
  searchAfter?: string;
}

export interface SummaryBucket {
  key: Scalar;
  doc_count: number;
}

export interface SummaryResponse {
  total: number;
  aggregations: { dimension: string; buckets: SummaryBucket[] }[];
}
