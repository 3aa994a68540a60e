import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_METADATA_BYTES, METADATA_FILE, parseRos2Metadata, type Ros2Metadata } from '../../../../shared/formats/bags/parseRos2Metadata';

/** Reads and validates `<dir>/metadata.yaml`; throws an Error whose message is the reason. */
export async function readRos2Metadata(dir: string): Promise<Ros2Metadata> {
  const path = join(dir, METADATA_FILE);
  const { size } = await stat(path);
  if (size > MAX_METADATA_BYTES) throw new Error(`${METADATA_FILE} is ${size} bytes, too large to be rosbag2 metadata`);
  return parseRos2Metadata(await readFile(path, 'utf8'));
}
