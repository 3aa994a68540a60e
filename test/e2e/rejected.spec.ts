import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_CHROMIUM, NO_CHROMIUM } from './chromium';
import { expect, findRow, saveScreen, test } from './fixtures';
import { FIXTURES, fixture, NO_FIXTURES } from './fixturePaths';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM);
test.skip(!FIXTURES, NO_FIXTURES);

test('a corrupt point cloud is rejected and the queue says why', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'scenedock-e2e-corrupt-'));
  try {
    // The Hesai scan cut in half: its header still declares 63021 binary points.
    const whole = readFileSync(fixture('pcd/nebula/hesai_xt32/1673400678101968885.pcd'));
    const corrupt = join(dir, 'truncated_scan.pcd');
    writeFileSync(corrupt, whole.subarray(0, Math.floor(whole.length / 2)));
    await app.getByTestId('drop-files').setInputFiles(corrupt);
    const row = await findRow(app, 'truncated_scan.pcd');
    await expect(row).toHaveAttribute('data-state', 'rejected');
    await expect(row.getByTestId('row-reason')).toContainText(/63021|bytes/);
    await app.getByTestId('queue-search').fill('');
    await app.getByTestId('filter-rejected').click();
    await expect(app.getByTestId('queue-total')).toHaveAttribute('data-total', '1');
    await row.click();
    await expect(app.getByTestId('item-panel')).toContainText(/63021|bytes/);
    await saveScreen(app, 'queue-rejected');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
