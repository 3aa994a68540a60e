import { McapIndexedReader, type DecompressHandlers } from '@mcap/core';
import { McapTally } from './McapTally';
import type { RandomAccessFile } from './RandomAccessFile';

/**
 * Reads the summary section through @mcap/core's indexed reader (which checks the summary CRC).
 * With a Statistics record the tally is complete without touching the data section; without one
 * it holds schemas, channels and chunk indexes, and `statistics` stays undefined.
 */
export async function readMcapSummary(file: RandomAccessFile, handlers: DecompressHandlers): Promise<McapTally> {
  const reader = await McapIndexedReader.Initialize({ readable: file.asMcapReadable(), decompressHandlers: handlers });
  const tally = new McapTally();
  tally.profile = reader.header.profile;
  tally.library = reader.header.library;
  for (const schema of reader.schemasById.values()) tally.addSchema(schema);
  for (const channel of reader.channelsById.values()) tally.addChannel(channel);
  for (const chunk of reader.chunkIndexes) tally.addChunk(chunk.compression);
  tally.attachmentCount = reader.attachmentIndexes.length;
  tally.metadataCount = reader.metadataIndexes.length;
  const stats = reader.statistics;
  if (stats) {
    tally.statistics = stats;
    for (const [channelId, count] of stats.channelMessageCounts) tally.counts.set(channelId, Number(count));
    if (stats.messageCount > 0n) {
      tally.range.add(stats.messageStartTime);
      tally.range.add(stats.messageEndTime);
    }
    // Chunk indexes are optional in the summary; the statistics count every chunk.
    tally.chunkCount = stats.chunkCount;
    tally.attachmentCount = stats.attachmentCount;
    tally.metadataCount = stats.metadataCount;
  }
  return tally;
}
