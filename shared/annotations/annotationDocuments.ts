// The documents the SceneBox Python client writes for annotations (`Annotation.to_dic()` and
// `AnnotationEntity.to_dic()`, wire protocol §5.4 and observed item 5). Keys, nesting and the
// presence rules of optional keys follow the client exactly, because other clients read them.

import type { AnnotationMediaType, AnnotationType, Relationship } from './annotationConstants';

/** `ObjectAccess.to_dic()`: where bytes are (an `s3://` URI with its file name, or a plain URL). */
export interface ObjectAccessDoc {
  uri?: string | null;
  url?: string | null;
  filename?: string | null;
}

export interface CoordinateDoc {
  x: number;
  y: number;
  /** Three-d cuboids only. */
  z?: number;
}

/** `Point.to_dic()`: a pose keypoint. Every key is present, unset ones as null. */
export interface PointDoc {
  label: string;
  uid: string | null;
  confidence: number | null;
  attributes: Record<string, unknown> | null;
  left: number;
  top: number;
  category_id: number | string | null;
  geometry: string | null;
}

export interface ConnectionDoc {
  start_index: number;
  end_index: number;
  confidence: number | null;
}

export interface RelatedAnnotationDoc {
  uid: string;
  relationship: Relationship;
}

/** `AnnotationEntity.to_dic()`: the six first keys always, the others only when set (and truthy). */
export interface AnnotationEntityDoc {
  uid: string;
  label: string;
  annotation_type: AnnotationType;
  attributes: Record<string, unknown>;
  related_annotations: RelatedAnnotationDoc[];
  category_id: number | string | null;
  coordinates?: CoordinateDoc[];
  confidence?: number;
  mask_id?: string;
  mask_color?: string;
  class_name?: string;
  /** `MultiColor` or `SingleColor` when written by the client. */
  mask_type?: string;
  keypoints?: PointDoc[];
  connections?: ConnectionDoc[];
}

/** `Annotation.to_dic()`, in the client's key order. */
export interface AnnotationDic {
  session_uid: string | null;
  timestamp: string;
  asset_id: string;
  media_type: AnnotationMediaType;
  provider: string;
  annotation_type: AnnotationType;
  annotation_entities: AnnotationEntityDoc[];
  sets: (string | null)[];
  labels: string[];
  label_status: unknown;
  sensor: string | null;
  version: string | null;
  annotation_group: string;
  masks: Record<string, ObjectAccessDoc | null>;
  frame: number | null;
  tags: string[];
  /** A list on annotations (`[]` by default), unlike the dict media assets carry. */
  aux: unknown[] | Record<string, unknown>;
}

/** What `meta_batch/?asset_type=annotations` receives: the dic plus the annotation's id. */
export interface AnnotationDocument extends AnnotationDic {
  id: string;
  object_access?: ObjectAccessDoc;
}
