import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AAC_ARGS, H264_MP4_ARGS } from './encodingArgs';
import { evenSize } from './mediaPresets';
import { rateText } from './mediaTimes';
import type { VideoFacts } from './probeVideo';

/** Audio an MP4 can carry as it is, so that a stream copy stays playable. */
const MP4_AUDIO = ['aac', 'mp3'];
const DEFAULT_FPS = 25;

export interface ConcatInput {
  file: string;
  facts: VideoFacts;
}

export interface ConcatPlan {
  /** `stream copy`, or why the inputs are re-encoded. */
  method: string;
  args: string[];
}

/** Why the inputs cannot be joined by a stream copy; undefined when they can. */
export function copyBlocker(inputs: readonly ConcatInput[]): string | undefined {
  const [first] = inputs;
  if (!first) return 'there are no inputs';
  for (const { facts } of inputs) {
    if (facts.codec !== 'h264') return `a video is ${facts.codec}, not H.264`;
    if (facts.width !== first.facts.width || facts.height !== first.facts.height) return 'the videos differ in size';
    if (facts.pixFmt !== first.facts.pixFmt) return 'the videos differ in pixel format';
    if (Math.abs((facts.fps ?? 0) - (first.facts.fps ?? 0)) > 1e-3) return 'the videos differ in frame rate';
    if (facts.audioCodec !== first.facts.audioCodec) return 'the videos differ in audio';
    if (facts.audioCodec !== undefined && !MP4_AUDIO.includes(facts.audioCodec)) return `the audio is ${facts.audioCodec}, which MP4 does not carry`;
  }
  return undefined;
}

/** ffmpeg's concat list: one quoted path per line (a quote in a path is closed, escaped, reopened). */
function concatList(inputs: readonly ConcatInput[]): string {
  return inputs.map((i) => `file '${i.file.replace(/'/g, "'\\''")}'\n`).join('');
}

/**
 * How to join videos in order into one MP4. Alike H.264 videos are joined by a stream copy (no
 * quality loss, fast). Otherwise each is scaled into the first one's frame (letterboxed), brought
 * to its rate and re-encoded; audio is kept only when every input has some.
 */
export function concatPlan(inputs: readonly ConcatInput[], workDir: string, out: string): ConcatPlan {
  const blocker = copyBlocker(inputs);
  if (blocker === undefined) {
    const list = join(workDir, 'concat.txt');
    writeFileSync(list, concatList(inputs));
    return { method: 'stream copy', args: ['-f', 'concat', '-safe', '0', '-i', list, '-map', '0:v:0', '-map', '0:a:0?', '-c', 'copy', '-movflags', '+faststart', out] };
  }
  const first = inputs[0]!.facts;
  const { width: w, height: h } = evenSize(first);
  const rate = rateText(first.fps ?? DEFAULT_FPS);
  const audio = inputs.every((i) => i.facts.audioCodec !== undefined);
  const chains = inputs.flatMap((_, i) => [
    `[${i}:v:0]scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=${rate},format=yuv420p[v${i}]`,
    ...(audio ? [`[${i}:a:0]aformat=sample_rates=48000:channel_layouts=stereo[a${i}]`] : []),
  ]);
  const pads = inputs.map((_, i) => `[v${i}]${audio ? `[a${i}]` : ''}`).join('');
  const graph = [...chains, `${pads}concat=n=${inputs.length}:v=1:a=${audio ? 1 : 0}[v]${audio ? '[a]' : ''}`].join(';');
  return {
    method: `re-encoded because ${blocker}${!audio && inputs.some((i) => i.facts.audioCodec !== undefined) ? '; audio dropped, as not every video has audio' : ''}`,
    args: [...inputs.flatMap((i) => ['-i', i.file]), '-filter_complex', graph, '-map', '[v]', ...(audio ? ['-map', '[a]', ...AAC_ARGS] : []), ...H264_MP4_ARGS, out],
  };
}
