import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 6 RGBA. */
  colorType: number;
  /** Samples row by row, unfiltered; 16-bit samples stay big-endian byte pairs as PNG stores them. */
  pixels: Uint8Array;
}

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * A PNG decoder for the tests (non-interlaced, any of the five row filters), written from the PNG
 * specification and independent of the engine's encoder, so that a wrong encoder cannot be hidden
 * by a decoder with the same mistake. Chunk CRCs are checked (zlib's crc32 is the PNG one).
 */
export function decodePng(file: Uint8Array): DecodedPng {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | undefined;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8] ?? 0, colorType: body[9] ?? 0, interlace: body[12] ?? 0 };
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR');
  if (header.interlace !== 0) throw new Error('interlaced PNGs are not decoded here');
  const channels = CHANNELS[header.colorType];
  if (!channels) throw new Error(`colour type ${header.colorType} is not decoded here`);
  const bpp = Math.max(1, (channels * header.bitDepth) / 8);
  const stride = (header.width * channels * header.bitDepth) / 8;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)] ?? -1;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (pixels[y * stride + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (pixels[(y - 1) * stride + x - bpp] ?? 0) : 0;
      const value = line[x] ?? 0;
      let out: number;
      switch (filter) {
        case 0: out = value; break;
        case 1: out = value + a; break;
        case 2: out = value + b; break;
        case 3: out = value + Math.floor((a + b) / 2); break;
        case 4: out = value + paeth(a, b, c); break;
        default: throw new Error(`row ${y} has filter ${filter}`);
      }
      pixels[y * stride + x] = out & 0xff;
    }
  }
  return { width: header.width, height: header.height, bitDepth: header.bitDepth, colorType: header.colorType, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
