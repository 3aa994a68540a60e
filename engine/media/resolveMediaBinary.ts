import { findExecutableOnPath } from './findExecutableOnPath';
import { installedBinaryPath } from './installedBinaryPath';

const TOOLS = {
  ffprobe: { envVar: 'SCENEDOCK_FFPROBE', installer: '@ffprobe-installer/ffprobe' },
  ffmpeg: { envVar: 'SCENEDOCK_FFMPEG', installer: '@ffmpeg-installer/ffmpeg' },
} as const;

export type MediaTool = keyof typeof TOOLS;

/**
 * The binary to run for a media tool: its `SCENEDOCK_*` variable, else the system one on PATH
 * (usually newer, with the codecs the user's own tools have), else the copy an npm installer
 * package ships.
 */
export function resolveMediaBinary(tool: MediaTool, env: NodeJS.ProcessEnv = process.env): string {
  const { envVar, installer } = TOOLS[tool];
  const fromEnv = env[envVar];
  const chosen = (fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined) ?? findExecutableOnPath(tool, env) ?? installedBinaryPath(installer);
  if (!chosen) throw new Error(`no ${tool} found: set ${envVar}, install ${tool} on PATH, or install ${installer}`);
  return chosen;
}
