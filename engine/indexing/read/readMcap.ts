import { crc32 } from 'node:zlib';
import { McapStreamReader, type DecompressHandlers, type McapTypes } from '@mcap/core';
import { inspectMcapLayout } from '../../../shared/formats/bags/inspectMcapLayout';
import { ros1TypeName, type MessageEncoding, type RecordingMessage, type RecordingTopic } from './RecordingTopic';
import type { StoredObjectSource } from './StoredObjectSource';

/**
 * The messages of an MCAP file (standalone, any profile, or a rosbag2 storage file), read as one
 * stream in file order through @mcap/core's stream reader: chunked or not, with or without a
 * summary, compressed with lz4 or zstd. Memory holds about one chunk.
 *
 * Chunk CRCs are checked here with zlib's native crc32 instead of the reader's own (JavaScript)
 * one, which costs more than the rest of the read: the reader's check is turned off and each
 * chunk's uncompressed bytes are hashed as they come (compressed chunks inside the decompressor).
 */
export async function* readMcap(source: StoredObjectSource, handlers: DecompressHandlers): AsyncGenerator<RecordingMessage> {
  const layout = await inspectMcapLayout(source);
  if (!layout.ok) throw new Error(`${source.name}: ${layout.reason}`);
  let expectedCrc = 0;
  let chunkAt = 0;
  const check = (bytes: Uint8Array): void => {
    if (expectedCrc !== 0 && crc32(bytes) !== expectedCrc) {
      throw new Error(`chunk at offset ${chunkAt}: its bytes do not match its CRC (the chunk is corrupt)`);
    }
  };
  const checked: DecompressHandlers = {};
  for (const [name, decompress] of Object.entries(handlers)) {
    checked[name] = (data, size) => {
      const out = decompress(data, size);
      check(out);
      return out;
    };
  }
  const reader = new McapStreamReader({ includeChunks: true, decompressHandlers: checked, validateCrcs: false });
  const schemas = new Map<number, McapTypes.Schema>();
  const topics = new Map<number, RecordingTopic>();
  let profile = '';
  let position = 0;
  try {
    for await (const piece of source.stream()) {
      reader.append(piece);
      position += piece.byteLength;
      for (let record = reader.nextRecord(); record; record = reader.nextRecord()) {
        switch (record.type) {
          case 'Header':
            profile = record.profile;
            break;
          case 'Schema':
            schemas.set(record.id, record);
            break;
          case 'Channel':
            topics.set(record.id, topicOf(source.name, record, schemas.get(record.schemaId), profile));
            break;
          case 'Chunk':
            chunkAt = position - reader.bytesRemaining();
            expectedCrc = record.uncompressedCrc;
            if (record.compression === '') check(record.records);
            break;
          case 'Message': {
            const topic = topics.get(record.channelId);
            // The stream reader refuses a message whose channel came before; this cannot miss.
            if (topic) yield { topic, logTimeNs: record.logTime, data: record.data };
            break;
          }
          case 'Footer': case 'DataEnd': case 'Statistics': case 'Metadata': case 'Attachment': case 'MessageIndex':
          case 'ChunkIndex': case 'AttachmentIndex': case 'MetadataIndex': case 'SummaryOffset': case 'Unknown':
            // The summary repeats what the data section said; attachments and metadata records are not messages.
            break;
        }
      }
    }
  } catch (error) {
    throw new Error(`${source.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!reader.done()) {
    throw new Error(`${source.name}: the last ${reader.bytesRemaining()} bytes do not parse as complete records: a record length is corrupt or the file is truncated`);
  }
}

function topicOf(file: string, channel: McapTypes.Channel, schema: McapTypes.Schema | undefined, profile: string): RecordingTopic {
  const encoding = encodingOf(channel.messageEncoding);
  const rawType = schema?.name ?? '';
  const text = schema && schema.data.byteLength > 0 ? Buffer.from(schema.data).toString('utf8') : '';
  return {
    key: `${file}#${channel.id}`,
    topic: channel.topic,
    type: ros1TypeName(rawType),
    rawType,
    encoding,
    encodingName: channel.messageEncoding || `(none, profile ${profile || 'none'})`,
    definition: schema && text !== '' ? { encoding: schema.encoding, text } : undefined,
  };
}

function encodingOf(messageEncoding: string): MessageEncoding {
  switch (messageEncoding) {
    case 'ros1': return 'ros1';
    case 'cdr': return 'cdr';
    case 'json': return 'json';
    default: return 'other';
  }
}
