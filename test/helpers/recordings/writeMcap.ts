import { McapWriter } from '@mcap/core';
import { compress as zstdCompress, isLoaded as zstdLoaded } from '@foxglove/wasm-zstd';
import { open } from 'node:fs/promises';
import { compressLz4Frame } from './compressLz4Frame';
import { NodeFileWritable } from './NodeFileWritable';
import type { MessageSource } from './rawMessage';

// A standalone MCAP file written with @mcap/core's McapWriter straight to a file handle: the writer
// keeps one chunk and the per-chunk message index in memory, the rest goes to disk as it comes.

export type McapCompression = 'none' | 'zstd' | 'lz4';

export interface McapChannelSpec {
  topic: string;
  /** `cdr`, `ros1` or `json`. */
  messageEncoding: string;
  /** Schema encoding `ros2msg`, `ros1msg` or `jsonschema`; schemas with the same name+encoding are shared. */
  schema: { name: string; encoding: string; data: Uint8Array };
  metadata?: Readonly<Record<string, string>>;
}

export interface McapMetadataRecord { name: string; metadata: Readonly<Record<string, string>> }

export interface WriteMcapOptions {
  compression?: McapCompression;
  /** Uncompressed chunk size; @mcap/core's default is 1 MiB. */
  chunkSize?: number;
  /** false writes messages straight into the data section (no chunks, no message indexes). */
  chunked?: boolean;
  library?: string;
}

export interface McapInput {
  /** Header profile: `ros1`, `ros2`, or '' for anything else (the MCAP spec's well-known profiles). */
  profile: string;
  channels: readonly McapChannelSpec[];
  messages: MessageSource;
  /** Metadata records, built once every message was written (e.g. rosbag2's bag summary). */
  metadata?: () => McapMetadataRecord[];
}

export interface McapSummary {
  path: string;
  fileBytes: number;
  messageCount: number;
  startTimeNs?: bigint;
  endTimeNs?: bigint;
}

async function chunkCompressor(compression: McapCompression): Promise<((data: Uint8Array) => { compression: string; compressedData: Uint8Array }) | undefined> {
  switch (compression) {
    case 'none': return undefined;
    case 'lz4': return (data) => ({ compression: 'lz4', compressedData: compressLz4Frame(data) });
    case 'zstd':
      await zstdLoaded;
      return (data) => ({ compression: 'zstd', compressedData: zstdCompress(data, 3) });
  }
}

/** Writes an indexed MCAP file from a stream of serialized messages. */
export async function writeMcap(path: string, input: McapInput, options: WriteMcapOptions = {}): Promise<McapSummary> {
  const compressChunk = await chunkCompressor(options.compression ?? 'zstd');
  const fh = await open(path, 'w');
  try {
    const writable = new NodeFileWritable(fh);
    const writer = new McapWriter({
      writable,
      useChunks: options.chunked ?? true,
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      ...(compressChunk ? { compressChunk } : {}),
    });
    await writer.start({ profile: input.profile, library: options.library ?? 'scenedock test writer' });
    const schemaIds = new Map<string, number>();
    const channelIds = new Map<string, number>();
    for (const channel of input.channels) {
      const schemaKey = `${channel.schema.encoding}\n${channel.schema.name}`;
      let schemaId = schemaIds.get(schemaKey);
      if (schemaId === undefined) {
        schemaId = await writer.registerSchema(channel.schema);
        schemaIds.set(schemaKey, schemaId);
      }
      const channelId = await writer.registerChannel({
        topic: channel.topic, messageEncoding: channel.messageEncoding, schemaId,
        metadata: new Map(Object.entries(channel.metadata ?? {})),
      });
      channelIds.set(channel.topic, channelId);
    }
    let messageCount = 0;
    let startTimeNs: bigint | undefined;
    let endTimeNs: bigint | undefined;
    const sequences = new Map<number, number>();
    for await (const message of input.messages) {
      const channelId = channelIds.get(message.topic);
      if (channelId === undefined) throw new Error(`writeMcap ${path}: message on undeclared topic ${message.topic}`);
      const sequence = (sequences.get(channelId) ?? 0) + 1;
      sequences.set(channelId, sequence);
      await writer.addMessage({
        channelId, sequence, logTime: message.logTimeNs, publishTime: message.publishTimeNs ?? message.logTimeNs, data: message.data,
      });
      messageCount++;
      if (startTimeNs === undefined || message.logTimeNs < startTimeNs) startTimeNs = message.logTimeNs;
      if (endTimeNs === undefined || message.logTimeNs > endTimeNs) endTimeNs = message.logTimeNs;
    }
    for (const record of input.metadata?.() ?? []) {
      await writer.addMetadata({ name: record.name, metadata: new Map(Object.entries(record.metadata)) });
    }
    await writer.end();
    return {
      path, fileBytes: Number(writable.position()), messageCount,
      ...(startTimeNs === undefined ? {} : { startTimeNs }), ...(endTimeNs === undefined ? {} : { endTimeNs }),
    };
  } finally {
    await fh.close();
  }
}
