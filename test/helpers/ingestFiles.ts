import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePng } from './recordings/encodePng';

/** `count` small PNG images, each with different pixels (identical files would be skipped as duplicates). */
export function writeSmallImages(dir: string, count: number, size = 16): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = new Uint8Array(size * size * 3);
    pixels.set(randomBytes(pixels.length));
    const path = join(dir, `frame_${String(i).padStart(4, '0')}.png`);
    writeFileSync(path, encodePng({ width: size, height: size, channels: 3, bitDepth: 8, pixels }));
    paths.push(path);
  }
  return paths;
}

/** A KITTI-style lidar scan (float32 x, y, z, intensity) of `bytes` bytes, random content. */
export function writeLargeScan(path: string, bytes: number): void {
  if (bytes % 16 !== 0) throw new Error('a KITTI scan is a whole number of 16-byte points');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, randomBytes(bytes));
}
