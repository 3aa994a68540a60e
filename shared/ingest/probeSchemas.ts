import { z } from 'zod';

// What the local probes learn about a file before any byte is sent. Each probe result is plain
// JSON (it is stored in the journal, crosses IPC and lands in an asset's `aux`), so absent values
// are `null`, never missing keys, and every shape is validated where it is read back.

const count = z.number().int().nonnegative();
/** Canonical UTC form of shared/time/isoTimestamp (`2018-07-25T16:34:23.000000000Z`). */
const isoTime = z.string();
const vector3 = z.object({ x: z.number(), y: z.number(), z: z.number() });
const cocoId = z.union([z.number(), z.string()]);

export const imageProbeSchema = z.object({
  kind: z.literal('image'),
  /** As image-size names it: jpg, png, tiff, webp, ... */
  format: z.string(),
  width: count,
  height: count,
  /** EXIF orientation 1..8 (6 = rotate 90° clockwise to display). */
  orientation: z.number().int().min(1).max(8).nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  /** Capture time in UTC; the EXIF offset is applied when the file has one. */
  dateTimeOriginal: isoTime.nullable(),
  timeSource: z.enum(['DateTimeOriginal', 'DateTimeDigitized']).nullable(),
  /** The EXIF offset as written (`+02:00`), when there is one. */
  utcOffset: z.string().nullable(),
  /** True when the EXIF time had no offset and was read as UTC. */
  timeZoneAssumed: z.boolean(),
  gps: z.object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    /** Metres; negative below sea level (GPSAltitudeRef 1). */
    altitude: z.number().nullable(),
  }).nullable(),
  /** GPSDateStamp + GPSTimeStamp, which EXIF defines as UTC: a check on the camera clock. */
  gpsTime: isoTime.nullable(),
  /** Set when the pixels are readable but the metadata block is not. */
  exifError: z.string().nullable(),
});
export type ImageProbe = z.infer<typeof imageProbeSchema>;

export const videoProbeSchema = z.object({
  kind: z.literal('video'),
  /** ffprobe's format_name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: z.string(),
  codec: z.string(),
  profile: z.string().nullable(),
  pixelFormat: z.string().nullable(),
  width: count,
  height: count,
  /** Degrees clockwise to turn the decoded frames for display: 0, 90, 180 or 270. */
  rotation: z.number().int().min(0).max(359),
  durationSeconds: z.number().nonnegative().nullable(),
  /** Where the duration came from; `packets` when the container has none and packets were read. */
  durationSource: z.enum(['container', 'stream', 'packets']).nullable(),
  /** avg_frame_rate; nominal for variable-frame-rate captures. */
  fps: z.number().positive().nullable(),
  frameCount: count.nullable(),
  /** Bits per second. */
  bitRate: z.number().nonnegative().nullable(),
  creationTime: isoTime.nullable(),
  hasAudio: z.boolean(),
  audioCodec: z.string().nullable(),
});
export type VideoProbe = z.infer<typeof videoProbeSchema>;

export const pointFieldSchema = z.object({
  name: z.string(),
  size: z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8)]),
  type: z.enum(['I', 'U', 'F']),
  count: z.number().int().positive(),
});

export const lidarProbeSchema = z.object({
  kind: z.literal('lidar'),
  format: z.enum(['pcd', 'kitti_bin', 'nuscenes_bin']),
  /** PCD DATA encoding, or `float32` for headerless KITTI/nuScenes scans. */
  encoding: z.enum(['ascii', 'binary', 'binary_compressed', 'float32']),
  pcdVersion: z.string().nullable(),
  fields: z.array(pointFieldSchema),
  pointCount: count,
  /** Points whose x, y and z are all finite. */
  finitePointCount: count,
  width: count,
  height: count,
  /** Height > 1: the cloud keeps the sensor's grid. */
  organized: z.boolean(),
  bounds: z.object({ min: vector3, max: vector3 }).nullable(),
  /** tx ty tz qw qx qy qz (PCD only). */
  viewpoint: z.array(z.number()).length(7).nullable(),
  fileBytes: count,
});
export type LidarProbe = z.infer<typeof lidarProbeSchema>;

