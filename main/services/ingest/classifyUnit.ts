import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FileKind } from '../../../shared/ingest/fileKinds';

export type Classification = { kind: FileKind } | { rejected: string };

const BY_EXTENSION: Record<string, FileKind> = {
  '.jpg': 'image', '.jpeg': 'image', '.png': 'image', '.tif': 'image', '.tiff': 'image', '.bmp': 'image', '.webp': 'image',
  '.mp4': 'video', '.mov': 'video', '.mkv': 'video', '.avi': 'video', '.webm': 'video', '.m4v': 'video',
  '.pcd': 'lidar', '.bin': 'lidar',
  '.bag': 'ros1_bag',
  '.mcap': 'mcap',
  '.csv': 'csv',
};

/**
 * The kind of a unit, from its name and, for JSON, its first character: a COCO file is an
 * object, an ego-pose file a list of frames. The probe that follows checks the content for real.
 */
export async function classifyUnit(path: string, isFolder: boolean): Promise<Classification> {
  if (isFolder) return { kind: 'ros2_bag' };
  const ext = extname(path).toLowerCase();
  const byName = BY_EXTENSION[ext];
  if (byName) return { kind: byName };
  if (ext === '.json') {
    const first = await firstNonSpace(path);
    if (first === '{') return { kind: 'coco' };
    if (first === '[') return { kind: 'ego_pose' };
    return { rejected: 'JSON file is neither COCO annotations (an object) nor an ego pose (a list of frames)' };
  }
  return { rejected: ext ? `unsupported file type "${ext}"` : 'unsupported file without an extension' };
}

async function firstNonSpace(path: string): Promise<string | undefined> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    // A UTF-8 byte order mark is allowed before the JSON text.
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return /\S/.exec(text)?.[0];
  } finally {
    await fh.close();
  }
}
