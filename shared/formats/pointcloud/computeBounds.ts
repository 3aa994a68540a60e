import type { PointTable } from './PointTable';

export interface Vector3 {
  x: number;
  y: number;
  z: number;
}

export interface Bounds3 {
  min: Vector3;
  max: Vector3;
}

export interface BoundsSummary {
  /** Undefined when the cloud has no x/y/z fields or no finite point. */
  bounds: Bounds3 | undefined;
  /** Points whose x, y and z are all finite (organized clouds mark holes with NaN). */
  finitePointCount: number;
}

/** Axis-aligned bounds over finite points only: one NaN must not poison the whole box. */
export function computeBounds(cloud: PointTable): BoundsSummary {
  const rx = cloud.reader('x');
  const ry = cloud.reader('y');
  const rz = cloud.reader('z');
  if (!rx || !ry || !rz) return { bounds: undefined, finitePointCount: 0 };
  let minX = Infinity, minY = Infinity, minZ = Infinity;
  let maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  let finite = 0;
  for (let i = 0; i < cloud.pointCount; i++) {
    const x = rx(i), y = ry(i), z = rz(i);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
    finite++;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  if (finite === 0) return { bounds: undefined, finitePointCount: 0 };
  return { bounds: { min: { x: minX, y: minY, z: minZ }, max: { x: maxX, y: maxY, z: maxZ } }, finitePointCount: finite };
}
