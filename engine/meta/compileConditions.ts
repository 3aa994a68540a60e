import type { SearchQuery } from '../../shared/search/searchQuery';
import { canonicalTimestamp } from '../../shared/time/isoTimestamp';
import type { FieldPathRegistry } from './FieldPathRegistry';
import { normalizeIndexValue, type IndexValue } from './normalizeIndexValue';

/** A predicate on an asset id, in the terms the field index can answer. */
export type Condition =
  | { kind: 'ids'; ids: string[]; negate: boolean }
  | { kind: 'values'; path: number; values: IndexValue[]; negate: boolean }
  | { kind: 'exists'; paths: number[] }
  | { kind: 'range'; path: number; lo: IndexValue | undefined; hi: IndexValue | undefined }
  | { kind: 'nothing' };

/** Elasticsearch clients address the exact-match twin of a text field as `<field>.keyword`. */
function fieldPath(field: string): string {
  return field.endsWith('.keyword') ? field.slice(0, -'.keyword'.length) : field;
}

/**
 * Filter values in the index's form. A number and its decimal text are the same key to a user
 * typing into a search box, so each value is looked up in both forms.
 */
function filterValues(values: readonly unknown[]): IndexValue[] {
  const out = new Set<IndexValue>();
  for (const raw of values) {
    const v = normalizeIndexValue(raw);
    if (v === undefined) continue;
    out.add(v);
    if (typeof v === 'number') out.add(String(v));
    else if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v) && Number.isFinite(Number(v))) out.add(Number(v));
  }
  return [...out];
}

function rangeBound(value: string | number | null | undefined): IndexValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  return canonicalTimestamp(value) ?? value;
}

export function compileConditions(query: SearchQuery, registry: FieldPathRegistry): Condition[] {
  const conditions: Condition[] = [];
  for (const f of query.filters ?? []) {
    const path = fieldPath(f.field);
    if (path === 'id') {
      const ids = f.values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
      conditions.push({ kind: 'ids', ids, negate: f.filter_out });
      continue;
    }
    const values = filterValues(f.values);
    const pathId = registry.lookup(path);
    if (pathId === undefined || values.length === 0) {
      // No document has this field, or the list is empty (the client sends `values: []` and
      // expects no match): a positive filter matches nothing, a negative one excludes nothing.
      if (!f.filter_out) conditions.push({ kind: 'nothing' });
      continue;
    }
    conditions.push({ kind: 'values', path: pathId, values, negate: f.filter_out });
  }
  for (const e of query.exists_filters ?? []) {
    const paths = registry.withDescendants(fieldPath(e.field));
    conditions.push(paths.length ? { kind: 'exists', paths } : { kind: 'nothing' });
  }
  const ranges = [...(query.ranges ?? [])];
  if (query.time_range && (query.time_range.start_time || query.time_range.end_time)) {
    ranges.push({ field: query.time_range.field ?? 'timestamp', min: query.time_range.start_time, max: query.time_range.end_time });
  }
  for (const r of ranges) {
    const pathId = registry.lookup(fieldPath(r.field));
    if (pathId === undefined) {
      conditions.push({ kind: 'nothing' });
      continue;
    }
    conditions.push({ kind: 'range', path: pathId, lo: rangeBound(r.min), hi: rangeBound(r.max) });
  }
  return conditions;
}
