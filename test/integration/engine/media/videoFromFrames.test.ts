import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notesOf, putDocs, runMediaJob } from '../../../helpers/mediaAssets';
import { ffmpeg, rgbPixels } from '../../../helpers/probeImage';
import { probeVideoFile } from '../../../helpers/probeVideoFile';
import { MediaTestBed } from '../../../helpers/MediaTestBed';
import type { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';

// make_video_from_image_uris and make_video_with_annotations_from_uris on frames generated here
// with ffmpeg (testsrc and plain black), uploaded as `<folder>/<unix ns>.<ext>` objects.

const BASE_NS = 1_700_000_000_000_000_000n;
const BASE_ISO = '2023-11-14T22:13:20';
const STEP_NS = 100_000_000n; // 10 frames per second

let bed: MediaTestBed;
let py: PythonStyleAssets;
let bucket: string;
let organizationId: string;

/** Generates `count` frames with ffmpeg and uploads them as `<folder>/<ns>.<ext>`, one every `step` ns. */
async function uploadFrames(folder: string, count: number, source: string, ext: 'png' | 'jpg', step = STEP_NS, first = BASE_NS): Promise<string[]> {
  const dir = mkdtempSync(join(bed.scratch, 'frames-'));
  ffmpeg(['-f', 'lavfi', '-i', source, '-frames:v', String(count), join(dir, `%03d.${ext}`)]);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const file = join(dir, `${String(i + 1).padStart(3, '0')}.${ext}`);
    await py.putFile('images', `${folder}/${first + BigInt(i) * step}.${ext}`, readFileSync(file));
    files.push(file);
  }
  return files;
}

async function probeVideo(id: string): Promise<{ doc: Record<string, unknown>; file: string; probe: Awaited<ReturnType<typeof probeVideoFile>> }> {
  const doc = (await py.meta('videos', id))!;
  const file = await bed.downloadAccess(doc, `${id}.mp4`);
  return { doc, file, probe: await probeVideoFile(file) };
}

/** The RGB triple at (x, y) of frame `n` of a video file, decoded by ffmpeg. */
function pixel(video: string, n: number, x: number, y: number, width: number): [number, number, number] {
  const png = join(bed.scratch, `pixel-${n}.png`);
  ffmpeg(['-i', video, '-vf', `select='eq(n,${n})'`, '-vsync', '0', '-frames:v', '1', png]);
  const rgb = rgbPixels(png);
  const at = (y * width + x) * 3;
  return [rgb[at]!, rgb[at + 1]!, rgb[at + 2]!];
}

beforeAll(async () => {
  bed = await MediaTestBed.start('frames-video');
  py = bed.py;
  const me = await pyRequest('GET', `${bed.engine.url}/auth`, { token: bed.engine.adminToken });
  organizationId = (me.json as { organization_id: string }).organization_id;
  const [firstFrame] = await uploadFrames('drives/cam1', 30, 'testsrc=size=320x240:rate=10', 'png');
  // Not frames of the folder: another kind of file, and a frame in a subfolder.
  await py.putFile('images', 'drives/cam1/readme.txt', Buffer.from('not a frame'));
  await py.putFile('images', 'drives/cam1/older/1600000000000000000.png', readFileSync(firstFrame!));
  bucket = (await py.putFile('images', 'probe.txt', Buffer.from('x'))).uri.split('/')[2]!;
  await uploadFrames('drives/odd', 5, 'testsrc=size=101x75:rate=10', 'png');
  await uploadFrames('drives/mixed', 2, 'testsrc=size=64x48:rate=10', 'png');
  await uploadFrames('drives/mixed', 2, 'testsrc=size=64x48:rate=10', 'jpg', STEP_NS, BASE_NS + 10n * STEP_NS);
  await uploadFrames('drives/black', 10, 'color=c=black:size=160x120:rate=10', 'png');
  await putDocs(py, bed.engine.url, 'sets', [{ id: 'made_videos', name: 'made_videos', assets_type: 'videos' }]);
}, 120_000);
afterAll(async () => {
  await bed.dispose();
});