export const cocoProbeSchema = z.object({
  kind: z.literal('coco'),
  counts: z.object({ images: count, annotations: count, categories: count }),
  annotationKinds: z.object({
    bbox: count,
    polygon: count,
    rleCompressed: count,
    rleUncompressed: count,
    keypoints: count,
    crowd: count,
    /** Annotations without any segmentation (absent or `[]`). */
    noSegmentation: count,
  }),
  categoryNames: z.array(z.string()),
  hasInfo: z.boolean(),
  hasLicenses: z.boolean(),
  /** SceneBox's own rule (is_coco_annotation_file_valid): only images/categories/annotations, all lists. */
  sceneBoxValid: z.boolean(),
  /** Folders (relative to the JSON's folder, `.` for itself) where image files were found. */
  imageRoots: z.array(z.string()),
  imagesFound: count,
  problems: z.object({
    /** Annotations whose image_id names no image (first ids listed). */
    danglingAnnotations: z.object({ count, annotationIds: z.array(cocoId) }),
    /** category_id values used by annotations but not declared in categories. */
    undeclaredCategoryIds: z.array(cocoId),
    duplicateImageIds: z.array(cocoId),
    /** Images whose file is in none of the folders tried (first names listed). */
    missingImageFiles: z.object({ count, fileNames: z.array(z.string()) }),
    /** Entries that fail the COCO schema (e.g. `annotations[3].bbox`); left out of the counts. */
    invalidEntries: z.object({ count, examples: z.array(z.object({ path: z.string(), reason: z.string() })) }),
  }),
});
export type CocoProbe = z.infer<typeof cocoProbeSchema>;

export const csvTimeFormatSchema = z.enum(['iso8601', 'unix_s', 'unix_ms', 'unix_us', 'unix_ns', 'relative_s']);

export const csvProbeSchema = z.object({
  kind: z.literal('csv'),
  delimiter: z.string().length(1),
  columns: z.array(z.object({
    name: z.string(),
    /** numeric: every non-empty value is a number; empty: no value at all. */
    kind: z.enum(['numeric', 'text', 'empty']),
    emptyValues: count,
  })),
  /** Data rows, header excluded. */
  rowCount: count,
  time: z.object({
    column: z.string(),
    format: csvTimeFormatSchema,
    /** Null for relative times, which have no epoch. */
    first: isoTime.nullable(),
    last: isoTime.nullable(),
    firstRaw: z.string(),
    lastRaw: z.string(),
    /** ISO values without an offset were read as UTC. */
    timeZoneAssumed: z.boolean(),
    /** Never decreasing from one row to the next. */
    monotonic: z.boolean(),
    /** Rows whose time value is empty or unreadable. */
    unparsable: count,
  }).nullable(),
  /** Rows whose field count differs from the header, or with misplaced quotes (first lines listed). */
  malformedRows: z.object({ count, lines: z.array(z.number().int().positive()) }),
});
export type CsvProbe = z.infer<typeof csvProbeSchema>;

export const egoPoseProbeSchema = z.object({
  kind: z.literal('ego_pose'),
  frameCount: count,
  firstTimestamp: isoTime.nullable(),
  lastTimestamp: isoTime.nullable(),
  /** Distinct object ids over all frames. */
  objectCount: count,
  maxObjectsPerFrame: count,
  firstFrame: z.number().int().nullable(),
  lastFrame: z.number().int().nullable(),
  /** Timestamps never decrease from one frame to the next. */
  monotonic: z.boolean(),
});
export type EgoPoseProbe = z.infer<typeof egoPoseProbeSchema>;

export const probeResultSchema = z.discriminatedUnion('kind', [
  imageProbeSchema, videoProbeSchema, lidarProbeSchema, cocoProbeSchema, csvProbeSchema, egoPoseProbeSchema,
]);
export type ProbeResult = z.infer<typeof probeResultSchema>;
