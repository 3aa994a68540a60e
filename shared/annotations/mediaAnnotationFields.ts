import type { AnnotationType } from './annotationConstants';

/** One entry of a media asset's `annotations_meta`. */
export interface AnnotationMetaEntry {
  provider: string;
  id: string;
  version: string | null;
  type: AnnotationType;
}

/** What the client adds to a media asset that carries annotations (wire protocol §5.3, observed item 6). */
export interface MediaAnnotationFields {
  annotations: string[];
  annotations_meta: AnnotationMetaEntry[];
  aux: { labels: string[] };
}

interface AnnotationLike {
  id: string;
  provider: string;
  version: string | null;
  annotationType: AnnotationType;
  annotationEntities: readonly { label: string }[];
}

/**
 * The fields a media asset gets for its annotations: their ids, their `annotations_meta`, and
 * `aux.labels`, which are `"<label>_<provider>"` unless `addProviderToLabels` is false.
 */
export function mediaAnnotationFields(annotations: readonly AnnotationLike[], addProviderToLabels = true): MediaAnnotationFields {
  const labels = new Set<string>();
  for (const a of annotations) {
    for (const e of a.annotationEntities) labels.add(addProviderToLabels ? `${e.label}_${a.provider}` : e.label);
  }
  return {
    annotations: annotations.map((a) => a.id),
    annotations_meta: annotations.map((a) => ({ provider: a.provider, id: a.id, version: a.version, type: a.annotationType })),
    aux: { labels: [...labels] },
  };
}
