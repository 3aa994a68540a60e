import { standardizeName } from '../../shared/scenebox/standardizeName';
import { isPlainObject, type Doc } from '../meta/mergeDocuments';
import { labelsOf } from './annotationSources';
import { textOf } from './textOf';

/** The `aux.labels` forms an annotation's label takes on its media asset: plain and provider-suffixed. */
function labelForms(doc: Doc): Set<string> {
  const provider = textOf(doc.provider);
  const out = new Set<string>();
  for (const label of labelsOf(doc)) {
    out.add(label);
    out.add(`${label}_${provider}`);
  }
  return out;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * A media asset's document without the references to `removed` annotations: their ids leave
 * `annotations` and `annotations_meta` (both stay, possibly empty, because the client reads
 * `annotations_meta` without a default), and labels only they contributed leave `aux.labels` and
 * `aux.labels_<provider>`. `remaining` are the asset's annotations that stay.
 */
export function detachAnnotations(media: Doc, removed: readonly Doc[], remaining: readonly Doc[]): Doc {
  const removedIds = new Set(removed.map((d) => String(d.id)));
  const kept = new Set(remaining.flatMap((d) => [...labelForms(d)]));
  const dropped = new Set(removed.flatMap((d) => [...labelForms(d)]).filter((l) => !kept.has(l)));
  const out: Doc = {
    ...media,
    annotations: strings(media.annotations).filter((id) => !removedIds.has(id)),
    annotations_meta: (Array.isArray(media.annotations_meta) ? media.annotations_meta : [])
      .filter((m: unknown) => !(isPlainObject(m) && removedIds.has(String(m.id)))),
  };
  if (!isPlainObject(media.aux)) return out;
  const aux: Doc = { ...media.aux };
  if (Array.isArray(aux.labels)) aux.labels = strings(aux.labels).filter((l) => !dropped.has(l));
  for (const provider of new Set(removed.map((d) => textOf(d.provider)))) {
    const still = new Set(remaining.filter((d) => d.provider === provider).flatMap((d) => labelsOf(d)));
    const gone = new Set(removed.filter((d) => d.provider === provider).flatMap((d) => labelsOf(d)));
    for (const key of new Set([`labels_${provider}`, `labels_${standardizeName(provider)}`])) {
      if (!Array.isArray(aux[key])) continue;
      const left = strings(aux[key]).filter((l) => still.has(l) || !gone.has(l));
      if (left.length) aux[key] = left;
      else delete aux[key];
    }
  }
  out.aux = aux;
  return out;
}
