import { crc32 } from 'node:zlib';
import { McapStreamReader, type DecompressHandlers, type TypedMcapRecord } from '@mcap/core';
import type { McapFooter } from './inspectMcapLayout';
import type { McapTally } from './McapTally';
import type { RandomAccessFile } from './RandomAccessFile';

const READ_SIZE = 1024 * 1024;
/** DataEnd record: opcode, u64 length, u32 data_section_crc. */
const DATA_END_LENGTH = 1 + 8 + 4;

/**
 * Reads every record of the file in order, 1 MiB at a time, through McapStreamReader (which
 * decompresses chunks and checks their CRCs). Works for any layout: chunked or not, with or
 * without a summary. Memory stays at about one chunk. Also checks the data section CRC, the only
 * check that covers messages written outside chunks.
 */
export async function scanMcapStream(file: RandomAccessFile, handlers: DecompressHandlers, footer: McapFooter, tally: McapTally): Promise<void> {
  const reader = new McapStreamReader({ includeChunks: true, decompressHandlers: handlers, validateCrcs: true });
  // DataEnd directly precedes the summary, or the footer when there is none.
  const dataEnd = (footer.summaryStart !== 0n ? Number(footer.summaryStart) : footer.footerOffset) - DATA_END_LENGTH;
  let crc = 0;
  let position = 0;
  let dataEndCrc: number | undefined;
  while (position < file.size) {
    const bytes = await file.read(position, Math.min(READ_SIZE, file.size - position));
    const crcBytes = Math.min(bytes.byteLength, dataEnd - position);
    if (crcBytes > 0) crc = crc32(bytes.subarray(0, crcBytes), crc);
    reader.append(bytes);
    position += bytes.byteLength;
    for (let record = reader.nextRecord(); record; record = reader.nextRecord()) {
      if (record.type === 'DataEnd') {
        const at = position - reader.bytesRemaining() - DATA_END_LENGTH;
        if (at !== dataEnd) throw new Error(`DataEnd record at ${at}, expected right before the ${footer.summaryStart !== 0n ? 'summary' : 'footer'} at ${dataEnd}`);
        dataEndCrc = record.dataSectionCrc;
      }
      count(record, tally);
    }
  }
  if (!reader.done()) throw new Error(`the last ${reader.bytesRemaining()} bytes do not parse as complete records: a record length is corrupt or the file is truncated`);
  if (dataEndCrc === undefined) throw new Error('no DataEnd record');
  if (dataEndCrc !== 0 && dataEndCrc !== crc) {
    throw new Error(`data section CRC is ${crc}, the DataEnd record says ${dataEndCrc}: the data section is corrupt`);
  }
}

function count(record: TypedMcapRecord, tally: McapTally): void {
  switch (record.type) {
    case 'Header':
      tally.profile = record.profile;
      tally.library = record.library;
      break;
    case 'Schema':
      tally.addSchema(record);
      break;
    case 'Channel':
      tally.addChannel(record);
      break;
    case 'Message':
      tally.addMessage(record.channelId, record.logTime);
      break;
    case 'Chunk':
      tally.addChunk(record.compression);
      break;
    case 'Attachment':
      tally.attachmentCount += 1;
      break;
    case 'Metadata':
      tally.metadataCount += 1;
      break;
    case 'Statistics':
      tally.statistics = record;
      break;
    case 'Footer':
    case 'DataEnd':
    case 'MessageIndex':
    case 'ChunkIndex':
    case 'AttachmentIndex':
    case 'MetadataIndex':
    case 'SummaryOffset':
    case 'Unknown':
      // Indexes and offsets describe records counted above; unknown opcodes are for future writers.
      break;
  }
}
