import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageProbeSchema, type ImageProbe } from '../../shared/ingest/probeSchemas';
import { ffmpegPath } from '../../engine/media/ffmpegPath';
import { probeImage } from '../../main/services/probe/probeImage';
import { ProbeError } from '../../main/services/probe/ProbeError';
import { buildExifJpeg, type TiffIfd } from '../helpers/buildExifJpeg';
import { FIXTURES_MISSING, fixturesDir } from '../helpers/fixturesDir';

const root = fixturesDir();

const NO_EXIF = { make: null, model: null, dateTimeOriginal: null, timeSource: null, utcOffset: null, timeZoneAssumed: false, gps: null, gpsTime: null, exifError: null };

async function probe(relativePath: string): Promise<ImageProbe> {
  const result = await probeImage(join(root as string, relativePath));
  // The probe is plain JSON that its own schema accepts after a round trip (journal, IPC, aux).
  expect(imageProbeSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
  return result;
}

describe.skipIf(!root)(`probeImage on the image fixtures (${root ?? FIXTURES_MISSING})`, () => {
  it('Pixel photo: 1012x759, Google Pixel, local time read as UTC, GPS 50.299603 N 14.820294 E 252 m', async () => {
    const p = await probe('images/exifr/IMG_20180725_163423-tiny.jpg');
    expect(p).toMatchObject({ format: 'jpg', width: 1012, height: 759, make: 'Google', model: 'Pixel', orientation: 1, timeSource: 'DateTimeOriginal', utcOffset: null, timeZoneAssumed: true });
    expect(p.dateTimeOriginal).toMatch(/^2018-07-25T16:34:23\.\d{9}Z$/);
    expect(p.gps?.latitude).toBeCloseTo(50.299603, 6);
    expect(p.gps?.longitude).toBeCloseTo(14.820294, 6);
    expect(p.gps?.altitude).toBe(252);
    // GPS time is UTC by definition: two hours behind the camera's local (CEST) clock.
    expect(p.gpsTime).toBe('2018-07-25T14:34:23.000000000Z');
  });

  it('Hasselblad drone photo: 100x67, GPS 47.354184 N 10.191315 E 1252 m', async () => {
    const p = await probe('images/exifr/issue-exifr-13.jpg');
    expect(p).toMatchObject({ width: 100, height: 67, make: 'Hasselblad', model: 'L1D-20c', dateTimeOriginal: '2019-10-03T09:10:11.000000000Z', timeZoneAssumed: true });
    expect(p.gps?.latitude).toBeCloseTo(47.354184, 6);
    expect(p.gps?.longitude).toBeCloseTo(10.191315, 5); // the file holds 10.1913155; SOURCES truncates
    expect(p.gps?.altitude).toBe(1252);
  });

  it('DJI thermal JPEG (APP segments past 512 KB): 640x512, western longitude, no Orientation tag', async () => {
    const p = await probe('images/exifr/issue-exifr-3.jpg');
    expect(p).toMatchObject({ format: 'jpg', width: 640, height: 512, make: 'DJI', model: 'FLIR', orientation: null });
    expect(p.dateTimeOriginal).toMatch(/^2019-04-30T15:56:18\./);
    expect(p.gps?.latitude).toBeCloseTo(40.377501, 6);
    expect(p.gps?.longitude).toBeCloseTo(-74.489913, 6);
    // SOURCES gives 8.5 m; the file's GPSAltitudeRef is 1 ("below sea level"), which the EXIF standard makes negative.
    expect(p.gps?.altitude).toBe(-8.5);
  });

  it('Canon PowerShot S40: 480x360, no GPS', async () => {
    const p = await probe('images/exifr/img_1771.jpg');
    expect(p).toMatchObject({ width: 480, height: 360, make: 'Canon', dateTimeOriginal: '2003-12-14T12:01:44.000000000Z', gps: null, gpsTime: null });
    expect(p.model).toContain('PowerShot S40');
  });

  it('JPEG without EXIF: 250x188 and nothing else', async () => {
    expect(await probe('images/exifr/noexif.jpg')).toEqual({ kind: 'image', format: 'jpg', width: 250, height: 188, orientation: null, ...NO_EXIF });
  });

  it('tiny JPEG with Orientation 6 only', async () => {
    expect(await probe('images/exifr/orientation/f6t.jpg')).toEqual({ kind: 'image', format: 'jpg', width: 80, height: 48, orientation: 6, ...NO_EXIF });
  });

  it('PNG with EXIF and GPS in an eXIf chunk after the image data', async () => {
    const p = await probe('images/exifr/png/png_with_exif_and_gps.png');
    expect(p).toMatchObject({ format: 'png', width: 1, height: 1, make: 'Canon', timeZoneAssumed: true });
    expect(p.model).toContain('PowerShot S40');
    expect(p.dateTimeOriginal).toMatch(/^2003-12-14T12:01:44\./);
    expect(p.gps?.latitude).toBeCloseTo(50.299603, 6);
    expect(p.gps?.longitude).toBeCloseTo(14.820294, 6);
    expect(p.gps?.altitude).toBe(252);
  });

  it('16-bit TIFF whose IFD sits after the pixels: 640x512, DJI FLIR, GPS 50.862599 N 4.672542 E', async () => {
    const p = await probe('images/exifr/001.tif');
    expect(p).toMatchObject({ format: 'tiff', width: 640, height: 512, make: 'DJI', model: 'FLIR' });
    expect(p.dateTimeOriginal).toMatch(/^2017-11-07T18:56:07\./);
    expect(p.gps?.latitude).toBeCloseTo(50.862599, 6);
    expect(p.gps?.longitude).toBeCloseTo(4.672542, 6);
    expect(Math.abs(p.gps?.altitude ?? 0)).toBe(8); // GPSAltitudeRef 1 here too, see the thermal JPEG
  });

  const plain: [string, string, number, number][] = [
    ['images/mmdetection3d/kitti/000000.png', 'png', 1224, 370],
    ['coco/mmdetection3d/kitti/training/image_2/000007.png', 'png', 1242, 375],
    ['coco/panopticapi/sample_data/input_images/000000142238.jpg', 'jpg', 640, 427],
    ['coco/panopticapi/sample_data/input_images/000000439180.jpg', 'jpg', 640, 360],
    ['coco/datumaro/coco_instances/images/train/a.jpg', 'jpg', 10, 5],
    ['coco/datumaro/coco_instances/images/val/b.jpg', 'jpg', 5, 10],
    ['coco/datumaro/coco_person_keypoints/images/val/b.jpg', 'jpg', 5, 10],
  ];
  for (const [file, format, width, height] of plain) {
    it(`${file}: ${format} ${width}x${height} without EXIF`, async () => {
      expect(await probe(file)).toEqual({ kind: 'image', format, width, height, orientation: null, ...NO_EXIF });
    });
  }
});

describe('probeImage on generated files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-image-'));
  let baseJpeg: Buffer;

  beforeAll(() => {
    const file = join(dir, 'base.jpg');
    execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:s=16x8', '-frames:v', '1', '-y', file]);
    baseJpeg = readFileSync(file);
  });

  const ascii = (value: string) => ({ type: 'ascii' as const, value });
  const rational = (...value: [number, number][]) => ({ type: 'rational' as const, value });
  const ifd0: TiffIfd = { 0x010f: ascii('Acme'), 0x0110: ascii('Rig 1'), 0x0112: { type: 'short', value: [3] } };
  const southWestBelowSea: TiffIfd = {
    0x0001: ascii('S'), 0x0002: rational([33, 1], [51, 1], [3600, 100]),
    0x0003: ascii('W'), 0x0004: rational([151, 1], [12, 1], [0, 1]),
    0x0005: { type: 'byte', value: [1] }, 0x0006: rational([125, 10]),
    0x0007: rational([19, 1], [15, 1], [1557, 100]), 0x001d: ascii('2021:08:24'),
  };

  it('applies OffsetTimeOriginal, keeps sub-seconds, and signs southern/western/below-sea GPS', async () => {
    const file = join(dir, 'offset.jpg');
    const exif: TiffIfd = { 0x9003: ascii('2021:08:24 21:15:15'), 0x9291: ascii('574'), 0x9011: ascii('+02:00') };
    writeFileSync(file, buildExifJpeg(baseJpeg, ifd0, exif, southWestBelowSea));
    const p = await probeImage(file);
    expect(p).toMatchObject({
      format: 'jpg', width: 16, height: 8, make: 'Acme', model: 'Rig 1', orientation: 3,
      dateTimeOriginal: '2021-08-24T19:15:15.574000000Z', timeSource: 'DateTimeOriginal', utcOffset: '+02:00', timeZoneAssumed: false,
      gps: { latitude: -(33 + 51 / 60 + 36 / 3600), longitude: -(151 + 12 / 60), altitude: -12.5 },
      gpsTime: '2021-08-24T19:15:15.570000000Z',
      exifError: null,
    });
  });

  it('falls back to DateTimeDigitized when DateTimeOriginal is the unset-clock value', async () => {
    const file = join(dir, 'digitized.jpg');
    writeFileSync(file, buildExifJpeg(baseJpeg, ifd0, { 0x9003: ascii('0000:00:00 00:00:00'), 0x9004: ascii('2020:02:29 23:59:59') }, {}));
    expect(await probeImage(file)).toMatchObject({ dateTimeOriginal: '2020-02-29T23:59:59.000000000Z', timeSource: 'DateTimeDigitized', timeZoneAssumed: true, gps: null });
  });

  it('rejects files that are not images, naming the file', async () => {
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'this is not a JPEG at all');
    const error = await probeImage(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).message).toMatch(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    const empty = join(dir, 'empty.png');
    writeFileSync(empty, '');
    await expect(probeImage(empty)).rejects.toThrow(`${empty}: the file is empty`);
    await expect(probeImage(join(dir, 'absent.jpg'))).rejects.toThrow(/absent\.jpg: ENOENT/);
  });

  it('a JPEG cut after 20 bytes fails with the file named', async () => {
    const file = join(dir, 'cut.jpg');
    writeFileSync(file, baseJpeg.subarray(0, 20));
    await expect(probeImage(file)).rejects.toThrow(file);
  });
});
