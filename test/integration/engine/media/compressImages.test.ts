import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir } from '../../../helpers/fixturesDir';
import { notesOf, runMediaJob } from '../../../helpers/mediaAssets';
import { probeImage } from '../../../helpers/probeImage';
import { MediaTestBed } from '../../../helpers/MediaTestBed';
import type { PythonStyleAssets } from '../../../helpers/PythonStyleAssets';

// compress_images on every fixture image (SOURCES.md, section images) with the three presets the
// client uses; each thumbnail is downloaded and read back with ffprobe.

const imageDir = ((d) => (d ? join(d, 'images') : undefined))(fixturesDir());
const present = imageDir !== undefined && existsSync(imageDir);

type Dims = [number, number];
interface Expected {
  file: string;
  id: string;
  full: Dims;
  /** Longest side 64 / 256, aspect kept (rounded), never enlarged. */
  tiny: Dims;
  small: Dims;
  /** Codec of the tiny and small thumbnails: JPEG sources give JPEG, others PNG. */
  codec: 'mjpeg' | 'png';
}

const IMAGES: Expected[] = [
  { file: 'exifr/IMG_20180725_163423-tiny.jpg', id: 'pixel', full: [1012, 759], tiny: [64, 48], small: [256, 192], codec: 'mjpeg' },
  { file: 'exifr/issue-exifr-13.jpg', id: 'drone', full: [100, 67], tiny: [64, 43], small: [100, 67], codec: 'mjpeg' },
  { file: 'exifr/issue-exifr-3.jpg', id: 'thermal', full: [640, 512], tiny: [64, 51], small: [256, 205], codec: 'mjpeg' },
  { file: 'exifr/img_1771.jpg', id: 'canon', full: [480, 360], tiny: [64, 48], small: [256, 192], codec: 'mjpeg' },
  { file: 'exifr/noexif.jpg', id: 'noexif', full: [250, 188], tiny: [64, 48], small: [250, 188], codec: 'mjpeg' },
  { file: 'exifr/orientation/f6t.jpg', id: 'oriented', full: [80, 48], tiny: [64, 38], small: [80, 48], codec: 'mjpeg' },
  { file: 'exifr/png/png_with_exif_and_gps.png', id: 'one_pixel', full: [1, 1], tiny: [1, 1], small: [1, 1], codec: 'png' },
  { file: 'exifr/001.tif', id: 'tiff16', full: [640, 512], tiny: [64, 51], small: [256, 205], codec: 'png' },
  { file: 'mmdetection3d/kitti/000000.png', id: 'kitti', full: [1224, 370], tiny: [64, 19], small: [256, 77], codec: 'png' },
];

let bed: MediaTestBed;
let py: PythonStyleAssets;
let other: PythonStyleAssets;

beforeAll(async () => {
  if (!present) return;
  bed = await MediaTestBed.start('compress-images');
  py = bed.py;
  for (const image of IMAGES) {
    await py.uploadImage({ file: join(imageDir, image.file), id: image.id, width: image.full[0], height: image.full[1], format: image.file.split('.').pop() ?? '', sensor: 'cam' });
  }
  const bad = join(bed.scratch, 'bad.png');
  writeFileSync(bad, 'this is not a picture\n'.repeat(50));
  await py.uploadImage({ file: bad, id: 'bad', width: 10, height: 10, format: 'png' });
  other = await bed.otherOrganization();
  await other.uploadImage({ file: join(imageDir, 'exifr/noexif.jpg'), id: 'foreign', width: 250, height: 188, format: 'jpg' });
}, 60_000);
afterAll(async () => {
  if (present) await bed.dispose();
});

async function thumbnail(id: string, tag: string): Promise<{ record: Record<string, unknown>; probe: ReturnType<typeof probeImage> }> {
  const record = ((await py.meta('images', id))!.thumbnails as Record<string, Record<string, unknown>>)[tag]!;
  return { record, probe: probeImage(await bed.downloadAccess(record, `${id}_${tag}`)) };
}

