import { canonicalTimestamp } from '../../time/isoTimestamp';

/** GPSDateStamp (`2018:07:25`) and GPSTimeStamp (h, m, s rationals) are UTC by definition. */
export function exifGpsTimeToIso(dateStamp: string, timeStamp: readonly number[]): string | undefined {
  const m = /^(\d{4}):(\d{2}):(\d{2})$/.exec(dateStamp.trim());
  const [h, mi, s] = timeStamp;
  if (!m || h === undefined || mi === undefined || s === undefined || timeStamp.length !== 3) return undefined;
  if (![h, mi, s].every((v) => Number.isFinite(v) && v >= 0)) return undefined;
  const totalMicros = Math.round(s * 1e6);
  const whole = Math.floor(totalMicros / 1e6);
  const micros = totalMicros % 1e6;
  const pad = (v: number): string => String(v).padStart(2, '0');
  return canonicalTimestamp(`${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${pad(mi)}:${pad(whole)}.${String(micros).padStart(6, '0')}Z`);
}
