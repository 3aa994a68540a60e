import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('writes one line naming the file and the reason when a watched file is rejected', async () => {
    engine ??= await startTestEngine();
    const watched = join(stateDir, 'watched');
    mkdirSync(watched);
    writeFileSync(join(watched, 'broken.pcd'), '# .PCD v0.7\nFIELDS x y z\nPOINTS many\n');
    const cli = spawnCli(['agent', '--engine', engine.url, '--token', engine.adminToken, '--state', join(stateDir, 'second'), '--watch', watched, '--quiet-ms', '200']);
    try {
      const line = await waitFor(() => /^rejected: (.*?broken\.pcd): (.+)$/m.exec(cli.stderr()), 30_000);
      expect(line[1]).toBe(join(watched, 'broken.pcd'));
      expect(line[2]).toMatch(/without a DATA line/);
      expect(line[2]).not.toContain(watched);
      // Later events about the same item (progress, overview) do not repeat the line.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(cli.stderr().match(/broken\.pcd/g)).toHaveLength(1);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });
});

async function waitFor<T>(probe: () => T | null, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
