import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ffprobePath } from '../../../engine/media/ffprobePath';

const run = promisify(execFile);
const outputSchema = z.object({
  streams: z.array(z.object({ codec_name: z.string(), width: z.number(), height: z.number(), nb_read_frames: z.string(), avg_frame_rate: z.string() })).length(1),
  format: z.object({ format_name: z.string(), duration: z.string() }),
});

export interface VideoFrames {
  codec: string;
  container: string;
  width: number;
  height: number;
  frames: number;
  fps: number;
  duration: number;
}

/** Decodes every frame of the first video stream with ffprobe (-count_frames): what a player would show. */
export async function probeVideoFrames(path: string): Promise<VideoFrames> {
  const { stdout } = await run(ffprobePath(), ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries',
    'stream=codec_name,width,height,nb_read_frames,avg_frame_rate:format=format_name,duration', '-of', 'json', path], { maxBuffer: 1 << 20 });
  const parsed = outputSchema.parse(JSON.parse(stdout));
  const stream = parsed.streams[0];
  if (!stream) throw new Error(`${path}: no video stream`);
  const [num, den] = stream.avg_frame_rate.split('/').map(Number);
  return {
    codec: stream.codec_name, container: parsed.format.format_name, width: stream.width, height: stream.height,
    frames: Number(stream.nb_read_frames), fps: (num ?? 0) / (den || 1), duration: Number(parsed.format.duration),
  };
}
