import { z } from 'zod';
import { SESSION_STATUSES, SESSION_TYPES } from '../../shared/scenebox/constants';
import { searchQuerySchema } from '../../shared/search/searchQuery';

// Request bodies of the session routes, in the shapes the Python client sends (wire protocol §1.5).

/** From one microsecond (the precision of stored times) to one day. */
export const resolutionSchema = z.number().min(1e-6).max(86_400);

export const addSessionSchema = z.looseObject({
  session_name: z.string().min(1).max(512),
  session_type: z.enum(SESSION_TYPES).nullish(),
  session_aux_metadata: z.record(z.string(), z.unknown()).nullish(),
  status: z.enum(SESSION_STATUSES).nullish(),
  set_id: z.string().min(1).nullish(),
  resolution: resolutionSchema.nullish(),
});

export const sliceSchema = z.object({
  start_time: z.string(),
  end_time: z.string(),
  session_name: z.string().min(1).max(512).nullish(),
});

export const timeSpanSchema = z.object({
  session_uid: z.string().min(1),
  session_start_time: z.string(),
  session_end_time: z.string(),
});

const listOfObjects = z.array(z.record(z.string(), z.unknown()));

export const sourceDataSchema = z.object({
  session_uid: z.string().min(1),
  source_data: listOfObjects,
  sensors: listOfObjects.nullish(),
  replace: z.boolean().nullish(),
});

export const auxiliaryDataSchema = z.object({
  session_uid: z.string().min(1),
  auxiliary_data: listOfObjects,
  replace: z.boolean().nullish(),
});

export const enrichmentsConfigsSchema = z.object({
  session_uid: z.string().min(1),
  enrichments_configs: listOfObjects,
  replace: z.boolean().nullish(),
});

export const commentsSchema = z.object({
  intervals: z.array(z.object({ start_time: z.string(), end_time: z.string() })).min(1),
  texts: z.union([z.array(z.string().min(1).max(10_000)).min(1), z.string().min(1).max(10_000)]).transform((t) => (Array.isArray(t) ? t : [t])),
});

/** Entities are checked one by one afterwards, so that a refusal names each bad one. */
export const addEntitiesSchema = z.object({ entity_dicts: z.array(z.unknown()) });
export const addEntitySchema = z.object({ entity_dict: z.unknown() });

export const fieldDataSchema = z.object({
  search_dic: searchQuerySchema.nullish(),
  session_fields: z.union([z.array(z.string().min(1)), z.literal('all')]).nullish(),
});

export const entitySummarySchema = z.object({
  entity_names: z.array(z.string().min(1)).nullish(),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
});

export const deleteEventsSchema = z.object({
  session_uids: z.array(z.string().min(1)).min(1),
  event_names: z.array(z.string().min(1)).min(1),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
});

export const eventWithSearchSchema = z.object({
  search: searchQuerySchema,
  event_title: z.string().min(1).max(256),
});
