import { encodePng } from './encodePng';

// Builders of the sensor messages the synthetic recordings carry. One plain object serves both
// ROS flavours: the ROS 1 writer reads header.seq and stamp.nsec, the CDR writer ignores seq and
// accepts stamp.nsec for builtin_interfaces/Time.nanosec.

export interface RosTime { sec: number; nsec: number }
export interface RosHeader { seq: number; stamp: RosTime; frame_id: string }

export type RawImageEncoding = 'rgb8' | 'bgr8' | 'mono8' | 'mono16';
export type CompressedImageFormat = 'jpeg' | 'png';

export interface ImageMessage {
  header: RosHeader; height: number; width: number; encoding: RawImageEncoding;
  is_bigendian: number; step: number; data: Uint8Array;
}
export interface CompressedImageMessage { header: RosHeader; format: CompressedImageFormat; data: Uint8Array }
export interface PointFieldMessage { name: string; offset: number; datatype: number; count: number }
export interface PointCloud2Message {
  header: RosHeader; height: number; width: number; fields: PointFieldMessage[]; is_bigendian: boolean;
  point_step: number; row_step: number; data: Uint8Array; is_dense: boolean;
}
export interface NavSatStatusMessage { status: number; service: number }
export interface NavSatFixMessage {
  header: RosHeader; status: NavSatStatusMessage; latitude: number; longitude: number; altitude: number;
  position_covariance: number[]; position_covariance_type: number;
}
export interface Vector3 { x: number; y: number; z: number }
export interface Quaternion { x: number; y: number; z: number; w: number }
export interface ImuMessage {
  header: RosHeader;
  orientation: Quaternion; orientation_covariance: number[];
  angular_velocity: Vector3; angular_velocity_covariance: number[];
  linear_acceleration: Vector3; linear_acceleration_covariance: number[];
}
export interface StringMessage { data: string }

/** The message object of each type the drive writes. */
export interface SensorMessageMap {
  'sensor_msgs/Image': ImageMessage;
  'sensor_msgs/CompressedImage': CompressedImageMessage;
  'sensor_msgs/PointCloud2': PointCloud2Message;
  'sensor_msgs/NavSatFix': NavSatFixMessage;
  'sensor_msgs/Imu': ImuMessage;
  'std_msgs/String': StringMessage;
}
export type SensorMessageType = keyof SensorMessageMap;

/** Columnar points: the same index across the arrays is one point. */
export interface CloudPoints { x: Float32Array; y: Float32Array; z: Float32Array; intensity: Float32Array; ring: Uint16Array }

const NS_PER_SEC = 1_000_000_000n;
export const POINT_FIELD_FLOAT32 = 7;
export const POINT_FIELD_UINT16 = 4;

/**
 * Velodyne driver layout: x y z, 4 bytes of padding, intensity, ring, then padding up to 32 bytes.
 * The padding is deliberate: a reader that assumes packed fields instead of honouring offsets and
 * point_step decodes garbage.
 */
export const CLOUD_FIELDS: readonly PointFieldMessage[] = [
  { name: 'x', offset: 0, datatype: POINT_FIELD_FLOAT32, count: 1 },
  { name: 'y', offset: 4, datatype: POINT_FIELD_FLOAT32, count: 1 },
  { name: 'z', offset: 8, datatype: POINT_FIELD_FLOAT32, count: 1 },
  { name: 'intensity', offset: 16, datatype: POINT_FIELD_FLOAT32, count: 1 },
  { name: 'ring', offset: 20, datatype: POINT_FIELD_UINT16, count: 1 },
];
export const CLOUD_POINT_STEP = 32;

export function stampFromNs(ns: bigint): RosTime {
  return { sec: Number(ns / NS_PER_SEC), nsec: Number(ns % NS_PER_SEC) };
}

export function nsFromStamp(stamp: { sec: number; nsec?: number; nanosec?: number }): bigint {
  return BigInt(stamp.sec) * NS_PER_SEC + BigInt(stamp.nsec ?? stamp.nanosec ?? 0);
}

export function buildHeader(stampNs: bigint, frameId: string, seq = 0): RosHeader {
  return { seq, stamp: stampFromNs(stampNs), frame_id: frameId };
}

export function imageBytesPerPixel(encoding: RawImageEncoding): number {
  switch (encoding) {
    case 'rgb8': case 'bgr8': return 3;
    case 'mono8': return 1;
    case 'mono16': return 2;
  }
}

function pixelBytes(pixels: Uint8Array | Uint16Array): Uint8Array {
  if (pixels instanceof Uint8Array) return pixels;
  // ROS images declare is_bigendian = 0: 16-bit samples are stored little-endian.
  const out = new Uint8Array(pixels.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < pixels.length; i++) view.setUint16(i * 2, pixels[i] ?? 0, true);
  return out;
}

export interface ImageArgs {
  header: RosHeader; width: number; height: number; encoding: RawImageEncoding;
  /** Row-major, tightly packed. mono16 takes a Uint16Array of samples or their little-endian bytes. */
  pixels: Uint8Array | Uint16Array;
}

export function buildImage(args: ImageArgs): ImageMessage {
  const step = args.width * imageBytesPerPixel(args.encoding);
  const data = pixelBytes(args.pixels);
  if (data.length !== step * args.height) {
    throw new Error(`buildImage: ${args.encoding} ${args.width}x${args.height} needs ${step * args.height} bytes, got ${data.length}`);
  }
  return { header: args.header, height: args.height, width: args.width, encoding: args.encoding, is_bigendian: 0, step, data };
}

