import { standardizeName } from '../scenebox/standardizeName';
import { isAnnotationType, RELATIONSHIPS, type AnnotationType } from './annotationConstants';
import type { AnnotationEntityDoc, CoordinateDoc, RelatedAnnotationDoc } from './annotationDocuments';
import { AnnotationValidationError } from './AnnotationValidationError';
import type { Connection } from './Connection';
import { checkConfidence, entitySubject } from './entityCommon';
import { newGuid } from './newGuid';
import type { Point } from './Point';

export interface AnnotationEntitySpec {
  label: string;
  annotationType: AnnotationType;
  uid?: string | undefined;
  className?: string | null;
  coordinates?: readonly CoordinateDoc[];
  confidence?: number | undefined;
  maskColor?: string | null;
  maskId?: string | null;
  maskType?: string | null;
  categoryId?: number | string | null;
  relatedAnnotations?: readonly RelatedAnnotationDoc[];
  attributes?: Record<string, unknown> | undefined;
  keypoints?: readonly Point[];
  connections?: readonly Connection[];
}

/** `#rgb` or `#rrggbb`, as the client's `is_valid_hex` accepts. */
const HEX_COLOR = /^#(?:[0-9a-f]{3}){1,2}$/;

/** Exact coordinate counts per geometry; polygons and lines need at least one. */
const COORDINATE_COUNTS: Partial<Record<AnnotationType, number>> = {
  point: 1, two_d_bounding_box: 4, two_d_cuboid: 8, three_d_cuboid: 8,
};

/**
 * One serialized entity, checked as the client's `AnnotationEntity` checks it. Optional keys are
 * written only when set and truthy, as the client does; so a confidence of exactly 0 is dropped.
 */
export function annotationEntity(spec: AnnotationEntitySpec): AnnotationEntityDoc {
  const subject = entitySubject(`${spec.annotationType} entity`, spec.label);
  if (!isAnnotationType(spec.annotationType)) throw new AnnotationValidationError(subject, `invalid annotation type ${JSON.stringify(spec.annotationType)}`);
  const maskColor = spec.maskColor ? spec.maskColor.toLowerCase() : undefined;
  if (maskColor !== undefined && !HEX_COLOR.test(maskColor)) throw new AnnotationValidationError(subject, `invalid hex color ${JSON.stringify(spec.maskColor)}`);
  const confidence = checkConfidence(subject, spec.confidence);
  const coordinates = (spec.coordinates ?? []).map((c) => (spec.annotationType === 'three_d_cuboid' ? { x: c.x, y: c.y, z: c.z ?? Number.NaN } : { x: c.x, y: c.y }));
  if (coordinates.some((c) => Object.values(c).some((v) => !Number.isFinite(v)))) throw new AnnotationValidationError(subject, 'coordinates must be finite numbers');
  const expected = COORDINATE_COUNTS[spec.annotationType];
  if (expected !== undefined && coordinates.length !== expected) {
    throw new AnnotationValidationError(subject, `${spec.annotationType} entities must have exactly ${expected} coordinate${expected === 1 ? '' : 's'}, got ${coordinates.length}`);
  }
  if ((spec.annotationType === 'polygon' || spec.annotationType === 'line') && coordinates.length === 0) {
    throw new AnnotationValidationError(subject, `empty coordinates for annotation_type = ${spec.annotationType}`);
  }
  if (spec.annotationType === 'segmentation' && !maskColor) throw new AnnotationValidationError(subject, 'mask color should be specified for segmentation');
  for (const related of spec.relatedAnnotations ?? []) {
    if (!(RELATIONSHIPS as readonly string[]).includes(related.relationship)) throw new AnnotationValidationError(subject, `unrecognized relation ${JSON.stringify(related.relationship)}`);
  }
  const keypoints = spec.keypoints ?? [];
  if (keypoints.length > 0 && spec.annotationType !== 'two_d_pose') throw new AnnotationValidationError(subject, `keypoints cannot be defined for ${spec.annotationType}`);
  const connections = spec.connections ?? [];
  if (connections.length > 0 && keypoints.length === 0) throw new AnnotationValidationError(subject, 'connections cannot be defined without keypoints');

  const doc: AnnotationEntityDoc = {
    uid: spec.uid ? standardizeName(spec.uid) : newGuid(),
    label: spec.label,
    annotation_type: spec.annotationType,
    attributes: spec.attributes ?? {},
    related_annotations: (spec.relatedAnnotations ?? []).map((r) => ({ uid: r.uid, relationship: r.relationship })),
    category_id: spec.categoryId ?? null,
  };
  if (coordinates.length) doc.coordinates = coordinates;
  if (confidence) doc.confidence = confidence;
  if (spec.maskId) doc.mask_id = spec.maskId;
  if (maskColor) doc.mask_color = maskColor;
  if (spec.className) doc.class_name = spec.className;
  if (spec.maskType) doc.mask_type = spec.maskType;
  if (keypoints.length) doc.keypoints = keypoints.map((k) => k.toDic());
  if (connections.length) doc.connections = connections.map((c) => c.toDic());
  return doc;
}

/** The fields every structured entity class carries. */
interface StructuredShape {
  common: { label: string; uid: string | undefined; confidence: number | undefined; attributes: Record<string, unknown> | undefined };
  categoryId?: number | string | null;
}

/** An entity of a structured shape (box, polygon, ...): its common fields plus `extra` (coordinates). */
export function entityFromShape(annotationType: AnnotationType, shape: StructuredShape, extra: Partial<AnnotationEntitySpec>): AnnotationEntityDoc {
  return annotationEntity({
    label: shape.common.label,
    annotationType,
    uid: shape.common.uid,
    categoryId: shape.categoryId ?? null,
    confidence: shape.common.confidence,
    attributes: shape.common.attributes,
    ...extra,
  });
}
