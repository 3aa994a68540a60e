import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../helpers/fixturesDir';
import { addVideo, notesOf, runMediaJob } from '../../../helpers/mediaAssets';
import { probeVideoFile } from '../../../helpers/probeVideoFile';
import { MediaTestBed } from '../../../helpers/MediaTestBed';
import type { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';
import { pyRequest } from '../../../helpers/pythonStyleRequest';

// compress_videos on every fixture video (SOURCES.md, section video), as add_videos calls it:
// `small` then `tiny`. Each output is downloaded and read back with ffprobe.

const videoDir = ((d) => (d ? join(d, 'video') : undefined))(fixturesDir());
const present = videoDir !== undefined && existsSync(videoDir);

interface Expected {
  file: string;
  id: string;
  small: [number, number];
  tiny: [number, number];
  /** Frames of the output: MP4 is written at a constant rate, so a variable-rate source gets repeated frames. */
  frames: number;
  /** Seconds, from SOURCES.md (no_duration.webm: 74 frames at 14.985 fps). */
  duration: number;
  fps: number;
}

// Sizes: longest side 640 (small) / 256 (tiny), aspect kept, never enlarged, sides rounded down
// to even (at least 2: the 1x1 bitmap becomes 2x2).
const VIDEOS: Expected[] = [
  { file: 'moviepy/chaplin.mp4', id: 'chaplin', small: [640, 360], tiny: [256, 144], frames: 241, duration: 9.64, fps: 25 },
  { file: 'moviepy/big_buck_bunny_432_433.webm', id: 'bunny', small: [640, 360], tiny: [256, 144], frames: 24, duration: 1.0, fps: 24 },
  { file: 'moviepy/transparent.webm', id: 'transparent', small: [200, 200], tiny: [200, 200], frames: 150, duration: 5.0, fps: 30 },
  { file: 'moviepy/no_duration.webm', id: 'no_duration', small: [640, 360], tiny: [256, 144], frames: 74, duration: 74 / 14.985, fps: 14.985 },
  { file: 'moviepy/bitmap.mp4', id: 'bitmap', small: [2, 2], tiny: [2, 2], frames: 5, duration: 5.0, fps: 1 },
  { file: 'moviepy/smpte-2997.mp4', id: 'smpte', small: [640, 360], tiny: [256, 144], frames: 251, duration: 10.048, fps: 25 },
  { file: 'mimetype/avi.avi', id: 'avi', small: [512, 384], tiny: [256, 192], frames: 601, duration: 24.0, fps: 25 },
  // mkv.mkv repeats the timestamps of 57 of its 147 frames (90 distinct times in 3.6 s): a frame
  // that shares its time with another is shown once.
  { file: 'mimetype/mkv.mkv', id: 'mkv', small: [640, 360], tiny: [256, 144], frames: 92, duration: 3.6, fps: 25 },
  { file: 'mimetype/mov.mov', id: 'mov', small: [560, 320], tiny: [256, 146], frames: 166, duration: 5.599, fps: 30 },
  // 18 frames over 7.46 s at a nominal 60 fps: played at 60 fps, each frame repeats until the next.
  { file: 'open-world-agents/0.5.1.mkv', id: 'hevc_vfr', small: [640, 634], tiny: [256, 254], frames: 447, duration: 7.46, fps: 60 },
];

let bed: MediaTestBed;
let py: PythonStyleAssets;
let other: PythonStyleAssets;

beforeAll(async () => {
  if (!present) return;
  bed = await MediaTestBed.start('compress-videos');
  py = bed.py;
  for (const v of VIDEOS) await addVideo(py, bed.engine.url, join(videoDir, v.file), v.id);
  // A video cut off after its first 60 kB: the index (moov) never arrives.
  const truncated = join(bed.scratch, 'truncated.mov');
  writeFileSync(truncated, readFileSync(join(videoDir, 'mimetype/mov.mov')).subarray(0, 60_000));
  await addVideo(py, bed.engine.url, truncated, 'truncated');
  other = await bed.otherOrganization();
  await addVideo(other, bed.engine.url, join(videoDir, 'moviepy/bitmap.mp4'), 'foreign_video');
}, 120_000);
afterAll(async () => {
  if (present) await bed.dispose();
});

describe.skipIf(!present)(`compress_videos on the fixture videos (${present ? videoDir : 'folder fixtures/real/video not found: skipped'})`, () => {
  it('makes small and tiny H.264 MP4s of every video, recorded under compressed_versions', async () => {
    const ids = VIDEOS.map((v) => v.id);
    for (const preset of ['small', 'tiny'] as const) {
      const job = await runMediaJob(py, 'videos/compress_videos/', { ids, desired_shape: null, thumbnail_tag: null, use_preset: preset });
      expect(job.status, notesOf(job).join('\n')).toBe('finished');
      expect(notesOf(job).at(-1)).toMatch(new RegExp(`${VIDEOS.length} done, 0 failed`));
    }
    for (const v of VIDEOS) {
      const doc = (await py.meta('videos', v.id))!;
      const versions = doc.compressed_versions as Record<string, Record<string, unknown>>;
      for (const preset of ['small', 'tiny'] as const) {
        const version = versions[preset]!;
        const probe = await probeVideoFile(await bed.downloadAccess(version, `${v.id}_${preset}.mp4`));
        const [width, height] = v[preset];
        expect({ id: v.id, preset, width: probe.width, height: probe.height, codec: probe.codec, pix: probe.pixFmt, audio: probe.audioCodec })
          .toEqual({ id: v.id, preset, width, height, codec: 'h264', pix: 'yuv420p', audio: undefined });
        expect(probe.frames, `${v.id} ${preset} frames`).toBe(v.frames);
        expect(Math.abs(probe.duration - v.duration), `${v.id} ${preset} duration ${probe.duration}`).toBeLessThan(0.1);
        expect(version).toMatchObject({ width, height, codec: 'h264', format: 'mp4', num_frames: v.frames });
        expect(Math.abs(Number(version.duration) - probe.duration)).toBeLessThan(1e-3);
      }
    }
  }, 300_000);

  it('fills in the sizes, duration, rate and end time the client left null (no ffmpeg on its side)', async () => {
    const chaplin = (await py.meta('videos', 'chaplin'))!;
    expect(chaplin).toMatchObject({ width: 640, height: 360, fps: 25, end_time: '2026-03-01T10:00:09.640000+00:00' });
    expect(Math.abs(Number(chaplin.duration) - 9.64)).toBeLessThan(0.01);
    const bunny = (await py.meta('videos', 'bunny'))!;
    expect(bunny).toMatchObject({ width: 1280, height: 720, fps: 24 });
  });

  it('desired_shape gives that exact size under thumbnail_tag', async () => {
    const job = await runMediaJob(py, 'videos/compress_videos', { ids: ['mov'], desired_shape: [320, 240], thumbnail_tag: 'qvga', use_preset: null });
    expect(job.status).toBe('finished');
    const version = ((await py.meta('videos', 'mov'))!.compressed_versions as Record<string, Record<string, unknown>>).qvga!;
    const probe = await probeVideoFile(await bed.downloadAccess(version, 'mov_qvga.mp4'));
    expect([probe.width, probe.height, probe.frames]).toEqual([320, 240, 166]);
  }, 120_000);

  it('notes a corrupt video, an unknown id and another organization\'s video by name, and compresses the rest', async () => {
    const job = await runMediaJob(py, 'videos/compress_videos/', { ids: ['truncated', 'no_such_video', 'foreign_video', 'bitmap'], use_preset: 'tiny' });
    expect(job.status).toBe('finished');
    const notes = notesOf(job);
    expect(notes).toContainEqual(expect.stringMatching(/^failed video truncated \(truncated\.mov\): ffprobe: truncated\.mov: Invalid data found when processing input$/));
    expect(notes).toContain('failed video no_such_video: not found in this organization');
    expect(notes).toContain('failed video foreign_video: not found in this organization');
    expect(notes.at(-1)).toMatch(/1 done, 3 failed/);
    expect((await other.meta('videos', 'foreign_video'))!.compressed_versions).toBeUndefined();
  }, 120_000);

  it('cancelling a running job stops it (aborted, cancelled) and removes its scratch folder', async () => {
    const res = await py.se('videos/compress_videos/', { ids: VIDEOS.map((v) => v.id).reverse(), desired_shape: [1280, 720], thumbnail_tag: 'hd' });
    const jobId = (res.json as { job_id: string }).job_id;
    for (let job = await py.meta('jobs', jobId); job?.status !== 'running'; job = await py.meta('jobs', jobId)) {
      expect(job?.status).toBe('queued');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await pyRequest('PUT', `${bed.engine.url}/v1/jobs/cancel/${jobId}`, { token: bed.engine.adminToken })).status).toBe(200);
    const job = await py.waitForJob(jobId);
    expect([job.status, job.stage]).toEqual(['aborted', 'cancelled']);
    const made = (await py.searchMeta('videos', { exists_filters: [{ field: 'compressed_versions.hd' }] })).length;
    expect(made).toBeLessThan(VIDEOS.length);
    // The same search finds the versions of the first run: the count above means something.
    expect(await py.searchMeta('videos', { exists_filters: [{ field: 'compressed_versions.small' }] })).toHaveLength(VIDEOS.length);
    expect(readdirSync(join(bed.engine.dataDir, 'tmp')).filter((name) => name.includes(jobId))).toEqual([]);
  }, 120_000);

  it('a job the engine stopped in the middle of runs again from the start when it comes back', async () => {
    const res = await py.se('videos/compress_videos/', { ids: ['chaplin', 'mov'], desired_shape: [960, 540], thumbnail_tag: 'qhd' });
    const jobId = (res.json as { job_id: string }).job_id;
    while ((await py.meta('jobs', jobId))?.status !== 'running') await new Promise((r) => setTimeout(r, 20));
    await bed.restart();
    const job = await py.waitForJob(jobId, 240_000);
    expect(job.status).toBe('finished');
    expect(notesOf(job)).toContain('The engine restarted while this job was running; it was queued again.');
    expect(notesOf(job).at(-1)).toMatch(/2 done, 0 failed/);
    const probe = await probeVideoFile(await bed.downloadAccess(((await py.meta('videos', 'chaplin'))!.compressed_versions as Record<string, unknown>).qhd, 'chaplin_qhd.mp4'));
    expect([probe.width, probe.height, probe.frames]).toEqual([960, 540, 241]);
  }, 300_000);

  it('leaves no scratch folder behind', () => {
    expect(readdirSync(join(bed.engine.dataDir, 'tmp')).filter((name) => name.startsWith('compress-videos-'))).toEqual([]);
  });

  it('a job whose every video fails ends aborted, with the reasons in its notes', async () => {
    const job = await runMediaJob(py, 'videos/compress_videos/', { ids: ['truncated', 'no_such_video'], use_preset: 'small' });
    expect(job.status).toBe('aborted');
    expect(notesOf(job)).toContain('failed video no_such_video: not found in this organization');
    expect(notesOf(job).at(-1)).toMatch(/^every item failed; first: video truncated/);
  }, 60_000);
});
