import type { Completeness } from '../../../../shared/ingest/bagProbeSchemas';
import { RandomAccessFile } from './RandomAccessFile';

/**
 * Opens `path` for a completeness check and always closes it. A file that cannot be opened is not
 * an error for the caller (it may be mid-rename or gone), just not complete yet.
 */
export async function withFile(path: string, check: (file: RandomAccessFile) => Promise<Completeness>): Promise<Completeness> {
  let file: RandomAccessFile;
  try {
    file = await RandomAccessFile.open(path);
  } catch (error) {
    return { complete: false, reason: `cannot open: ${error instanceof Error ? error.message : String(error)}` };
  }
  try {
    return await check(file);
  } catch (error) {
    return { complete: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await file.close();
  }
}
