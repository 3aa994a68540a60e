import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../../helpers/spawnCli';
import { startTestEngine, type TestEngine } from '../../helpers/startTestEngine';

const stateDir = mkdtempSync(join(tmpdir(), 'scenedock-cli-agent-'));
let engine: TestEngine | undefined;
afterAll(async () => {
  await engine?.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('scenedock agent', () => {
  it('with nothing to watch and its queue paused, runs until stopped, then exits 0', async () => {
    engine = await startTestEngine();
    const cli = spawnCli(['agent', '--engine', engine.url, '--token', engine.adminToken, '--state', stateDir, '--paused']);
    await cli.waitForLine(/SceneDock agent running; engine http:\/\/127\.0\.0\.1:\d+; watching nothing/);
    // Nothing holds the event loop but the wait for a signal: the agent must still be there.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cli.child.exitCode).toBeNull();
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});
