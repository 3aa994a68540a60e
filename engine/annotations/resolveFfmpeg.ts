import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { z } from 'zod';

const installerSchema = z.object({ path: z.string().min(1) });

let cached: string | undefined;

/**
 * The ffmpeg binary: `ffmpeg` on PATH (a system build, usually more complete), else the one the
 * `@ffmpeg-installer/ffmpeg` package ships. Throws when neither exists.
 */
export function resolveFfmpeg(): string {
  if (cached) return cached;
  const names = process.platform === 'win32' ? ['ffmpeg.exe'] : ['ffmpeg'];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return (cached = candidate);
    }
  }
  try {
    const installed = installerSchema.parse(createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg')).path;
    if (isExecutable(installed)) return (cached = installed);
  } catch {
    // Fall through to the error below: the package is optional per platform.
  }
  throw new Error('ffmpeg not found: install it on PATH or add the @ffmpeg-installer/ffmpeg package');
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
