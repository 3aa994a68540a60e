import { videoProbeSchema, type VideoProbe } from '../../../shared/ingest/probeSchemas';
import { runFfprobe, scanVideoPackets } from '../engine/mediaTools';
import { ProbeError } from './ProbeError';
import { videoProbeFromFfprobe } from './videoProbeFromFfprobe';

export interface ProbeVideoOptions {
  /** For the metadata call; ffprobe reads only the container headers, so this is generous. */
  timeoutMs?: number;
  /** For the packet scan of files without a duration, which reads the whole file. */
  scanTimeoutMs?: number;
  /**
   * Count packets even when the container states a duration, to learn the frame count of formats
   * whose headers never hold one (Matroska, WebM). Reads the whole file, so it is opt-in.
   */
  countFrames?: boolean;
}

/**
 * Container and first video stream facts from ffprobe. When no duration is stated, the video
 * packets are counted and timed instead (frameCount then comes from the same scan).
 */
export async function probeVideo(filePath: string, options: ProbeVideoOptions = {}): Promise<VideoProbe> {
  const { timeoutMs = 30_000, scanTimeoutMs = 300_000 } = options;
  try {
    const probe = videoProbeFromFfprobe(await runFfprobe(filePath, timeoutMs));
    if (probe.durationSeconds === null || (options.countFrames === true && probe.frameCount === null)) {
      const scan = await scanVideoPackets(filePath, scanTimeoutMs);
      if (probe.durationSeconds === null && scan.durationSeconds !== undefined) {
        probe.durationSeconds = scan.durationSeconds;
        probe.durationSource = 'packets';
      }
      probe.frameCount ??= scan.packets > 0 ? scan.packets : null;
    }
    return videoProbeSchema.parse(probe);
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
}
