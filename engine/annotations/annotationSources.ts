import type { AssetType } from '../../shared/scenebox/constants';
import type { SearchQuery } from '../../shared/search/searchQuery';
import type { Doc } from '../meta/mergeDocuments';
import type { MetaStore } from '../meta/MetaStore';
import { annotationsOfMedia } from './annotationsOfMedia';
import { textOf } from './textOf';

/** One source of annotations, as `get_annotation_sources` returns it and `remove_annotation_sources` takes it. */
export interface AnnotationSource {
  provider: string;
  version: string | null;
  annotation_type: string | null;
  annotation_group: string | null;
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : textOf(value));

export function sourceOf(doc: Doc): AnnotationSource {
  return {
    provider: text(doc.provider) ?? '',
    version: text(doc.version),
    annotation_type: text(doc.annotation_type),
    annotation_group: text(doc.annotation_group),
  };
}

/** The distinct sources of the annotations on the media assets a search matches, in a stable order. */
export function annotationSources(meta: MetaStore, organizationId: string, mediaType: AssetType, search: SearchQuery): AnnotationSource[] {
  const seen = new Map<string, AnnotationSource>();
  for (const batch of annotationsOfMedia(meta, organizationId, mediaType, search)) {
    for (const doc of batch) {
      const source = sourceOf(doc);
      seen.set(JSON.stringify([source.provider, source.version, source.annotation_type, source.annotation_group]), source);
    }
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s);
}

/** The labels an annotation document carries: its `labels`, and its entities' labels for documents without them. */
export function labelsOf(doc: Doc): string[] {
  const out = new Set<string>();
  if (Array.isArray(doc.labels)) for (const l of doc.labels) if (typeof l === 'string') out.add(l);
  if (Array.isArray(doc.annotation_entities)) {
    for (const e of doc.annotation_entities as unknown[]) {
      const label = (e as { label?: unknown } | null)?.label;
      if (typeof label === 'string') out.add(label);
    }
  }
  return [...out];
}

/** The distinct entity labels of the annotations on the media assets a search matches, sorted. */
export function annotationLabels(meta: MetaStore, organizationId: string, mediaType: AssetType, search: SearchQuery): string[] {
  const labels = new Set<string>();
  for (const batch of annotationsOfMedia(meta, organizationId, mediaType, search)) {
    for (const doc of batch) for (const l of labelsOf(doc)) labels.add(l);
  }
  return [...labels].sort();
}
