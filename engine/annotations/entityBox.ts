import { isPlainObject } from '../meta/mergeDocuments';

/** An axis-aligned box in pixels. */
export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function pointsOf(entity: Record<string, unknown>): { x: number; y: number }[] {
  if (Array.isArray(entity.coordinates) && entity.coordinates.length) {
    return entity.coordinates.filter(isPlainObject).map((c) => ({ x: Number(c.x), y: Number(c.y) }));
  }
  // Pose entities carry keypoints (`Point.to_dic()`: left, top) instead of coordinates.
  if (Array.isArray(entity.keypoints)) return entity.keypoints.filter(isPlainObject).map((k) => ({ x: Number(k.left), y: Number(k.top) }));
  return [];
}

/**
 * The box around an entity's geometry: a bounding box's own corners, a polygon's or a pose's
 * extent. Undefined when the entity has no usable points.
 */
export function entityBox(entity: unknown): Box | undefined {
  if (!isPlainObject(entity)) return undefined;
  const points = pointsOf(entity).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (points.length === 0) return undefined;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { xMin: Math.min(...xs), yMin: Math.min(...ys), xMax: Math.max(...xs), yMax: Math.max(...ys) };
}
