import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../helpers/fixturesDir';
import { addVideo, notesOf, runMediaJob } from '../../../helpers/mediaAssets';
import { probeVideoFile } from '../../../helpers/probeVideoFile';
import { MediaTestBed } from '../../../helpers/MediaTestBed';
import type { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';

// concatenate_videos on fixture videos (SOURCES.md): alike H.264 videos joined by a stream copy,
// different ones re-encoded into the first one's frame; the output is read back with ffprobe.

const videoDir = ((d) => (d ? join(d, 'video') : undefined))(fixturesDir());
const present = videoDir !== undefined && existsSync(videoDir);

let bed: MediaTestBed;
let py: PythonStyleAssets;

beforeAll(async () => {
  if (!present) return;
  bed = await MediaTestBed.start('concat');
  py = bed.py;
  const url = bed.engine.url;
  await addVideo(py, url, join(videoDir, 'moviepy/chaplin.mp4'), 'chaplin', { sensor: 'cam_a', session_uid: 'drive_7' });
  await addVideo(py, url, join(videoDir, 'mimetype/mov.mov'), 'mov');
  await addVideo(py, url, join(videoDir, 'moviepy/transparent.webm'), 'transparent');
  await addVideo(py, url, join(videoDir, 'moviepy/bitmap.mp4'), 'bitmap');
}, 60_000);
afterAll(async () => {
  if (present) await bed.dispose();
});

async function probeOutput(id: string): Promise<{ doc: Record<string, unknown>; probe: Awaited<ReturnType<typeof probeVideoFile>> }> {
  const doc = (await py.meta('videos', id))!;
  return { doc, probe: await probeVideoFile(await bed.downloadAccess(doc, `${id}.mp4`)) };
}

describe.skipIf(!present)(`concatenate_videos on the fixture videos (${present ? videoDir : 'folder fixtures/real/video not found: skipped'})`, () => {
  it('joins alike H.264 videos by a stream copy, audio included, with the metadata given', async () => {
    const job = await runMediaJob(py, 'videos/concatenate_videos/', {
      ids: ['chaplin', 'chaplin'], output_video_id: 'Chaplin-Twice',
      video_metadata: { timestamp: '2026-05-01T08:00:00+00:00', sensor: 'stitched', tags: ['demo'], sets: ['videos_set'], aux: { source: 'test' } },
      job_id: null,
    });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    expect(notesOf(job).at(-1)).toBe('joined 2 videos into chaplin_twice (stream copy) (2 done, 0 failed, 0 skipped)');
    const { doc, probe } = await probeOutput('chaplin_twice');
    expect({ width: probe.width, height: probe.height, codec: probe.codec, frames: probe.frames, audio: probe.audioCodec }).toEqual({ width: 640, height: 360, codec: 'h264', frames: 482, audio: 'mp3' });
    expect(Math.abs(probe.duration - 19.28)).toBeLessThan(0.1);
    expect(doc).toMatchObject({
      width: 640, height: 360, fps: 25, num_frames: 482, sensor: 'stitched', session_uid: 'drive_7', tags: ['demo', 'concatenated'], sets: ['videos_set'],
      aux: { source: 'test' }, start_time: '2026-05-01T08:00:00.000000+00:00', timestamp: '2026-05-01T08:00:00.000000+00:00', source_video_ids: ['chaplin', 'chaplin'],
    });
    expect(Math.abs(Number(doc.duration) - probe.duration)).toBeLessThan(1e-3);
  }, 60_000);

  it('re-encodes videos of other sizes, codecs and rates into the first one\'s frame and rate; audio only when all have it', async () => {
    const job = await runMediaJob(py, 'videos/concatenate_videos/', { ids: ['chaplin', 'mov', 'transparent'], output_video_id: 'mixed', video_metadata: {} });
    expect(job.status, notesOf(job).join('\n')).toBe('finished');
    expect(notesOf(job).at(-1)).toMatch(/^joined 3 videos into mixed \(re-encoded because the videos differ in size\)/);
    const { doc, probe } = await probeOutput('mixed');
    expect({ width: probe.width, height: probe.height, codec: probe.codec, fps: probe.fps, audio: probe.audioCodec }).toEqual({ width: 640, height: 360, codec: 'h264', fps: 25, audio: 'aac' });
    // 9.64 s + 5.60 s + 5.0 s, each brought to 25 fps.
    expect(Math.abs(probe.duration - 20.24)).toBeLessThan(0.25);
    expect(Math.abs(probe.frames - probe.duration * 25)).toBeLessThanOrEqual(2);
    // Without video_metadata, sensor, session and start time come from the first video.
    expect(doc).toMatchObject({ sensor: 'cam_a', session_uid: 'drive_7', start_time: '2026-03-01T10:00:00.000000+00:00', tags: ['concatenated'], sets: [] });

    const silent = await runMediaJob(py, 'videos/concatenate_videos/', { ids: ['bitmap', 'chaplin'], output_video_id: 'silent', video_metadata: null });
    expect(notesOf(silent).at(-1)).toMatch(/re-encoded because the videos differ in size; audio dropped, as not every video has audio/);
    const out = await probeOutput('silent');
    expect([out.probe.width, out.probe.height, out.probe.fps, out.probe.audioCodec]).toEqual([2, 2, 1, undefined]);
    expect(Math.abs(out.probe.duration - 14.64)).toBeLessThan(1.01);
  }, 180_000);

  it('leaves out missing videos (noted) and joins the others; none readable aborts the job', async () => {
    const job = await runMediaJob(py, 'videos/concatenate_videos', { ids: ['nope', 'mov', 'mov'], output_video_id: 'two_movs', video_metadata: {} });
    expect(job.status).toBe('finished');
    expect(notesOf(job)[0]).toBe('failed video nope: not found in this organization');
    expect((await probeOutput('two_movs')).probe.frames).toBe(332);
    const none = await runMediaJob(py, 'videos/concatenate_videos', { ids: ['nope'], output_video_id: 'nothing', video_metadata: {} });
    expect(none.status).toBe('aborted');
    expect(await py.meta('videos', 'nothing')).toBeUndefined();
  }, 60_000);

  it('runs under the job_id the client chose, and refuses a job_id that is taken', async () => {
    const res = await py.se('videos/concatenate_videos/', { ids: ['mov'], output_video_id: 'one_mov', video_metadata: {}, job_id: 'My-Concat-Job' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ job_id: 'my_concat_job' });
    expect((await py.waitForJob('my_concat_job')).status).toBe('finished');
    const again = await py.se('videos/concatenate_videos/', { ids: ['mov'], output_video_id: 'one_mov', video_metadata: {}, job_id: 'my_concat_job' });
    expect(again.status).toBe(409);
    // A job the client added through the job manager and has not started is taken over.
    const added = await pyRequest('POST', `${bed.engine.url}/am/v1/jobs/add`, { token: bed.engine.adminToken }, { job_type: 'video_concatenation' });
    const jobId = (added.json as { job_id: string }).job_id;
    const adopted = await py.se('videos/concatenate_videos/', { ids: ['mov'], output_video_id: 'one_mov', video_metadata: {}, job_id: jobId });
    expect(adopted.json).toEqual({ job_id: jobId });
    expect((await py.waitForJob(jobId)).status).toBe('finished');
  }, 60_000);
});
