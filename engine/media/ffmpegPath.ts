import { resolveMediaBinary } from './resolveMediaBinary';

/** `SCENEDOCK_FFMPEG`, else `ffmpeg` on PATH, else @ffmpeg-installer/ffmpeg's binary. */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveMediaBinary('ffmpeg', env);
}
