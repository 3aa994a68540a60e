import { imageSize } from 'image-size';
import { standardizeName } from '../../../shared/scenebox/standardizeName';
import type { Span } from '../../sessions/sessionDoc';
import type { AssetSink } from '../output/AssetSink';
import { CameraVideo } from '../output/CameraVideo';
import type { EntityStaging } from '../output/EntityStaging';
import { mediaDoc, mediaEntity, type MediaOrigin } from '../output/mediaDocs';
import type { RecordingMessage } from '../read/RecordingTopic';
import { encodePng } from './encodePng';
import { messageTime, nsToIso, nsToMicros } from './messageTime';
import { numericFields } from './numericFields';
import { pointCloudToPcd } from './pointCloudToPcd';
import { ffmpegPixelFormat, packedPixels, rawFrameOf } from './rawImage';
import {
  compressedImageSchema, imageSchema, imuSchema, navSatFixSchema, pointCloud2Schema, withHeaderSchema, type MessageHeader,
} from './sensorMessageSchemas';
import { isSelected, kindOf, sensorNameOf, type TopicSelection } from './topicSelection';
import { TopicState, type TopicSummary } from './TopicState';

export interface IndexerSettings {
  sessionUid: string;
  /** Short key of (session, recording) that every id of this indexing starts with. */
  key: string;
  sets: { images: readonly string[]; lidars: readonly string[]; videos: readonly string[] };
  selection: TopicSelection;
  /** Sensors (or topics) to make videos of (the `sensors` list form); undefined: every camera. */
  videoSensors: readonly string[] | undefined;
  imageSkip: number;
  lidarSkip: number;
  makeVideos: boolean;
  encodeRawImages: boolean;
  pngLevel: number;
  videoPreset: string;
  timestampSource: 'header' | 'log';
  maxScalarFields: number;
  /** Scratch folder of the job (videos are encoded there). */
  workDir: string;
}

type Extract = (state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number) => Promise<void>;

/**
 * Turns the messages of a recording into assets and entities, one message at a time: images
 * (every image_skip_factor-th frame, PNG for raw frames, JPEG/PNG bytes kept as they are) and a
 * video per camera, lidar scans as binary PCD, GPS fixes as geolocation entities, IMU readings and
 * the numeric fields of asked-for topics as scalar entities. A message that cannot be indexed is
 * counted against its topic and the others go on; only the recording's own damage stops the job.
 */
export class RecordingIndexer {
  readonly #settings: IndexerSettings;
  readonly #assets: AssetSink;
  readonly #entities: EntityStaging;
  readonly #topics = new Map<string, TopicState>();
  readonly #videos = new Map<string, CameraVideo>();
  #span: Span | undefined;
  readonly #extract: Record<'image' | 'compressedImage' | 'pointCloud' | 'gps' | 'imu' | 'scalars', Extract>;

