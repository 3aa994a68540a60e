import { drivePixels, drivePose, driveImu, driveSweep, type DrivePath } from './driveSamples';
import {
  buildCompressedImage, buildHeader, buildImage, buildImu, buildNavSatFix, buildPngCompressedImage, buildPointCloud2, buildString,
  imageBytesPerPixel, type CloudPoints, type CompressedImageFormat, type Quaternion, type RawImageEncoding,
  type SensorMessageMap, type SensorMessageType, type Vector3,
} from './sensorMessages';

// The plan of a synthetic drive: which topics, at which rates, and what each message holds.
// Everything is a pure function of (topic, index), so ground truth can be recomputed on demand.

export interface DriveCamera {
  topic: string;
  frameId: string;
  /** raw: sensor_msgs/Image; compressed: sensor_msgs/CompressedImage. */
  kind: 'raw' | 'compressed';
  width: number;
  height: number;
  /** Pixel encoding of raw frames, and of the pixels a PNG frame holds. */
  encoding: RawImageEncoding;
  /** Compressed cameras only; jpeg frames cycle through DriveOptions.jpegFrames. */
  format?: CompressedImageFormat;
}

export interface DriveOptions {
  startTimeNs?: bigint;
  /** Frames per camera; the drive lasts cameraFrames / cameraRateHz seconds. Ignored with targetBytes. */
  cameraFrames?: number;
  cameraRateHz?: number;
  cameras?: DriveCamera[];
  lidar?: { topic: string; frameId: string; rateHz: number; rings: number; columns: number; organized: boolean; isDense: boolean } | null;
  gps?: { topic: string; frameId: string; rateHz: number; path: DrivePath } | null;
  imu?: { topic: string; frameId: string; rateHz: number } | null;
  text?: { topic: string; rateHz: number } | null;
  /** Real JPEG files for `format: 'jpeg'` cameras (read from the fixtures by the caller). */
  jpegFrames?: readonly Uint8Array[];
  /** Large mode: keep going until this many payload bytes were written (no end time). */
  targetBytes?: number;
  pngLevel?: number;
}

export type DriveTopicKind = 'image' | 'compressedImage' | 'pointCloud' | 'gps' | 'imu' | 'text';

export interface DriveTopic {
  topic: string;
  type: SensorMessageType;
  kind: DriveTopicKind;
  frameId: string;
  rateHz: number;
  /** First message at start + offsetNs; then every 1/rateHz. */
  offsetNs: bigint;
  /** header.stamp = log time - latencyNs (acquisition precedes recording). */
  latencyNs: bigint;
}

interface SampleBase { topic: string; index: number; logTimeNs: bigint; headerStampNs: bigint; frameId: string }
export type DriveSample = SampleBase & (
  | { kind: 'image'; width: number; height: number; encoding: RawImageEncoding; step: number; pixels: Uint8Array }
  | { kind: 'compressedImage'; format: CompressedImageFormat; data: Uint8Array; width: number; height: number;
      /** PNG frames: the raw pixels (in `encoding`) the PNG decodes to. */ encoding?: RawImageEncoding; pixels?: Uint8Array }
  | { kind: 'pointCloud'; width: number; height: number; isDense: boolean; points: CloudPoints }
  | { kind: 'gps'; latitude: number; longitude: number; altitude: number; fixStatus: number }
  | { kind: 'imu'; orientation: Quaternion; angularVelocity: Vector3; linearAcceleration: Vector3 }
  | { kind: 'text'; text: string }
);

const MS = 1_000_000n;
const NS_PER_SEC = 1_000_000_000;

export const DEFAULT_DRIVE_PATH: DrivePath = { latitude: 37.4275, longitude: -122.1697, altitude: 30, speedMps: 12, radiusM: 250 };

export class DriveScenario {
  readonly startTimeNs: bigint;
  /** Exclusive end of the timeline; undefined in large (targetBytes) mode. */
  readonly endLimitNs: bigint | undefined;
  readonly topics: DriveTopic[] = [];
  readonly #cameras = new Map<string, { camera: DriveCamera; seed: number }>();

