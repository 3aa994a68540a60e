import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFfmpeg } from '../media/runFfmpeg';
import { H264_MP4_ARGS, PAD_TO_EVEN } from './encodingArgs';
import type { Frame } from './frameSources';
import type { MediaJobRun } from './MediaJobRun';
import type { Size } from './mediaPresets';
import { rateText } from './mediaTimes';
import { probeStill } from './probeStill';

const MIN_FPS = 0.01;
const MAX_FPS = 240;
/** Extensions ffmpeg's image reader treats alike, named by one of them. */
const FAMILY: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' };

export interface FramesEncoding {
  fps?: number | null | undefined;
  /** The video's size; the first frame's when undefined. Frames of another size are scaled to it. */
  size?: Size | undefined;
  /** Filters drawn over the scaled frames, given the frames that made it into the video (frame n = index n). */
  overlay?: ((frames: readonly Frame[], size: Size) => string[]) | undefined;
}

export interface EncodedFrames {
  file: string;
  frames: Frame[];
  fps: number;
}

/** The rate that plays the frames in real time: (n - 1) frames over the time from the first to the last. */
export function framesFps(frames: readonly Frame[]): number {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (!first || !last || frames.length < 2 || last.ns <= first.ns) return 1;
  const fps = (frames.length - 1) / (Number(last.ns - first.ns) / 1e9);
  return Math.min(MAX_FPS, Math.max(MIN_FPS, fps));
}

/**
 * Makes an H.264 MP4 of `frames` in their order at a constant rate. A frame that cannot be read
 * is noted and left out; frames of several image formats are refused, as ffmpeg's image sequence
 * reader decodes one format.
 */
export async function encodeFrames(run: MediaJobRun, frames: readonly Frame[], encoding: FramesEncoding, dir: string): Promise<EncodedFrames> {
  const families = [...new Set(frames.map((f) => FAMILY[f.ext] ?? f.ext))];
  if (families.length !== 1) throw new Error(`the frames mix image formats (${families.join(', ') || 'none'}); a video is made of frames of one format`);
  const family = families[0] ?? 'png';
  const kept: Frame[] = [];
  for (const frame of frames) {
    run.ctx.signal.throwIfAborted();
    try {
      await run.readInput({ object_access: { uri: frame.uri } }, join(dir, `frame_${String(kept.length + 1).padStart(6, '0')}.${family}`));
      kept.push(frame);
    } catch (error) {
      run.report.fail(`frame ${frame.ns} (${frame.uri})`, error);
    }
    run.ctx.progress(((kept.length + 1) / frames.length) * 80, 'reading frames');
  }
  if (kept.length === 0) throw new Error('no frame could be read');
  const size = encoding.size ?? await probeStill(join(dir, `frame_000001.${family}`));
  const fps = encoding.fps ?? framesFps(kept);
  const script = join(dir, 'filters.txt');
  writeFileSync(script, [`scale=${size.width}:${size.height}`, ...(encoding.overlay?.(kept, size) ?? []), PAD_TO_EVEN, 'setsar=1'].join(',\n'));
  const file = join(dir, 'video.mp4');
  run.ctx.progress(80, `encoding ${kept.length} frames`);
  await runFfmpeg(['-framerate', rateText(fps), '-i', join(dir, `frame_%06d.${family}`), '-filter_script:v', script, ...H264_MP4_ARGS, file], run.ctx.signal);
  return { file, frames: kept, fps };
}