export function buildCompressedImage(header: RosHeader, format: CompressedImageFormat, data: Uint8Array): CompressedImageMessage {
  return { header, format, data };
}

/** Encodes raw pixels as a real PNG file and wraps it in a CompressedImage (format "png"). */
export function buildPngCompressedImage(args: ImageArgs & { level?: number }): CompressedImageMessage {
  const { width, height, encoding } = args;
  const raw = buildImage(args).data;
  let png: Buffer;
  if (encoding === 'mono16') {
    const samples = new Uint16Array(width * height);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < samples.length; i++) samples[i] = view.getUint16(i * 2, true);
    png = encodePng({ width, height, channels: 1, bitDepth: 16, pixels: samples, level: args.level });
  } else if (encoding === 'mono8') {
    png = encodePng({ width, height, channels: 1, bitDepth: 8, pixels: raw, level: args.level });
  } else {
    let rgb = raw;
    if (encoding === 'bgr8') {
      rgb = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i += 3) {
        rgb[i] = raw[i + 2] ?? 0; rgb[i + 1] = raw[i + 1] ?? 0; rgb[i + 2] = raw[i] ?? 0;
      }
    }
    png = encodePng({ width, height, channels: 3, bitDepth: 8, pixels: rgb, level: args.level });
  }
  return buildCompressedImage(args.header, 'png', png);
}

export interface PointCloudArgs {
  header: RosHeader;
  points: CloudPoints;
  isDense: boolean;
  /** Organized cloud (e.g. rings x columns); width * height must equal the point count. */
  organized?: { width: number; height: number };
}

export function buildPointCloud2(args: PointCloudArgs): PointCloud2Message {
  const count = args.points.x.length;
  const width = args.organized?.width ?? count;
  const height = args.organized?.height ?? 1;
  if (width * height !== count) throw new Error(`buildPointCloud2: ${width}x${height} does not hold ${count} points`);
  const data = new Uint8Array(count * CLOUD_POINT_STEP);
  const view = new DataView(data.buffer);
  const { x, y, z, intensity, ring } = args.points;
  for (let i = 0; i < count; i++) {
    const base = i * CLOUD_POINT_STEP;
    view.setFloat32(base, x[i] ?? 0, true);
    view.setFloat32(base + 4, y[i] ?? 0, true);
    view.setFloat32(base + 8, z[i] ?? 0, true);
    view.setFloat32(base + 16, intensity[i] ?? 0, true);
    view.setUint16(base + 20, ring[i] ?? 0, true);
  }
  return {
    header: args.header, height, width, fields: CLOUD_FIELDS.map((f) => ({ ...f })), is_bigendian: false,
    point_step: CLOUD_POINT_STEP, row_step: width * CLOUD_POINT_STEP, data, is_dense: args.isDense,
  };
}

/** Reads x, y, z, intensity and ring back from any PointCloud2 that has them, honouring offsets. */
export function readPointCloud2Points(msg: Pick<PointCloud2Message, 'width' | 'height' | 'fields' | 'point_step' | 'data'>): CloudPoints {
  const offsetOf = (name: string): number => {
    const field = msg.fields.find((f) => f.name === name);
    if (!field) throw new Error(`PointCloud2 has no field ${name}`);
    return field.offset;
  };
  const count = msg.width * msg.height;
  const view = new DataView(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  const points: CloudPoints = {
    x: new Float32Array(count), y: new Float32Array(count), z: new Float32Array(count),
    intensity: new Float32Array(count), ring: new Uint16Array(count),
  };
  const [ox, oy, oz, oi, or] = ['x', 'y', 'z', 'intensity', 'ring'].map(offsetOf) as [number, number, number, number, number];
  for (let i = 0; i < count; i++) {
    const base = i * msg.point_step;
    points.x[i] = view.getFloat32(base + ox, true);
    points.y[i] = view.getFloat32(base + oy, true);
    points.z[i] = view.getFloat32(base + oz, true);
    points.intensity[i] = view.getFloat32(base + oi, true);
    points.ring[i] = view.getUint16(base + or, true);
  }
  return points;
}

export interface NavSatFixArgs {
  header: RosHeader; latitude: number; longitude: number; altitude: number;
  /** NavSatStatus.status: -1 no fix, 0 fix, 1 SBAS, 2 GBAS. */
  fixStatus?: number;
  /** Diagonal variances (east, north, up) in m^2; type becomes DIAGONAL_KNOWN when given. */
  variances?: readonly [number, number, number];
}

export function buildNavSatFix(args: NavSatFixArgs): NavSatFixMessage {
  const [ve, vn, vu] = args.variances ?? [0, 0, 0];
  return {
    header: args.header,
    status: { status: args.fixStatus ?? 0, service: 1 },
    latitude: args.latitude, longitude: args.longitude, altitude: args.altitude,
    position_covariance: [ve, 0, 0, 0, vn, 0, 0, 0, vu],
    position_covariance_type: args.variances ? 2 : 0,
  };
}

export interface ImuArgs {
  header: RosHeader; orientation: Quaternion; angularVelocity: Vector3; linearAcceleration: Vector3;
}

const diagonal = (v: number): number[] => [v, 0, 0, 0, v, 0, 0, 0, v];

export function buildImu(args: ImuArgs): ImuMessage {
  return {
    header: args.header,
    orientation: args.orientation, orientation_covariance: diagonal(0.0001),
    angular_velocity: args.angularVelocity, angular_velocity_covariance: diagonal(0.0004),
    linear_acceleration: args.linearAcceleration, linear_acceleration_covariance: diagonal(0.01),
  };
}

export function buildString(text: string): StringMessage {
  return { data: text };
}
