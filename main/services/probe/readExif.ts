import exifr from 'exifr';
import { z } from 'zod';

/** exifr's raw output is a boundary like any file: each tag is checked before we trust its type. */
const text = z.unknown().transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)).optional();
const num = z.unknown().transform((v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)).optional();
/** Rationals arrive as number arrays, bytes as Uint8Array; a scalar is a one-element list. */
const numbers = z.unknown().transform((v): number[] | undefined => {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v) || v instanceof Uint8Array) {
    const list: unknown[] = Array.from(v);
    return list.every((n): n is number => typeof n === 'number') ? list : undefined;
  }
  return undefined;
}).optional();

const exifBlocksSchema = z.object({
  ifd0: z.object({ Make: text, Model: text, Orientation: num }).optional(),
  exif: z.object({
    DateTimeOriginal: text, SubSecTimeOriginal: text, OffsetTimeOriginal: text,
    CreateDate: text, SubSecTimeDigitized: text, OffsetTimeDigitized: text, OffsetTime: text,
  }).optional(),
  gps: z.object({
    latitude: num, longitude: num, GPSAltitude: num, GPSAltitudeRef: numbers, GPSDateStamp: text, GPSTimeStamp: numbers,
  }).optional(),
});

export type ExifBlocks = z.infer<typeof exifBlocksSchema>;

/**
 * Raw tags, untranslated and unrevived: exifr would otherwise turn EXIF times into Dates in the
 * local zone of this machine, which is exactly the ambiguity we must report instead of hide.
 */
export async function readExif(filePath: string, format: string): Promise<ExifBlocks> {
  // `chunked` is a real exifr option its type declarations leave out.
  const options: NonNullable<Parameters<typeof exifr.parse>[1]> & { chunked: boolean } = {
    mergeOutput: false,
    tiff: true, exif: true, gps: true,
    ifd1: false, interop: false, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false, makerNote: false, userComment: false,
    translateKeys: true, translateValues: false, reviveValues: false, sanitize: true,
    // exifr's chunked reader misses a PNG eXIf chunk placed after the image data (it is allowed
    // anywhere before IEND), so PNGs are read whole.
    chunked: format !== 'png',
  };
  const raw: unknown = await exifr.parse(filePath, options);
  return exifBlocksSchema.parse(raw ?? {});
}
