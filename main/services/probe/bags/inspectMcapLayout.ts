import { MCAP_MAGIC, Opcode } from '@mcap/core';
import type { RandomAccessFile } from './RandomAccessFile';

const MAGIC_LENGTH = MCAP_MAGIC.length;
const FOOTER_OPCODE: number = Opcode.FOOTER;
/** Footer record: opcode, u64 length (20), u64 summary_start, u64 summary_offset_start, u32 summary_crc. */
const FOOTER_LENGTH = 1 + 8 + 8 + 8 + 4;
/** Leading magic plus the smallest Header record (opcode, length, two empty strings). */
const MIN_HEAD = MAGIC_LENGTH + 1 + 8 + 4 + 4;

export interface McapFooter {
  /** 0 when the writer wrote no summary section. */
  summaryStart: bigint;
  summaryOffsetStart: bigint;
  summaryCrc: number;
  /** Where the Footer record starts. */
  footerOffset: number;
}

export type McapLayoutResult = { ok: true; footer: McapFooter } | { ok: false; reason: string };

/**
 * Reads the first and the last 37 bytes only. A writer puts the Footer and the trailing magic down
 * last, when it closes the file, so their presence is the signal that recording finished.
 */
export async function inspectMcapLayout(file: RandomAccessFile): Promise<McapLayoutResult> {
  if (file.size < MIN_HEAD + FOOTER_LENGTH + MAGIC_LENGTH) {
    return fail(`file is ${file.size} bytes, too small to hold an MCAP header and footer`);
  }
  const head = await file.read(0, MAGIC_LENGTH);
  if (!isMagic(head)) {
    const version = head[5] !== undefined && isMagic(head, 5) ? String.fromCharCode(head[5]) : undefined;
    return fail(version ? `unsupported MCAP version '${version}'` : 'not an MCAP file (no leading magic)');
  }
  const footerOffset = file.size - MAGIC_LENGTH - FOOTER_LENGTH;
  const tail = await file.read(footerOffset, FOOTER_LENGTH + MAGIC_LENGTH);
  if (!isMagic(tail.subarray(FOOTER_LENGTH))) {
    return fail('no trailing magic: the file is truncated or still being written');
  }
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  if (view.getUint8(0) !== FOOTER_OPCODE || view.getBigUint64(1, true) !== BigInt(FOOTER_LENGTH - 9)) {
    return fail('no Footer record before the trailing magic: the file is truncated or corrupt');
  }
  const footer: McapFooter = {
    summaryStart: view.getBigUint64(9, true),
    summaryOffsetStart: view.getBigUint64(17, true),
    summaryCrc: view.getUint32(25, true),
    footerOffset,
  };
  const end = BigInt(footerOffset);
  if (footer.summaryStart !== 0n && (footer.summaryStart < BigInt(MIN_HEAD) || footer.summaryStart >= end)) {
    return fail(`the footer's summary_start ${footer.summaryStart} lies outside the file`);
  }
  if (footer.summaryOffsetStart !== 0n && (footer.summaryOffsetStart < footer.summaryStart || footer.summaryOffsetStart >= end)) {
    return fail(`the footer's summary_offset_start ${footer.summaryOffsetStart} lies outside the summary section`);
  }
  return { ok: true, footer };
}

/** True when `bytes` starts with the MCAP magic; with `upTo`, compares only that many leading bytes. */
function isMagic(bytes: Uint8Array, upTo = MAGIC_LENGTH): boolean {
  if (bytes.byteLength < upTo) return false;
  for (let i = 0; i < upTo; i++) if (bytes[i] !== MCAP_MAGIC[i]) return false;
  return true;
}

function fail(reason: string): McapLayoutResult {
  return { ok: false, reason };
}
