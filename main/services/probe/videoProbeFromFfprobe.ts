import { canonicalTimestamp } from '../../../shared/time/isoTimestamp';
import type { VideoProbe } from '../../../shared/ingest/probeSchemas';
import type { FfprobeOutput, FfprobeStream } from '../engine/mediaTools';

/**
 * Maps ffprobe's report to our probe. Throws when there is no video stream. The duration is left
 * null when neither the container nor the stream states one; the caller then counts packets.
 */
export function videoProbeFromFfprobe(output: FfprobeOutput): VideoProbe {
  // Cover art in MP4/MKV is a video stream too (one still picture), flagged attached_pic.
  const video = output.streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1);
  if (!video) throw new Error('no video stream');
  // ffprobe opens still images (and PhotoCD, whose extension .pcd lidar files share) through its
  // image demuxers; those are not videos.
  const container = output.format.format_name ?? 'unknown';
  if (container === 'image2' || container.endsWith('_pipe')) throw new Error(`a still image (${video.codec_name ?? container}), not a video`);
  if (!video.width || !video.height) throw new Error(`the ${video.codec_name ?? 'video'} stream has no frame size`);
  const audio = output.streams.find((s) => s.codec_type === 'audio');
  return {
    kind: 'video',
    container,
    codec: video.codec_name ?? 'unknown',
    profile: video.profile ?? null,
    pixelFormat: video.pix_fmt ?? null,
    width: video.width,
    height: video.height,
    rotation: rotationOf(video),
    ...durationOf(output, video),
    fps: rate(video.avg_frame_rate),
    frameCount: positiveInteger(video.nb_frames),
    bitRate: positive(output.format.bit_rate) ?? positive(video.bit_rate),
    creationTime: creationTimeOf(output, video),
    hasAudio: audio !== undefined,
    audioCodec: audio?.codec_name ?? null,
  };
}

function durationOf(output: FfprobeOutput, video: FfprobeStream): Pick<VideoProbe, 'durationSeconds' | 'durationSource'> {
  const container = positive(output.format.duration);
  if (container !== null) return { durationSeconds: container, durationSource: 'container' };
  // Matroska keeps per-track durations in a DURATION tag (`00:00:05.000000000`) instead.
  const stream = positive(video.duration) ?? matroskaDuration(tagOf(video, 'DURATION'));
  if (stream !== null) return { durationSeconds: stream, durationSource: 'stream' };
  return { durationSeconds: null, durationSource: null };
}

/**
 * Clockwise degrees to turn frames for display. ffprobe's display-matrix `rotation` is counter-
 * clockwise (av_display_rotation_get), while the legacy `rotate` tag is clockwise.
 */
function rotationOf(video: FfprobeStream): number {
  const matrix = video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  if (matrix !== undefined) return normalizeDegrees(-matrix);
  const tag = Number(tagOf(video, 'rotate'));
  return Number.isFinite(tag) ? normalizeDegrees(tag) : 0;
}

function normalizeDegrees(degrees: number): number {
  return (((Math.round(degrees) % 360) + 360) % 360);
}

function creationTimeOf(output: FfprobeOutput, video: FfprobeStream): string | null {
  const raw = tagOf(output.format, 'creation_time') ?? tagOf(video, 'creation_time');
  return raw === undefined ? null : canonicalTimestamp(raw) ?? null;
}

function tagOf(holder: { tags?: Record<string, unknown> | undefined }, name: string): string | undefined {
  const tags = holder.tags ?? {};
  const key = Object.keys(tags).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : tags[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** `15000/1001` → 14.985…; `0/0` (unknown) → null. */
function rate(text: string | undefined): number | null {
  const m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text ?? '');
  if (!m) return positive(text);
  const value = Number(m[1]) / Number(m[2]);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function matroskaDuration(text: string | undefined): number | null {
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text ?? '');
  return m ? positive(String(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]))) : null;
}

function positive(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) && value > 0 ? value : null;
}

function positiveInteger(text: string | undefined): number | null {
  const value = positive(text);
  return value !== null && Number.isInteger(value) ? value : null;
}