  constructor(readonly options: DriveOptions = {}) {
    this.startTimeNs = options.startTimeNs ?? 1_700_000_000_000_000_000n;
    const cameraRate = options.cameraRateHz ?? 10;
    const durationNs = BigInt(Math.round(((options.cameraFrames ?? 5) / cameraRate) * NS_PER_SEC));
    this.endLimitNs = options.targetBytes === undefined ? this.startTimeNs + durationNs : undefined;
    const cameras = options.cameras ?? [
      { topic: '/camera/front/image_raw', frameId: 'camera_front', kind: 'raw', width: 64, height: 48, encoding: 'rgb8' },
      { topic: '/camera/left/compressed', frameId: 'camera_left', kind: 'compressed', width: 64, height: 48, encoding: 'rgb8', format: 'png' },
    ];
    cameras.forEach((camera, i) => {
      this.#cameras.set(camera.topic, { camera, seed: i + 1 });
      this.#add(camera.topic, camera.kind === 'raw' ? 'sensor_msgs/Image' : 'sensor_msgs/CompressedImage',
        camera.kind === 'raw' ? 'image' : 'compressedImage', camera.frameId, cameraRate, BigInt(i + 1) * MS, 3n * MS);
    });
    const lidar = this.lidar;
    if (lidar) this.#add(lidar.topic, 'sensor_msgs/PointCloud2', 'pointCloud', lidar.frameId, lidar.rateHz, 5n * MS, 50n * MS);
    const gps = this.gps;
    if (gps) this.#add(gps.topic, 'sensor_msgs/NavSatFix', 'gps', gps.frameId, gps.rateHz, 7n * MS, 20n * MS);
    const imu = this.imu;
    if (imu) this.#add(imu.topic, 'sensor_msgs/Imu', 'imu', imu.frameId, imu.rateHz, MS / 2n, MS);
    const text = this.text;
    if (text) this.#add(text.topic, 'std_msgs/String', 'text', '', text.rateHz, 9n * MS, 0n);
  }

  get lidar(): NonNullable<DriveOptions['lidar']> | undefined {
    if (this.options.lidar === null) return undefined;
    return this.options.lidar ?? { topic: '/lidar/points', frameId: 'lidar_top', rateHz: 10, rings: 8, columns: 32, organized: true, isDense: false };
  }

  get gps(): NonNullable<DriveOptions['gps']> | undefined {
    if (this.options.gps === null) return undefined;
    return this.options.gps ?? { topic: '/gps/fix', frameId: 'gps', rateHz: 5, path: DEFAULT_DRIVE_PATH };
  }

  get imu(): NonNullable<DriveOptions['imu']> | undefined {
    if (this.options.imu === null) return undefined;
    return this.options.imu ?? { topic: '/imu/data', frameId: 'imu_link', rateHz: 100 };
  }

  get text(): NonNullable<DriveOptions['text']> | undefined {
    if (this.options.text === null) return undefined;
    return this.options.text ?? { topic: '/driver/notes', rateHz: 2 };
  }

  #add(topic: string, type: SensorMessageType, kind: DriveTopicKind, frameId: string, rateHz: number, offsetNs: bigint, latencyNs: bigint): void {
    if (this.topics.some((t) => t.topic === topic)) throw new Error(`drive topic ${topic} declared twice`);
    this.topics.push({ topic, type, kind, frameId, rateHz, offsetNs, latencyNs });
  }

  topic(name: string): DriveTopic {
    const found = this.topics.find((t) => t.topic === name);
    if (!found) throw new Error(`the drive has no topic ${name}`);
    return found;
  }

  logTimeNs(topic: DriveTopic, index: number): bigint {
    return this.startTimeNs + topic.offsetNs + BigInt(Math.round((index * NS_PER_SEC) / topic.rateHz));
  }

  /** (topic, index, log time) in log-time order; ties go to the topic declared first. */
  *timeline(): Generator<{ topic: DriveTopic; index: number; logTimeNs: bigint }> {
    const next = this.topics.map(() => 0);
    for (;;) {
      let best = -1;
      let bestTime = 0n;
      this.topics.forEach((topic, i) => {
        const time = this.logTimeNs(topic, next[i] ?? 0);
        if (this.endLimitNs !== undefined && time >= this.endLimitNs) return;
        if (best < 0 || time < bestTime) { best = i; bestTime = time; }
      });
      const topic = this.topics[best];
      if (!topic) return;
      const index = next[best] ?? 0;
      next[best] = index + 1;
      yield { topic, index, logTimeNs: bestTime };
    }
  }

  /** The exact content of message `index` on `topicName`. */
  sample(topicName: string, index: number): DriveSample {
    const topic = this.topic(topicName);
    const logTimeNs = this.logTimeNs(topic, index);
    const base: SampleBase = { topic: topic.topic, index, logTimeNs, headerStampNs: logTimeNs - topic.latencyNs, frameId: topic.frameId };
    const elapsedSec = Number(base.headerStampNs - this.startTimeNs) / NS_PER_SEC;
    switch (topic.kind) {
      case 'image':
      case 'compressedImage': return this.#cameraSample(base, index);
      case 'pointCloud': {
        const lidar = this.lidar;
        if (!lidar) throw new Error('no lidar');
        const points = driveSweep({ rings: lidar.rings, columns: lidar.columns, isDense: lidar.isDense }, index);
        return { ...base, kind: 'pointCloud', isDense: lidar.isDense, points,
          width: lidar.organized ? lidar.columns : lidar.rings * lidar.columns, height: lidar.organized ? lidar.rings : 1 };
      }
      case 'gps': {
        const gps = this.gps;
        if (!gps) throw new Error('no gps');
        const pose = drivePose(gps.path, elapsedSec);
        return { ...base, kind: 'gps', latitude: pose.latitude, longitude: pose.longitude, altitude: pose.altitude, fixStatus: index % 10 === 9 ? 1 : 0 };
      }
      case 'imu': return { ...base, kind: 'imu', ...driveImu(this.gps?.path ?? DEFAULT_DRIVE_PATH, elapsedSec) };
      case 'text': return { ...base, kind: 'text', text: `note ${index}: ${(elapsedSec).toFixed(3)} s into the drive` };
    }
  }

  #cameraSample(base: SampleBase, index: number): DriveSample {
    const entry = this.#cameras.get(base.topic);
    if (!entry) throw new Error(`no camera ${base.topic}`);
    const { camera, seed } = entry;
    if (camera.kind === 'raw') {
      const pixels = drivePixels(camera.width, camera.height, camera.encoding, index, seed);
      return { ...base, kind: 'image', width: camera.width, height: camera.height, encoding: camera.encoding,
        step: camera.width * imageBytesPerPixel(camera.encoding), pixels };
    }
    if (camera.format === 'jpeg') {
      const frames = this.options.jpegFrames ?? [];
      const data = frames[index % Math.max(1, frames.length)];
      if (!data) throw new Error(`camera ${camera.topic} is jpeg but DriveOptions.jpegFrames is empty`);
      return { ...base, kind: 'compressedImage', format: 'jpeg', data, width: camera.width, height: camera.height };
    }
    const pixels = drivePixels(camera.width, camera.height, camera.encoding, index, seed);
    const png = buildPngCompressedImage({
      header: buildHeader(base.headerStampNs, base.frameId, index), width: camera.width, height: camera.height,
      encoding: camera.encoding, pixels, ...(this.options.pngLevel === undefined ? {} : { level: this.options.pngLevel }),
    });
    return { ...base, kind: 'compressedImage', format: 'png', data: png.data, width: camera.width, height: camera.height, encoding: camera.encoding, pixels };
  }

  /** The ROS message written for a sample. */
  message(sample: DriveSample): SensorMessageMap[SensorMessageType] {
    const header = buildHeader(sample.headerStampNs, sample.frameId, sample.index);
    switch (sample.kind) {
      case 'image': return buildImage({ header, width: sample.width, height: sample.height, encoding: sample.encoding, pixels: sample.pixels });
      case 'compressedImage': return buildCompressedImage(header, sample.format, sample.data);
      case 'pointCloud': return buildPointCloud2({ header, points: sample.points, isDense: sample.isDense,
        organized: { width: sample.width, height: sample.height } });
      case 'gps': return buildNavSatFix({ header, latitude: sample.latitude, longitude: sample.longitude, altitude: sample.altitude,
        fixStatus: sample.fixStatus, variances: [0.25, 0.25, 1] });
      case 'imu': return buildImu({ header, orientation: sample.orientation, angularVelocity: sample.angularVelocity, linearAcceleration: sample.linearAcceleration });
      case 'text': return buildString(sample.text);
    }
  }
}
