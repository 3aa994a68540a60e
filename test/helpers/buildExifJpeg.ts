// Builds an EXIF APP1 block by hand (TIFF header, IFD0, Exif IFD, GPS IFD) and splices it into a
// JPEG, so that tests can check tags no fixture carries (OffsetTimeOriginal, southern/western GPS).

export type TiffValue =
  | { type: 'ascii'; value: string }
  | { type: 'byte'; value: number[] }
  | { type: 'short'; value: number[] }
  | { type: 'rational'; value: [number, number][] };

export type TiffIfd = Record<number, TiffValue>;

const TYPE_CODES = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5 } as const;
const EXIF_POINTER = 0x8769;
const GPS_POINTER = 0x8825;

export function buildExifJpeg(baseJpeg: Uint8Array, ifd0: TiffIfd, exif: TiffIfd, gps: TiffIfd): Buffer {
  const tiff = buildTiff(ifd0, exif, gps);
  const app1Length = 2 + 6 + tiff.length;
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, app1Length >> 8, app1Length & 0xff]), Buffer.from('Exif\0\0', 'latin1'), tiff]);
  return Buffer.concat([Buffer.from(baseJpeg.subarray(0, 2)), app1, Buffer.from(baseJpeg.subarray(2))]);
}

function buildTiff(ifd0: TiffIfd, exif: TiffIfd, gps: TiffIfd): Buffer {
  const withPointers: TiffIfd = { ...ifd0, [EXIF_POINTER]: { type: 'short', value: [0] }, [GPS_POINTER]: { type: 'short', value: [0] } };
  const blocks = [withPointers, exif, gps];
  const sizes = blocks.map(ifdSize);
  const offsets = [8, 8 + (sizes[0] as number), 8 + (sizes[0] as number) + (sizes[1] as number)];
  const out = Buffer.alloc(8 + sizes.reduce((a, b) => a + b, 0));
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  blocks.forEach((ifd, i) => writeIfd(out, offsets[i] as number, ifd, { [EXIF_POINTER]: offsets[1] as number, [GPS_POINTER]: offsets[2] as number }));
  return out;
}

function valueBytes(v: TiffValue): Buffer {
  switch (v.type) {
    case 'ascii': return Buffer.from(`${v.value}\0`, 'latin1');
    case 'byte': return Buffer.from(v.value);
    case 'short': {
      const b = Buffer.alloc(2 * v.value.length);
      v.value.forEach((n, i) => b.writeUInt16LE(n, i * 2));
      return b;
    }
    case 'rational': {
      const b = Buffer.alloc(8 * v.value.length);
      v.value.forEach(([num, den], i) => {
        b.writeUInt32LE(num, i * 8);
        b.writeUInt32LE(den, i * 8 + 4);
      });
      return b;
    }
  }
}

function ifdSize(ifd: TiffIfd): number {
  const data = Object.values(ifd).map(valueBytes).filter((b) => b.length > 4).reduce((sum, b) => sum + b.length + (b.length % 2), 0);
  return 2 + Object.keys(ifd).length * 12 + 4 + data;
}

function writeIfd(out: Buffer, at: number, ifd: TiffIfd, pointers: Record<number, number>): void {
  const tags = Object.keys(ifd).map(Number).sort((a, b) => a - b);
  out.writeUInt16LE(tags.length, at);
  let data = at + 2 + tags.length * 12 + 4;
  tags.forEach((tag, i) => {
    const entry = at + 2 + i * 12;
    const value = ifd[tag] as TiffValue;
    const bytes = valueBytes(value);
    const pointer = pointers[tag];
    out.writeUInt16LE(tag, entry);
    out.writeUInt16LE(pointer !== undefined ? TYPE_CODES.long : TYPE_CODES[value.type], entry + 2);
    out.writeUInt32LE(pointer !== undefined ? 1 : value.type === 'rational' || value.type === 'short' ? value.value.length : bytes.length, entry + 4);
    if (pointer !== undefined) out.writeUInt32LE(pointer, entry + 8);
    else if (bytes.length <= 4) bytes.copy(out, entry + 8);
    else {
      out.writeUInt32LE(data, entry + 8);
      bytes.copy(out, data);
      data += bytes.length + (bytes.length % 2);
    }
  });
  out.writeUInt32LE(0, at + 2 + tags.length * 12);
}
