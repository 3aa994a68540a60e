import { videoProbeSchema, type VideoProbe } from '../../../shared/ingest/probeSchemas';
import { runFfprobe } from '../media/runFfprobe';
import { scanVideoPackets } from '../media/scanVideoPackets';
import { ProbeError } from './ProbeError';
import { videoProbeFromFfprobe } from './videoProbeFromFfprobe';

export interface ProbeVideoOptions {
  /** For the metadata call; ffprobe reads only the container headers, so this is generous. */
  timeoutMs?: number;
  /** For the packet scan of files without a duration, which reads the whole file. */
  scanTimeoutMs?: number;
}

/** Container and first video stream facts from ffprobe; counts packets when no duration is stated. */
export async function probeVideo(filePath: string, options: ProbeVideoOptions = {}): Promise<VideoProbe> {
  const { timeoutMs = 30_000, scanTimeoutMs = 300_000 } = options;
  try {
    const probe = videoProbeFromFfprobe(await runFfprobe(filePath, timeoutMs));
    if (probe.durationSeconds === null) {
      const scan = await scanVideoPackets(filePath, scanTimeoutMs);
      if (scan.durationSeconds !== undefined) {
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
