import { parseIsoTimestamp, type ParsedTimestamp } from '../../time/isoTimestamp';
import type { CsvTimeFormat } from './inferCsvTimeFormat';
import { isNumericText } from './isNumericText';

/**
 * A cheap, exact-enough sort key for one time value, computed for every row of a large file.
 * Numbers of up to 15 characters are doubles (conversion keeps their order); longer unsigned
 * decimals, such as 19-digit nanosecond stamps a double would round, become fixed-width strings;
 * ISO times become (seconds, nanos).
 */
export type CsvTimeKey = string | number | ParsedTimestamp;

const PLAIN = /^(\d+)(?:\.(\d*))?$/;
const WIDTH = 32;
const SHORT = 15;

export function csvTimeKey(text: string, format: CsvTimeFormat): CsvTimeKey | undefined {
  if (format === 'iso8601') return parseIsoTimestamp(text);
  if (!isNumericText(text)) return undefined;
  const value = Number(text);
  if (text.length <= SHORT || !Number.isFinite(value)) return Number.isFinite(value) ? value : undefined;
  const plain = PLAIN.exec(text);
  if (!plain) return value;
  const whole = (plain[1] ?? '').replace(/^0+/, '');
  const fraction = (plain[2] ?? '').replace(/0+$/, '');
  return whole.length > WIDTH ? value : `${whole.padStart(WIDTH, '0')}.${fraction}`;
}

export function compareCsvTimeKeys(a: CsvTimeKey, b: CsvTimeKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'object' && typeof b === 'object') return a.epochSeconds !== b.epochSeconds ? a.epochSeconds - b.epochSeconds : a.nanos - b.nanos;
  return toNumber(a) - toNumber(b);
}

function toNumber(key: CsvTimeKey): number {
  return typeof key === 'object' ? key.epochSeconds + key.nanos / 1e9 : Number(key);
}
