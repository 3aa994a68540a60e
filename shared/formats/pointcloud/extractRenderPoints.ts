import type { PointTable } from './PointTable';

/** What a WebGL points preview needs, with the NaN holes already removed. */
export interface RenderPoints {
  /** x, y, z per finite point. */
  positions: Float32Array;
  count: number;
  /** One value per finite point when the cloud has an `intensity` field. */
  scalar: Float32Array | undefined;
  scalarName: string | undefined;
  /** r, g, b per finite point when the cloud has a packed `rgb`/`rgba` field. */
  colors: Uint8Array | undefined;
}

const SCALAR_FIELD = 'intensity';

export function extractRenderPoints(cloud: PointTable): RenderPoints {
  const rx = cloud.reader('x');
  const ry = cloud.reader('y');
  const rz = cloud.reader('z');
  if (!rx || !ry || !rz) {
    return { positions: new Float32Array(0), count: 0, scalar: undefined, scalarName: undefined, colors: undefined };
  }
  const finite = new Uint32Array(cloud.pointCount);
  let count = 0;
  for (let i = 0; i < cloud.pointCount; i++) {
    if (Number.isFinite(rx(i)) && Number.isFinite(ry(i)) && Number.isFinite(rz(i))) finite[count++] = i;
  }
  const kept = finite.subarray(0, count);
  const positions = new Float32Array(count * 3);
  kept.forEach((p, k) => {
    positions[k * 3] = rx(p);
    positions[k * 3 + 1] = ry(p);
    positions[k * 3 + 2] = rz(p);
  });
  const rs = cloud.reader(SCALAR_FIELD);
  const scalar = rs ? Float32Array.from(kept, (p) => rs(p)) : undefined;
  const rc = cloud.packedColorReader();
  const colors = rc ? unpackColors(kept, rc) : undefined;
  return { positions, count, scalar, scalarName: rs ? SCALAR_FIELD : undefined, colors };
}

function unpackColors(points: Uint32Array, packedAt: (i: number) => number): Uint8Array {
  const colors = new Uint8Array(points.length * 3);
  points.forEach((p, k) => {
    const packed = packedAt(p);
    colors[k * 3] = (packed >>> 16) & 0xff;
    colors[k * 3 + 1] = (packed >>> 8) & 0xff;
    colors[k * 3 + 2] = packed & 0xff;
  });
  return colors;
}
