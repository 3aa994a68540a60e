import { parseIsoTimestamp, type ParsedTimestamp } from '../../time/isoTimestamp';
import type { CsvTimeFormat } from './inferCsvTimeFormat';
import { isNumericText } from './isNumericText';

export type CsvTimeValue =
  | { kind: 'absolute'; time: ParsedTimestamp }
  | { kind: 'relative'; seconds: number };

const DIGITS_PER_UNIT: Record<Exclude<CsvTimeFormat, 'iso8601' | 'relative_s'>, number> = {
  unix_s: 0, unix_ms: 3, unix_us: 6, unix_ns: 9,
};
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * One time value in a known format. Epoch numbers are split into whole seconds and nanoseconds
 * from their digits, so that a 19-digit nanosecond stamp keeps its last digits (a double would not).
 */
export function parseCsvTime(text: string, format: CsvTimeFormat): CsvTimeValue | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (format === 'iso8601') {
    const time = parseIsoTimestamp(value);
    return time ? { kind: 'absolute', time } : undefined;
  }
  if (format === 'relative_s') {
    const seconds = Number(value);
    return isNumericText(value) && Number.isFinite(seconds) ? { kind: 'relative', seconds } : undefined;
  }
  const digits = DIGITS_PER_UNIT[format];
  const plain = PLAIN_DECIMAL.exec(value);
  if (plain) {
    const [, whole = '0', fraction = ''] = plain;
    // The digits shifted by the unit are the exact number of nanoseconds (sub-ns digits dropped).
    const total = BigInt(whole + fraction.padEnd(9 - digits, '0').slice(0, 9 - digits));
    return { kind: 'absolute', time: { epochSeconds: Number(total / 1_000_000_000n), nanos: Number(total % 1_000_000_000n) } };
  }
  const number = Number(value);
  if (!isNumericText(value) || !Number.isFinite(number)) return undefined;
  // Exponent or signed forms: a double is all the precision the text promised anyway.
  const totalNanos = Math.round(number * 10 ** (9 - digits));
  const epochSeconds = Math.floor(totalNanos / 1e9);
  return { kind: 'absolute', time: { epochSeconds, nanos: totalNanos - epochSeconds * 1e9 } };
}
