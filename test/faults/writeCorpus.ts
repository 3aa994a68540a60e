import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePng } from '../helpers/recordings/encodePng';
import type { FaultsProfile } from './faultsProfile';
import type { SeededRandom } from './seededRandom';

const MiB = 1024 * 1024;
const CHUNK = 4 * MiB;
/** Fault steps each bring their own batch of new files, so that every step has work to disturb. */
export const BATCHES = 4;

export interface CorpusFile {
  path: string;
  name: string;
  /** 0-based batch (step) that brings the file. */
  batch: number;
  kind: 'image' | 'lidar';
  size: number;
  /** Of the bytes on disk now (kept up to date by the change step). */
  sha256: string;
  /** Deleted by the change step: it must not be registered afterwards unless it was before. */
  deleted: boolean;
}

export interface Corpus {
  root: string;
  files: CorpusFile[];
  batchDir(batch: number): string;
}

/**
 * N files of mixed sizes with seeded random content (no two alike, so none is skipped as a
 * duplicate): PNG images of a few KiB to ~0.5 MiB, small KITTI scans, multipart-sized scans and a
 * few over 100 MiB. Content is written for real (no sparse holes) in 4 MiB chunks.
 */
export function writeCorpus(root: string, profile: FaultsProfile, random: SeededRandom): Corpus {
  const files: CorpusFile[] = [];
  const batchDir = (batch: number): string => join(root, `batch_${batch + 1}`);
  const scan = (batch: number, i: number, size: number): void => {
    const path = join(batchDir(batch), 'lidar_top', `scan_${String(i).padStart(4, '0')}.bin`);
    files.push({ path, name: `scan_${String(i).padStart(4, '0')}.bin`, batch, kind: 'lidar', size, sha256: writeRandomFile(path, size, random), deleted: false });
  };
  let scans = 0;
  // Where the big ones go: the first kill step, the engine crash, the disk-full step, the change step.
  const bigBatches = [0, 1, 3, 2];
  for (let i = 0; i < profile.hugeFiles; i++) scan(bigBatches[i % BATCHES] ?? 0, scans++, 16 * random.int(101 * MiB / 16, 140 * MiB / 16));
  for (let i = 0; i < profile.largeFiles; i++) {
    scan(bigBatches[i % BATCHES] ?? 0, scans++, 16 * random.int(profile.largeBytes[0] / 16, profile.largeBytes[1] / 16));
  }
  const rest = profile.files - profile.hugeFiles - profile.largeFiles;
  for (let i = 0; i < rest; i++) {
    const batch = i % BATCHES;
    if (i < profile.smallScans) {
      scan(batch, scans++, 16 * random.int(1024, 2 * MiB / 16));
      continue;
    }
    const path = join(batchDir(batch), 'cam_front', `frame_${String(i).padStart(5, '0')}.png`);
    const png = randomPng(random);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
    files.push({ path, name: path.slice(path.lastIndexOf('/') + 1), batch, kind: 'image', size: png.length, sha256: sha256Of(png), deleted: false });
  }
  return { root, files, batchDir };
}

/** A PNG of random RGB pixels, 16 to 400 pixels wide (random pixels do not compress). */
export function randomPng(random: SeededRandom): Buffer {
  const side = random.next() < 0.9 ? random.int(16, 96) : random.int(200, 400);
  const pixels = new Uint8Array(side * side * 3);
  random.fill(pixels);
  return Buffer.from(encodePng({ width: side, height: side, channels: 3, bitDepth: 8, pixels, level: 1 }));
}

/** Writes `size` random bytes to `path` and returns their sha256. */
export function writeRandomFile(path: string, size: number, random: SeededRandom): string {
  mkdirSync(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, size)));
    for (let done = 0; done < size;) {
      const n = Math.min(buf.length, size - done);
      const chunk = buf.subarray(0, n);
      random.fill(chunk);
      writeSync(fd, chunk);
      hash.update(chunk);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
