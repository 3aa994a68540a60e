import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { videoProbeSchema, type VideoProbe } from '../../shared/ingest/probeSchemas';
import { ffmpegPath } from '../../engine/media/ffmpegPath';
import { probeVideo } from '../../main/services/probe/probeVideo';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';

const root = fixturesDir();
const videoDir = root ? join(root, 'video') : '';

interface Expected {
  codec: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  duration: number;
  audio: string | null;
  profile?: string;
  pixelFormat?: string;
}

// SOURCES.md, file by file.
const VIDEOS: Record<string, Expected> = {
  'moviepy/chaplin.mp4': { codec: 'h264', profile: 'High', width: 640, height: 360, fps: 25, frames: 241, duration: 9.64, audio: 'mp3' },
  'moviepy/big_buck_bunny_432_433.webm': { codec: 'vp8', width: 1280, height: 720, fps: 24, frames: 24, duration: 1.0, audio: 'vorbis' },
  'moviepy/transparent.webm': { codec: 'vp9', profile: 'Profile 0', pixelFormat: 'yuv420p', width: 200, height: 200, fps: 30, frames: 150, duration: 5.0, audio: 'vorbis' },
  'moviepy/no_duration.webm': { codec: 'vp9', width: 1280, height: 720, fps: 15000 / 1001, frames: 74, duration: 74 / (15000 / 1001), audio: 'opus' },
  'moviepy/bitmap.mp4': { codec: 'h264', profile: 'High 4:4:4 Predictive', pixelFormat: 'yuv444p', width: 1, height: 1, fps: 1, frames: 5, duration: 5.0, audio: null },
  'moviepy/smpte-2997.mp4': { codec: 'h264', profile: 'High', width: 1920, height: 1080, fps: 25, frames: 251, duration: 10.048, audio: 'aac' },
  // SOURCES counts 601 (packets); the AVI index and a full decode both give 600 frames: one packet is empty.
  'mimetype/avi.avi': { codec: 'mpeg4', width: 512, height: 384, fps: 25, frames: 600, duration: 24.0, audio: 'mp3' },
  'mimetype/mkv.mkv': { codec: 'mpeg4', profile: 'Simple Profile', width: 1280, height: 720, fps: 25, frames: 147, duration: 3.6, audio: 'aac' },
  'mimetype/mov.mov': { codec: 'h264', profile: 'High', width: 560, height: 320, fps: 30, frames: 166, duration: 5.599, audio: 'aac' },
  // Variable frame rate: the stream's nominal 60 fps is what avg_frame_rate says, with 18 frames in 7.46 s.
  'open-world-agents/0.5.1.mkv': { codec: 'hevc', profile: 'Main', width: 1026, height: 1018, fps: 60, frames: 18, duration: 7.46, audio: 'aac' },
};

function check(probe: VideoProbe, expected: Expected): void {
  expect(videoProbeSchema.parse(JSON.parse(JSON.stringify(probe)))).toEqual(probe);
  expect(probe).toMatchObject({ codec: expected.codec, width: expected.width, height: expected.height, rotation: 0, hasAudio: expected.audio !== null, audioCodec: expected.audio });
  if (expected.profile) expect(probe.profile).toBe(expected.profile);
  if (expected.pixelFormat) expect(probe.pixelFormat).toBe(expected.pixelFormat);
  expect(probe.fps).toBeCloseTo(expected.fps, 6);
  expect(Math.abs((probe.durationSeconds ?? NaN) - expected.duration)).toBeLessThan(0.05);
}

describe.skipIf(!root)(`probeVideo on every file under video/ (${root ? videoDir : FIXTURES_MISSING})`, () => {
  const files = root ? readdirSync(videoDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)) : [];

  it('covers exactly the files SOURCES lists', () => {
    expect(files.map((f) => relative(videoDir, f)).sort()).toEqual(Object.keys(VIDEOS).sort());
  });

  for (const [file, expected] of Object.entries(VIDEOS)) {
    it(`${file} (headers only)`, async () => {
      const probe = await probeVideo(join(videoDir, file));
      check(probe, expected);
      // The frame count is reported when the container knows it, and only then.
      if (probe.frameCount !== null) expect(probe.frameCount).toBe(expected.frames);
      expect(probe.durationSource).toBe(file.endsWith('no_duration.webm') ? 'packets' : 'container');
    });

    it(`${file} (counting frames)`, async () => {
      const probe = await probeVideo(join(videoDir, file), { countFrames: true });
      check(probe, expected);
      expect(probe.frameCount).toBe(expected.frames);
    });
  }

  it('no_duration.webm has no container duration: it is timed from its 74 packets', async () => {
    const probe = await probeVideo(join(videoDir, 'moviepy/no_duration.webm'));
    expect(probe).toMatchObject({ durationSource: 'packets', frameCount: 74, bitRate: null });
    expect(probe.durationSeconds).toBeCloseTo(4.938, 3);
  });

  it('reports the container bit rate and the GStreamer creation time of 0.5.1.mkv', async () => {
    const probe = await probeVideo(join(videoDir, 'open-world-agents/0.5.1.mkv'));
    expect(probe.container).toBe('matroska,webm');
    expect(probe.bitRate).toBeGreaterThan(0);
    expect(probe.creationTime).toMatch(/^2026-01-11T11:42:12\.\d{9}Z$/);
  });
});

