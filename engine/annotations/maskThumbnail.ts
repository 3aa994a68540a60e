import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../media/runFfmpeg';

/** Largest side of a thumbnail per tag (the image presets' names); other tags get the `small` size. */
const MAX_SIDE: Record<string, number | undefined> = { tiny: 64, small: 256, medium: 512 };
const DEFAULT_MAX_SIDE = 256;

/** The scale filter for a tag: fit inside a square, never enlarge, and keep aspect. */
export function thumbnailFilter(tag: string): string {
  if (tag === 'full_size_png') return 'null';
  const side = MAX_SIDE[tag] ?? DEFAULT_MAX_SIDE;
  // Nearest-neighbour keeps every pixel one of the mask's own colors: blending would invent colors
  // that match no entity's mask_color.
  return `scale=w='min(${side},iw)':h='min(${side},ih)':force_original_aspect_ratio=decrease:flags=neighbor`;
}

/** A PNG thumbnail of the mask image `source`. */
export async function maskThumbnail(source: string, tag: string, workDir: string, name: string, signal?: AbortSignal): Promise<Buffer> {
  const out = join(workDir, `${name}.png`);
  await runFfmpeg(['-i', source, '-vf', thumbnailFilter(tag), '-frames:v', '1', '-update', '1', out], signal);
  return readFile(out);
}
