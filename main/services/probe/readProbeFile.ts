import { readFile, stat } from 'node:fs/promises';
import { ProbeError } from './ProbeError';

/**
 * Reads a whole file for a parser that needs all of it (point clouds, JSON). The cap keeps one huge
 * file from taking the process down; the reason says how to tell it apart from a corrupt one.
 */
export async function readProbeFile(filePath: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new ProbeError(filePath, 'not a regular file');
    size = info.size;
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
  if (size > maxBytes) {
    throw new ProbeError(filePath, `${size} bytes is more than the ${maxBytes} bytes this probe reads into memory`);
  }
  try {
    return await readFile(filePath);
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
}
