import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { z } from 'zod';

const probeSchema = z.object({ streams: z.array(z.object({ width: z.number(), height: z.number(), codec_name: z.string() })).min(1) });

function binary(pkg: '@ffprobe-installer/ffprobe' | '@ffmpeg-installer/ffmpeg'): string {
  return z.object({ path: z.string() }).parse(createRequire(import.meta.url)(pkg)).path;
}

/** Width, height and codec of an image file, as ffprobe reads them. */
export function probeImage(file: string): { width: number; height: number; codec: string } {
  const out = execFileSync(binary('@ffprobe-installer/ffprobe'), ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,codec_name', '-of', 'json', file]);
  const stream = probeSchema.parse(JSON.parse(out.toString('utf8'))).streams[0]!;
  return { width: stream.width, height: stream.height, codec: stream.codec_name };
}

/** Runs the packaged ffmpeg (tests make their generated fixtures with it). */
export function ffmpeg(args: readonly string[]): void {
  execFileSync(binary('@ffmpeg-installer/ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
}

/** The RGB pixels of an image file, decoded by ffmpeg. */
export function rgbPixels(file: string): Buffer {
  return execFileSync(binary('@ffmpeg-installer/ffmpeg'), ['-hide_banner', '-loglevel', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 64 * 1024 * 1024 });
}
