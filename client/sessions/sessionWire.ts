import { z } from 'zod';
import { searchWire } from '../../shared/wire/searchWire';

// Replies of the session routes (wire protocol §1.5) as this client reads them; extra keys are kept.
export const sessionWire = {
  /** The session's metadata after a change (`update_time_span`, `add_source_data`, ...). */
  doc: searchWire.doc,
  resolutionStatus: z.looseObject({ status: z.string() }),
  /** `session_manager/search/`: per session, the intervals where the search holds. */
  intervals: z.record(z.string(), z.looseObject({ intervals: z.array(z.tuple([z.string(), z.string()])) })),
  /** `field_data/<uid>`: one list per field, plus `time_index` and `timestamp`. */
  fieldData: z.record(z.string(), z.array(z.unknown())),
  entitySummary: z.record(z.string(), z.looseObject({ count: z.number().int().nonnegative(), first_time: z.string().nullable(), last_time: z.string().nullable() })),
};
export type WireIntervals = z.infer<typeof sessionWire.intervals>;
export type WireEntitySummary = z.infer<typeof sessionWire.entitySummary>;
