import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ffprobePath } from './ffprobePath';

export interface PacketScan {
  /** Packets of the first video stream; one per frame for every codec we meet. */
  packets: number;
  /** From the first packet's pts to the end of the last packet (pts + duration), in seconds. */
  durationSeconds: number | undefined;
}

/**
 * Reads every packet header of the first video stream (demuxing only, no decoding) for files whose
 * container states no duration, such as WebM recorded by a browser. Lines are consumed as they
 * come, so memory stays flat for long recordings.
 */
export function scanVideoPackets(filePath: string, timeoutMs: number): Promise<PacketScan> {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=1', filePath];
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobePath(), args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let packets = 0;
    let first = Infinity;
    let end = -Infinity;
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      // Section names are printed (p=1) because packets with side data (WebM alpha, for one) add
      // `side_data` fields and blank lines to the output: only `packet,` lines are packets.
      if (!line.startsWith('packet,')) return;
      const [, pts, duration] = line.split(',').map(Number);
      packets++;
      if (pts === undefined || !Number.isFinite(pts)) return;
      first = Math.min(first, pts);
      end = Math.max(end, pts + (duration !== undefined && Number.isFinite(duration) ? duration : 0));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`ffprobe packet scan did not finish within ${timeoutMs} ms and was stopped`));
      else if (code !== 0) reject(new Error(`ffprobe packet scan failed: ${stderr.trim().split('\n').pop() ?? `exit code ${code}`}`));
      else resolve({ packets, durationSeconds: Number.isFinite(first) && end > first ? end - first : undefined });
    });
  });
}
