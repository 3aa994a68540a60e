import { runFfprobe } from '../media/runFfprobe';
import type { Size } from './mediaPresets';

const PROBE_TIMEOUT_MS = 60_000;

export interface StillFacts extends Size {
  /** ffprobe's codec name: `mjpeg`, `png`, `tiff`, ... */
  codec: string;
}

/** Size and codec of an image file (or of the first picture of anything ffmpeg reads). */
export async function probeStill(file: string): Promise<StillFacts> {
  const probe = await runFfprobe(file, PROBE_TIMEOUT_MS);
  const picture = probe.streams.find((s) => s.codec_type === 'video');
  if (!picture?.width || !picture.height) throw new Error('no picture ffprobe can read: not an image');
  return { width: picture.width, height: picture.height, codec: picture.codec_name ?? 'unknown' };
}
