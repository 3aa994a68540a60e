import { basename } from 'node:path';
import { HAS_CHROMIUM, NO_CHROMIUM } from './chromium';
import { expect, findRow, saveScreen, test } from './fixtures';
import { FIXTURES, fixture, NO_FIXTURES } from './fixturePaths';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM);
test.skip(!FIXTURES, NO_FIXTURES);

// Bags have their own spec (watchFolder.spec.ts): they also need the engine's indexer.
const DROPPED = ['video/moviepy/chaplin.mp4', 'images/exifr/IMG_20180725_163423-tiny.jpg', 'pcd/pcl/bunny.pcd'];

test('dropped files are staged on the agent and reach done; every screen is captured', async ({ app, consoleErrors }) => {
  await app.getByTestId('drop-files').setInputFiles(DROPPED.map(fixture));
  await expect(app.getByTestId('drop-outcome')).toContainText(`${DROPPED.length} queued`);
  await expect(app.getByTestId('phase-done').locator('[data-files]')).toHaveAttribute('data-files', String(DROPPED.length), { timeout: 120_000 });
  await saveScreen(app, 'overview');

  for (const path of DROPPED) {
    const row = await findRow(app, basename(path));
    await expect(row).toHaveAttribute('data-state', 'done');
  }
  await app.getByTestId('queue-search').fill('');
  await expect(app.getByTestId('queue-total')).toHaveAttribute('data-total', String(DROPPED.length));
  await (await findRow(app, 'bunny.pcd')).click();
  await expect(app.getByTestId('lidar-canvas')).toHaveAttribute('data-drawn', 'true');
  await saveScreen(app, 'queue');

  await app.getByTestId('nav-sources').click();
  await expect(app.getByTestId('screen-sources')).toBeVisible();
  await saveScreen(app, 'sources');
  await app.getByTestId('nav-jobs').click();
  await expect(app.getByTestId('recordings')).toBeVisible();
  await saveScreen(app, 'jobs');
  await app.getByTestId('nav-settings').click();
  await expect(app.getByTestId('settings-concurrency')).toBeVisible();
  await saveScreen(app, 'settings');

  // A CSP violation, a failed bundle load or an uncaught error would all have shown up here.
  expect(consoleErrors).toEqual([]);
});

test('a drop made in the page (no file-system entries) is staged and queued too', async ({ app }) => {
  await app.getByTestId('drop-zone').evaluate((zone) => {
    const points = '# .PCD v0.7\nVERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 3\nHEIGHT 1\nPOINTS 3\nDATA ascii\n0 0 0\n1 0 0\n0 1 1\n';
    const transfer = new DataTransfer();
    transfer.items.add(new File([points], 'page-drop.pcd'));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(app.getByTestId('drop-outcome')).toContainText('1 queued');
  await expect(await findRow(app, 'page-drop.pcd')).toHaveAttribute('data-state', 'done');
});

test('the theme setting switches the page between light and dark', async ({ app }) => {
  await app.getByTestId('nav-settings').click();
  await app.getByTestId('settings-theme').selectOption('dark');
  await app.getByTestId('settings-save').click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreen(app, 'settings-dark');
  await app.getByTestId('settings-theme').selectOption('system');
  await app.getByTestId('settings-save').click();
  await expect(app.locator('html')).not.toHaveAttribute('data-theme', /.+/);
});
