import { canonicalTimestamp } from '../../shared/time/isoTimestamp';

/** Strings longer than this are stored but not indexed: they are payloads, not search keys. */
export const MAX_INDEXED_STRING = 1024;

export type IndexValue = string | number;

/**
 * The form a scalar takes in the field index and in filters, so that both sides compare alike:
 * booleans become the strings the Python client writes (`"true"`/`"false"`), timestamps one
 * fixed-width UTC form, null and empty nothing (Elasticsearch treats them as missing too).
 */
export function normalizeIndexValue(value: unknown): IndexValue | undefined {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    if (value.length > MAX_INDEXED_STRING) return undefined;
    return canonicalTimestamp(value) ?? value;
  }
  return undefined;
}
