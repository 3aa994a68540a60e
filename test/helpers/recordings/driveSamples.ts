import { imageBytesPerPixel, type CloudPoints, type Quaternion, type RawImageEncoding, type Vector3 } from './sensorMessages';

// The content of a synthetic drive, as pure functions of (sensor, index): the writer and the ground
// truth call the same functions, so a large drive never has to keep what it wrote in memory.

/** Raw pixel bytes of frame `index` (ROS layout: row-major, tightly packed, 16-bit little-endian). */
export function drivePixels(width: number, height: number, encoding: RawImageEncoding, index: number, seed: number): Uint8Array {
  const bpp = imageBytesPerPixel(encoding);
  const out = new Uint8Array(width * height * bpp);
  // A moving bright square over a gradient, with a per-camera seed: frames, cameras and channel
  // orders all differ, so a swapped rgb/bgr, a wrong frame or a wrong stride shows.
  const squareX = (index * 7 + seed * 13) % Math.max(1, width);
  const squareY = (index * 3 + seed * 5) % Math.max(1, height);
  const squareSize = Math.max(2, Math.floor(Math.min(width, height) / 6));
  let o = 0;
  for (let y = 0; y < height; y++) {
    const inRows = y >= squareY && y < squareY + squareSize;
    for (let x = 0; x < width; x++) {
      const lit = inRows && x >= squareX && x < squareX + squareSize;
      const noise = ((x * 73856093) ^ (y * 19349663) ^ (index * 83492791)) >>> 28;
      if (encoding === 'mono8') {
        out[o++] = lit ? 255 : (x + y * 2 + index * 5 + noise) & 0xff;
      } else if (encoding === 'mono16') {
        const v = lit ? 0xffff : (x * 257 + y * 131 + index * 1000 + noise) & 0xffff;
        out[o++] = v & 0xff;
        out[o++] = v >>> 8;
      } else {
        const r = lit ? 255 : (x * 4 + index * 8 + noise) & 0xff;
        const g = lit ? 255 : (y * 4 + seed * 40) & 0xff;
        const b = lit ? 0 : ((x ^ y) + index * 16 + seed * 90) & 0xff;
        // bgr8 stores blue first: the same scene, another byte order.
        out[o++] = encoding === 'bgr8' ? b : r;
        out[o++] = g;
        out[o++] = encoding === 'bgr8' ? r : b;
      }
    }
  }
  return out;
}

export interface LidarShape { rings: number; columns: number; isDense: boolean }

/** One sweep: `rings` x `columns` points, ring-major; non-dense sweeps have NaN holes. */
export function driveSweep(shape: LidarShape, index: number): CloudPoints {
  const count = shape.rings * shape.columns;
  const points: CloudPoints = {
    x: new Float32Array(count), y: new Float32Array(count), z: new Float32Array(count),
    intensity: new Float32Array(count), ring: new Uint16Array(count),
  };
  for (let r = 0; r < shape.rings; r++) {
    const elevation = ((-15 + (30 * r) / Math.max(1, shape.rings - 1)) * Math.PI) / 180;
    for (let c = 0; c < shape.columns; c++) {
      const i = r * shape.columns + c;
      const azimuth = (2 * Math.PI * c) / shape.columns + index * 0.01;
      const range = 10 + 5 * Math.sin(azimuth * 3 + index * 0.1) + r * 0.25;
      const hole = !shape.isDense && (i + index) % 17 === 0;
      points.x[i] = hole ? Number.NaN : range * Math.cos(elevation) * Math.cos(azimuth);
      points.y[i] = hole ? Number.NaN : range * Math.cos(elevation) * Math.sin(azimuth);
      points.z[i] = hole ? Number.NaN : range * Math.sin(elevation);
      points.intensity[i] = (r * 16 + c + index) % 256;
      points.ring[i] = r;
    }
  }
  return points;
}

export interface DrivePath { latitude: number; longitude: number; altitude: number; speedMps: number; radiusM: number }

const METERS_PER_DEGREE = 111_320;

/** Position and motion on a circle of radius radiusM starting at the origin, heading east. */
export function drivePose(path: DrivePath, elapsedSec: number): {
  latitude: number; longitude: number; altitude: number; yaw: number; yawRate: number; centripetal: number;
} {
  const angle = (path.speedMps * elapsedSec) / path.radiusM;
  const east = path.radiusM * Math.sin(angle);
  const north = path.radiusM * (1 - Math.cos(angle));
  return {
    latitude: path.latitude + north / METERS_PER_DEGREE,
    longitude: path.longitude + east / (METERS_PER_DEGREE * Math.cos((path.latitude * Math.PI) / 180)),
    altitude: path.altitude + 0.5 * Math.sin(elapsedSec / 4),
    yaw: angle,
    yawRate: path.speedMps / path.radiusM,
    centripetal: (path.speedMps * path.speedMps) / path.radiusM,
  };
}

export function yawQuaternion(yaw: number): Quaternion {
  return { x: 0, y: 0, z: Math.sin(yaw / 2), w: Math.cos(yaw / 2) };
}

/** IMU readings at elapsedSec: turning left on the circle, gravity on z. */
export function driveImu(path: DrivePath, elapsedSec: number): { orientation: Quaternion; angularVelocity: Vector3; linearAcceleration: Vector3 } {
  const pose = drivePose(path, elapsedSec);
  return {
    orientation: yawQuaternion(pose.yaw),
    angularVelocity: { x: 0, y: 0, z: pose.yawRate },
    linearAcceleration: { x: 0, y: pose.centripetal, z: 9.80665 },
  };
}
