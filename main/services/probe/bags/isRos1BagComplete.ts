import type { Completeness } from '../../../../shared/ingest/bagProbeSchemas';
import { inspectRos1Layout } from './inspectRos1Layout';
import { withFile } from './withFile';

/**
 * Whether a ROS 1 bag is finished: reads the header and the index record headers only, so it is
 * cheap enough to call on every watcher tick.
 */
export async function isRos1BagComplete(path: string): Promise<Completeness> {
  return withFile(path, async (file) => {
    const result = await inspectRos1Layout(file);
    return result.ok ? { complete: true } : { complete: false, reason: result.reason };
  });
}
