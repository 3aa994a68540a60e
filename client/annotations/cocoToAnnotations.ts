import { join } from 'node:path';
import type { Annotation } from '../../shared/annotations/Annotation';
import { AnnotationValidationError } from '../../shared/annotations/AnnotationValidationError';
import { BoundingBoxAnnotation } from '../../shared/annotations/BoundingBoxAnnotation';
import { BoundingBox } from '../../shared/annotations/BoundingBox';
import { PolygonAnnotation } from '../../shared/annotations/PolygonAnnotation';
import { Polygon } from '../../shared/annotations/Polygon';
import { PoseAnnotation } from '../../shared/annotations/PoseAnnotation';
import { Pose } from '../../shared/annotations/Pose';
import { SegmentationAnnotation } from '../../shared/annotations/SegmentationAnnotation';
import type { CocoAnnotation, CocoCategory, CocoId } from '../../shared/formats/coco/cocoSchema';
import type { CocoRle } from './decodeCocoRle';

export interface CocoAnnotationOptions {
  provider: string;
  version?: string | null;
  annotationGroup?: string;
  annotationsSetId?: string | null;
  sessionUid?: string | null;
  /** Annotation ids `<image id>_<kind>.ann` instead of guids (stable across re-imports). */
  useImageIdAsAnnotationId?: boolean;
}

/** An RLE mask to write as a PNG file before the annotations are added. */
export interface PendingMask {
  path: string;
  rle: CocoRle;
  what: string;
}

export interface CocoEntityCounts {
  bbox: number;
  polygon: number;
  mask: number;
  keypoints: number;
}

interface ImageEntities {
  boxes: BoundingBox[];
  polygons: Polygon[];
  masks: { label: string; path: string }[];
  poses: Pose[];
}

const idKey = (id: CocoId): string => `${typeof id}:${id}`;
/** COCO attributes become entity attributes; booleans as strings, as the Python client sends them. */
const attributesOf = (a: CocoAnnotation): Record<string, unknown> | undefined => {
  const raw = (a as { attributes?: unknown }).attributes;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]));
};

/**
 * SceneBox annotations from a checked COCO document, one per image and kind: boxes
 * (`<provider>_bbox`), polygons (`_polygon`), RLE masks (`_mask`, segmentation with one PNG per
 * mask under `maskDir`) and keypoints (`_pose`, with the category's skeleton). Every annotation
 * class rule is checked here; problems name the COCO entry and nothing is built when there is one.
 */
