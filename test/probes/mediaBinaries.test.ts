import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../engine/media/ffmpegPath';
import { ffprobePath } from '../../engine/media/ffprobePath';

describe('ffprobePath / ffmpegPath', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-bin-'));

  it('prefer the SCENEDOCK_* variable', () => {
    expect(ffprobePath({ SCENEDOCK_FFPROBE: '/opt/ffprobe', PATH: '' })).toBe('/opt/ffprobe');
    expect(ffmpegPath({ SCENEDOCK_FFMPEG: '/opt/ffmpeg', PATH: '' })).toBe('/opt/ffmpeg');
  });

  it.skipIf(process.platform === 'win32')('then an executable on PATH, skipping non-executable files', () => {
    const notExecutable = join(dir, 'a');
    const executable = join(dir, 'b');
    mkdirSync(notExecutable);
    mkdirSync(executable);
    writeFileSync(join(notExecutable, 'ffprobe'), '');
    chmodSync(join(notExecutable, 'ffprobe'), 0o644);
    for (const tool of ['ffprobe', 'ffmpeg']) {
      writeFileSync(join(executable, tool), '#!/bin/sh\n');
      chmodSync(join(executable, tool), 0o755);
    }
    const env = { PATH: `${notExecutable}:${executable}` };
    expect(ffprobePath(env)).toBe(join(executable, 'ffprobe'));
    expect(ffmpegPath(env)).toBe(join(executable, 'ffmpeg'));
  });

  it('then the binary of the npm installer package', () => {
    const probe = ffprobePath({ PATH: '' });
    const mpeg = ffmpegPath({ PATH: '' });
    expect(probe).toMatch(/@ffprobe-installer[\\/].+ffprobe(\.exe)?$/);
    expect(mpeg).toMatch(/@ffmpeg-installer[\\/].+ffmpeg(\.exe)?$/);
    expect(existsSync(probe) && existsSync(mpeg)).toBe(true);
  });
});
