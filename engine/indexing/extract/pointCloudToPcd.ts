import type { PointFieldSize, PointFieldType } from '../../../shared/formats/pointcloud/PointTable';
import { writePcdBinary, type PcdSourceField } from '../../../shared/formats/pcd/writePcdBinary';
import type { PointCloud2Message } from './sensorMessageSchemas';

/** sensor_msgs/PointField datatypes (INT8 = 1 ... FLOAT64 = 8) as PCD TYPE and SIZE. */
const DATATYPES: Readonly<Record<number, { type: PointFieldType; size: PointFieldSize }>> = {
  1: { type: 'I', size: 1 }, 2: { type: 'U', size: 1 }, 3: { type: 'I', size: 2 }, 4: { type: 'U', size: 2 },
  5: { type: 'I', size: 4 }, 6: { type: 'U', size: 4 }, 7: { type: 'F', size: 4 }, 8: { type: 'F', size: 8 },
};

export interface PcdFile {
  parts: Uint8Array[];
  fields: string[];
  pointCount: number;
}

export type PcdResult = { ok: true; pcd: PcdFile } | { ok: false; reason: string };

/**
 * A PointCloud2 as a binary PCD keeping every field (x y z and whatever else the driver sends:
 * intensity, ring, time, ...), the width × height grid of organized clouds and their NaN holes.
 * Fields named `_` are the padding PCL itself declares. Records with little padding are written
 * as they are (no copy, the padding declared as `_` fields); where padding is a quarter of the
 * record or more (the Velodyne driver's 32-byte records hold 18 bytes of fields) the points are
 * packed: copying them costs less than writing, hashing and storing the padding.
 */
export function pointCloudToPcd(msg: PointCloud2Message): PcdResult {
  const fields: PcdSourceField[] = [];
  const names = new Set<string>();
  for (const f of msg.fields) {
    if (f.name === '_') continue;
    const kind = DATATYPES[f.datatype];
    if (!kind) return { ok: false, reason: `field ${f.name} has datatype ${f.datatype}, which PointField does not define` };
    // A count of 0 appears in some drivers' output and means one value.
    const count = Math.max(1, f.count);
    let name = f.name.replace(/[^A-Za-z0-9_.:-]/g, '_') || 'field';
    while (names.has(name)) name = `${name}_`;
    names.add(name);
    fields.push({ name, offset: f.offset, type: kind.type, size: kind.size, count });
  }
  if (fields.length === 0) return { ok: false, reason: 'the cloud declares no fields' };
  const used = fields.reduce((n, f) => n + f.size * f.count, 0);
  try {
    const parts = writePcdBinary({
      fields, width: msg.width, height: msg.height, pointStep: msg.point_step, rowStep: msg.row_step,
      data: msg.data, bigEndian: msg.is_bigendian, pack: (msg.point_step - used) * 4 >= msg.point_step,
    });
    return { ok: true, pcd: { parts, fields: [...fields].sort((a, b) => a.offset - b.offset).map((f) => f.name), pointCount: msg.width * msg.height } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
