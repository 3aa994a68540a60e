import { promisify } from 'node:util';
import { crc32, deflate } from 'node:zlib';
import type { RawFrame } from './rawImage';

const deflateAsync = promisify(deflate);
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * A PNG of a raw frame (filter None on every row, zlib at `level`), as the parts of the file. The
 * deflate runs on libuv's thread pool, so frames are compressed while the next messages are read.
 * PNG stores samples big-endian and RGB red first: 16-bit little-endian samples and blue-first
 * pixels are reordered while the rows are copied behind their filter bytes.
 */
export async function encodePng(frame: RawFrame, level: number): Promise<Uint8Array[]> {
  const { width, height, rowBytes, step, data, format } = frame;
  const raw = Buffer.allocUnsafe((rowBytes + 1) * height);
  const swapBytes = format.bitDepth === 16 && !frame.bigEndian;
  const bpp = format.channels;
  for (let y = 0; y < height; y++) {
    const out = y * (rowBytes + 1);
    raw[out] = 0;
    const row = data.subarray(y * step, y * step + rowBytes);
    if (format.blueFirst) {
      for (let i = 0; i < rowBytes; i += bpp) {
        raw[out + 1 + i] = row[i + 2] ?? 0;
        raw[out + 2 + i] = row[i + 1] ?? 0;
        raw[out + 3 + i] = row[i] ?? 0;
        if (bpp === 4) raw[out + 4 + i] = row[i + 3] ?? 0;
      }
    } else if (swapBytes) {
      for (let i = 0; i < rowBytes; i += 2) {
        raw[out + 1 + i] = row[i + 1] ?? 0;
        raw[out + 2 + i] = row[i] ?? 0;
      }
    } else {
      raw.set(row, out + 1);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = format.bitDepth;
  ihdr[9] = format.pngColorType;
  // bytes 10..12: deflate, adaptive filtering method 0, no interlace
  // One output chunk per frame: zlib's default 16 KiB chunks cost a callback and a copy each.
  const idat = await deflateAsync(raw, { level, chunkSize: Math.min(64 * 1024 * 1024, Math.max(64 * 1024, raw.byteLength + 1024)) });
  return [SIGNATURE, ...chunk('IHDR', ihdr), ...chunk('IDAT', idat), ...chunk('IEND', Buffer.alloc(0))];
}

function chunk(type: string, body: Uint8Array): Uint8Array[] {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.byteLength, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body, crc32(head.subarray(4))), 0);
  return [head, body, tail];
}
