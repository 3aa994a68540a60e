import { z } from 'zod';
import { searchQuerySchema } from '../../shared/search/searchQuery';

/**
 * The job kinds of the sets module and their payloads, checked when a job runs (payloads come
 * back from the engine's SQLite file, which is a boundary like any other).
 */
export const setJobPayloads = {
  set_addition: z.object({
    setId: z.string(),
    ids: z.array(z.string()).optional(),
    query: searchQuerySchema.optional(),
    limit: z.number().int().positive().optional(),
  }),
  set_removal: z.object({
    setId: z.string(),
    ids: z.array(z.string()).optional(),
    query: searchQuerySchema.optional(),
  }),
  set_deletion: z.object({ setId: z.string(), deleteContent: z.boolean() }),
  set_split: z.object({
    setId: z.string(),
    seed: z.number().int(),
    subsets: z.array(z.object({ id: z.string(), name: z.string() })).min(1),
    sections: z.number().int().positive().optional(),
    fractions: z.array(z.number().min(0)).optional(),
  }),
  set_zip: z.object({ setId: z.string(), zipId: z.string(), forceRecreate: z.boolean() }),
} as const;

export type SetJobKind = keyof typeof setJobPayloads;
export type SetJobPayload<K extends SetJobKind> = z.infer<(typeof setJobPayloads)[K]>;
