import type { SearchFilter } from '../../shared/search/searchQuery';
import type { JobKind } from '../jobs/JobService';
import type { Doc } from '../meta/mergeDocuments';
import type { EngineServices } from '../services/EngineServices';
import { removeSourcesSchema, type AnnotationSourceFilter } from './annotationRequestSchemas';
import { ANNOTATIONS, annotationsOfMedia } from './annotationsOfMedia';
import { ItemReport } from './ItemReport';
import { removeInBatches } from './removeAnnotationDocs';
import { filterOf, scanIds } from './scanIds';
import { annotationDocs } from './selectAnnotations';
import { textOf } from './textOf';

const OPTIONAL_KEYS = ['version', 'annotation_type', 'annotation_group'] as const;

/** Index filters that narrow the candidates; null values cannot be looked up and are checked per document. */
function indexFilters(source: AnnotationSourceFilter): SearchFilter[] {
  const filters = [filterOf('provider', [source.provider])];
  for (const key of OPTIONAL_KEYS) {
    const value = source[key];
    if (value !== null && value !== undefined) filters.push(filterOf(key, [value]));
  }
  return filters;
}

/**
 * Whether a document belongs to a source: same provider, and for each optional key the source
 * gives, the same value. A key given as null matches documents without a value, which is how
 * `get_annotation_sources` reports a source without a version; a key left out matches anything.
 */
export function matchesSource(doc: Doc, source: AnnotationSourceFilter): boolean {
  if (doc.provider !== source.provider) return false;
  return OPTIONAL_KEYS.every((key) => {
    if (!(key in source) || source[key] === undefined) return true;
    const want = source[key] ?? null;
    const have = doc[key] ?? null;
    return want === null ? have === null : have !== null && textOf(have) === textOf(want);
  });
}

/** `remove_annotation_sources`: deletes the annotations of the given sources and cleans their media assets. */
export function removeSourcesJob(services: EngineServices): JobKind {
  return {
    jobType: 'annotation_process',
    resumable: true,
    run: async (ctx) => {
      const p = removeSourcesSchema.parse(ctx.payload);
      const { meta } = services;
      const org = ctx.organizationId;
      const report = new ItemReport(ctx);
      const ids = new Set<string>();
      ctx.progress(0, 'finding annotations');
      for (const source of p.annotation_sources) {
        const filters = indexFilters(source);
        const batches = p.asset_filters
          ? annotationsOfMedia(meta, org, p.asset_type, p.asset_filters, filters)
          : annotationDocs(meta, org, scanIds(meta, { organizationId: org, assetType: ANNOTATIONS }, { filters: [filterOf('media_type', [p.asset_type]), ...filters] }));
        for (const batch of batches) for (const doc of batch) if (matchesSource(doc, source)) ids.add(String(doc.id));
      }
      const removed = await removeInBatches(services, ctx, report, [...ids].sort());
      report.finish(`removed ${removed} annotations of ${p.annotation_sources.length} source(s) from ${p.asset_type}`);
    },
  };
}
