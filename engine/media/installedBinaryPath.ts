import { createRequire } from 'node:module';
import { z } from 'zod';

const installerSchema = z.object({ path: z.string().min(1) });

/**
 * The binary shipped by an `@ffprobe-installer/*` / `@ffmpeg-installer/*` package, or undefined
 * when the package or its platform build is missing. Inside a packaged Electron app the binary
 * cannot run from app.asar, so the unpacked copy is used (electron-builder `asarUnpack`).
 */
export function installedBinaryPath(packageName: string): string | undefined {
  try {
    const loaded: unknown = createRequire(import.meta.url)(packageName);
    const { path } = installerSchema.parse(loaded);
    return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  } catch {
    return undefined;
  }
}
