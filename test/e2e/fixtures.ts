import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/spawnCli';
import { startAgent, type RunningAgent } from './startAgent';

interface AgentFixtures {
  agent: RunningAgent;
  /** The app, open on the agent's URL, with console errors collected (a CSP violation is one). */
  app: Page;
  consoleErrors: string[];
}

export const test = base.extend<AgentFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form even without dependencies.
  agent: async ({}, use, testInfo) => {
    const agent = await startAgent();
    await use(agent);
    await agent.stop();
    // The agent writes every failed or rejected item to stderr: a failing spec shows why.
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('agent output', { body: `stdout:\n${agent.process.stdout()}\nstderr:\n${agent.process.stderr()}`, contentType: 'text/plain' });
    }
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
  app: async ({ page, agent, consoleErrors }, use) => {
    void consoleErrors;
    await page.goto(agent.url);
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-online', 'true');
    await use(page);
  },
});

export { expect };

/** Saves a screenshot of a screen under test-results/screens/, the artifacts a reviewer looks at. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  const dir = join(repoRoot, 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Opens the Queue, searches by name, and returns the first matching row. */
export async function findRow(page: Page, name: string) {
  await page.getByTestId('nav-queue').click();
  await page.getByTestId('queue-search').fill(name);
  const row = page.getByTestId('queue-row').filter({ hasText: name }).first();
  await expect(row).toBeVisible();
  return row;
}
