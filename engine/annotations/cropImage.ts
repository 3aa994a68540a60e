import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CropBox } from './objectCropBox';
import { runFfmpeg } from './runFfmpeg';

/** Crop formats: JPEG sources give JPEG crops, everything else PNG (lossless, keeps palettes and alpha). */
export function cropFormatOf(mediaFormat: unknown): { ext: 'jpg' | 'png'; contentType: string } {
  const f = typeof mediaFormat === 'string' ? mediaFormat.toLowerCase() : '';
  return f === 'jpg' || f === 'jpeg' ? { ext: 'jpg', contentType: 'image/jpeg' } : { ext: 'png', contentType: 'image/png' };
}

/** Cuts `crop` out of the image file `source` with ffmpeg's crop filter; returns the encoded crop. */
export async function cropImage(source: string, crop: CropBox, ext: 'jpg' | 'png', workDir: string, name: string, signal?: AbortSignal): Promise<Buffer> {
  const out = join(workDir, `${name}.${ext}`);
  await runFfmpeg([
    '-i', source,
    '-vf', `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}`,
    '-frames:v', '1',
    ...(ext === 'jpg' ? ['-q:v', '2'] : []),
    '-update', '1', out,
  ], signal);
  return readFile(out);
}