export function cocoToAnnotations(
  doc: { annotations: readonly CocoAnnotation[]; categories: readonly CocoCategory[] },
  assetIdOf: (imageId: CocoId) => string,
  maskDir: string,
  options: CocoAnnotationOptions,
): { annotations: Annotation[]; masks: PendingMask[]; counts: CocoEntityCounts; problems: string[] } {
  const categories = new Map(doc.categories.map((c) => [idKey(c.id), c]));
  const perImage = new Map<string, ImageEntities>();
  const masks: PendingMask[] = [];
  const counts: CocoEntityCounts = { bbox: 0, polygon: 0, mask: 0, keypoints: 0 };
  const problems: string[] = [];
  doc.annotations.forEach((a, index) => {
    const what = `annotations[${index}] (id ${a.id ?? 'none'}, image ${a.image_id})`;
    const assetId = assetIdOf(a.image_id);
    const category = a.category_id === undefined ? undefined : categories.get(idKey(a.category_id));
    const label = category?.name ?? (a.category_id === undefined ? 'unknown' : String(a.category_id));
    const categoryId = a.category_id ?? null;
    const attributes = attributesOf(a);
    const e = perImage.get(assetId) ?? { boxes: [], polygons: [], masks: [], poses: [] };
    perImage.set(assetId, e);
    const attr = attributes ? { attributes } : {};
    // Entities are made here, one COCO entry at a time, so that a class rule it breaks names the entry.
    const entity = (make: () => void): void => {
      try {
        make();
      } catch (error) {
        if (!(error instanceof AnnotationValidationError)) throw error;
        problems.push(`${what}: ${error.message}`);
      }
    };
    if (a.bbox && a.bbox.length > 0) {
      const [x = NaN, y = NaN, w = NaN, h = NaN] = a.bbox.length === 4 ? a.bbox : [];
      entity(() => e.boxes.push(new BoundingBox({ label, categoryId, xMin: x, yMin: y, xMax: x + w, yMax: y + h, ...attr })));
    }
    const seg = a.segmentation;
    if (Array.isArray(seg)) {
      for (const part of seg.filter((p) => p.length > 0)) {
        if (part.length % 2 !== 0) problems.push(`${what}: a polygon has an odd number of coordinates`);
        const coordinates = Array.from({ length: Math.floor(part.length / 2) }, (_, i) => [part[2 * i] ?? 0, part[2 * i + 1] ?? 0] as const);
        entity(() => e.polygons.push(new Polygon({ label, categoryId, coordinates, ...attr })));
      }
    } else if (seg) {
      const path = join(maskDir, `${assetId}_${index}.png`);
      masks.push({ path, rle: seg, what });
      e.masks.push({ label, path });
    }
    if (a.keypoints && a.keypoints.length > 0) {
      if (a.keypoints.length % 3 !== 0) problems.push(`${what}: keypoints must be [x, y, visibility] triples`);
      const kp = a.keypoints;
      const names = category?.keypoints ?? [];
      const keypoints = Array.from({ length: Math.floor(kp.length / 3) }, (_, k) => ({
        label: names[k] || `keypoint_${k}`, left: kp[3 * k] ?? 0, top: kp[3 * k + 1] ?? 0, attributes: { visibility: kp[3 * k + 2] ?? 0 },
      }));
      // COCO skeletons count keypoints from 1; some exporters (datumaro) from 0.
      const skeleton = category?.skeleton ?? [];
      const shift = skeleton.some((edge) => edge.includes(0)) ? 0 : 1;
      const connections = skeleton.map(([s = 0, t = 0]) => ({ startIndex: s - shift, endIndex: t - shift }));
      entity(() => e.poses.push(new Pose({ label, keypoints, connections, ...attr })));
    }
  });
  const annotations: Annotation[] = [];
  const common = (assetId: string, kind: string) => ({
    imageId: assetId, provider: `${options.provider}_${kind}`, version: options.version ?? null, annotationGroup: options.annotationGroup ?? 'ground_truth',
    sessionUid: options.sessionUid ?? null, ...(options.useImageIdAsAnnotationId ? { id: `${assetId}_${kind}.ann` } : {}),
    ...(options.annotationsSetId !== undefined ? { setId: options.annotationsSetId } : {}),
  });
  for (const [assetId, e] of perImage) {
    const build = (kind: string, make: () => Annotation): void => {
      try {
        annotations.push(make());
      } catch (error) {
        if (!(error instanceof AnnotationValidationError)) throw error;
        problems.push(`image ${assetId} ${kind}: ${error.message}`);
      }
    };
    if (e.boxes.length > 0) build('bbox', () => new BoundingBoxAnnotation({ ...common(assetId, 'bbox'), boundingBoxes: e.boxes }));
    if (e.polygons.length > 0) build('polygon', () => new PolygonAnnotation({ ...common(assetId, 'polygon'), polygons: e.polygons }));
    if (e.masks.length > 0) {
      build('mask', () => new SegmentationAnnotation({
        ...common(assetId, 'mask'), labels: e.masks.map((m) => m.label), maskColors: e.masks.map(() => '#ffffff'),
        maskFilePaths: e.masks.map((m) => m.path), maskTypes: e.masks.map(() => 'SingleColor'),
      }));
    }
    if (e.poses.length > 0) build('pose', () => new PoseAnnotation({ ...common(assetId, 'pose'), poses: e.poses }));
    counts.bbox += e.boxes.length;
    counts.polygon += e.polygons.length;
    counts.mask += e.masks.length;
    counts.keypoints += e.poses.length;
  }
  return { annotations, masks, counts, problems };
}
