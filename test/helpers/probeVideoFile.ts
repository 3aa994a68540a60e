import { runFfprobe } from '../../engine/media/runFfprobe';
import { scanVideoPackets } from '../../engine/media/scanVideoPackets';

export interface VideoFileProbe {
  width: number;
  height: number;
  codec: string;
  pixFmt: string | undefined;
  /** Seconds, from the container. */
  duration: number;
  /** Packets of the video stream (one per frame), counted by reading them all. */
  frames: number;
  /** Average frame rate. */
  fps: number;
  audioCodec: string | undefined;
}

/** What ffprobe reads in a video file the engine made: the checks of the media job tests. */
export async function probeVideoFile(file: string): Promise<VideoFileProbe> {
  const probe = await runFfprobe(file, 60_000);
  const video = probe.streams.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) throw new Error(`${file} has no video stream`);
  const [num, den] = (video.avg_frame_rate ?? '0/1').split('/').map(Number);
  const scan = await scanVideoPackets(file, 60_000);
  return {
    width: video.width,
    height: video.height,
    codec: video.codec_name ?? 'unknown',
    pixFmt: video.pix_fmt,
    duration: Number(probe.format.duration),
    frames: scan.packets,
    fps: (num ?? 0) / (den || 1),
    audioCodec: probe.streams.find((s) => s.codec_type === 'audio')?.codec_name,
  };
}
