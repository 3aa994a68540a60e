import type { Ros2FolderStatus } from '../../../../shared/ingest/bagProbeSchemas';
import { inspectRos2Folder } from './inspectRos2Folder';

/**
 * Whether a rosbag2 folder is finished, without reading message data. The listed files come back
 * with their sizes: the caller compares two readings to decide the folder is also stable.
 */
export async function ros2BagFolderStatus(dir: string): Promise<Ros2FolderStatus> {
  return (await inspectRos2Folder(dir)).status;
}
