import { resolveMediaBinary } from './resolveMediaBinary';

/** `SCENEDOCK_FFPROBE`, else `ffprobe` on PATH, else @ffprobe-installer/ffprobe's binary. */
export function ffprobePath(env: NodeJS.ProcessEnv = process.env): string {
  return resolveMediaBinary('ffprobe', env);
}
