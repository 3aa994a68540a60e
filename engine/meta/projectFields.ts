import { isPlainObject, type Doc } from './mergeDocuments';

/**
 * `source_selected_fields`: keeps the listed (possibly dotted) fields. `id` is always kept, because
 * the client pages with `search_after = last["id"]` even when it did not select it.
 */
export function projectFields(doc: Doc, fields: readonly string[]): Doc {
  const out: Doc = { id: doc.id };
  for (const field of fields) {
    const parts = field.split('.');
    let src: unknown = doc;
    for (const part of parts) src = isPlainObject(src) ? src[part] : undefined;
    if (src === undefined) continue;
    let dst = out;
    parts.slice(0, -1).forEach((part) => {
      const next = dst[part];
      dst = isPlainObject(next) ? next : (dst[part] = {});
    });
    dst[parts[parts.length - 1] ?? field] = src;
  }
  return out;
}