  public constructor(settings: IndexerSettings, assets: AssetSink, entities: EntityStaging) {
    this.#settings = settings;
    this.#assets = assets;
    this.#entities = entities;
    this.#extract = {
      image: (s, m, d, n) => this.#image(s, m, d, n),
      compressedImage: (s, m, d, n) => this.#compressedImage(s, m, d, n),
      pointCloud: (s, m, d, n) => this.#pointCloud(s, m, d, n),
      gps: (s, m, d, n) => this.#gps(s, m, d, n),
      imu: (s, m, d, n) => this.#imu(s, m, d, n),
      scalars: (s, m, d, n) => this.#scalars(s, m, d, n),
    };
  }

  /** The span (µs) of the recording's log times and of every time given to an asset or entity. */
  public get span(): Span | undefined {
    return this.#span;
  }

  public get videos(): CameraVideo[] {
    return [...this.#videos.values()];
  }

  public topicSummaries(): TopicSummary[] {
    return [...this.#topics.values()].map((t) => t.summary()).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
  }

  public async handle(message: RecordingMessage): Promise<void> {
    const state = this.#state(message);
    const sequence = state.count;
    state.count += 1;
    this.#widen(nsToMicros(message.logTimeNs));
    if (!state.selected || state.kind === 'count') return;
    const decode = state.decoder(message.topic);
    if (!decode) return;
    let decoded: unknown;
    try {
      decoded = decode(message.data);
    } catch (error) {
      state.fail(`does not decode with its definition: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    await this.#extract[state.kind](state, message, decoded, sequence);
  }

  #state(message: RecordingMessage): TopicState {
    let state = this.#topics.get(message.topic.topic);
    if (!state) {
      const { selection } = this.#settings;
      const selected = isSelected(message.topic.topic, selection);
      state = new TopicState(message.topic, sensorNameOf(message.topic.topic, selection), kindOf(message.topic.type, message.topic.topic, selection), selected);
      this.#topics.set(message.topic.topic, state);
    }
    return state;
  }

  #widen(us: number): void {
    this.#span = this.#span ? { lo: Math.min(this.#span.lo, us), hi: Math.max(this.#span.hi, us) } : { lo: us, hi: us };
  }

  #origin(state: TopicState, message: RecordingMessage, header: MessageHeader | undefined, sequence: number, sets: readonly string[]): MediaOrigin {
    const time = messageTime(header, message.logTimeNs, this.#settings.timestampSource);
    this.#widen(nsToMicros(time.ns));
    return {
      sessionUid: this.#settings.sessionUid, sensor: state.sensor, channel: message.topic, frameId: header?.frame_id,
      sequence, logTimeNs: message.logTimeNs, time, sets,
    };
  }

  #id(state: TopicState, suffix: string | number): string {
    return standardizeName(`${this.#settings.key}_${state.sensor}_${suffix}`);
  }

  #fileId(state: TopicState, id: string, extension: string): string {
    return `indexing/${this.#settings.sessionUid}/${this.#settings.key}/${standardizeName(state.sensor)}/${id}.${extension}`;
  }

  #video(state: TopicState): CameraVideo | undefined {
    const { makeVideos, videoSensors } = this.#settings;
    if (!makeVideos) return undefined;
    if (videoSensors && !videoSensors.some((s) => s === state.sensor || s.replace(/^\/+/, '') === state.topic.replace(/^\/+/, ''))) return undefined;
    let video = this.#videos.get(state.sensor);
    if (!video) {
      video = new CameraVideo(state.sensor, this.#settings.workDir, `video_${this.#videos.size}`, this.#settings.videoPreset);
      this.#videos.set(state.sensor, video);
    }
    return video;
  }

  async #image(state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number): Promise<void> {
    const parsed = imageSchema.safeParse(decoded);
    if (!parsed.success) return state.fail(`not a sensor_msgs/Image: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const raw = rawFrameOf(parsed.data);
    if (!raw.ok) return state.fail(raw.reason);
    const frame = raw.frame;
    const origin = this.#origin(state, message, parsed.data.header, sequence, this.#settings.sets.images);
    state.indexed += 1;
    if (!this.#settings.encodeRawImages) return state.remark('raw frames were checked but not encoded (indexing_parameters.encode_raw_images is false)');
    if (sequence % this.#settings.imageSkip === 0) {
      const id = this.#id(state, sequence);
      const level = this.#settings.pngLevel;
      await this.#assets.put({
        assetType: 'images', id, fileId: this.#fileId(state, id, 'png'), contentType: 'image/png', size: frame.data.byteLength,
        bytes: () => encodePng(frame, level),
        doc: mediaDoc(origin, { width: frame.width, height: frame.height, format: 'png', preprocesses: [] }, { encoding: frame.encoding }),
      });
      await this.#entities.add(mediaEntity(origin, 'image', id, `${id}_media`), nsToMicros(origin.time.ns));
    }
    await this.#video(state)?.add({ kind: 'raw', width: frame.width, height: frame.height, pixelFormat: ffmpegPixelFormat(frame), pixels: packedPixels(frame) }, origin.time.ns);
  }

  async #compressedImage(state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number): Promise<void> {
    const parsed = compressedImageSchema.safeParse(decoded);
    if (!parsed.success) return state.fail(`not a sensor_msgs/CompressedImage: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const { data } = parsed.data;
    const format = data[0] === 0xff && data[1] === 0xd8 ? 'jpeg' : data[0] === 0x89 && data[1] === 0x50 ? 'png' : undefined;
    if (!format) return state.fail(`format ${JSON.stringify(parsed.data.format)}: the bytes are neither JPEG nor PNG`);
    let size: { width?: number; height?: number };
    try {
      size = imageSize(data);
    } catch (error) {
      return state.fail(`the ${format} bytes do not parse: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!size.width || !size.height) return state.fail(`the ${format} bytes give no image size`);
    const origin = this.#origin(state, message, parsed.data.header, sequence, this.#settings.sets.images);
    if (sequence % this.#settings.imageSkip === 0) {
      const id = this.#id(state, sequence);
      await this.#assets.put({
        assetType: 'images', id, fileId: this.#fileId(state, id, format === 'jpeg' ? 'jpg' : 'png'), contentType: `image/${format}`,
        size: data.byteLength, bytes: () => Promise.resolve([data]),
        doc: mediaDoc(origin, { width: size.width, height: size.height, format, preprocesses: [] }, { compressed_format: parsed.data.format }),
      });
      await this.#entities.add(mediaEntity(origin, 'image', id, `${id}_media`), nsToMicros(origin.time.ns));
    }
    state.indexed += 1;
    await this.#video(state)?.add({ kind: 'compressed', format, width: size.width, height: size.height, data }, origin.time.ns);
  }

  async #pointCloud(state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number): Promise<void> {
    const parsed = pointCloud2Schema.safeParse(decoded);
    if (!parsed.success) return state.fail(`not a sensor_msgs/PointCloud2: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (sequence % this.#settings.lidarSkip !== 0) return;
    const made = pointCloudToPcd(parsed.data);
    if (!made.ok) return state.fail(made.reason);
    const { pcd } = made;
    const origin = this.#origin(state, message, parsed.data.header, sequence, this.#settings.sets.lidars);
    const id = this.#id(state, sequence);
    await this.#assets.put({
      assetType: 'lidars', id, fileId: this.#fileId(state, id, 'pcd'), contentType: 'application/octet-stream',
      size: pcd.parts.reduce((n, p) => n + p.byteLength, 0), bytes: () => Promise.resolve(pcd.parts),
      doc: mediaDoc(origin, { format: 'pcd', binary_format: null, num_fields: pcd.fields.length }, {
        fields: pcd.fields, point_count: pcd.pointCount, width: parsed.data.width, height: parsed.data.height, is_dense: parsed.data.is_dense,
      }),
    });
    await this.#entities.add(mediaEntity(origin, 'lidar', id, `${id}_media`), nsToMicros(origin.time.ns));
    state.indexed += 1;
  }

  async #gps(state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number): Promise<void> {
    const parsed = navSatFixSchema.safeParse(decoded);
    if (!parsed.success) return state.fail(`not a sensor_msgs/NavSatFix: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const { latitude: lat, longitude: lon, status } = parsed.data;
    // STATUS_NO_FIX (-1): the receiver says the position means nothing.
    if (status.status < 0) return state.remark('fixes with status NO_FIX are left out');
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return state.fail(`latitude ${lat} / longitude ${lon} is not a position`);
    const time = messageTime(parsed.data.header, message.logTimeNs, this.#settings.timestampSource);
    const us = nsToMicros(time.ns);
    this.#widen(us);
    await this.#entities.add({
      session: this.#settings.sessionUid, timestamp: nsToIso(time.ns), entity_id: this.#id(state, `${sequence}_geolocation`), entity_name: 'geolocation',
      entity_value: [lat, lon], geolocation: { lat, lon }, entity_type: 'geo', influence: 'geo_interpolation',
      enrichments: ['visibility', 'weather', 'location'], sensor: state.sensor, altitude: parsed.data.altitude,
    }, us);
    state.indexed += 1;
  }

  async #imu(state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number): Promise<void> {
    const parsed = imuSchema.safeParse(decoded);
    if (!parsed.success) return state.fail(`not a sensor_msgs/Imu: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const { orientation: q, angular_velocity: w, linear_acceleration: a } = parsed.data;
    const values: [string, number][] = [
      ['angular_velocity_x', w.x], ['angular_velocity_y', w.y], ['angular_velocity_z', w.z],
      ['linear_acceleration_x', a.x], ['linear_acceleration_y', a.y], ['linear_acceleration_z', a.z],
    ];
    // REP 145: orientation_covariance[0] = -1 says the IMU gives no orientation.
    if (parsed.data.orientation_covariance?.[0] !== -1) values.push(['orientation_x', q.x], ['orientation_y', q.y], ['orientation_z', q.z], ['orientation_w', q.w]);
    await this.#measurements(state, message, parsed.data.header, sequence, values);
  }

  async #scalars(state: TopicState, message: RecordingMessage, decoded: unknown, sequence: number): Promise<void> {
    const fields = numericFields(decoded, this.#settings.maxScalarFields);
    if (fields.dropped > 0) state.remark(`only the first ${this.#settings.maxScalarFields} numeric fields of each message are kept (indexing_parameters.max_scalar_fields)`);
    if (fields.values.length === 0) return state.remark('its messages have no numeric fields');
    const header = withHeaderSchema.safeParse(decoded);
    await this.#measurements(state, message, header.success ? header.data.header : undefined, sequence, fields.values);
  }

  async #measurements(state: TopicState, message: RecordingMessage, header: MessageHeader | undefined, sequence: number, values: readonly [string, number][]): Promise<void> {
    const time = messageTime(header, message.logTimeNs, this.#settings.timestampSource);
    const us = nsToMicros(time.ns);
    this.#widen(us);
    const at = nsToIso(time.ns);
    for (const [field, value] of values) {
      if (!Number.isFinite(value)) continue;
      await this.#entities.add({
        session: this.#settings.sessionUid, timestamp: at, entity_id: this.#id(state, `${sequence}_${field}`), entity_name: `${state.sensor}_${field}`,
        entity_value: value, entity_type: 'scalar', influence: 'linear_interpolation', sensor: state.sensor,
      }, us);
    }
    state.indexed += 1;
  }
}
