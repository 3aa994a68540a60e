import { isNumericText } from '../../shared/formats/csv/isNumericText';
import { entityDicts, type EntityDict } from './entityDicts';
import type { TimeInput } from './toIsoUtc';

export type DfRecord = Readonly<Record<string, unknown>>;

const TIME_COLUMNS = ['timestamp', 'timestamps'];
const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || v === '';
const asNumber = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return typeof v === 'string' && isNumericText(v) && Number.isFinite(Number(v)) ? Number(v) : undefined;
};

/**
 * The Python client's `add_df` over rows of records (a DataFrame's `to_dict('records')`): each
 * column other than the time becomes entities named after it: scalar measurements when every
 * non-blank value is a number, point events otherwise; `lat` and `lon` together become
 * geolocation entities. Blank cells (null, NaN, '') are no measurement. The time is `timestamps[i]`,
 * else the row's `timestamp` column.
 */
export function recordsToEntities(session: string, rows: readonly DfRecord[], resolution: number, timestamps?: readonly TimeInput[]): EntityDict[] {
  if (timestamps && timestamps.length !== rows.length) throw new RangeError(`add_df: ${timestamps.length} timestamps for ${rows.length} rows`);
  const timeOf = (row: DfRecord, i: number): TimeInput => {
    const t = timestamps?.[i] ?? TIME_COLUMNS.map((c) => row[c]).find((v) => !isBlank(v));
    if (typeof t === 'string' || t instanceof Date) return t;
    throw new RangeError(`add_df: row ${i} has no timestamp (give timestamps, or a timestamp column of ISO strings or Dates)`);
  };
  const times = rows.map(timeOf);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !TIME_COLUMNS.includes(c));
  const out: EntityDict[] = [];
  const geo = columns.includes('lat') && columns.includes('lon');
  for (const column of columns) {
    if (geo && (column === 'lat' || column === 'lon')) continue;
    const present = rows.flatMap((r, i) => (isBlank(r[column]) ? [] : [i]));
    const numbers = present.map((i) => asNumber(rows[i]?.[column]));
    if (numbers.every((n) => n !== undefined)) {
      out.push(...entityDicts.scalarMeasurements(session, column, numbers, present.map((i) => times[i] as TimeInput)));
    } else {
      out.push(...entityDicts.pointEvents(session, column, present.map((i) => rows[i]?.[column]), present.map((i) => times[i] as TimeInput), resolution));
    }
  }
  if (geo) {
    const fixes = rows.flatMap((r, i) => {
      const lat = asNumber(r.lat);
      const lon = asNumber(r.lon);
      return lat !== undefined && lon !== undefined ? [{ lat, lon, t: times[i] as TimeInput }] : [];
    });
    out.push(...entityDicts.geolocations(session, fixes.map((f) => f.lat), fixes.map((f) => f.lon), fixes.map((f) => f.t)));
  }
  return out;
}
