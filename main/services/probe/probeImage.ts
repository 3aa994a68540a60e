import { exifDateTimeToIso } from '../../../shared/formats/exif/exifDateTimeToIso';
import { exifGpsTimeToIso } from '../../../shared/formats/exif/exifGpsTimeToIso';
import { imageProbeSchema, type ImageProbe } from '../../../shared/ingest/probeSchemas';
import { ProbeError } from './ProbeError';
import { readExif, type ExifBlocks } from './readExif';
import { readImageSize } from './readImageSize';

/** Formats (as image-size names them) that can carry an EXIF block exifr reads. */
const EXIF_FORMATS = new Set(['jpg', 'tiff', 'png', 'heif', 'avif', 'heic']);

/** Dimensions (image-size) and capture metadata (EXIF via exifr) of one image file. */
export async function probeImage(filePath: string): Promise<ImageProbe> {
  let size;
  try {
    size = await readImageSize(filePath);
  } catch (error) {
    throw ProbeError.wrap(filePath, error);
  }
  let blocks: ExifBlocks = {};
  let exifError: string | null = null;
  if (EXIF_FORMATS.has(size.format)) {
    try {
      blocks = await readExif(filePath, size.format);
    } catch (error) {
      // The pixels are readable; a broken metadata block is worth reporting, not rejecting the image.
      exifError = error instanceof Error ? error.message : String(error);
    }
  }
  return imageProbeSchema.parse({
    kind: 'image',
    ...size,
    orientation: orientationOf(blocks),
    make: blocks.ifd0?.Make ?? null,
    model: blocks.ifd0?.Model ?? null,
    ...captureTime(blocks),
    gps: gpsOf(blocks),
    gpsTime: gpsTimeOf(blocks),
    exifError,
  });
}

function orientationOf(blocks: ExifBlocks): number | null {
  const o = blocks.ifd0?.Orientation;
  return o !== undefined && Number.isInteger(o) && o >= 1 && o <= 8 ? o : null;
}

type CaptureTime = Pick<ImageProbe, 'dateTimeOriginal' | 'timeSource' | 'utcOffset' | 'timeZoneAssumed'>;

function captureTime({ exif }: ExifBlocks): CaptureTime {
  const candidates = [
    { source: 'DateTimeOriginal', value: exif?.DateTimeOriginal, sub: exif?.SubSecTimeOriginal, offset: exif?.OffsetTimeOriginal ?? exif?.OffsetTime },
    { source: 'DateTimeDigitized', value: exif?.CreateDate, sub: exif?.SubSecTimeDigitized, offset: exif?.OffsetTimeDigitized ?? exif?.OffsetTime },
  ] as const;
  for (const c of candidates) {
    const time = c.value === undefined ? undefined : exifDateTimeToIso(c.value, c.sub, c.offset);
    if (time) {
      return { dateTimeOriginal: time.iso, timeSource: c.source, utcOffset: time.timeZoneAssumed ? null : (c.offset ?? null), timeZoneAssumed: time.timeZoneAssumed };
    }
  }
  return { dateTimeOriginal: null, timeSource: null, utcOffset: null, timeZoneAssumed: false };
}

function gpsOf({ gps }: ExifBlocks): ImageProbe['gps'] {
  const { latitude, longitude } = gps ?? {};
  if (latitude === undefined || longitude === undefined) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const altitude = gps?.GPSAltitude;
  // GPSAltitudeRef 1 means below sea level (EXIF 2.3 §4.6.6); some drones write it for
  // heights above the take-off point, which we cannot tell apart, so the standard wins.
  const below = gps?.GPSAltitudeRef?.[0] === 1;
  return { latitude, longitude, altitude: altitude === undefined ? null : below ? -altitude : altitude };
}

function gpsTimeOf({ gps }: ExifBlocks): string | null {
  if (!gps?.GPSDateStamp || !gps.GPSTimeStamp) return null;
  return exifGpsTimeToIso(gps.GPSDateStamp, gps.GPSTimeStamp) ?? null;
}
