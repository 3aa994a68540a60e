import { z } from 'zod';
import { ANNOTATION_MEDIA_TYPES, ANNOTATION_TYPES, ASSET_INGESTION_LIMITS, RELATIONSHIPS } from './annotationConstants';

// Runtime schemas of the stored annotation document (what `meta_batch/?asset_type=annotations`
// receives from the Python client or ours). They accept everything the Python client writes
// (`"sets": [null]`, `aux: []`, null masks of not-yet-uploaded files, unknown extra keys) and
// refuse what it would never send: the rules of its `AnnotationEntity` and `Annotation` classes.

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const categoryId = z.union([z.number(), z.string()]).nullish();
const confidence = z.number().min(0, 'confidence must be in [0, 1]').max(1, 'confidence must be in [0, 1]');

export const objectAccessDocSchema = z.looseObject({
  uri: z.string().nullish(),
  url: z.string().nullish(),
  filename: z.string().nullish(),
});

export const coordinateDocSchema = z.object({ x: finite, y: finite, z: finite.optional() });

export const pointDocSchema = z.looseObject({
  label: z.string().nullish(),
  uid: z.string().nullish(),
  confidence: confidence.nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  left: finite,
  top: finite,
  category_id: categoryId,
  geometry: z.string().nullish(),
});

export const connectionDocSchema = z.looseObject({
  start_index: z.number().int().min(0),
  end_index: z.number().int().min(0),
  confidence: confidence.nullish(),
});

const COORDINATE_COUNTS: Record<string, number> = { point: 1, two_d_bounding_box: 4, two_d_cuboid: 8, three_d_cuboid: 8 };

export const annotationEntityDocSchema = z.looseObject({
  uid: z.string().min(1),
  label: z.string(),
  annotation_type: z.enum(ANNOTATION_TYPES),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  related_annotations: z.array(z.object({ uid: z.string(), relationship: z.enum(RELATIONSHIPS) })).nullish(),
  category_id: categoryId,
  coordinates: z.array(coordinateDocSchema).optional(),
  confidence: confidence.nullish(),
  mask_id: z.string().nullish(),
  mask_color: z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/, 'mask_color must be a #rgb or #rrggbb hex color').nullish(),
  class_name: z.string().nullish(),
  mask_type: z.string().nullish(),
  keypoints: z.array(pointDocSchema).max(ASSET_INGESTION_LIMITS.MAX_POSE_KEYPOINTS).nullish(),
  connections: z.array(connectionDocSchema).max(ASSET_INGESTION_LIMITS.MAX_POSE_CONNECTIONS).nullish(),
}).superRefine((entity, ctx) => {
  const n = entity.coordinates?.length ?? 0;
  const expected = COORDINATE_COUNTS[entity.annotation_type];
  if (expected !== undefined && n !== expected) {
    ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `${entity.annotation_type} entities must have exactly ${expected} coordinates, got ${n}` });
  }
  const max = entity.annotation_type === 'polygon' ? ASSET_INGESTION_LIMITS.MAX_POLYGON_COORDINATES
    : entity.annotation_type === 'line' ? ASSET_INGESTION_LIMITS.MAX_LINE_COORDINATES : undefined;
  if (max !== undefined && (n === 0 || n > max)) {
    ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `${entity.annotation_type} entities need 1 to ${max} coordinates, got ${n}` });
  }
  if (entity.annotation_type === 'three_d_cuboid' && entity.coordinates?.some((c) => c.z === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['coordinates'], message: 'three_d_cuboid coordinates need x, y and z' });
  }
  if (entity.annotation_type === 'segmentation' && !entity.mask_color) {
    ctx.addIssue({ code: 'custom', path: ['mask_color'], message: 'mask color should be specified for segmentation' });
  }
  if ((entity.keypoints?.length ?? 0) > 0 && entity.annotation_type !== 'two_d_pose') {
    ctx.addIssue({ code: 'custom', path: ['keypoints'], message: `keypoints cannot be defined for ${entity.annotation_type}` });
  }
  if ((entity.connections?.length ?? 0) > 0 && !entity.keypoints?.length) {
    ctx.addIssue({ code: 'custom', path: ['connections'], message: 'connections cannot be defined without keypoints' });
  }
});

const annotationDocumentShape = {
  id: z.string().min(1).optional(),
  session_uid: z.string().nullish(),
  timestamp: z.string().nullish(),
  asset_id: z.string({ error: 'asset_id (image, video, lidar) should be specified' }).min(1, 'asset_id (image, video, lidar) should be specified'),
  media_type: z.enum(ANNOTATION_MEDIA_TYPES),
  provider: z.string().min(1),
  annotation_type: z.enum(ANNOTATION_TYPES),
  annotation_entities: z.array(annotationEntityDocSchema),
  sets: z.array(z.string().nullable()).nullish(),
  labels: z.array(z.string()).nullish(),
  label_status: z.unknown().optional(),
  sensor: z.string().nullish(),
  version: z.union([z.string(), z.number()]).nullish(),
  annotation_group: z.string().nullish(),
  masks: z.record(z.string(), objectAccessDocSchema.nullable()).nullish(),
  frame: z.number().int().min(0).nullish(),
  tags: z.array(z.string()).nullish(),
  aux: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
  object_access: objectAccessDocSchema.nullish(),
};

/** A whole annotation document, as written with `replace=True`. */
export const annotationDocumentSchema = z.looseObject(annotationDocumentShape).superRefine((doc, ctx) => {
  if (doc.media_type === 'videos' && (doc.frame === null || doc.frame === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['frame'], message: 'videos annotation need frame' });
  }
});
export type AnnotationDocumentInput = z.infer<typeof annotationDocumentSchema>;

/**
 * The keys an update (`replace=False`) may carry, each checked as in a whole document. Updates
 * touch a few fields (tags, sets, masks), so missing keys are fine.
 */
export const annotationUpdateSchema = z.looseObject(annotationDocumentShape).partial();
