import { join } from 'node:path';
import type { AssetManagerClient } from '../AssetManagerClient';

/**
 * `download_zipfile`: the bytes of a `zipfiles` asset, or, with a file name, the zip written to
 * `<artifactsPath>/<name>.zip` (`.zip` added unless the name has it) and its path.
 */
export async function downloadZipfile(zipfiles: AssetManagerClient, zipId: string, artifactsPath: string, outputFilename?: string): Promise<string | Buffer> {
  if (outputFilename === undefined) return zipfiles.getBytes(zipId);
  const path = join(artifactsPath, outputFilename.toLowerCase().endsWith('.zip') ? outputFilename : `${outputFilename}.zip`);
  await zipfiles.downloadToFile(zipId, path);
  return path;
}
