import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { z } from 'zod';
import { fixturesDir } from '../fixturesDir';

// Real JPEG files for CompressedImage "jpeg" frames: no JPEG encoder is installed, and a real
// camera-written file exercises decoders better than a hand-made one. Read from the shared fixtures
// at run time; callers skip jpeg cases when the folder is absent.

export const FIXTURE_JPEGS = [
  'images/exifr/noexif.jpg',
  'images/exifr/img_1771.jpg',
  'images/exifr/orientation/f6t.jpg',
] as const;

export interface FixtureJpeg { path: string; bytes: Uint8Array; width: number; height: number }

const sizeSchema = z.object({ width: z.number().int().positive(), height: z.number().int().positive(), type: z.literal('jpg') });

/** The fixture JPEGs with their dimensions, or undefined when the fixtures folder is missing. */
export async function loadFixtureJpegs(): Promise<FixtureJpeg[] | undefined> {
  const root = fixturesDir();
  if (root === undefined) return undefined;
  const jpegs: FixtureJpeg[] = [];
  for (const relative of FIXTURE_JPEGS) {
    const path = join(root, relative);
    const bytes = await readFile(path);
    const parsed = sizeSchema.safeParse(imageSize(bytes));
    if (!parsed.success) throw new Error(`${path}: not a JPEG with dimensions (${parsed.error.message})`);
    jpegs.push({ path, bytes, width: parsed.data.width, height: parsed.data.height });
  }
  return jpegs;
}
