import { expect } from 'vitest';
import { z } from 'zod';
import type { DriveSample } from './DriveScenario';
import { nsFromStamp, readPointCloud2Points, type CloudPoints } from './sensorMessages';

// Compares a message decoded by an independent reader (ROS 1, CDR or JSON form) with the drive
// sample it was written from. Decoded messages are validated with zod first: their shape differs
// per reader (stamp.nsec vs nanosec, typed arrays vs plain arrays, bytes vs base64).

const stamp = z.object({ sec: z.number(), nsec: z.number().optional(), nanosec: z.number().optional() }).transform((t) => nsFromStamp(t));
const header = z.object({ stamp, frame_id: z.string() });
const bytes = z.union([
  z.instanceof(Uint8Array),
  z.string().transform((s) => new Uint8Array(Buffer.from(s, 'base64'))),
]);
const numbers = z.union([z.instanceof(Float64Array), z.array(z.number())]).transform((a) => Array.from(a));
const vector3 = z.object({ x: z.number(), y: z.number(), z: z.number() });
const flag = z.union([z.boolean(), z.number()]).transform((v) => Number(v));

const imageSchema = z.object({ header, height: z.number(), width: z.number(), encoding: z.string(), is_bigendian: flag, step: z.number(), data: bytes });
const compressedSchema = z.object({ header, format: z.string(), data: bytes });
const cloudSchema = z.object({
  header, height: z.number(), width: z.number(), is_bigendian: flag, point_step: z.number(), row_step: z.number(), data: bytes, is_dense: flag,
  fields: z.array(z.object({ name: z.string(), offset: z.number(), datatype: z.number(), count: z.number() })),
});
const navSatSchema = z.object({
  header, status: z.object({ status: z.number(), service: z.number() }),
  latitude: z.number(), longitude: z.number(), altitude: z.number(), position_covariance: numbers, position_covariance_type: z.number(),
});
const imuSchema = z.object({
  header, orientation: vector3.extend({ w: z.number() }), orientation_covariance: numbers,
  angular_velocity: vector3, angular_velocity_covariance: numbers, linear_acceleration: vector3, linear_acceleration_covariance: numbers,
});
const stringSchema = z.object({ data: z.string() });

function expectSameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  // Buffer.compare instead of toEqual: frames of a large drive are megabytes.
  expect(Buffer.compare(Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength), Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength)), `${what} bytes`).toBe(0);
}

type Column = Float32Array | Uint16Array;

/** First index where two columns differ (NaN equals NaN), or -1. toEqual is far too slow for 100k-point clouds. */
function firstDifference(actual: Column, expected: Column): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] ?? 0;
    const b = expected[i] ?? 0;
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) return i;
  }
  return -1;
}

function expectSamePoints(actual: CloudPoints, expected: CloudPoints, what: string): void {
  for (const key of ['x', 'y', 'z', 'intensity', 'ring'] as const) {
    const at = firstDifference(actual[key], expected[key]);
    expect(at, `${what} ${key}[${at}]: ${actual[key][at]} instead of ${expected[key][at]}`).toBe(-1);
  }
}

/** Asserts that `decoded` (from any reader) holds exactly what `sample` says was written. */
export function expectDecodedSample(decoded: unknown, sample: DriveSample): void {
  const where = `${sample.topic}#${sample.index}`;
  if (sample.kind === 'text') {
    expect(stringSchema.parse(decoded).data, where).toBe(sample.text);
    return;
  }
  const expectHeader = (h: z.infer<typeof header>): void => {
    expect(h.stamp, `${where} header.stamp`).toBe(sample.headerStampNs);
    expect(h.frame_id, `${where} header.frame_id`).toBe(sample.frameId);
  };
  switch (sample.kind) {
    case 'image': {
      const m = imageSchema.parse(decoded);
      expectHeader(m.header);
      expect({ width: m.width, height: m.height, encoding: m.encoding, step: m.step, is_bigendian: m.is_bigendian }, where)
        .toEqual({ width: sample.width, height: sample.height, encoding: sample.encoding, step: sample.step, is_bigendian: 0 });
      expectSameBytes(m.data, sample.pixels, `${where} pixels`);
      return;
    }
    case 'compressedImage': {
      const m = compressedSchema.parse(decoded);
      expectHeader(m.header);
      expect(m.format, where).toBe(sample.format);
      expectSameBytes(m.data, sample.data, `${where} ${sample.format} bytes`);
      return;
    }
    case 'pointCloud': {
      const m = cloudSchema.parse(decoded);
      expectHeader(m.header);
      expect({ width: m.width, height: m.height, is_dense: m.is_dense, row_step: m.row_step }, where)
        .toEqual({ width: sample.width, height: sample.height, is_dense: Number(sample.isDense), row_step: sample.width * m.point_step });
      expect(m.fields.map((f) => f.name), where).toEqual(['x', 'y', 'z', 'intensity', 'ring']);
      // NaN equals NaN here, so the holes of a non-dense cloud must be in place too.
      expectSamePoints(readPointCloud2Points(m), sample.points, `${where} points`);
      return;
    }
    case 'gps': {
      const m = navSatSchema.parse(decoded);
      expectHeader(m.header);
      expect({ latitude: m.latitude, longitude: m.longitude, altitude: m.altitude, status: m.status.status }, where)
        .toEqual({ latitude: sample.latitude, longitude: sample.longitude, altitude: sample.altitude, status: sample.fixStatus });
      expect(m.position_covariance, where).toEqual([0.25, 0, 0, 0, 0.25, 0, 0, 0, 1]);
      return;
    }
    case 'imu': {
      const m = imuSchema.parse(decoded);
      expectHeader(m.header);
      expect({ orientation: m.orientation, angularVelocity: m.angular_velocity, linearAcceleration: m.linear_acceleration }, where)
        .toEqual({ orientation: sample.orientation, angularVelocity: sample.angularVelocity, linearAcceleration: sample.linearAcceleration });
      expect(m.orientation_covariance, where).toHaveLength(9);
      return;
    }
  }
}
