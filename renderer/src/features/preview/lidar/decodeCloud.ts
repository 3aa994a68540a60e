import { parseKittiBin } from '../../../../../shared/formats/kitti/parseKittiBin';
import { parsePcd } from '../../../../../shared/formats/pcd/parsePcd';
import type { Bounds3 } from '../../../../../shared/formats/pointcloud/computeBounds';
import { extractRenderPoints } from '../../../../../shared/formats/pointcloud/extractRenderPoints';
import type { PointField, PointTable } from '../../../../../shared/formats/pointcloud/PointTable';
import { colorsFromValues, robustRange } from './pointColors';

export type ColorMode = 'intensity' | 'height' | 'rgb';
export type CloudFormat = 'pcd' | 'kitti_bin' | 'nuscenes_bin';

/** What the preview draws and shows: finite points only, colours per mode, and the file's facts. */
export interface DecodedCloud {
  positions: Float32Array;
  colors: Partial<Record<ColorMode, Uint8Array>>;
  facts: {
    format: CloudFormat;
    pointCount: number;
    finitePointCount: number;
    fields: PointField[];
    width: number;
    height: number;
    organized: boolean;
    bounds: Bounds3 | undefined;
  };
}

/**
 * Parses a point cloud file with the same parsers the probes use (so the preview and the journal
 * agree on counts and bounds), in the format the probe found, and prepares it for WebGL. Runs in a worker: a million points take
 * tens of milliseconds, which would freeze the page.
 */
export function decodeCloud(bytes: Uint8Array, format: CloudFormat): DecodedCloud {
  let cloud: PointTable;
  let bounds: Bounds3 | undefined;
  if (format === 'pcd') ({ cloud, bounds } = parsePcd(bytes));
  else ({ cloud, bounds } = parseKittiBin(bytes, { layout: format === 'nuscenes_bin' ? 'nuscenes' : 'kitti' }));
  const points = extractRenderPoints(cloud);
  const colors: DecodedCloud['colors'] = {
    height: colorsFromValues(points.positions, robustRange(points.positions, 3, 2), 3, 2),
  };
  if (points.scalar) colors.intensity = colorsFromValues(points.scalar, robustRange(points.scalar));
  if (points.colors) colors.rgb = points.colors;
  return {
    positions: points.positions,
    colors,
    facts: {
      format, pointCount: cloud.pointCount, finitePointCount: points.count, fields: [...cloud.fields],
      width: cloud.width, height: cloud.height, organized: cloud.organized, bounds,
    },
  };
}

/** The mode shown first: intensity when the sensor gave one, the file's own colours next, else height. */
export function defaultColorMode(colors: DecodedCloud['colors']): ColorMode {
  if (colors.intensity) return 'intensity';
  if (colors.rgb) return 'rgb';
  return 'height';
}
