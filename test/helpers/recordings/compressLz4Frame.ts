import { xxh32 } from './xxh32';

// LZ4 frame compression (greedy, single-probe hash table, like LZ4's fast mode). The wasm-lz4
// package only decompresses, and ROS 1 bags (roslz4) and MCAP both use the standard LZ4 frame
// format, so the writers carry this small encoder. Frames are block-independent with a content
// checksum, the flags roslz4 requires.

const MAGIC = 0x184d2204;
const BLOCK_SIZE = 4 * 1024 * 1024; // block maximum size id 7
const MIN_MATCH = 4;
const LAST_LITERALS = 5;
const MF_LIMIT = 12;
const HASH_LOG = 16;
const MAX_OFFSET = 65535;

function writeLength(out: Uint8Array, pos: number, extra: number): number {
  let rest = extra;
  while (rest >= 255) {
    out[pos++] = 255;
    rest -= 255;
  }
  out[pos++] = rest;
  return pos;
}

const read32 = (src: Uint8Array, i: number): number =>
  ((src[i] ?? 0) | ((src[i + 1] ?? 0) << 8) | ((src[i + 2] ?? 0) << 16) | ((src[i + 3] ?? 0) << 24)) >>> 0;

/** Compresses one block; returns the number of bytes written to out, or 0 if it did not shrink. */
function compressBlock(src: Uint8Array, out: Uint8Array, table: Int32Array): number {
  const len = src.length;
  let pos = 0;
  let anchor = 0;
  table.fill(-1);
  const emit = (literalEnd: number, matchLength: number, offset: number): boolean => {
    const literalLength = literalEnd - anchor;
    // Worst case size of this sequence; give up (store raw) rather than overflow.
    if (pos + literalLength + literalLength / 255 + 16 + matchLength / 255 > out.length) return false;
    const tokenPos = pos++;
    let token = Math.min(literalLength, 15) << 4;
    if (literalLength >= 15) pos = writeLength(out, pos, literalLength - 15);
    out.set(src.subarray(anchor, literalEnd), pos);
    pos += literalLength;
    if (matchLength > 0) {
      out[pos++] = offset & 0xff;
      out[pos++] = offset >>> 8;
      const m = matchLength - MIN_MATCH;
      token |= Math.min(m, 15);
      if (m >= 15) pos = writeLength(out, pos, m - 15);
    }
    out[tokenPos] = token;
    return true;
  };
  let ip = 0;
  if (len > MF_LIMIT) {
    const matchStartLimit = len - MF_LIMIT;
    const matchEndLimit = len - LAST_LITERALS;
    while (ip < matchStartLimit) {
      const sequence = read32(src, ip);
      const hash = Math.imul(sequence, 2654435761) >>> (32 - HASH_LOG);
      const ref = table[hash] ?? -1;
      table[hash] = ip;
      if (ref < 0 || ip - ref > MAX_OFFSET || read32(src, ref) !== sequence) {
        ip++;
        continue;
      }
      let matchLength = MIN_MATCH;
      while (ip + matchLength < matchEndLimit && src[ref + matchLength] === src[ip + matchLength]) matchLength++;
      if (!emit(ip, matchLength, ip - ref)) return 0;
      ip += matchLength;
      anchor = ip;
    }
  }
  if (!emit(len, 0, 0)) return 0;
  return pos < len ? pos : 0;
}

let table: Int32Array | undefined;
let scratch: Uint8Array | undefined;

/** Compresses data into one LZ4 frame. */
export function compressLz4Frame(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  const header = new Uint8Array(7);
  const headerView = new DataView(header.buffer);
  headerView.setUint32(0, MAGIC, true);
  header[4] = 0b0110_0100; // version 01, block independence, content checksum
  header[5] = 0b0111_0000; // block max size 4 MiB
  header[6] = (xxh32(header.subarray(4, 6)) >>> 8) & 0xff;
  blocks.push(header);
  // Reused across calls (compression is synchronous): a large drive compresses thousands of chunks.
  table ??= new Int32Array(1 << HASH_LOG);
  scratch ??= new Uint8Array(BLOCK_SIZE + 4);
  for (let start = 0; start < data.length; start += BLOCK_SIZE) {
    const block = data.subarray(start, Math.min(start + BLOCK_SIZE, data.length));
    const compressedSize = compressBlock(block, scratch.subarray(4), table);
    const sizeView = new DataView(scratch.buffer);
    if (compressedSize > 0) {
      sizeView.setUint32(0, compressedSize, true);
      blocks.push(scratch.slice(0, 4 + compressedSize));
    } else {
      const stored = new Uint8Array(4 + block.length);
      new DataView(stored.buffer).setUint32(0, (block.length | 0x80000000) >>> 0, true);
      stored.set(block, 4);
      blocks.push(stored);
    }
  }
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(4, xxh32(data), true); // end mark (0) + content checksum
  blocks.push(trailer);
  return Buffer.concat(blocks);
}
