import type { Completeness } from '../../../../shared/ingest/bagProbeSchemas';
import { inspectMcapLayout } from './inspectMcapLayout';
import { withFile } from './withFile';

/** Whether an MCAP file is finished: leading magic, Footer and trailing magic (74 bytes read). */
export async function isMcapComplete(path: string): Promise<Completeness> {
  return withFile(path, async (file) => {
    const result = await inspectMcapLayout(file);
    return result.ok ? { complete: true } : { complete: false, reason: result.reason };
  });
}
