import { z } from 'zod';
import { SET_STATES } from '../../shared/scenebox/constants';
import { searchWire } from '../../shared/wire/searchWire';

// Replies of the set routes (wire protocol §1.3) as this client reads them; extra keys are kept.
export const setWire = {
  locked: z.looseObject({ locked: z.boolean() }),
  status: z.looseObject({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    locked: z.boolean(),
    assets_type: z.string(),
    count: z.number().int().nonnegative(),
    operations: z.array(z.looseObject({ job_id: z.string(), state: z.enum(SET_STATES) })),
  }),
  ids: z.looseObject({ results: z.array(z.string()) }),
  docs: z.looseObject({ results: searchWire.docList }),
  split: z.looseObject({ job_id: z.string().min(1), subset_ids: z.array(z.string()) }),
  zip: z.looseObject({ job_id: z.string().min(1), zip_id: z.string().min(1) }),
};
export type WireSetStatus = z.infer<typeof setWire.status>;
