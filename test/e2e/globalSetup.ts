import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/spawnCli';
import { HAS_CHROMIUM, NO_CHROMIUM } from './chromium';

/** The agent serves out/renderer: build it from the sources under test, once per run. */
// eslint-disable-next-line import-x/no-default-export -- Playwright runs the default export of globalSetup.
export default function globalSetup(): void {
  if (!HAS_CHROMIUM) {
    process.stdout.write(`${NO_CHROMIUM}\n`);
    return;
  }
  execFileSync(process.execPath, [join(repoRoot, 'bin', 'build.mjs'), '--renderer'], { cwd: repoRoot, stdio: 'inherit' });
}
