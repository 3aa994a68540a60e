// SceneBox stores times as ISO-8601 strings, written by Python (`+00:00`, microseconds) and by
// JavaScript (`Z`, milliseconds). To compare and sort them we bring each to one fixed-width UTC
// form with nanoseconds, so that string order is time order.

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ParsedTimestamp {
  /** Whole seconds since the epoch, UTC. */
  epochSeconds: number;
  /** Nanoseconds within the second, 0..999 999 999. */
  nanos: number;
}

export function parseIsoTimestamp(text: string): ParsedTimestamp | undefined {
  // Cheap shape check first: this runs on every string value the engine indexes.
  if (!looksLikeDate(text)) return undefined;
  const m = ISO_DATETIME.exec(text.trim());
  if (m) {
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const utcMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'));
    if (!isValidCalendar(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? '0'))) return undefined;
    const offsetSeconds = parseOffset(zone);
    if (offsetSeconds === undefined) return undefined;
    return { epochSeconds: utcMs / 1000 - offsetSeconds, nanos: Number((frac ?? '').padEnd(9, '0')) };
  }
  const dm = ISO_DATE.exec(text.trim());
  if (dm) {
    const [, y, mo, d] = dm;
    if (!isValidCalendar(Number(y), Number(mo), Number(d), 0, 0, 0)) return undefined;
    return { epochSeconds: Date.UTC(Number(y), Number(mo) - 1, Number(d)) / 1000, nanos: 0 };
  }
  return undefined;
}

/** `2021-08-24T21:15:15.574+02:00` → `2021-08-24T19:15:15.574000000Z`; undefined if not a timestamp. */
export function canonicalTimestamp(text: string): string | undefined {
  const parsed = parseIsoTimestamp(text);
  if (!parsed) return undefined;
  return formatTimestamp(parsed);
}

export function formatTimestamp({ epochSeconds, nanos }: ParsedTimestamp): string {
  const base = new Date(epochSeconds * 1000).toISOString().slice(0, 19);
  return `${base}.${String(nanos).padStart(9, '0')}Z`;
}

/** Seconds since the epoch as a float (microsecond precision is all a double keeps). */
export function timestampToSeconds(text: string): number | undefined {
  const parsed = parseIsoTimestamp(text);
  return parsed ? parsed.epochSeconds + parsed.nanos / 1e9 : undefined;
}

/** The ISO form the Python client writes (`+00:00`, microseconds), from seconds since the epoch. */
export function secondsToIso(seconds: number): string {
  const whole = Math.floor(seconds);
  const micros = Math.round((seconds - whole) * 1e6);
  const carry = micros === 1_000_000 ? 1 : 0;
  const base = new Date((whole + carry) * 1000).toISOString().slice(0, 19);
  return `${base}.${String(carry ? 0 : micros).padStart(6, '0')}+00:00`;
}

function looksLikeDate(text: string): boolean {
  const t = text.length > 0 && text.charCodeAt(0) <= 32 ? text.trim() : text;
  return t.length >= 10 && t.length <= 40 && t[4] === '-' && t[7] === '-';
}

function parseOffset(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const [, sign, hh, mm] = m;
  const minutes = Number(hh) * 60 + Number(mm ?? '0');
  if (Number(hh) > 23 || Number(mm ?? '0') > 59) return undefined;
  return (sign === '-' ? -1 : 1) * minutes * 60;
}

function isValidCalendar(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}
