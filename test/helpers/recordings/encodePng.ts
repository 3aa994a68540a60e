import { deflateSync } from 'node:zlib';

// A minimal PNG encoder (greyscale or RGB, 8 or 16 bits, no interlace, filter None), so that
// synthetic CompressedImage messages carry real PNG files that any decoder accepts.

export interface PngInput {
  width: number;
  height: number;
  /** 1 = greyscale, 3 = RGB. */
  channels: 1 | 3;
  /** 8: one byte per sample; 16: `pixels` is a Uint16Array of samples. */
  bitDepth: 8 | 16;
  /** Row-major samples, tightly packed (width * channels per row). */
  pixels: Uint8Array | Uint16Array;
  /** zlib level; 1 keeps large synthetic drives fast. */
  level?: number;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(parts: readonly Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) crc = (CRC_TABLE[(crc ^ (part[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  out.set(data, 8);
  out.writeUInt32BE(crc32([typeBytes, data]), 8 + data.length);
  return out;
}

/** Encodes pixels as a PNG file. */
export function encodePng(input: PngInput): Buffer {
  const { width, height, channels, bitDepth, pixels } = input;
  const samplesPerRow = width * channels;
  if (pixels.length !== samplesPerRow * height) {
    throw new Error(`encodePng: expected ${samplesPerRow * height} samples for ${width}x${height}x${channels}, got ${pixels.length}`);
  }
  if ((bitDepth === 16) !== pixels instanceof Uint16Array) {
    throw new Error('encodePng: 16-bit images take a Uint16Array, 8-bit images a Uint8Array');
  }
  const bytesPerRow = samplesPerRow * (bitDepth / 8);
  const raw = Buffer.alloc((bytesPerRow + 1) * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * (bytesPerRow + 1); // raw[rowStart] stays 0: filter type None
    if (pixels instanceof Uint16Array) {
      for (let i = 0; i < samplesPerRow; i++) raw.writeUInt16BE(pixels[y * samplesPerRow + i] ?? 0, rowStart + 1 + i * 2);
    } else {
      raw.set(pixels.subarray(y * samplesPerRow, (y + 1) * samplesPerRow), rowStart + 1);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = channels === 1 ? 0 : 2;
  // bytes 10..12: compression 0 (deflate), filter method 0, interlace 0
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: input.level ?? 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
