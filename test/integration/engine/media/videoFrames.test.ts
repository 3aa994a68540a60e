import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../helpers/fixturesDir';
import { addVideo, notesOf, putDocs, runMediaJob } from '../../../helpers/mediaAssets';
import { ffmpeg, probeImage, rgbPixels } from '../../../helpers/probeImage';
import { probeVideoFile } from '../../../helpers/probeVideoFile';
import { MediaTestBed } from '../../../helpers/MediaTestBed';
import type { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';

// Frames out of real videos: extract_frame_thumbnails (the key get_video_frame_thumbnail reads),
// extract_images (timed image assets) and extract_subclip_video (a new video asset).

const videoDir = ((d) => (d ? join(d, 'video') : undefined))(fixturesDir());
const present = videoDir !== undefined && existsSync(videoDir);
const START = '2026-03-01T10:00:00.000000+00:00';

let bed: MediaTestBed;
let py: PythonStyleAssets;

beforeAll(async () => {
  if (!present) return;
  bed = await MediaTestBed.start('video-frames');
  py = bed.py;
  const url = bed.engine.url;
  await addVideo(py, url, join(videoDir, 'moviepy/chaplin.mp4'), 'chaplin', { start_time: START, timestamp: START });
  await addVideo(py, url, join(videoDir, 'open-world-agents/0.5.1.mkv'), 'hevc');
  await addVideo(py, url, join(videoDir, 'moviepy/bitmap.mp4'), 'bitmap');
  await putDocs(py, url, 'sets', [
    { id: 'extracted_images', name: 'extracted_images', assets_type: 'images' },
    { id: 'clips', name: 'clips', assets_type: 'videos' },
  ]);
}, 60_000);
afterAll(async () => {
  if (present) await bed.dispose();
});

/** Frame `n` of a video file, decoded by ffmpeg itself, as a PNG. */
function referenceFrame(video: string, n: number, name: string): string {
  const out = join(bed.scratch, `${name}.png`);
  ffmpeg(['-i', video, '-vf', `select='eq(n,${n})'`, '-vsync', '0', '-frames:v', '1', out]);
  return out;
}

describe.skipIf(!present)(`frames of the fixture videos (${present ? videoDir : 'folder fixtures/real/video not found: skipped'})`, () => {
  it('extract_frame_thumbnails records thumbnails["<tag>_frame_<n>"], pixel for pixel the frame, and notes frames past the end', async () => {
    const job = await runMediaJob(py, 'videos/extract_frame_thumbnails', { ids: ['chaplin', 'hevc', 'no_such_video'], thumbnail_tags: ['tiny', 'small', 'full_size_png'], frames: [0, 120, 240, 241] });
    expect(job.status).toBe('finished');
    expect(notesOf(job)).toEqual([
      'failed video chaplin frame 241: the video has no frame 241 (it has 241 frames)',
      'failed video hevc frame 120: the video has no frame 120',
      'failed video hevc frame 240: the video has no frame 240',
      'failed video hevc frame 241: the video has no frame 241',
      'failed video no_such_video: not found in this organization',
      'extracted 4 frame(s) x 3 tag(s) from 2 videos (2 done, 5 failed, 0 skipped)',
    ]);
    const chaplin = (await py.meta('videos', 'chaplin'))!.thumbnails as Record<string, Record<string, unknown>>;
    expect(Object.keys(chaplin).sort()).toEqual(['full_size_png_frame_0', 'full_size_png_frame_120', 'full_size_png_frame_240', 'small_frame_0', 'small_frame_120', 'small_frame_240', 'tiny_frame_0', 'tiny_frame_120', 'tiny_frame_240']);
    for (const [tag, size] of [['tiny', [64, 36]], ['small', [256, 144]], ['full_size_png', [640, 360]]] as const) {
      for (const frame of [0, 120, 240]) {
        const record = chaplin[`${tag}_frame_${frame}`]!;
        const file = await bed.downloadAccess(record, `chaplin_${tag}_${frame}.png`);
        expect({ tag, frame, ...probeImage(file) }).toEqual({ tag, frame, width: size[0], height: size[1], codec: 'png' });
        expect(record).toMatchObject({ width: size[0], height: size[1], frame });
      }
    }
    const reference = referenceFrame(join(videoDir!, 'moviepy/chaplin.mp4'), 120, 'chaplin_ref_120');
    expect(rgbPixels(await bed.downloadAccess(chaplin.full_size_png_frame_120, 'f120.png')).equals(rgbPixels(reference))).toBe(true);
    expect(rgbPixels(await bed.downloadAccess(chaplin.full_size_png_frame_0, 'f0.png')).equals(rgbPixels(reference))).toBe(false);
    const hevc = (await py.meta('videos', 'hevc'))!.thumbnails as Record<string, Record<string, unknown>>;
    expect(probeImage(await bed.downloadAccess(hevc.full_size_png_frame_0, 'hevc0.png'))).toEqual({ width: 1026, height: 1018, codec: 'png' });
    expect(probeImage(await bed.downloadAccess(hevc.small_frame_0, 'hevc0s.png'))).toEqual({ width: 256, height: 254, codec: 'png' });
  }, 120_000);

  it('extract_frame_thumbnails defaults to small and full_size_png', async () => {
    const job = await runMediaJob(py, 'videos/extract_frame_thumbnails', { ids: ['bitmap'], thumbnail_tags: null, frames: [4] });
    expect(job.status).toBe('finished');
    const thumbnails = (await py.meta('videos', 'bitmap'))!.thumbnails as Record<string, unknown>;
    expect(Object.keys(thumbnails).sort()).toEqual(['full_size_png_frame_4', 'small_frame_4']);
    expect(probeImage(await bed.downloadAccess(thumbnails.small_frame_4, 'bitmap4.png'))).toEqual({ width: 1, height: 1, codec: 'png' });
  }, 60_000);

  it('extract_images makes an image every 3 s by default, timed from the video start, in the set', async () => {
    const job = await runMediaJob(py, 'videos/extract_images', { id: 'chaplin', extract_start_time: null, extract_end_time: null, fps: null, set_id: 'extracted_images' });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    const images = (await py.searchMeta('images', { filters: [{ field: 'video_id', values: ['chaplin'] }] })).sort((a, b) => Number(a.video_time_offset) - Number(b.video_time_offset));
    // 9.64 s at 1/3 fps: frames at 0, 3 and 6 s, and at 9 s when the ffmpeg at hand flushes the last interval.
    expect([3, 4]).toContain(images.length);
    for (const [k, image] of images.entries()) {
      expect(image).toMatchObject({
        id: `chaplin_${k * 3000}ms`, video_time_offset: k * 3, timestamp: `2026-03-01T10:00:0${k * 3}.000000+00:00`,
        width: 640, height: 360, format: 'jpg', sensor: 'front_cam', session_uid: 'session_1', sets: ['extracted_images'], preprocesses: [],
      });
      expect(probeImage(await bed.downloadAccess(image, `chaplin_image_${k}.jpg`))).toEqual({ width: 640, height: 360, codec: 'mjpeg' });
    }
    expect(notesOf(job).at(-1)).toBe(`extracted ${images.length} images from video chaplin at 1/3 fps (1 done, 0 failed, 0 skipped)`);
  }, 60_000);

  it('extract_images takes seconds or ISO times and an fps', async () => {
    const job = await runMediaJob(py, 'videos/extract_images', { id: 'chaplin', extract_start_time: 2, extract_end_time: '2026-03-01T10:00:04+00:00', fps: 2 });
    expect(job.status).toBe('finished');
    expect(notesOf(job).at(-1)).toBe('extracted 4 images from video chaplin at 2/1 fps (1 done, 0 failed, 0 skipped)');
    for (const ms of [2000, 2500, 3000, 3500]) {
      expect(await py.meta('images', `chaplin_${ms}ms`)).toMatchObject({ video_time_offset: ms / 1000, timestamp: `2026-03-01T10:00:0${(ms / 1000).toFixed(6)}+00:00` });
    }
    expect(await py.meta('images', 'chaplin_4000ms')).toBeUndefined();
    // Made again, an image keeps the sets it was in (chaplin_3000ms came from the run above).
    expect((await py.meta('images', 'chaplin_2500ms'))!.sets).toEqual([]);
    expect((await py.meta('images', 'chaplin_3000ms'))!.sets).toEqual(['extracted_images']);
  }, 60_000);

  it('extract_images notes an empty window and an unknown video; a missing or non-image set is refused', async () => {
    const empty = await runMediaJob(py, 'videos/extract_images', { id: 'chaplin', extract_start_time: 20 });
    expect(empty.status).toBe('aborted');
    expect(notesOf(empty)[0]).toBe('failed video chaplin (chaplin.mp4): nothing to extract between 20.000 s and 9.640 s of a 9.640 s video');
    const unknown = await runMediaJob(py, 'videos/extract_images', { id: 'nope' });
    expect(unknown.status).toBe('aborted');
    expect(notesOf(unknown)[0]).toBe('failed video nope: not found in this organization');
    expect((await py.se('videos/extract_images', { id: 'chaplin', set_id: 'no_set' })).status).toBe(404);
    const wrong = await py.se('videos/extract_images', { id: 'chaplin', set_id: 'clips' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/set_id: set clips holds videos, not images/);
  }, 60_000);

  it('extract_subclip_video makes a new video of the part asked for, timed from the source', async () => {
    const job = await runMediaJob(py, 'videos/extract_subclip_video', { id: 'chaplin', extract_start_time: 2, extract_end_time: '2026-03-01T10:00:05+00:00', subclip_id: null, set_id: 'Clips' });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    const clip = (await py.meta('videos', 'chaplin_2000_5000'))!;
    const probe = await probeVideoFile(await bed.downloadAccess(clip, 'subclip.mp4'));
    expect({ width: probe.width, height: probe.height, codec: probe.codec, frames: probe.frames, audio: probe.audioCodec }).toEqual({ width: 640, height: 360, codec: 'h264', frames: 75, audio: 'aac' });
    expect(Math.abs(probe.duration - 3)).toBeLessThan(0.05);
    expect(clip).toMatchObject({
      start_time: '2026-03-01T10:00:02.000000+00:00', timestamp: '2026-03-01T10:00:02.000000+00:00', width: 640, height: 360, fps: 25, num_frames: 75,
      sensor: 'front_cam', session_uid: 'session_1', sets: ['clips'], tags: ['subclip'], source_video_id: 'chaplin', source_time_offset: 2, format: 'mp4',
    });
    expect(clip.end_time).toBe(`2026-03-01T10:00:0${(2 + Number(clip.duration)).toFixed(6)}+00:00`);
    expect(Math.abs(Number(clip.duration) - probe.duration)).toBeLessThan(1e-3);
  }, 60_000);

  it('a subclip of a 1x1 video is 2x2 (H.264 needs even sides), under the id asked for', async () => {
    const job = await runMediaJob(py, 'videos/extract_subclip_video', { id: 'bitmap', extract_start_time: 1, extract_end_time: 3, subclip_id: 'Tiny-Clip' });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    const clip = (await py.meta('videos', 'tiny_clip'))!;
    const probe = await probeVideoFile(await bed.downloadAccess(clip, 'tiny_clip.mp4'));
    expect([probe.width, probe.height, probe.frames, probe.codec]).toEqual([2, 2, 2, 'h264']);
    expect(clip).toMatchObject({ width: 2, height: 2, start_time: '2026-03-01T10:00:01.000000+00:00' });
  }, 60_000);
});
