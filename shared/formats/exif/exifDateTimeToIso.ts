import { canonicalTimestamp } from '../../time/isoTimestamp';

export interface ExifTime {
  /** Canonical UTC ISO string. */
  iso: string;
  /** True when the EXIF gave no offset and the wall-clock time was read as UTC. */
  timeZoneAssumed: boolean;
}

const EXIF_DATE_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * EXIF stores `2018:07:25 16:34:23` in the camera's local time, with the zone in a separate
 * OffsetTime* tag that most cameras never write. Without it we cannot know the zone, so we read the
 * time as UTC and say so, rather than silently using the zone of whoever runs the ingestion.
 */
export function exifDateTimeToIso(dateTime: string, subSeconds?: string, offset?: string): ExifTime | undefined {
  const m = EXIF_DATE_TIME.exec(dateTime.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const fraction = subSeconds && /^\d{1,9}$/.test(subSeconds.trim()) ? `.${subSeconds.trim()}` : '';
  const zone = offset && OFFSET.test(offset.trim()) ? offset.trim() : undefined;
  const iso = canonicalTimestamp(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone ?? 'Z'}`);
  // Cameras with an unset clock write `0000:00:00 00:00:00`; canonicalTimestamp refuses it.
  return iso === undefined ? undefined : { iso, timeZoneAssumed: zone === undefined };
}