describe.skipIf(!present)(`compress_images on the fixture images (${present ? imageDir : 'folder fixtures/real/images not found: skipped'})`, () => {
  it('makes tiny, small and full_size_png thumbnails of every image, recorded as thumbnails.<preset>', async () => {
    for (const preset of ['tiny', 'small', 'full_size_png'] as const) {
      const job = await runMediaJob(py, 'images/compress_images/', { ids: IMAGES.map((i) => i.id), desired_shape: null, thumbnail_tag: null, use_preset: preset });
      expect(job.status, notesOf(job).join('\n')).toBe('finished');
      expect(notesOf(job).at(-1)).toBe(`made ${preset} thumbnails of ${IMAGES.length} images (${IMAGES.length} done, 0 failed, 0 skipped)`);
    }
    for (const image of IMAGES) {
      for (const [preset, dims, codec] of [['tiny', image.tiny, image.codec], ['small', image.small, image.codec], ['full_size_png', image.full, 'png']] as const) {
        const { record, probe } = await thumbnail(image.id, preset);
        expect({ id: image.id, preset, ...probe }).toEqual({ id: image.id, preset, width: dims[0], height: dims[1], codec });
        expect(record).toMatchObject({ width: dims[0], height: dims[1], format: codec === 'png' ? 'png' : 'jpg' });
      }
    }
  }, 120_000);

  it('desired_shape makes that exact size, under thumbnail_tag (or <w>x<h>), beside the presets', async () => {
    expect((await runMediaJob(py, 'images/compress_images', { ids: ['kitti'], desired_shape: [100, 50], thumbnail_tag: 'strip' })).status).toBe('finished');
    expect((await runMediaJob(py, 'images/compress_images', { ids: ['kitti'], desired_shape: [32, 32] })).status).toBe('finished');
    expect((await thumbnail('kitti', 'strip')).probe).toEqual({ width: 100, height: 50, codec: 'png' });
    expect((await thumbnail('kitti', '32x32')).probe).toEqual({ width: 32, height: 32, codec: 'png' });
    expect(Object.keys((await py.meta('images', 'kitti'))!.thumbnails as object).sort()).toEqual(['32x32', 'full_size_png', 'small', 'strip', 'tiny']);
  }, 60_000);

  it('notes a corrupt image, an unknown id and another organization\'s image, and makes the others', async () => {
    const job = await runMediaJob(py, 'images/compress_images/', { ids: ['bad', 'missing_image', 'foreign', 'noexif'], use_preset: 'tiny' });
    expect(job.status).toBe('finished');
    expect(notesOf(job)).toEqual([
      'failed image bad (bad.png): no picture ffprobe can read: not an image',
      'failed image missing_image: not found in this organization',
      'failed image foreign: not found in this organization',
      'made tiny thumbnails of 1 images (1 done, 3 failed, 0 skipped)',
    ]);
    expect((await other.meta('images', 'foreign'))!.thumbnails).toBeUndefined();
  }, 60_000);

  it('refuses a body without preset or shape, an unknown preset and a bad shape with a 400 naming the field', async () => {
    for (const [body, message] of [
      [{ ids: ['kitti'] }, /use_preset: use_preset or desired_shape is required/],
      [{ ids: ['kitti'], use_preset: 'huge' }, /use_preset: must be one of tiny, small, full_size_png/],
      [{ ids: ['kitti'], desired_shape: [0, 10] }, /desired_shape\.0: must be at least 1 pixel/],
      [{ ids: [], use_preset: 'small' }, /ids: ids must list at least one id/],
      [{ ids: ['kitti'], use_preset: 'small', thumbnail_tag: '../x' }, /thumbnail_tag/],
    ] as const) {
      const res = await py.se('images/compress_images/', body);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(message);
    }
  });
});
