import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CropBox } from './objectCropBox';
import { runFfmpeg } from '../media/runFfmpeg';

/** Crops cut per ffmpeg run: the image is decoded once per run, and a run's command line stays short. */
const CROPS_PER_RUN = 16;

export interface CropRequest {
  /** A file-name-safe name, unique within the call. */
  name: string;
  crop: CropBox;
}

/** Crop formats: JPEG sources give JPEG crops, everything else PNG (lossless, keeps palettes and alpha). */
export function cropFormatOf(mediaFormat: unknown): { ext: 'jpg' | 'png'; contentType: string } {
  const f = typeof mediaFormat === 'string' ? mediaFormat.toLowerCase() : '';
  return f === 'jpg' || f === 'jpeg' ? { ext: 'jpg', contentType: 'image/jpeg' } : { ext: 'png', contentType: 'image/png' };
}

/** One ffmpeg run: the source split into one crop filter per request, each written to its own file. */
async function runCrops(source: string, requests: readonly CropRequest[], ext: 'jpg' | 'png', workDir: string, signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const labels = requests.map((_, i) => `c${i}`);
  const graph = [
    `[0:v]split=${requests.length}${labels.map((l) => `[s${l}]`).join('')}`,
    ...requests.map((r, i) => `[sc${i}]crop=${r.crop.width}:${r.crop.height}:${r.crop.x}:${r.crop.y}[c${i}]`),
  ].join(';');
  const outputs = requests.flatMap((r, i) => ['-map', `[c${i}]`, '-frames:v', '1', ...(ext === 'jpg' ? ['-q:v', '2'] : []), '-update', '1', join(workDir, `${r.name}.${ext}`)]);
  await runFfmpeg(['-i', source, '-filter_complex', graph, ...outputs], signal);
  const out = new Map<string, Buffer>();
  for (const r of requests) out.set(r.name, await readFile(join(workDir, `${r.name}.${ext}`)));
  return out;
}

/**
 * Cuts every requested crop out of the image file `source` with ffmpeg's crop filter. A run that
 * fails is retried crop by crop, so that one bad crop is reported alone: each name maps to its
 * encoded crop or to the error that stopped it.
 */
export async function cropImages(source: string, requests: readonly CropRequest[], ext: 'jpg' | 'png', workDir: string, signal?: AbortSignal): Promise<Map<string, Buffer | Error>> {
  const results = new Map<string, Buffer | Error>();
  for (let i = 0; i < requests.length; i += CROPS_PER_RUN) {
    const batch = requests.slice(i, i + CROPS_PER_RUN);
    try {
      for (const [name, bytes] of await runCrops(source, batch, ext, workDir, signal)) results.set(name, bytes);
    } catch (error) {
      signal?.throwIfAborted();
      if (batch.length === 1) {
        results.set(batch[0]!.name, error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      for (const one of batch) {
        try {
          for (const [name, bytes] of await runCrops(source, [one], ext, workDir, signal)) results.set(name, bytes);
        } catch (single) {
          signal?.throwIfAborted();
          results.set(one.name, single instanceof Error ? single : new Error(String(single)));
        }
      }
    }
  }
  return results;
}
