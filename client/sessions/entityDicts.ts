import { newGuid } from '../../shared/annotations/newGuid';
import { shiftTime, toIsoUtc, type TimeInput } from './toIsoUtc';

export type EntityDict = Record<string, unknown>;

/** The lists of a helper call must pair up one to one. */
function sameLength(what: string, lists: Record<string, readonly unknown[]>): number {
  const lengths = Object.entries(lists).map(([name, list]) => [name, list.length] as const);
  const n = lengths[0]?.[1] ?? 0;
  const off = lengths.find(([, len]) => len !== n);
  if (off) throw new RangeError(`${what}: ${lengths.map(([name, len]) => `${name} has ${len}`).join(', ')}; they must be as long as each other`);
  return n;
}

const base = (session: string, name: string): EntityDict => ({ session, entity_id: newGuid(), entity_name: name, enrichments: [] });

/**
 * The entity dicts the Python client's session helpers send (wire protocol §1.5 and observed
 * item 9), one builder per helper; every entity gets a fresh guid.
 */
export const entityDicts = {
  /** `add_event_intervals`: `state_set` values over [start, end + epsilon], extending the session by default. */
  eventIntervals(session: string, name: string, values: readonly (string | readonly string[])[], starts: readonly TimeInput[], ends: readonly TimeInput[], options: { extendSession?: boolean; epsilon?: number } = {}): EntityDict[] {
    const n = sameLength('event intervals', { event_values: values, start_times: starts, end_times: ends });
    return Array.from({ length: n }, (_, i) => {
      const start = toIsoUtc(starts[i] as TimeInput);
      const value = values[i];
      return {
        ...base(session, name), timestamp: start, start_time: start, end_time: shiftTime(ends[i] as TimeInput, options.epsilon ?? 0, `end_times[${i}]`),
        entity_value: typeof value === 'string' ? [value] : [...(value ?? [])], entity_type: 'state_set', influence: 'affect_forward',
        extend_session: options.extendSession ?? true,
      };
    });
  },

  /** `add_scalar_measurements`: numbers linearly interpolated between their timestamps. */
  scalarMeasurements(session: string, name: string, values: readonly number[], timestamps: readonly TimeInput[]): EntityDict[] {
    const n = sameLength('scalar measurements', { measurement_values: values, timestamps });
    return Array.from({ length: n }, (_, i) => ({
      ...base(session, name), timestamp: toIsoUtc(timestamps[i] as TimeInput), entity_value: values[i], entity_type: 'scalar', influence: 'linear_interpolation',
    }));
  },

  /** `add_scalar_intervals`: one number held over [start + epsilon, end − epsilon] (so that touching intervals do not overlap). */
  scalarIntervals(session: string, name: string, values: readonly number[], starts: readonly TimeInput[], ends: readonly TimeInput[], epsilon = 0.001): EntityDict[] {
    const n = sameLength('scalar intervals', { measurement_values: values, start_times: starts, end_times: ends });
    return Array.from({ length: n }, (_, i) => {
      const start = shiftTime(starts[i] as TimeInput, epsilon, `start_times[${i}]`);
      return {
        ...base(session, name), timestamp: start, start_time: start, end_time: shiftTime(ends[i] as TimeInput, -epsilon, `end_times[${i}]`),
        entity_value: values[i], entity_type: 'scalar', influence: 'interval',
      };
    });
  },

  /** `add_point_events`: a string state over [t − resolution, t + resolution]. */
  pointEvents(session: string, name: string, values: readonly unknown[], timestamps: readonly TimeInput[], resolution: number): EntityDict[] {
    const n = sameLength('point events', { measurement_values: values, timestamps });
    return Array.from({ length: n }, (_, i) => {
      const at = timestamps[i] as TimeInput;
      return {
        ...base(session, name), timestamp: toIsoUtc(at), start_time: shiftTime(at, -resolution, `timestamps[${i}]`), end_time: shiftTime(at, resolution, `timestamps[${i}]`),
        entity_value: String(values[i]), entity_type: 'state', influence: 'interval',
      };
    });
  },

  /** `add_geolocation_entities`: fixes interpolated on the sphere, enriched with visibility, weather and location. */
  geolocations(session: string, latitudes: readonly number[], longitudes: readonly number[], timestamps: readonly TimeInput[]): EntityDict[] {
    const n = sameLength('geolocations', { latitudes, longitudes, timestamps });
    return Array.from({ length: n }, (_, i) => {
      const lat = latitudes[i] as number;
      const lon = longitudes[i] as number;
      return {
        ...base(session, 'geolocation'), timestamp: toIsoUtc(timestamps[i] as TimeInput), entity_value: [lat, lon], geolocation: { lat, lon },
        entity_type: 'geo', influence: 'geo_interpolation', enrichments: ['visibility', 'weather', 'location'],
      };
    });
  },
};
