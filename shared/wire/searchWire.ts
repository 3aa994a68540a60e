import { z } from 'zod';
import { scalarSchema } from '../search/searchQuery';

// Replies of the search, summary and aggregation routes (wire protocol §1.4, §1.9, §3).

/** An asset's metadata document: any keys, but always its `id`. */
const doc = z.looseObject({ id: z.string().min(1) });

const fieldStatistic = z.looseObject({
  min: z.union([z.string(), z.number(), z.null()]),
  max: z.union([z.string(), z.number(), z.null()]),
  count: z.number().int().nonnegative(),
});

export const searchWire = {
  /** SceneEngine `POST /v1/<type>`: a bare list of ids. */
  idList: z.array(z.string()),
  /** Asset manager `POST /assets`: the ids under `results`. */
  idResults: z.looseObject({ results: z.array(z.string()) }),
  doc,
  docList: z.array(doc),
  summary: z.looseObject({
    total: z.number().int().nonnegative(),
    aggregations: z.array(z.looseObject({
      dimension: z.string(),
      buckets: z.array(z.looseObject({ key: scalarSchema, doc_count: z.number().int().nonnegative() })),
    })),
  }),
  count: z.number().int().nonnegative(),
  /** `sum` and `average` are null when no document has a number in the field. */
  aggregate: z.number().nullable(),
  cardinality: z.number().int().nonnegative(),
  fields: z.array(z.looseObject({ field: z.string().min(1), type: z.string() })),
  fieldStatistics: z.record(z.string(), fieldStatistic),
};

export type WireDoc = z.infer<typeof doc>;
export type WireSummary = z.infer<typeof searchWire.summary>;
export type WireField = z.infer<typeof searchWire.fields>[number];
export type WireFieldStatistic = z.infer<typeof fieldStatistic>;
