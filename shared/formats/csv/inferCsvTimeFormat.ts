import { parseIsoTimestamp } from '../../time/isoTimestamp';
import { isNumericText } from './isNumericText';
import { normalizeColumnName } from './timeColumnCandidates';

export type CsvTimeFormat = 'iso8601' | 'unix_s' | 'unix_ms' | 'unix_us' | 'unix_ns' | 'relative_s';

/** Before 1973-03-03 in seconds: such small values are times since the start of a recording. */
const EPOCH_SECONDS_FLOOR = 1e8;

/**
 * How a time column is written, from its name and one value. A unit in the name wins
 * (`timestamp_ns`, `time_ms`, `%time` from rostopic = ns); otherwise the magnitude decides, since
 * an epoch time today is ~1.7e9 s, 1.7e12 ms, 1.7e15 us or 1.7e18 ns.
 */
export function inferCsvTimeFormat(columnName: string, value: string): CsvTimeFormat | undefined {
  const text = value.trim();
  if (parseIsoTimestamp(text) !== undefined && /^\d{4}-\d{2}-\d{2}/.test(text)) return 'iso8601';
  if (!isNumericText(text) || !Number.isFinite(Number(text))) return undefined;
  const hinted = unitFromName(columnName);
  if (hinted) return hinted;
  const magnitude = Math.abs(Number(text));
  if (magnitude < EPOCH_SECONDS_FLOOR) return 'relative_s';
  if (magnitude < 1e11) return 'unix_s';
  if (magnitude < 1e14) return 'unix_ms';
  if (magnitude < 1e17) return 'unix_us';
  return 'unix_ns';
}

/** A unit as a separate part of the name: `stamp_ns`, `time (ms)`, `t[s]`, not `items`. */
const unitPart = (words: string): RegExp => new RegExp(`(?:^|[._\\s([-])(?:${words})(?:$|[._\\s)\\]-])`);
const UNIT_HINTS: readonly [RegExp, CsvTimeFormat][] = [
  [unitPart('ns|nsec|nanos|nanoseconds'), 'unix_ns'],
  [unitPart('us|usec|micros|microseconds|µs'), 'unix_us'],
  [unitPart('ms|msec|millis|milliseconds'), 'unix_ms'],
  [unitPart('s|sec|secs|seconds'), 'unix_s'],
];

function unitFromName(columnName: string): CsvTimeFormat | undefined {
  if (columnName.trim().toLowerCase() === '%time') return 'unix_ns';
  const name = normalizeColumnName(columnName);
  return UNIT_HINTS.find(([pattern]) => pattern.test(name))?.[1];
}
