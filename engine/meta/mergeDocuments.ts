// Merge semantics of SceneBox metadata writes (wire protocol §5.3 and the observed requests):
// - replace=true writes the whole document, but keeps the asset's existing `sets` unless
//   replace_sets=true, so re-ingesting a file does not drop it from the sets it was added to;
// - replace=false deep-merges objects; lists are appended (without duplicates) unless
//   replace_sets=true, in which case they replace the stored lists. The COCO import appends
//   `annotations`/`annotations_meta` this way and the annotation cleanup replaces them.

export type Doc = Record<string, unknown>;

export interface WriteMode {
  replace: boolean;
  replaceSets: boolean;
}

export function mergeDocuments(existing: Doc | undefined, incoming: Doc, mode: WriteMode): Doc {
  if (!existing) return incoming;
  if (mode.replace) {
    if (mode.replaceSets || !Array.isArray(existing.sets)) return incoming;
    const incomingSets = Array.isArray(incoming.sets) ? incoming.sets : [];
    return { ...incoming, sets: unionLists(existing.sets, incomingSets) };
  }
  return deepMerge(existing, incoming, mode.replaceSets);
}

function deepMerge(base: Doc, patch: Doc, replaceLists: boolean): Doc {
  const out: Doc = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (isPlainObject(current) && isPlainObject(value)) {
      out[key] = deepMerge(current, value, replaceLists);
    } else if (Array.isArray(current) && Array.isArray(value) && !replaceLists) {
      out[key] = unionLists(current, value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** `a` followed by the items of `b` not already in `a` (compared by their JSON). */
export function unionLists(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const seen = new Set(a.map((x) => JSON.stringify(x)));
  const out = [...a];
  for (const item of b) {
    const k = JSON.stringify(item);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}

export function isPlainObject(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
