import { z } from 'zod';

// The fields the indexer reads from decoded messages, checked before use: a message decoded from a
// definition the file carries may hold anything. ROS 1 and CDR readers give byte arrays as
// Uint8Array views and fixed float arrays as Float64Array; JSON messages give base64 strings and
// plain arrays; time is {sec, nsec} (ROS 1, JSON) or {sec, nanosec} (ROS 2).

const count = z.number().int().min(0).max(2 ** 31);
const flag = z.union([z.boolean(), z.number()]).transform((v) => v === true || v === 1);
const bytes = z.union([
  z.instanceof(Uint8Array),
  z.string().transform((text) => new Uint8Array(Buffer.from(text, 'base64'))),
  z.array(z.number().int().min(0).max(255)).transform((list) => Uint8Array.from(list)),
]);
const numbers = z.union([z.instanceof(Float64Array), z.array(z.number())]).transform((list) => Array.from(list));
const time = z.looseObject({ sec: z.number(), nsec: z.number().optional(), nanosec: z.number().optional() });

export const headerSchema = z.looseObject({ stamp: time.optional(), frame_id: z.string().optional() });
export type MessageHeader = z.output<typeof headerSchema>;

/** Any decoded message, for its header alone. */
export const withHeaderSchema = z.looseObject({ header: headerSchema.optional() });

export const imageSchema = z.looseObject({
  header: headerSchema.optional(),
  height: count,
  width: count,
  encoding: z.string(),
  is_bigendian: flag,
  step: count,
  data: bytes,
});
export type ImageMessage = z.output<typeof imageSchema>;

export const compressedImageSchema = z.looseObject({ header: headerSchema.optional(), format: z.string(), data: bytes });
export type CompressedImageMessage = z.output<typeof compressedImageSchema>;

export const pointCloud2Schema = z.looseObject({
  header: headerSchema.optional(),
  height: count,
  width: count,
  fields: z.array(z.looseObject({ name: z.string(), offset: count, datatype: z.number().int(), count })),
  is_bigendian: flag,
  point_step: count,
  row_step: count,
  data: bytes,
  is_dense: flag,
});
export type PointCloud2Message = z.output<typeof pointCloud2Schema>;

export const navSatFixSchema = z.looseObject({
  header: headerSchema.optional(),
  status: z.looseObject({ status: z.number() }),
  latitude: z.number(),
  longitude: z.number(),
  altitude: z.number(),
});

const vector3 = z.looseObject({ x: z.number(), y: z.number(), z: z.number() });
export const imuSchema = z.looseObject({
  header: headerSchema.optional(),
  orientation: vector3.extend({ w: z.number() }),
  orientation_covariance: numbers.optional(),
  angular_velocity: vector3,
  linear_acceleration: vector3,
});
