import { computeBounds, type BoundsSummary } from '../pointcloud/computeBounds';
import { PointTable, type PointField, type PointFieldLayout } from '../pointcloud/PointTable';
import { KittiBinParseError } from './KittiBinParseError';

/** `kitti`: x y z intensity (16 bytes); `nuscenes`: x y z intensity ring (20 bytes). */
export type KittiBinLayout = 'kitti' | 'nuscenes';

const FIELD_NAMES: Record<KittiBinLayout, readonly string[]> = {
  kitti: ['x', 'y', 'z', 'intensity'],
  nuscenes: ['x', 'y', 'z', 'intensity', 'ring'],
};

export interface ParsedKittiBin extends BoundsSummary {
  layout: KittiBinLayout;
  cloud: PointTable;
}

/** Headerless little-endian float32 records; the file size must be a whole number of records. */
export function parseKittiBin(input: Uint8Array | ArrayBuffer, options: { layout: KittiBinLayout }): ParsedKittiBin {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const names = FIELD_NAMES[options.layout];
  const pointSize = names.length * 4;
  if (bytes.length % pointSize !== 0) {
    throw new KittiBinParseError(
      `${bytes.length} bytes is not a whole number of ${options.layout} points of ${names.length} float32 (${pointSize} bytes): ${bytes.length % pointSize} bytes left over`,
    );
  }
  const pointCount = bytes.length / pointSize;
  const layouts = names.map((name, i): PointFieldLayout => ({ ...FLOAT32_FIELD, name, offset: i * 4, stride: pointSize }));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cloud = new PointTable(view, layouts, pointCount, pointCount, 1);
  return { layout: options.layout, cloud, ...computeBounds(cloud) };
}

const FLOAT32_FIELD: Omit<PointField, 'name'> = { size: 4, type: 'F', count: 1 };
