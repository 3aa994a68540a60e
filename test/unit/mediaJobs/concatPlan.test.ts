import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concatPlan, copyBlocker, type ConcatInput } from '../../../engine/mediaJobs/concatPlan';
import type { VideoFacts } from '../../../engine/mediaJobs/probeVideo';

const facts = (over: Partial<VideoFacts> = {}): VideoFacts => ({
  width: 640, height: 360, duration: 9.64, fps: 25, frames: 241, codec: 'h264', pixFmt: 'yuv420p', audioCodec: 'aac', formatName: 'mp4', ...over,
});
const input = (file: string, over: Partial<VideoFacts> = {}): ConcatInput => ({ file, facts: facts(over) });
const dir = mkdtempSync(join(tmpdir(), 'scenedock-concat-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('concatPlan', () => {
  it('copies alike H.264 videos, and says why others are re-encoded', () => {
    expect(copyBlocker([input('a'), input('b')])).toBeUndefined();
    expect(copyBlocker([input('a'), input('b', { codec: 'vp9' })])).toBe('a video is vp9, not H.264');
    expect(copyBlocker([input('a'), input('b', { width: 320 })])).toBe('the videos differ in size');
    expect(copyBlocker([input('a'), input('b', { fps: 30 })])).toBe('the videos differ in frame rate');
    expect(copyBlocker([input('a'), input('b', { audioCodec: undefined })])).toBe('the videos differ in audio');
    expect(copyBlocker([input('a', { audioCodec: 'opus' }), input('b', { audioCodec: 'opus' })])).toBe('the audio is opus, which MP4 does not carry');
  });

  it('lists the files for the concat demuxer with quotes escaped', () => {
    const plan = concatPlan([input("/tmp/it's.mp4"), input('/tmp/b.mp4')], dir, '/tmp/out.mp4');
    expect(plan.method).toBe('stream copy');
    expect(readFileSync(join(dir, 'concat.txt'), 'utf8')).toBe("file '/tmp/it'\\''s.mp4'\nfile '/tmp/b.mp4'\n");
  });

  it('re-encodes into the first video\'s even frame and rate, with audio only when every video has some', () => {
    const plan = concatPlan([input('a', { width: 641, height: 361, fps: 30000 / 1001 }), input('b', { audioCodec: undefined })], dir, 'out.mp4');
    expect(plan.method).toBe('re-encoded because the videos differ in size; audio dropped, as not every video has audio');
    const graph = plan.args[plan.args.indexOf('-filter_complex') + 1];
    expect(graph).toContain('[1:v:0]scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30000/1001');
    expect(graph).toContain('[v0][v1]concat=n=2:v=1:a=0[v]');
    expect(plan.args).not.toContain('[a]');
  });
});
