import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, type CliProcess } from '../helpers/spawnCli';
import { HAS_CHROMIUM, NO_CHROMIUM } from './chromium';
import { expect, findRow, saveScreen, test } from './fixtures';
import { FIXTURES, fixture, NO_FIXTURES } from './fixturePaths';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM);
test.skip(!FIXTURES, NO_FIXTURES);

async function startEngine(dataDir: string, port: number): Promise<{ engine: CliProcess; port: number }> {
  const engine = spawnCli(['engine', '--data', dataDir, '--port', String(port), '--log-level', 'warn']);
  const match = await engine.waitForLine(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
  return { engine, port: Number(match[1]) };
}

async function stop(engine: CliProcess): Promise<void> {
  engine.child.kill('SIGTERM');
  await engine.exited;
}

test('the engine going away shows offline, and the queue resumes when it is back', async ({ app }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'scenedock-e2e-remote-'));
  let running = await startEngine(dataDir, 0);
  try {
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    await app.getByTestId('nav-settings').click();
    await app.getByTestId('engine-remote').check();
    await app.getByTestId('engine-url').fill(`http://127.0.0.1:${running.port}`);
    await app.locator('input[type=password]').fill(token);
    await app.getByTestId('settings-save').click();
    await expect(app.getByTestId('settings-saved')).toBeVisible();
    await app.getByTestId('nav-overview').click();
    await expect(app.getByTestId('engine-status')).toHaveAttribute('data-online', 'true');

    await stop(running.engine);
    await expect(app.getByTestId('engine-status')).toHaveAttribute('data-online', 'false');
    await saveScreen(app, 'overview-engine-offline');

    await app.getByTestId('drop-files').setInputFiles([fixture('pcd/pcl/lamppost.pcd'), fixture('images/exifr/img_1771.jpg')]);
    await expect(app.getByTestId('drop-outcome')).toContainText('2 queued');
    const row = await findRow(app, 'lamppost.pcd');
    // Probing is local; sending waits for the engine.
    await expect(row).not.toHaveAttribute('data-state', 'done');

    running = await startEngine(dataDir, running.port);
    await app.getByTestId('nav-overview').click();
    await expect(app.getByTestId('engine-status')).toHaveAttribute('data-online', 'true');
    await expect(await findRow(app, 'lamppost.pcd')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await expect(await findRow(app, 'img_1771.jpg')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  } finally {
    await stop(running.engine);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
