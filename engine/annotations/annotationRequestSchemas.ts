import { z } from 'zod';
import { ANNOTATION_MEDIA_TYPES, ANNOTATION_TYPES } from '../../shared/annotations/annotationConstants';
import { searchQuerySchema } from '../../shared/search/searchQuery';

// Bodies of the annotation routes (wire protocol §1.8). The Python client sends every key, unset
// ones as null, so every optional key is nullish.

const MAX_IDS = 100_000;

/** Annotations named by id, by a search over annotation fields, or both (their union). */
export const annotationSelectionShape = {
  ids: z.array(z.string().min(1, 'ids must not contain empty ids')).max(MAX_IDS).nullish(),
  search: searchQuerySchema.nullish(),
};
export type AnnotationSelection = z.infer<z.ZodObject<typeof annotationSelectionShape>>;

export const mediaTypeSchema = z.enum(ANNOTATION_MEDIA_TYPES, { error: `must be one of ${ANNOTATION_MEDIA_TYPES.join(', ')}` });

export const annotationSourceSchema = z.looseObject({
  provider: z.string({ error: 'provider is required' }).min(1, 'provider is required'),
  version: z.union([z.string(), z.number().transform(String)]).nullish(),
  annotation_type: z.enum(ANNOTATION_TYPES).nullish(),
  annotation_group: z.string().nullish(),
});
export type AnnotationSourceFilter = z.infer<typeof annotationSourceSchema>;

export const removeSourcesSchema = z.object({
  annotation_sources: z.array(annotationSourceSchema).min(1, 'at least one annotation source is required'),
  asset_type: mediaTypeSchema,
  asset_filters: searchQuerySchema.nullish(),
});

export const deleteAnnotationsSchema = z.object(annotationSelectionShape)
  .refine((b) => (b.ids?.length ?? 0) > 0 || b.search, { message: 'ids or search is required', path: ['ids'] });

export const cleanupMasksSchema = z.object({ ...annotationSelectionShape, force_reclean: z.boolean().nullish() });

/** Annotation types objects are cut from: boxes as they are, polygons and poses by their bounding box. */
export const OBJECT_SOURCE_TYPES = ['two_d_bounding_box', 'polygon', 'two_d_pose'] as const;

export const toObjectsSchema = z.object({
  ...annotationSelectionShape,
  create_objects: z.boolean().nullish(),
  margin_ratio: z.number().min(0, 'margin_ratio must be at least 0').max(100).nullish(),
  margin_pixels: z.number().min(0, 'margin_pixels must be at least 0').max(100_000).nullish(),
  output_set_id: z.string().min(1).nullish(),
  source_annotation_type: z.enum(OBJECT_SOURCE_TYPES, { error: `must be one of ${OBJECT_SOURCE_TYPES.join(', ')}` }).nullish(),
  session_uid: z.string().nullish(),
  add_to_session: z.boolean().nullish(),
});
export type ToObjectsRequest = z.infer<typeof toObjectsSchema>;

export const compressMasksSchema = z.object({
  ...annotationSelectionShape,
  thumbnail_tag: z.string({ error: 'thumbnail_tag is required' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'thumbnail_tag must be 1 to 64 letters, digits, _ or -'),
});
