import { normalizeIndexValue, type IndexValue } from './normalizeIndexValue';

/** One indexed leaf: a dotted path (list positions dropped, as Elasticsearch does) and its value. */
export interface IndexEntry {
  path: string;
  value: IndexValue;
}

/** Fields never indexed: `id` is the primary key already. */
const SKIPPED_TOP_LEVEL = new Set(['id']);

/** Every distinct (path, value) leaf of a document, lists flattened into repeated values. */
export function flattenDocument(doc: Record<string, unknown>): IndexEntry[] {
  const seen = new Set<string>();
  const out: IndexEntry[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, path);
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        visit(child, path ? `${path}.${key}` : key);
      }
      return;
    }
    const v = normalizeIndexValue(value);
    if (v === undefined || path === '') return;
    const dedupeKey = `${path}\u0000${typeof v}\u0000${v}`;
    if (seen.has(dedupeKey)) return;
    seen.add(dedupeKey);
    out.push({ path, value: v });
  };
  for (const [key, child] of Object.entries(doc)) {
    if (!SKIPPED_TOP_LEVEL.has(key)) visit(child, key);
  }
  return out;
}

export function entryKey(e: IndexEntry): string {
  return `${e.path}\u0000${typeof e.value}\u0000${e.value}`;
}
