import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_CHROMIUM, NO_CHROMIUM } from './chromium';
import { expect, findRow, saveScreen, test } from './fixtures';
import { FIXTURES, fixture, NO_FIXTURES } from './fixturePaths';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM);
test.skip(!FIXTURES, NO_FIXTURES);

test('a bag copied into a watched folder is ingested and indexed into a session', async ({ app }) => {
  const folder = mkdtempSync(join(tmpdir(), 'scenedock-e2e-watch-'));
  try {
    await app.getByTestId('nav-sources').click();
    await app.getByTestId('source-path').fill(folder);
    await app.getByTestId('add-source').getByTestId('defaults-submit').click();
    await expect(app.getByTestId('source-card').filter({ hasText: folder })).toBeVisible();
    await saveScreen(app, 'sources-watching');

    copyFileSync(fixture('ros1/foxglove-rosbag/example.bag'), join(folder, 'example.bag'));
    const row = await findRow(app, 'example.bag');
    await expect(row).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

    await app.getByTestId('nav-jobs').click();
    const job = app.getByTestId('job-row').filter({ hasText: 'example.bag' });
    await expect(job).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
    await expect(job.getByTestId('job-session')).toBeVisible();
    await saveScreen(app, 'jobs-indexed');

    // The topic table in the preview reads the bag's local probe: 9 topics (SOURCES.md).
    await (await findRow(app, 'example.bag')).click();
    await expect(app.getByTestId('topic-table').locator('tbody tr')).toHaveCount(9);
    await expect(app.getByTestId('topic-table').locator('tr[data-topic="/turtle1/pose"]')).toContainText('1,344');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
