import { basename } from 'node:path';
import { decodePng } from '../helpers/decodePng';
import { HAS_CHROMIUM, NO_CHROMIUM } from './chromium';
import { expect, findRow, saveScreen, test } from './fixtures';
import { FIXTURES, fixture, NO_FIXTURES, POINT_CLOUDS } from './fixturePaths';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM);
test.skip(!FIXTURES, NO_FIXTURES);

/** Pixels of a screenshot that differ clearly from the canvas background (the drawn points). */
function drawnPixels(png: Buffer, background: [number, number, number]): number {
  const { rgba } = decodePng(png);
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const d = Math.abs((rgba[i] ?? 0) - background[0]) + Math.abs((rgba[i + 1] ?? 0) - background[1]) + Math.abs((rgba[i + 2] ?? 0) - background[2]);
    if (d > 40) count++;
  }
  return count;
}

test('the lidar preview draws every point cloud fixture, NaN holes skipped', async ({ app }) => {
  await app.getByTestId('drop-files').setInputFiles(POINT_CLOUDS.map(fixture));
  await expect(app.getByTestId('drop-outcome')).toContainText(`${POINT_CLOUDS.length} queued`);
  for (const path of POINT_CLOUDS) {
    const row = await findRow(app, basename(path));
    await row.click();
    const canvas = app.getByTestId('lidar-canvas');
    await expect(canvas).toHaveAttribute('data-drawn', 'true');
    const pixels = drawnPixels(await canvas.screenshot(), [0x1a, 0x1d, 0x21]);
    expect(pixels, `${path} drew no point`).toBeGreaterThan(0);
    if (path.endsWith('table_scene_mug_stereo_textured.pcd')) {
      // SOURCES.md: 307200 points in a 640x480 grid, 209280 of them finite.
      await expect(app.getByTestId('lidar-point-count')).toHaveAttribute('data-count', '307200');
      await expect(canvas).toHaveAttribute('data-points', '209280');
      await expect(app.getByTestId('lidar-facts')).toContainText('640 × 480 (organised)');
      await saveScreen(app, 'preview-lidar-organised');
    }
  }
  await (await findRow(app, '000008.bin')).click();
  await expect(app.getByTestId('lidar-color-mode')).toHaveValue('intensity');
  await app.getByTestId('lidar-color-mode').selectOption('height');
  await expect(app.getByTestId('lidar-canvas')).toHaveAttribute('data-points', '17238');
  await saveScreen(app, 'preview-lidar-kitti');
});

test('the video preview plays the local file and reports its duration', async ({ app }) => {
  await app.getByTestId('drop-files').setInputFiles(fixture('video/moviepy/chaplin.mp4'));
  await (await findRow(app, 'chaplin.mp4')).click();
  // SOURCES.md: 9.64 s. ffprobe's figure from the journal, and the player's own from range requests.
  const probed = Number(await app.getByTestId('video-duration').getAttribute('data-seconds'));
  expect(probed).toBeCloseTo(9.64, 1);
  await expect(app.getByTestId('player-duration')).toBeVisible();
  expect(Number(await app.getByTestId('player-duration').getAttribute('data-seconds'))).toBeCloseTo(9.64, 1);
  // Seeking near the end must work without reading the file from the start (range requests).
  await app.getByTestId('video-player').evaluate(async (video: HTMLVideoElement) => {
    video.currentTime = 9;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  });
  expect(await app.getByTestId('video-player').evaluate((video: HTMLVideoElement) => video.currentTime)).toBeCloseTo(9, 0);
  await saveScreen(app, 'preview-video');
});

test('the image preview shows the EXIF capture time and GPS position', async ({ app }) => {
  await app.getByTestId('drop-files').setInputFiles(fixture('images/exifr/IMG_20180725_163423-tiny.jpg'));
  await (await findRow(app, 'IMG_20180725_163423-tiny.jpg')).click();
  // SOURCES.md: DateTimeOriginal 2018:07:25 16:34:23 without an offset (read as UTC), GPS 50.299603 N 14.820294 E, 252 m.
  await expect(app.getByTestId('image-time')).toHaveAttribute('data-iso', /^2018-07-25T16:34:23/);
  await expect(app.getByTestId('image-gps')).toContainText('50.299603, 14.820294, 252');
  await saveScreen(app, 'preview-image');
});

test('the COCO preview counts images, annotations and categories', async ({ app }) => {
  await app.getByTestId('drop-files').setInputFiles(fixture('coco/datumaro/coco_instances/annotations/instances_train.json'));
  await (await findRow(app, 'instances_train.json')).click();
  // SOURCES.md: 1 image, 1 annotation, 3 categories.
  await expect(app.getByTestId('coco-images')).toHaveText('1');
  await expect(app.getByTestId('coco-annotations')).toHaveText('1');
  await expect(app.getByTestId('coco-categories')).toHaveText('3');
});
