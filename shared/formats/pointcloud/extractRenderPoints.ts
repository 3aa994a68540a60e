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
  const n = cloud.pointCount;
  const rs = cloud.reader(SCALAR_FIELD);
  const rc = cloud.packedColorReader();
  // One pass that reads each value once, with plain loops: at a million points this is what the
  // preview waits for between the file and its first frame.
  const positions = new Float32Array(n * 3);
  const scalar = rs ? new Float32Array(n) : undefined;
  const colors = rc ? new Uint8Array(n * 3) : undefined;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = rx(i);
    const y = ry(i);
    const z = rz(i);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
    positions[count * 3] = x;
    positions[count * 3 + 1] = y;
    positions[count * 3 + 2] = z;
    if (scalar && rs) scalar[count] = rs(i);
    if (colors && rc) {
      const packed = rc(i);
      colors[count * 3] = (packed >>> 16) & 0xff;
      colors[count * 3 + 1] = (packed >>> 8) & 0xff;
      colors[count * 3 + 2] = packed & 0xff;
    }
    count++;
  }
  // NaN holes (organized clouds) leave a tail: copied off so that no array is longer than its points.
  const trim = <T extends Float32Array | Uint8Array>(a: T, per: number): T => (count === n ? a : (a.slice(0, count * per) as T));
  return {
    positions: trim(positions, 3), count,
    scalar: scalar ? trim(scalar, 1) : undefined, scalarName: rs ? SCALAR_FIELD : undefined,
    colors: colors ? trim(colors, 3) : undefined,
  };
}
