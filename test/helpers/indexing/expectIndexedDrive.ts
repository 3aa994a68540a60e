import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parsePcd } from '../../../shared/formats/pcd/parsePcd';
import type { DriveSample } from '../recordings/DriveScenario';
import type { DriveTruth } from '../recordings/generateDrive';
import { decodePng } from './decodePng';
import { indexingSummaryOf, type Doc, type IndexingClient, type IndexResult } from './IndexingClient';
import { probeVideoFrames } from './probeVideoFrames';

export interface DriveExpectations {
  sets: { images: string; videos: string; lidars: string };
  imageSkip: number;
  /** Folder for downloaded videos. */
  tmp: string;
}

const sensorOf = (topic: string): string => topic.replace(/^\/+/, '').replace(/\//g, '_');
const isoOfNs = (ns: bigint): string => {
  const us = Number(ns / 1000n);
  const whole = Math.floor(us / 1e6);
  return `${new Date(whole * 1000).toISOString().slice(0, 19)}.${String(us - whole * 1e6).padStart(6, '0')}+00:00`;
};

/**
 * Everything an indexed synthetic drive must hold, checked against the drive's ground truth:
 * every image decoded back to its pixels (or its JPEG/PNG bytes unchanged), every point cloud
 * parsed back to its points with NaN holes and extra fields, the GPS fixes, the IMU readings, one
 * video per camera with one frame per message, and the session around them.
 */
export async function expectIndexedDrive(client: IndexingClient, result: IndexResult, truth: DriveTruth, options: DriveExpectations): Promise<void> {
  expect(result.job.status, JSON.stringify(result.job.notes)).toBe('finished');
  const session = await client.session(result.sessionUid);
  expect(session?.status).toBe('ready');
  expect(typeof session?.resolved_at).toBe('string');
  const summary = indexingSummaryOf(session);
  for (const t of truth.topics) {
    expect(summary.topics.find((s) => s.topic === t.topic), t.topic).toMatchObject({ message_count: t.count, failed: 0 });
  }
  const extracted = truth.topics.filter((t) => t.kind !== 'text');
  const times = [...truth.topics.flatMap((t) => t.logTimesNs), ...extracted.flatMap((t) => t.headerStampsNs)];
  expect(session?.start_time).toBe(isoOfNs(times.reduce((a, b) => (a < b ? a : b))));
  expect(session?.end_time).toBe(isoOfNs(times.reduce((a, b) => (a > b ? a : b))));

  const images = await client.assetsOfSession('images', result.sessionUid);
  const cameras = truth.topics.filter((t) => t.kind === 'image' || t.kind === 'compressedImage');
  expect(images).toHaveLength(cameras.reduce((n, t) => n + Math.ceil(t.count / options.imageSkip), 0));
  for (const doc of images) await expectImage(client, doc, truth, options);

  const lidars = await client.assetsOfSession('lidars', result.sessionUid);
  expect(lidars).toHaveLength(truth.topics.filter((t) => t.kind === 'pointCloud').reduce((n, t) => n + t.count, 0));
  for (const doc of lidars) await expectCloud(client, doc, truth, options);

  const entities = await client.entitySummary(result.sessionUid);
  for (const gps of truth.topics.filter((t) => t.kind === 'gps')) {
    const geo = entities.geolocation;
    expect(geo?.count).toBe(gps.count);
    for (let i = 0; i < gps.count; i++) {
      const sample = truth.sample(gps.topic, i);
      if (sample.kind !== 'gps') throw new Error('not a gps sample');
      expect(geo?.value_counts?.[JSON.stringify(sample.latitude)], `fix ${i} latitude`).toBeGreaterThan(0);
      expect(geo?.value_counts?.[JSON.stringify(sample.longitude)], `fix ${i} longitude`).toBeGreaterThan(0);
    }
  }
  for (const imu of truth.topics.filter((t) => t.kind === 'imu')) {
    const samples = Array.from({ length: imu.count }, (_, i) => truth.sample(imu.topic, i));
    const mean = (pick: (s: DriveSample) => number): number => samples.reduce((n, s) => n + pick(s), 0) / samples.length;
    const imuOf = (s: DriveSample) => { if (s.kind !== 'imu') throw new Error('not an imu sample'); return s; };
    const name = sensorOf(imu.topic);
    expect(entities[`${name}_angular_velocity_z`]).toMatchObject({ count: imu.count });
    expect(entities[`${name}_angular_velocity_z`]?.mean).toBeCloseTo(mean((s) => imuOf(s).angularVelocity.z), 9);
    expect(entities[`${name}_linear_acceleration_y`]?.mean).toBeCloseTo(mean((s) => imuOf(s).linearAcceleration.y), 9);
    expect(entities[`${name}_orientation_z`]?.mean).toBeCloseTo(mean((s) => imuOf(s).orientation.z), 9);
  }
  expect(entities.image?.count).toBe(images.length);
  expect(entities.lidar?.count).toBe(lidars.length);

  const videos = await client.assetsOfSession('videos', result.sessionUid);
  expect(videos).toHaveLength(cameras.length);
  expect(entities.video?.count).toBe(cameras.length);
  for (const camera of cameras) {
    const doc = videos.find((v) => v.sensor === sensorOf(camera.topic));
    expect(doc, `video of ${camera.topic}`).toBeDefined();
    expect(doc?.sets).toEqual([options.sets.videos]);
    expect(session?.auxiliary_data).toContainEqual({ id: doc?.id, type: 'concatenated_video', tags: [sensorOf(camera.topic)] });
    const file = join(options.tmp, `${String(doc?.id)}.mp4`);
    await writeFile(file, await client.py.download(String((doc?.object_access as Doc).uri)));
    const probe = await probeVideoFrames(file);
    const first = truth.sample(camera.topic, 0);
    expect(probe).toMatchObject({ codec: 'h264', frames: camera.count });
    expect(probe.container).toContain('mp4');
    if (first.kind === 'image') expect([probe.width, probe.height]).toEqual([first.width - (first.width % 2), first.height - (first.height % 2)]);
    const stamps = camera.headerStampsNs;
    const fps = (camera.count - 1) / (Number((stamps[stamps.length - 1] ?? 0n) - (stamps[0] ?? 0n)) / 1e9);
    expect(probe.fps).toBeCloseTo(fps, 1);
    expect(doc).toMatchObject({ width: probe.width, height: probe.height, start_time: isoOfNs(stamps[0] ?? 0n), end_time: isoOfNs(stamps[stamps.length - 1] ?? 0n) });
  }
}

async function expectImage(client: IndexingClient, doc: Doc, truth: DriveTruth, options: DriveExpectations): Promise<void> {
  const aux = doc.aux as { topic: string; sequence: number; timestamp_source: string; frame_id: string };
  const sample = truth.sample(aux.topic, aux.sequence);
  expect(aux.sequence % options.imageSkip).toBe(0);
  expect(doc).toMatchObject({ sensor: sensorOf(aux.topic), sets: [options.sets.images], timestamp: isoOfNs(sample.headerStampNs) });
  expect(aux).toMatchObject({ timestamp_source: 'header_stamp', frame_id: sample.frameId });
  const bytes = await client.py.download(String((doc.object_access as Doc).uri));
  if (sample.kind === 'compressedImage') {
    expect(doc.format).toBe(sample.format);
    expect(Buffer.compare(bytes, Buffer.from(sample.data)), `${aux.topic} #${aux.sequence} bytes`).toBe(0);
    return;
  }
  if (sample.kind !== 'image') throw new Error(`${aux.topic} is not a camera`);
  const png = decodePng(bytes);
  expect([doc.format, doc.width, doc.height, png.width, png.height]).toEqual(['png', sample.width, sample.height, sample.width, sample.height]);
  const expected = Buffer.from(sample.pixels);
  if (sample.encoding === 'bgr8') {
    for (let i = 0; i < expected.length; i += 3) [expected[i], expected[i + 2]] = [expected[i + 2] ?? 0, expected[i] ?? 0];
  } else if (sample.encoding === 'mono16') {
    expected.swap16();
  }
  expect(png.bitDepth).toBe(sample.encoding === 'mono16' ? 16 : 8);
  expect(Buffer.compare(Buffer.from(png.pixels), expected), `${aux.topic} #${aux.sequence} pixels`).toBe(0);
}

async function expectCloud(client: IndexingClient, doc: Doc, truth: DriveTruth, options: DriveExpectations): Promise<void> {
  const aux = doc.aux as { topic: string; sequence: number; fields: string[] };
  const sample = truth.sample(aux.topic, aux.sequence);
  if (sample.kind !== 'pointCloud') throw new Error(`${aux.topic} is not a lidar`);
  expect(doc).toMatchObject({ format: 'pcd', sensor: sensorOf(aux.topic), sets: [options.sets.lidars], timestamp: isoOfNs(sample.headerStampNs), num_fields: 5 });
  const { header, cloud } = parsePcd(await client.py.download(String((doc.object_access as Doc).uri)));
  expect(header.data).toBe('binary');
  expect([header.width, header.height]).toEqual([sample.width, sample.height]);
  // The drive's 32-byte records hold 18 bytes of fields: the points are packed.
  expect(header.fields.map((f) => `${f.name}:${f.type}${f.size}`)).toEqual(['x:F4', 'y:F4', 'z:F4', 'intensity:F4', 'ring:U2']);
  for (const key of ['x', 'y', 'z', 'intensity', 'ring'] as const) {
    const read = cloud.reader(key);
    const column = sample.points[key];
    if (!read) throw new Error(`no ${key}`);
    for (let i = 0; i < column.length; i++) {
      const want = column[i] ?? 0;
      const got = read(i);
      if (!(got === want || (Number.isNaN(got) && Number.isNaN(want)))) expect(got, `${aux.topic} #${aux.sequence} ${key}[${i}]`).toBe(want);
    }
  }
}
