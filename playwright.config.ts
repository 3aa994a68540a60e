// Browser tests: Debian's Chromium drives the headless agent's UI (real engine, real files). No
// Playwright browser download: the system Chromium is used, and without it every spec skips with
// a message (see test/e2e/chromium.ts).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './test/e2e/chromium';

// eslint-disable-next-line import-x/no-default-export -- Playwright reads its configuration from the default export.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './test/e2e/globalSetup.ts',
  // Each spec starts its own agent and engine; two cores run one at a time without starving them.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
