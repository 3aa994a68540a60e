import { z } from 'zod';
import { ENTITY_INFLUENCE_TYPES, ENTITY_TYPES } from '../scenebox/constants';
import { parseIsoTimestamp } from '../time/isoTimestamp';

// A session entity as the SceneBox client sends it to `session_manager/add_entities/` (wire
// protocol §1.5). Keys the client may add later are kept (loose object); every known key is
// checked, and the value is checked against what its influence needs to be resolved.

/** Field names every timeline answer carries itself; an entity may not take them. */
export const RESERVED_ENTITY_NAMES: readonly string[] = ['time_index', 'timestamp'];

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const geolocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Geolocation = z.infer<typeof geolocationSchema>;

export const entityDictSchema = z.looseObject({
  session: z.string().min(1, 'session is required'),
  // Checked as times below, each parsed once (ingestion checks every entity of every batch).
  timestamp: z.string().nullish(),
  start_time: z.string().nullish(),
  end_time: z.string().nullish(),
  entity_id: z.union([z.string().min(1).max(512), z.number()]).nullish(),
  entity_name: z.string().min(1).max(256)
    .refine((n) => !RESERVED_ENTITY_NAMES.includes(n), { message: `is reserved (${RESERVED_ENTITY_NAMES.join(', ')})` }),
  entity_value: z.unknown(),
  entity_type: z.enum(ENTITY_TYPES),
  influence: z.enum(ENTITY_INFLUENCE_TYPES),
  enrichments: z.array(z.string()).nullish(),
  extend_session: z.boolean().nullish(),
  geolocation: geolocationSchema.nullish(),
  media_asset_id: z.string().nullish(),
}).superRefine((e, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!e.timestamp && !e.start_time) issue('timestamp', 'timestamp (or start_time) is required');
  const time = (key: 'timestamp' | 'start_time' | 'end_time') => {
    const text = e[key];
    if (!text) return undefined;
    const parsed = parseIsoTimestamp(text);
    if (!parsed) issue(key, `not an ISO-8601 time: ${JSON.stringify(text)}`);
    return parsed;
  };
  const start = time('start_time');
  const end = time('end_time');
  const at = time('timestamp') ?? start;
  if (start && end && seconds(end) < seconds(start)) issue('end_time', 'is before start_time');
  if (at && end && e.influence === 'affect_forward' && seconds(end) < seconds(at)) issue('end_time', 'is before timestamp');
  if (at && start && e.influence === 'affect_backward' && seconds(start) > seconds(at)) issue('start_time', 'is after timestamp');
  const v = e.entity_value;
  switch (e.influence) {
    case 'linear_interpolation':
    case 'linear_interpolation_integer':
      if (typeof v !== 'number' || !Number.isFinite(v)) issue('entity_value', `${e.influence} needs a finite number`);
      break;
    case 'geo_interpolation':
      if (!entityGeolocation(e)) issue('entity_value', 'geo_interpolation needs geolocation {lat, lon} or entity_value [lat, lon] within range');
      break;
    case 'point': case 'interval': case 'start_stop': case 'affect_forward': case 'affect_backward':
      break;
  }
  if (e.entity_type === 'state_set' && v !== null && v !== undefined && !z.array(scalar).safeParse(v).success) {
    issue('entity_value', 'a state_set value is a list of strings, numbers or booleans');
  }
  if (e.entity_type === 'scalar' && v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
    issue('entity_value', 'a scalar value is a finite number');
  }
});
export type EntityDict = z.output<typeof entityDictSchema>;

/** The fix of a geo entity: its `geolocation`, else an `entity_value` of `[lat, lon]`. */
export function entityGeolocation(e: { geolocation?: Geolocation | null; entity_value?: unknown }): Geolocation | undefined {
  if (e.geolocation) return e.geolocation;
  const v: unknown = e.entity_value;
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const pair = v as unknown[];
  const parsed = geolocationSchema.safeParse({ lat: pair[0], lon: pair[1] });
  return parsed.success ? parsed.data : undefined;
}

function seconds(t: { epochSeconds: number; nanos: number }): number {
  return t.epochSeconds + t.nanos / 1e9;
}