describe('probeVideo on generated files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-video-'));
  const ffmpeg = (...args: string[]): void => {
    execFileSync(ffmpegPath(), ['-v', 'error', '-y', ...args]);
  };
  /**
   * What ffmpeg itself calls the clockwise rotation of a file: its display matrix, which it prints
   * counter-clockwise (every version), or the legacy `rotate` tag (ffmpeg 5 and older only).
   */
  const ffmpegRotate = (file: string): number => {
    const { stderr } = spawnSync(ffmpegPath(), ['-hide_banner', '-i', file], { encoding: 'utf8' });
    const matrix = /displaymatrix: rotation of (-?[\d.]+) degrees/.exec(stderr)?.[1];
    if (matrix !== undefined) return (((-Math.round(Number(matrix))) % 360) + 360) % 360;
    return Number(/rotate\s*:\s*(-?\d+)/.exec(stderr)?.[1] ?? 0);
  };
  /**
   * Tags a copy of `source` with a clockwise display rotation. ffmpeg 6 and newer take
   * `-display_rotation` (counter-clockwise) and ignore a `rotate` tag; ffmpeg 5 and older know only
   * the tag, which a stream copy writes into the track's display matrix.
   */
  const writeRotated = (source: string, clockwise: number, file: string): void => {
    const tail = ['-c', 'copy', '-metadata', 'creation_time=2021-08-24T21:15:15Z', file];
    const modern = spawnSync(ffmpegPath(), ['-v', 'error', '-y', '-display_rotation:v:0', String(-clockwise), '-i', source, ...tail]);
    if (modern.status !== 0) ffmpeg('-i', source, '-metadata:s:v:0', `rotate=${clockwise}`, ...tail);
  };

  beforeAll(() => {
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10', '-t', '1', '-c:v', 'mpeg4', join(dir, 'plain.mp4'));
  });

  for (const rotate of [90, 180, 270]) {
    it(`reads the display rotation of a file tagged rotate=${rotate} as ffmpeg does`, async () => {
      const file = join(dir, `rotated-${rotate}.mp4`);
      writeRotated(join(dir, 'plain.mp4'), rotate, file);
      // ffmpeg 5.1 turns the legacy tag the other way round from 4.x and 6+: the truth is what the
      // same ffmpeg reads back from the display matrix, never zero.
      const expected = ffmpegRotate(file);
      expect(expected).not.toBe(0);
      const probe = await probeVideo(file);
      expect(probe.rotation).toBe(expected);
      expect(probe.creationTime).toBe('2021-08-24T21:15:15.000000000Z');
      expect(probe).toMatchObject({ width: 64, height: 48, fps: 10, frameCount: 10, durationSeconds: 1, hasAudio: false });
    });
  }

  it('rejects an audio-only file: no video stream', async () => {
    const file = join(dir, 'tone.m4a');
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-c:a', 'aac', file);
    await expect(probeVideo(file)).rejects.toThrow(`${file}: no video stream`);
  });

  it('rejects a still image and garbage, naming the file and what ffprobe said', async () => {
    const image = join(dir, 'still.png');
    ffmpeg('-f', 'lavfi', '-i', 'color=c=blue:s=8x8', '-frames:v', '1', image);
    await expect(probeVideo(image)).rejects.toThrow(`${image}: a still image (png), not a video`);
    const garbage = join(dir, 'garbage.mp4');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    const error = await probeVideo(garbage).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).message).toMatch(/garbage\.mp4: ffprobe: .*Invalid data found when processing input/);
  });

  describe('with a misbehaving ffprobe', () => {
    const saved = process.env.SCENEDOCK_FFPROBE;
    afterEach(() => {
      if (saved === undefined) delete process.env.SCENEDOCK_FFPROBE;
      else process.env.SCENEDOCK_FFPROBE = saved;
    });
    const fakeFfprobe = (name: string, script: string): string => {
      const file = join(dir, name);
      writeFileSync(file, `#!/bin/sh\n${script}\n`);
      chmodSync(file, 0o755);
      return file;
    };

    it.skipIf(process.platform === 'win32')('stops an ffprobe that hangs, with a timeout reason', async () => {
      process.env.SCENEDOCK_FFPROBE = fakeFfprobe('hang.sh', 'exec sleep 30');
      await expect(probeVideo(join(dir, 'plain.mp4'), { timeoutMs: 300 })).rejects.toThrow(/plain\.mp4: ffprobe did not finish within 300 ms and was stopped/);
    });

    it.skipIf(process.platform === 'win32')('refuses output that is not ffprobe JSON', async () => {
      process.env.SCENEDOCK_FFPROBE = fakeFfprobe('chatty.sh', 'echo hello');
      await expect(probeVideo(join(dir, 'plain.mp4'))).rejects.toThrow(/plain\.mp4: ffprobe printed something that is not JSON: "hello/);
      process.env.SCENEDOCK_FFPROBE = fakeFfprobe('wrong.sh', "echo '{\"streams\": 3}'");
      await expect(probeVideo(join(dir, 'plain.mp4'))).rejects.toThrow(/plain\.mp4: unexpected ffprobe output/);
    });

    it('names a binary that does not exist', async () => {
      process.env.SCENEDOCK_FFPROBE = join(dir, 'no-such-ffprobe');
      await expect(probeVideo(join(dir, 'plain.mp4'))).rejects.toThrow(/plain\.mp4: ffprobe failed: .*ENOENT/);
    });
  });
});
