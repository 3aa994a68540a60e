import type { AnnotationMediaType, AnnotationType } from '../../shared/annotations/annotationConstants';
import { organizeWire } from '../../shared/wire/organizeWire';
import type { SceneBoxHttp } from '../http/SceneBoxHttp';
import type { SearchQueryInput } from '../search/SearchOptions';
import { annotationWire, type WireAnnotationSource } from './annotationWire';

/** Annotations named by id, by a search over annotation fields, or both (their union). */
export interface AnnotationSelection {
  ids?: readonly string[];
  search?: SearchQueryInput;
}

export interface AnnotationSourceFilter {
  provider: string;
  version?: string | null;
  annotationType?: AnnotationType | null;
  annotationGroup?: string | null;
}

export interface ToObjectsRequest extends AnnotationSelection {
  createObjects?: boolean;
  /** 0.1 by default, as the Python client's; `marginPixels` wins when both are given. */
  marginRatio?: number;
  marginPixels?: number;
  outputSetId?: string;
  sourceAnnotationType?: 'two_d_bounding_box' | 'polygon' | 'two_d_pose';
  sessionUid?: string;
  addToSession?: boolean;
}

const A = '/v1/annotations';
const selection = (s: AnnotationSelection) => ({ ids: s.ids ?? null, search: s.search ?? null });
const job = async (http: SceneBoxHttp, path: string, body: unknown): Promise<string> => (await http.post(path, { schema: organizeWire.jobId, body })).job_id;

/** The SceneEngine annotation routes (wire protocol §1.8); every change answers the job that makes it. */
export const annotationsApi = {
  /** Distinct sources of the annotations on the media assets a search (over media fields) matches. */
  sources: async (http: SceneBoxHttp, search: SearchQueryInput = {}, mediaType: AnnotationMediaType = 'images'): Promise<WireAnnotationSource[]> =>
    http.post(`${A}/annotation_sources`, { schema: annotationWire.sources, query: { asset_type: mediaType }, body: search }),

  labels: async (http: SceneBoxHttp, search: SearchQueryInput = {}, mediaType: AnnotationMediaType = 'images'): Promise<string[]> =>
    http.post(`${A}/annotation_labels`, { schema: annotationWire.labels, query: { asset_type: mediaType }, body: search }),

  /** Deletes the annotations and takes them off their media assets, in one job. */
  delete: (http: SceneBoxHttp, s: AnnotationSelection): Promise<string> => job(http, `${A}/delete_annotations`, selection(s)),

  removeSources: (http: SceneBoxHttp, sources: readonly AnnotationSourceFilter[], mediaType: AnnotationMediaType, assetFilters?: SearchQueryInput): Promise<string> =>
    job(http, `${A}/remove_sources/`, {
      // A key left out matches any value; a null matches documents without one (as `getAnnotationSources` reports them).
      annotation_sources: sources.map((s) => ({
        provider: s.provider,
        ...(s.version !== undefined ? { version: s.version } : {}),
        ...(s.annotationType !== undefined ? { annotation_type: s.annotationType } : {}),
        ...(s.annotationGroup !== undefined ? { annotation_group: s.annotationGroup } : {}),
      })),
      asset_type: mediaType,
      asset_filters: assetFilters ?? null,
    }),

  cleanupMasks: (http: SceneBoxHttp, s: AnnotationSelection, forceReclean = false): Promise<string> =>
    job(http, `${A}/cleanup_annotation_masks`, { ...selection(s), force_reclean: forceReclean }),

  toObjects: (http: SceneBoxHttp, r: ToObjectsRequest): Promise<string> => job(http, `${A}/annotations_to_objects`, {
    ...selection(r),
    create_objects: r.createObjects ?? false,
    margin_ratio: r.marginPixels === undefined ? (r.marginRatio ?? 0.1) : null,
    margin_pixels: r.marginPixels ?? null,
    output_set_id: r.outputSetId ?? null,
    source_annotation_type: r.sourceAnnotationType ?? null,
    session_uid: r.sessionUid ?? null,
    add_to_session: r.addToSession ?? true,
  }),
};