describe('make_video_from_image_uris on generated frames', () => {
  it('makes an H.264 video of the folder\'s frames in time order, timed by the frame names', async () => {
    const job = await runMediaJob(py, 'videos/make_video_from_image_uris', {
      bucket, folder: 'drives/cam1', cloud_storage: 's3', sensor: 'cam1', image_skip_factor: 1, session_uid: 'drive_1', tags: ['from_frames'], video_id: null, set_id: 'made_videos',
    });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    expect(notesOf(job)).toEqual([
      '2 object(s) in folder drives/cam1 are not frames named <unix ns>.<image extension> and were left out',
      `made video cam1_${BASE_NS} of 30 frames in drives/cam1 (1 done, 0 failed, 0 skipped)`,
    ]);
    const { doc, probe } = await probeVideo(`cam1_${BASE_NS}`);
    expect({ width: probe.width, height: probe.height, codec: probe.codec, frames: probe.frames, fps: probe.fps }).toEqual({ width: 320, height: 240, codec: 'h264', frames: 30, fps: 10 });
    expect(Math.abs(probe.duration - 3)).toBeLessThan(0.01);
    expect(doc).toMatchObject({
      start_time: `${BASE_ISO}.000000+00:00`, timestamp: `${BASE_ISO}.000000+00:00`, end_time: '2023-11-14T22:13:22.900000+00:00',
      width: 320, height: 240, fps: 10, num_frames: 30, sensor: 'cam1', session_uid: 'drive_1', tags: ['from_frames'], sets: ['made_videos'],
      num_source_frames: 30, image_skip_factor: 1, source_folder: `s3://${bucket}/${organizationId}/drives/cam1/`,
    });
  }, 60_000);

  it('keeps every n-th frame with image_skip_factor; the rate still plays them in real time', async () => {
    const job = await runMediaJob(py, 'videos/make_video_from_image_uris', {
      bucket, folder: `${organizationId}/drives/cam1/`, cloud_storage: 's3', sensor: 'cam1', image_skip_factor: 3, video_id: 'Every-Third',
    });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    const { doc, probe } = await probeVideo('every_third');
    expect([probe.frames, probe.fps]).toEqual([10, 10 / 3]);
    expect(Math.abs(probe.duration - 3)).toBeLessThan(0.01);
    expect(doc).toMatchObject({ end_time: '2023-11-14T22:13:22.700000+00:00', num_source_frames: 10, image_skip_factor: 3, fps: 3.333 });
  }, 60_000);

  it('takes an fps, pads odd-sized frames to even sides, and refuses folders of mixed formats', async () => {
    expect((await runMediaJob(py, 'videos/make_video_from_image_uris', { bucket, folder: 'drives/cam1', sensor: 'cam1', image_skip_factor: 1, video_id: 'fast', fps: 25 })).status).toBe('finished');
    const fast = await probeVideo('fast');
    expect([fast.probe.frames, fast.probe.fps]).toEqual([30, 25]);
    expect(Math.abs(fast.probe.duration - 1.2)).toBeLessThan(0.01);
    expect((await runMediaJob(py, 'videos/make_video_from_image_uris', { bucket, folder: 'drives/odd', sensor: 'cam2', image_skip_factor: 1, video_id: 'odd' })).status).toBe('finished');
    const odd = await probeVideo('odd');
    expect([odd.probe.width, odd.probe.height, odd.probe.frames]).toEqual([102, 76, 5]);
    const mixed = await runMediaJob(py, 'videos/make_video_from_image_uris', { bucket, folder: 'drives/mixed', sensor: 'cam3', image_skip_factor: 1 });
    expect(mixed.status).toBe('aborted');
    expect(notesOf(mixed)[0]).toBe(`failed video cam3_${BASE_NS}: the frames mix image formats (png, jpg); a video is made of frames of one format`);
  }, 60_000);

  it('an empty folder ends the job aborted; another storage or bucket is a 400', async () => {
    const empty = await runMediaJob(py, 'videos/make_video_from_image_uris', { bucket, folder: 'drives/none', sensor: 'cam1', image_skip_factor: 1 });
    expect(empty.status).toBe('aborted');
    expect(notesOf(empty)[0]).toBe('failed folder drives/none: it holds no frames named <unix ns>.<image extension>');
    const gs = await py.se('videos/make_video_from_image_uris', { bucket, folder: 'drives/cam1', cloud_storage: 'gs', sensor: 'cam1' });
    expect(gs.status).toBe(400);
    expect(gs.text).toMatch(/cloud_storage: this engine stores objects as s3:\/\//);
    const other = await py.se('videos/make_video_from_image_uris', { bucket: 'someone-elses', folder: 'drives/cam1', sensor: 'cam1' });
    expect(other.status).toBe(400);
    expect(other.text).toMatch(/bucket: this engine's bucket is .+, not someone-elses/);
  }, 60_000);
});

describe('make_video_with_annotations_from_uris on generated frames', () => {
  const ns = (i: number): bigint => BASE_NS + BigInt(i) * STEP_NS;
  const header = 'timestamp,image_uri,label,x_min,y_min,x_max,y_max';
  // Boxes in pixels of the 320x240 output (the 160x120 frames are scaled 2x).
  const boxRows = [
    `${ns(2)},,car,10,10,60,50`,
    `${ns(5)},,person,80,20,150,110`,
    `${ns(5)},,car,200,150,300,230`,
    `${ns(6)},,car,50,50,40,60`,
    'yesterday,,car,1,1,2,2',
    `${ns(42)},,car,1,1,20,20`,
  ];

  async function uploadCsv(name: string, lines: readonly string[]): Promise<{ uri: string }> {
    return { uri: (await py.putFile('images', `csv/${name}`, Buffer.from(`${lines.join('\r\n')}\r\n`))).uri };
  }

  it('draws each box on its frame only, coloured by label, and notes the rows it cannot use', async () => {
    const csv = await uploadCsv('boxes.csv', [header, ...boxRows]);
    const job = await runMediaJob(py, 'videos/make_video_with_annotations_from_uris', {
      csv_object_access: csv, width: 320, height: 240, image_format: 'png', sensor: 'black_cam', image_skip_factor: 1,
      session_uid: null, video_id: null, tags: ['review'], set_id: null, bucket, folder: 'drives/black', cloud_storage: 's3',
    });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    expect(notesOf(job)).toEqual([
      `skipped CSV ${csv.uri}: line 5: box needs x_min < x_max and y_min < y_max`,
      `skipped CSV ${csv.uri}: line 6: timestamp "yesterday" is neither unix nanoseconds nor an ISO-8601 time`,
      `1 box(es) of CSV ${csv.uri} fall on no frame of the video (no frame has their timestamp, or image_skip_factor left it out)`,
      `made video black_cam_${BASE_NS}_annotated of 10 frames with 3 boxes (1 done, 0 failed, 2 skipped)`,
    ]);
    const { doc, file, probe } = await probeVideo(`black_cam_${BASE_NS}_annotated`);
    expect({ width: probe.width, height: probe.height, codec: probe.codec, frames: probe.frames, fps: probe.fps }).toEqual({ width: 320, height: 240, codec: 'h264', frames: 10, fps: 10 });
    expect(doc).toMatchObject({ tags: ['review', 'annotated'], boxes_drawn: 3, annotations_csv: csv.uri, start_time: `${BASE_ISO}.000000+00:00`, end_time: '2023-11-14T22:13:20.900000+00:00' });
    const red = (p: number[]) => p[0]! > 150 && p[1]! < 90 && p[2]! < 90;
    const green = (p: number[]) => p[1]! > 150 && p[0]! < 90 && p[2]! < 90;
    const black = (p: number[]) => p.every((c) => c < 40);
    // Labels sorted: car is red, person green. Boxes are outlines: their insides stay black.
    expect(red(pixel(file, 2, 11, 30, 320))).toBe(true);
    expect(black(pixel(file, 2, 35, 30, 320))).toBe(true);
    expect(black(pixel(file, 3, 11, 30, 320))).toBe(true);
    expect(green(pixel(file, 5, 81, 60, 320))).toBe(true);
    expect(red(pixel(file, 5, 250, 229, 320))).toBe(true);
    expect(black(pixel(file, 4, 81, 60, 320))).toBe(true);
  }, 60_000);

  it('takes the frames from the CSV\'s image_uri column when no folder is named', async () => {
    const lines = [header];
    for (let i = 0; i < 10; i++) lines.push(`${ns(i)},s3://${bucket}/${organizationId}/drives/black/${ns(i)}.png,,,,,`);
    lines.push(`${ns(4)},,car,10,10,60,50`);
    lines.push(`${ns(5)},,car,10,10,60,50`);
    const csv = await uploadCsv('uris.csv', lines);
    const job = await runMediaJob(py, 'videos/make_video_with_annotations_from_uris', {
      csv_object_access: csv, width: 160, height: 120, image_format: 'png', sensor: 'black_cam', image_skip_factor: 2, video_id: 'from_uris',
    });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    // Every 2nd frame: frames 0, 2, 4, 6, 8; the box on frame 5 falls on none of them.
    expect(notesOf(job)).toContain(`1 box(es) of CSV ${csv.uri} fall on no frame of the video (no frame has their timestamp, or image_skip_factor left it out)`);
    const { doc, file, probe } = await probeVideo('from_uris');
    expect([probe.width, probe.height, probe.frames, probe.fps]).toEqual([160, 120, 5, 5]);
    expect(doc).toMatchObject({ boxes_drawn: 1, num_source_frames: 5, image_skip_factor: 2, end_time: '2023-11-14T22:13:20.800000+00:00' });
    expect(pixel(file, 2, 11, 30, 160)[0]).toBeGreaterThan(150);
    expect(pixel(file, 3, 11, 30, 160)[0]).toBeLessThan(40);
  }, 60_000);

  it('a CSV without a timestamp column or that cannot be read ends the job aborted, naming it', async () => {
    const noTime = await uploadCsv('no_time.csv', ['time,label', '1,car']);
    const job = await runMediaJob(py, 'videos/make_video_with_annotations_from_uris', { csv_object_access: noTime, width: 64, height: 64, sensor: 's', bucket, folder: 'drives/black' });
    expect(job.status).toBe('aborted');
    expect(notesOf(job).at(-1)).toBe(`CSV ${noTime.uri}: the CSV's header row has no timestamp column (it has time, label)`);
    const missing = { uri: `s3://${bucket}/${organizationId}/csv/absent.csv` };
    const gone = await runMediaJob(py, 'videos/make_video_with_annotations_from_uris', { csv_object_access: missing, width: 64, height: 64, sensor: 's' });
    expect(gone.status).toBe('aborted');
    expect(notesOf(gone).at(-1)).toBe(`CSV ${missing.uri} cannot be read: no object ${missing.uri}`);
    const bad = await py.se('videos/make_video_with_annotations_from_uris', { csv_object_access: noTime, width: 0, height: 64, sensor: 's' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/width: must be at least 1 pixel/);
  }, 60_000);
});
