import type { McapProbe } from '../../../../shared/ingest/bagProbeSchemas';
import { ProbeError } from '../ProbeError';
import { inspectMcapLayout } from './inspectMcapLayout';
import { loadDecompressors } from './loadDecompressors';
import { McapTally } from './McapTally';
import type { ProbeOptions } from './ProbeOptions';
import { RandomAccessFile } from './RandomAccessFile';
import { readMcapSummary } from './readMcapSummary';
import { scanMcapStream } from './scanMcapStream';
import { probeStep, toProbeError } from './toProbeError';

/**
 * Probes an MCAP file. When it has a summary, the indexed reader reads it (and checks its CRC);
 * `depth: 'index'` stops there if the summary has a Statistics record. Otherwise, and always at
 * `depth: 'full'` (the default), every record is streamed and counted, and the Statistics record,
 * if any, is checked against what was counted (disagreements become warnings).
 */
export async function probeMcap(path: string, options: ProbeOptions = {}): Promise<McapProbe> {
  const file = await probeStep(path, 'cannot open', () => RandomAccessFile.open(path));
  try {
    const layout = await inspectMcapLayout(file);
    if (!layout.ok) throw new ProbeError(path, layout.reason);
    const { mcap: handlers } = await loadDecompressors();
    const hasSummary = layout.footer.summaryStart !== 0n;
    const summary = hasSummary ? await probeStep(path, 'reading the summary', () => readMcapSummary(file, handlers)) : undefined;
    let tally: McapTally;
    if (options.depth === 'index' && summary?.statistics) {
      tally = summary;
    } else {
      tally = new McapTally();
      await probeStep(path, 'reading the records', () => scanMcapStream(file, handlers, layout.footer, tally));
      tally.statistics ??= summary?.statistics;
      tally.compareWithStatistics();
    }
    return {
      format: 'mcap',
      path,
      fileSize: file.size,
      depth: tally === summary ? 'index' : 'full',
      profile: tally.profile,
      library: tally.library,
      hasSummary,
      channels: tally.channelProbes(),
      messageCount: tally.messageCount,
      chunkCount: tally.chunkCount,
      compressions: [...tally.compressions].sort(),
      attachmentCount: tally.attachmentCount,
      metadataCount: tally.metadataCount,
      warnings: tally.warnings,
      ...tally.range.toSpan(),
    };
  } catch (error) {
    throw toProbeError(path, error);
  } finally {
    await file.close();
  }
}
