import type { McapTypes } from '@mcap/core';
import type { McapChannelProbe } from '../../../../shared/ingest/bagProbeSchemas';
import { NanoRange } from './NanoRange';

/** What an MCAP read (summary or stream) found; probeMcap turns it into the published result. */
export class McapTally {
  profile = '';
  library = '';
  readonly schemas = new Map<number, McapTypes.Schema>();
  readonly channels = new Map<number, McapTypes.Channel>();
  readonly counts = new Map<number, number>();
  readonly range = new NanoRange();
  chunkCount = 0;
  readonly compressions = new Set<string>();
  attachmentCount = 0;
  metadataCount = 0;
  statistics: McapTypes.Statistics | undefined;
  readonly warnings: string[] = [];

  addSchema(schema: McapTypes.Schema): void {
    // Schemas and channels repeat in the summary; ids are stable, so the last copy is as good as any.
    this.schemas.set(schema.id, schema);
  }

  addChannel(channel: McapTypes.Channel): void {
    this.channels.set(channel.id, channel);
  }

  addMessage(channelId: number, logTime: bigint): void {
    this.counts.set(channelId, (this.counts.get(channelId) ?? 0) + 1);
    this.range.add(logTime);
  }

  addChunk(compression: string): void {
    this.chunkCount += 1;
    this.compressions.add(compression === '' ? 'none' : compression);
  }

  get messageCount(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  channelProbes(): McapChannelProbe[] {
    return [...this.channels.values()]
      .map((channel) => {
        const schema = this.schemas.get(channel.schemaId);
        return {
          channelId: channel.id,
          topic: channel.topic,
          schemaName: schema?.name ?? '',
          schemaEncoding: schema?.encoding ?? '',
          messageEncoding: channel.messageEncoding,
          messageCount: this.counts.get(channel.id) ?? 0,
          hasDefinition: (schema?.data.byteLength ?? 0) > 0,
        };
      })
      .sort((a, b) => a.channelId - b.channelId);
  }

  /**
   * Statistics are written by the recorder and only informational in the MCAP spec, so when they
   * disagree with the records we counted we trust the records and say so.
   */
  compareWithStatistics(): void {
    const stats = this.statistics;
    if (!stats) return;
    if (Number(stats.messageCount) !== this.messageCount) {
      this.warnings.push(`Statistics record says ${stats.messageCount} messages, the file holds ${this.messageCount}`);
    }
    for (const [channelId, count] of stats.channelMessageCounts) {
      const found = this.counts.get(channelId) ?? 0;
      if (Number(count) !== found) this.warnings.push(`Statistics record says ${count} messages on channel ${channelId}, the file holds ${found}`);
    }
    if (this.messageCount > 0 && (stats.messageStartTime !== this.range.start || stats.messageEndTime !== this.range.end)) {
      this.warnings.push(`Statistics record gives the time range ${stats.messageStartTime}..${stats.messageEndTime} ns, the messages span ${this.range.start}..${this.range.end} ns`);
    }
    if (stats.chunkCount !== this.chunkCount) this.warnings.push(`Statistics record says ${stats.chunkCount} chunks, the file holds ${this.chunkCount}`);
    if (stats.attachmentCount !== this.attachmentCount) this.warnings.push(`Statistics record says ${stats.attachmentCount} attachments, the file holds ${this.attachmentCount}`);
    if (stats.metadataCount !== this.metadataCount) this.warnings.push(`Statistics record says ${stats.metadataCount} metadata records, the file holds ${this.metadataCount}`);
  }
}
