import { runFfprobe } from '../media/runFfprobe';
import { scanVideoPackets } from '../media/scanVideoPackets';
import type { FfprobeStream } from '../media/ffprobeOutputSchema';
import type { Size } from './mediaPresets';

const PROBE_TIMEOUT_MS = 120_000;

export interface VideoFacts extends Size {
  /** Seconds; from the container, else the stream, else a packet scan (browser WebM states none). */
  duration: number | undefined;
  /** Average frames per second. */
  fps: number | undefined;
  /** Frames of the video stream, when the container or a packet scan tells. */
  frames: number | undefined;
  codec: string;
  pixFmt: string | undefined;
  audioCodec: string | undefined;
  formatName: string | undefined;
}

function positive(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** `30000/1001` → 29.97; `0/0` (unknown) → undefined. */
export function parseRate(text: string | undefined): number | undefined {
  const [num, den] = (text ?? '').split('/').map(Number);
  if (num === undefined || !Number.isFinite(num) || num <= 0) return undefined;
  const d = den === undefined ? 1 : den;
  return Number.isFinite(d) && d > 0 ? num / d : undefined;
}

/** Degrees the player turns the picture (display matrix, or the older `rotate` tag). */
function rotationOf(stream: FfprobeStream): number {
  const fromSideData = stream.side_data_list?.find((s) => typeof s.rotation === 'number')?.rotation;
  const fromTag = Number(stream.tags?.rotate);
  return fromSideData ?? (Number.isFinite(fromTag) ? fromTag : 0);
}

/**
 * What the media jobs need to know about a video file. Width and height are as displayed: ffmpeg
 * turns rotated phone videos upright when it re-encodes them, so outputs have these sides.
 */
export async function probeVideo(file: string): Promise<VideoFacts> {
  const probe = await runFfprobe(file, PROBE_TIMEOUT_MS);
  const video = probe.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video?.width || !video.height) throw new Error('no video stream with a picture size: not a video ffprobe can read');
  const quarterTurn = Math.abs(rotationOf(video)) % 180 === 90;
  let duration = positive(probe.format.duration) ?? positive(video.duration);
  let frames = positive(video.nb_frames);
  if (duration === undefined) {
    const scan = await scanVideoPackets(file, PROBE_TIMEOUT_MS);
    duration = scan.durationSeconds;
    frames = scan.packets;
  }
  const rFrameRate = (video as { r_frame_rate?: unknown }).r_frame_rate;
  return {
    width: quarterTurn ? video.height : video.width,
    height: quarterTurn ? video.width : video.height,
    duration,
    fps: parseRate(video.avg_frame_rate) ?? parseRate(typeof rFrameRate === 'string' ? rFrameRate : undefined),
    frames,
    codec: video.codec_name ?? 'unknown',
    pixFmt: video.pix_fmt,
    audioCodec: probe.streams.find((s) => s.codec_type === 'audio')?.codec_name,
    formatName: probe.format.format_name,
  };
}
