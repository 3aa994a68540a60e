// SceneBox annotation constants as the public Python client defines them (wire protocol §4). They
// are stored values and search keys, so they must match the client byte for byte.

export const ANNOTATION_TYPES = [
  'segmentation', 'two_d_bounding_box', 'two_d_cuboid', 'three_d_cuboid', 'point', 'polygon', 'line',
  'classification', 'mixed', 'custom', 'two_d_pose', 'ellipse',
] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const ANNOTATION_MEDIA_TYPES = ['images', 'videos', 'lidars', 'image_sequences', 'lidar_sequences'] as const;
export type AnnotationMediaType = (typeof ANNOTATION_MEDIA_TYPES)[number];

export const ANNOTATION_PROVIDERS = [
  'scale', 'scale_mocked', 'deepen', 'labelbox', 'cvat', 'superannotate', 'sagemaker_gt', 'segments_ai',
  'playment', 'cvdl_interface', 'default_provider',
] as const;
export const DEFAULT_PROVIDER = 'default_provider';

export const ANNOTATION_GROUPS = ['ground_truth', 'model_generated', 'other'] as const;
export type AnnotationGroup = (typeof ANNOTATION_GROUPS)[number];

export const ANNOTATION_TAGS = { EMPTY: 'empty', CLEANED: 'cleaned' } as const;

export const MASK_TYPES = ['MultiColor', 'SingleColor'] as const;
export type MaskType = (typeof MASK_TYPES)[number];

export const RELATIONSHIPS = ['parent', 'child', 'sibling'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** `AssetIngestionLimits`: what the client refuses to send. */
export const ASSET_INGESTION_LIMITS = {
  MAX_POLYGON_COORDINATES: 500,
  MAX_LINE_COORDINATES: 100,
  MAX_POSE_KEYPOINTS: 1000,
  MAX_POSE_CONNECTIONS: 2000,
  MAX_EMBEDDING_NDIM: 8192,
} as const;

export function isAnnotationType(value: unknown): value is AnnotationType {
  return typeof value === 'string' && (ANNOTATION_TYPES as readonly string[]).includes(value);
}

export function isAnnotationMediaType(value: unknown): value is AnnotationMediaType {
  return typeof value === 'string' && (ANNOTATION_MEDIA_TYPES as readonly string[]).includes(value);
}
